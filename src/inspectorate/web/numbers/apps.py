from django.apps import AppConfig


class NumbersConfig(AppConfig):
    """An inspection's force in numbers: indicators, comparators and charts; pages only, no models."""

    name = "inspectorate.web.numbers"
    label = "numbers"
