from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Published report versions: each a snapshot, public from its embargo's end, never changed."""

    name = "inspectorate.web.reports"
    label = "reports"
