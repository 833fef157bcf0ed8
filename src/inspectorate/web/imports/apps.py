from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Published reports brought in: the staff's upload of one report file, read, shown and confirmed."""

    name = "inspectorate.web.imports"
    label = "imports"
