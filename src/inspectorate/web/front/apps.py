from django.apps import AppConfig


class FrontConfig(AppConfig):
    """The site's shell: base template, sign-in, the home page, page twins and uploads."""

    name = "inspectorate.web.front"
    label = "front"
