from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    """The local policing body's published response to a report, due in 56 days (section 55 of the
    Police Act 1996), with its statement on each finding."""

    name = "inspectorate.web.responses"
    label = "responses"
    verbose_name = "Responses of local policing bodies"
    default_auto_field = "django.db.models.BigAutoField"
