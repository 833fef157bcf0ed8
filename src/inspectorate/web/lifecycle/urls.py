"""An inspection's life: the recorded moves from planning to publication, who may make each and what
must hold first."""

from django.urls import path

from inspectorate.web.lifecycle import views
from inspectorate.web.lifecycle.documents import ProgressPage
from inspectorate.web.pages.twins import twin_paths

INSPECTION = "inspections/<uuid:code>"

urlpatterns = [
    *twin_paths(f"{INSPECTION}/progress", views.inspection_progress, "inspection-progress", ProgressPage),
    path(f"{INSPECTION}/progress/move", views.progress_move, name="inspection-progress-move"),
]
