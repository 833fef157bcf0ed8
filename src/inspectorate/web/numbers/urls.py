"""An inspection's force in numbers."""

from inspectorate.web.front.twins import twin_paths
from inspectorate.web.numbers import views

urlpatterns = [
    *twin_paths("inspections/<uuid:code>/numbers", views.inspection_numbers, "inspection-numbers"),
]
