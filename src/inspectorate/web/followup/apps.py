from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "inspectorate.web.followup"
    label = "followup"
    verbose_name = "Findings followed after publication"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every version frozen, however it is published (publishing, a recorded report, the demo),
        # has its findings followed in the same transaction.
        from django.db.models.signals import post_save

        from inspectorate.web.followup.services import follow_new_version
        from inspectorate.web.reports.models import ReportVersion

        post_save.connect(follow_new_version, sender=ReportVersion, dispatch_uid="followup-new-version")
