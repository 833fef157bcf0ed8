from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """Each force's monitoring status over time: its periods in Engage (or any stage beyond Scan),
    with the decisions that opened and closed them."""

    name = "inspectorate.web.monitoring"
    label = "monitoring"
