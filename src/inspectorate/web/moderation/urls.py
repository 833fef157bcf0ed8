"""Moderation: the team's proposed grades, the moderator's decisions with reasons, and grades across
forces."""

from django.urls import path

from inspectorate.web.moderation import views
from inspectorate.web.moderation.documents import FrameworkModerationPage, ModerationPage
from inspectorate.web.pages.twins import twin_paths

INSPECTION = "inspections/<uuid:code>"

urlpatterns = [
    *twin_paths(f"{INSPECTION}/moderation", views.moderation_page, "moderation", ModerationPage),
    path(f"{INSPECTION}/moderation/<str:area_id>", views.moderation_decide, name="moderation-decide"),
    *twin_paths(
        "frameworks/<str:framework_id>/moderation",
        views.framework_moderation,
        "framework-moderation",
        FrameworkModerationPage,
    ),
]
