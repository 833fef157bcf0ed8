"""The national pages: the index, the police.uk months, a force's figures, an indicator's page.

The fixed addresses come before ``<indicator_id>``, which would otherwise take "police-uk" for an
indicator; an indicator's id may hold dots (``recorded-crime.burglary-per-1000``).
"""

from inspectorate.web.national.documents import (
    ForceNationalPage,
    IndicatorPage,
    NationalIndexPage,
    PoliceUkPage,
)
from inspectorate.web.national.views import force, index, indicator, police_uk
from inspectorate.web.pages.twins import twin_paths

urlpatterns = [
    *twin_paths("national", index.national_index, "national", NationalIndexPage),
    *twin_paths("national/police-uk", police_uk.police_uk_completeness, "national-police-uk", PoliceUkPage),
    *twin_paths("national/forces/<slug:force_id>", force.national_force, "national-force", ForceNationalPage),
    *twin_paths(
        "national/<str:indicator_id>", indicator.national_indicator, "national-indicator", IndicatorPage
    ),
]
