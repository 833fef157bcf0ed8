from django.apps import AppConfig


class HistoryConfig(AppConfig):
    """A force's inspections across programmes, each finding's lineage, and what later reports say
    of earlier findings."""

    name = "inspectorate.web.history"
    label = "history"
