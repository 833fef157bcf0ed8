from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    """An inspection's life: the recorded moves from planning to publication, who may make each and
    what must hold first."""

    name = "inspectorate.web.lifecycle"
    label = "lifecycle"
