from django.apps import AppConfig


class RegistryConfig(AppConfig):
    """Reference data: forces, their populations, peer groups and framework versions."""

    name = "inspectorate.web.registry"
    label = "registry"
    verbose_name = "Reference data"
