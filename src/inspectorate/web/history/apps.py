from django.apps import AppConfig


class HistoryConfig(AppConfig):
    """A force's inspections across programmes, and each finding's lineage: pages only, no models."""

    name = "inspectorate.web.history"
    label = "history"
