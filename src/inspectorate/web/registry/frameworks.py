"""Storing framework versions in a workspace, where they become immutable once used."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from inspectorate.core.frameworks import library
from inspectorate.core.frameworks.spec import Framework
from inspectorate.core.problems import InputError
from inspectorate.web.registry.models import FrameworkVersion


class FrameworkConflict(InputError):
    """The same framework id with different content, where the stored one is in use."""


@dataclass(frozen=True)
class StoreResult:
    framework_id: str
    action: str  # "added", "unchanged", "updated" or "kept" (in use, differing copy not taken)


def store_framework(spec: Framework, origin: str = FrameworkVersion.ORIGIN_FILE) -> StoreResult:
    """Store a framework version; refuse new content under an id that an inspection uses."""
    with transaction.atomic():
        stored = FrameworkVersion.objects.select_for_update().filter(id=spec.id).first()
        if stored is None:
            FrameworkVersion.objects.create(**_fields(spec, origin))
            return StoreResult(spec.id, "added")
        if stored.content_hash == spec.content_hash:
            return StoreResult(spec.id, "unchanged")
        used = stored.inspections.count()
        if used:
            raise FrameworkConflict(
                f"framework {spec.id!r} is used by {used} inspection(s) and its content differs "
                f"(stored {stored.content_hash[:12]}, given {spec.content_hash[:12]}); "
                "a new wording needs a new framework id"
            )
        for name, value in _fields(spec, origin).items():
            setattr(stored, name, value)
        stored.save()
        return StoreResult(spec.id, "updated")


def sync_library() -> list[StoreResult]:
    """Bring the shipped library into the workspace, never changing a version in use."""
    results = []
    for spec in library().values():
        try:
            results.append(store_framework(spec, FrameworkVersion.ORIGIN_LIBRARY))
        except FrameworkConflict:
            results.append(StoreResult(spec.id, "kept"))
    return results


def _fields(spec: Framework, origin: str) -> dict[str, str]:
    return {
        "id": spec.id,
        "programme": spec.programme,
        "title": spec.title,
        "version": spec.version,
        "content_hash": spec.content_hash,
        "content": spec.canonical_json(),
        "origin": origin,
    }
