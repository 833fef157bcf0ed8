from django.apps import AppConfig


class NationalConfig(AppConfig):
    """The national pages: each indicator across all 43 forces, a force's national figures, the
    police.uk months missing or far too small; official statistics, the same for every reader.
    Pages only, no models."""

    name = "inspectorate.web.national"
    label = "national"
