from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    """Inspections and everything recorded in them: team, judgments, findings, evidence."""

    name = "inspectorate.web.inspections"
    label = "inspections"
