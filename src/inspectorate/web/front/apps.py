from django.apps import AppConfig


class FrontConfig(AppConfig):
    """HTML pages with their JSON and CSV twins."""

    name = "inspectorate.web.front"
    label = "front"
