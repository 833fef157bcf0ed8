from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "inspectorate.web.followup"
    label = "followup"
    verbose_name = "Findings followed after publication"
    default_auto_field = "django.db.models.BigAutoField"
