"""Saving and reading versions of the most-similar-group table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from inspectorate.core.forces.peer_groups import PeerGroupTable
from inspectorate.web.registry.models import PeerGroupEntry, PeerGroupVersion


@transaction.atomic
def save_peer_group_version(
    groups: Mapping[str, Sequence[str]],
    *,
    label: str,
    source: str,
    source_date: date | None = None,
    notes: str = "",
    created_by: User | None = None,
) -> PeerGroupVersion:
    """A new version; earlier versions stay as they were, so every comparison can be traced."""
    version = PeerGroupVersion.objects.create(
        label=label, source=source, source_date=source_date, notes=notes, created_by=created_by
    )
    PeerGroupEntry.objects.bulk_create(
        PeerGroupEntry(version=version, force_id=force, peer_id=peer, position=n)
        for force, peers in groups.items()
        for n, peer in enumerate(peers)
    )
    return version


def current_peer_groups() -> tuple[PeerGroupVersion | None, dict[str, list[str]]]:
    version = PeerGroupVersion.objects.first()
    return version, (version.groups() if version else {})


def current_peer_table() -> PeerGroupTable | None:
    """The latest most-similar-group version as core's table, or None when none has been filled in."""
    version, groups = current_peer_groups()
    if version is None:
        return None
    return PeerGroupTable(
        label=version.label, source=version.source, source_date=version.source_date, groups=groups
    )
