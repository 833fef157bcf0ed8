"""Reference data kept in the database so inspections can point at it."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.db import models

from inspectorate.core.frameworks.spec import Framework


class Force(models.Model):
    """A police force, keyed by its police.uk id (``metropolitan``)."""

    id = models.CharField(primary_key=True, max_length=40)
    name = models.CharField(max_length=120)
    home_office_name = models.CharField(max_length=120, blank=True)
    ons_code = models.CharField(max_length=12, blank=True)
    country = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ForcePopulation(models.Model):
    """A population figure with where it came from; a force with none shows 'unknown'."""

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField()
    population = models.PositiveIntegerField()
    households = models.PositiveIntegerField(null=True, blank=True)
    source = models.TextField()

    class Meta:
        ordering = ["force", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["force", "year"], name="one_population_per_force_year")
        ]

    def __str__(self) -> str:
        return f"{self.force_id} {self.year}: {self.population:,}"


class PeerGroupVersion(models.Model):
    """One version of the most-similar-group table, as filled in by a person, with its source."""

    label = models.CharField(max_length=120)
    source = models.TextField(help_text="Where the groups come from, e.g. the Home Office list and its date.")
    source_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]

    def __str__(self) -> str:
        return self.label

    def groups(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for entry in self.entries.order_by("force_id", "position"):
            found.setdefault(entry.force_id, []).append(entry.peer_id)
        return found


class PeerGroupEntry(models.Model):
    version = models.ForeignKey(PeerGroupVersion, on_delete=models.CASCADE, related_name="entries")
    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="+")
    peer = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "force", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "force", "peer"], name="peer_once_per_group"),
        ]


class FrameworkVersion(models.Model):
    """A framework version as stored in this workspace. Its content never changes once used."""

    ORIGIN_LIBRARY = "library"
    ORIGIN_FILE = "file"

    id = models.CharField(primary_key=True, max_length=80)
    programme = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    content_hash = models.CharField(max_length=64)
    content = models.TextField(help_text="The framework as canonical JSON.")
    origin = models.CharField(
        max_length=10, choices=[(ORIGIN_LIBRARY, "Shipped library"), (ORIGIN_FILE, "Imported file")]
    )
    stored_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.id

    @property
    def spec(self) -> Framework:
        return _spec_from_json(self.content_hash, self.content)


@lru_cache(maxsize=64)
def _spec_from_json(content_hash: str, content: str) -> Framework:
    # Keyed by hash too: the same id may hold different content in different workspaces.
    return Framework.model_validate_json(content)
