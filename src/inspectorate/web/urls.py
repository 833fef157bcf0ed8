"""The site's URL map: each feature's app brings its own urls.

Every data page is listed by its app with ``twin_paths``, which adds its .json and .csv twins.
Names are global (no namespaces): a page's name is the same wherever it is linked from.
The error pages (and their .json and .csv twins) are front's (front/errors.py).
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("inspectorate.web.front.urls")),
    path("", include("inspectorate.web.registry.urls")),
    path("", include("inspectorate.web.history.urls")),
    path("", include("inspectorate.web.imports.urls")),
    path("", include("inspectorate.web.monitoring.urls")),
    path("", include("inspectorate.web.public.urls")),
    path("", include("inspectorate.web.inspections.urls")),
    path("", include("inspectorate.web.numbers.urls")),
    path("", include("inspectorate.web.national.urls")),
    path("", include("inspectorate.web.reports.urls")),
    path("", include("inspectorate.web.audits.urls")),
    path("", include("inspectorate.web.reviews.urls")),
    path("", include("inspectorate.web.plan.urls")),
    path("", include("inspectorate.web.followup.urls")),
    path("", include("inspectorate.web.moderation.urls")),
    path("", include("inspectorate.web.factcheck.urls")),
    path("", include("inspectorate.web.lifecycle.urls")),
    path("", include("inspectorate.web.responses.urls")),
    path("", include("inspectorate.web.accounts.urls")),
]

handler403 = "inspectorate.web.front.errors.forbidden"
handler404 = "inspectorate.web.front.errors.not_found"
handler500 = "inspectorate.web.front.errors.server_error"
