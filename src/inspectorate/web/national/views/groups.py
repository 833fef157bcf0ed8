"""A force's most similar group for the national pages: as entered in the registry, never invented."""

from __future__ import annotations

from dataclasses import dataclass

from inspectorate.core.forces import get_force
from inspectorate.core.forces.peer_groups import PeerGroupTable
from inspectorate.web.registry.peer_groups import current_peer_table


@dataclass(frozen=True)
class EnteredGroup:
    members: tuple[str, ...]
    note: str | None
    """Why there are no members: no table entered, or none for this force."""
    table: PeerGroupTable | None


def entered_group(force_id: str | None) -> EnteredGroup:
    table = current_peer_table()
    if force_id is None:
        return EnteredGroup((), None, table)
    if table is None:
        return EnteredGroup((), "No most similar groups have been entered yet.", table)
    peers = table.peers_of(force_id)
    if not peers:
        name = get_force(force_id).name
        return EnteredGroup((), f"No most similar group is entered for {name} in {table.label}.", table)
    return EnteredGroup(peers, None, table)
