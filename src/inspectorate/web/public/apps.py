from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public site: published reports, grades by force and year, open data; pages only, no models."""

    name = "inspectorate.web.public"
    label = "public"
