from django.apps import AppConfig


class AuditsConfig(AppConfig):
    """Crime data integrity audits run inside an inspection: sample, decisions, estimates."""

    name = "inspectorate.web.audits"
    label = "audits"
