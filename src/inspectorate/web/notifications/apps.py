from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Email about followed findings: told at once as they change, and a daily digest."""

    name = "inspectorate.web.notifications"
    label = "notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the mail sent when an update is posted or a verdict given (followup's signals).
        from inspectorate.web.notifications import receivers  # noqa: F401
