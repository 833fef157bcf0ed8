"""A force's history, and a finding's lineage with the decisions on its links."""

from django.urls import path

from inspectorate.web.history import views
from inspectorate.web.history.documents import ForceHistoryPage
from inspectorate.web.history.lineage_page import LineagePage
from inspectorate.web.pages.twins import twin_paths

FINDING = "inspections/<uuid:code>/findings/<uuid:finding_code>"

urlpatterns = [
    *twin_paths(
        "forces/<slug:force_id>/history", views.force_history_page, "force-history", ForceHistoryPage
    ),
    *twin_paths(f"{FINDING}/lineage", views.finding_lineage_page, "finding-lineage", LineagePage),
    path(f"{FINDING}/lineage/decide", views.finding_link_decide, name="finding-link-decide"),
]
