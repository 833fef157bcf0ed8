from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    """An inspection's life: the recorded moves from planning to publication, who may make each and
    what must hold first."""

    name = "inspectorate.web.lifecycle"
    label = "lifecycle"

    def ready(self) -> None:
        # Connects the gate on publishing a first version (reports' ``first_version`` signal).
        from inspectorate.web.lifecycle import service  # noqa: F401
