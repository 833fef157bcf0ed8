from django.apps import AppConfig


class PlanConfig(AppConfig):
    """The fieldwork plan: requests to the force with due dates and the force's answers, and the team's
    activities."""

    name = "inspectorate.web.plan"
    label = "plan"
