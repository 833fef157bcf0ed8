from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    """The factual-accuracy check: the force's comments on the draft report and the team's answers."""

    name = "inspectorate.web.factcheck"
    label = "factcheck"
