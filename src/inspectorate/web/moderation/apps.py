from django.apps import AppConfig


class ModerationConfig(AppConfig):
    """Moderation: the team's proposed grades, the moderator's decisions with reasons, and grades
    across forces."""

    name = "inspectorate.web.moderation"
    label = "moderation"
