"""Every force's monitoring status, and a force's history with the decisions recorded."""

from django.urls import path

from inspectorate.web.monitoring import views
from inspectorate.web.monitoring.documents import ForceMonitoringPage, NationalPage
from inspectorate.web.pages.twins import twin_paths

FORCE = "forces/<slug:force_id>/monitoring"

urlpatterns = [
    *twin_paths("monitoring", views.national, "monitoring", NationalPage),
    *twin_paths(FORCE, views.force_monitoring, "force-monitoring", ForceMonitoringPage),
    path(f"{FORCE}/place", views.monitoring_place, name="monitoring-place"),
    path(f"{FORCE}/exit", views.monitoring_exit, name="monitoring-exit"),
]
