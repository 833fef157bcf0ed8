"""An inspection's force in numbers."""

from inspectorate.web.numbers import views
from inspectorate.web.pages.twins import twin_paths

urlpatterns = [
    *twin_paths(
        "inspections/<uuid:code>/numbers", views.inspection_numbers, "inspection-numbers", views.NumbersPage
    ),
]
