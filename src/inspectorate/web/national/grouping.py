"""How deep an offence stands under its groups: a subgroup is indented under the group it belongs to."""

from __future__ import annotations

from collections.abc import Iterable

from inspectorate.core.national.results import NationalIndicator


def depths(indicators: Iterable[NationalIndicator]) -> dict[str, int]:
    """0 for a group (or a headline indicator), 1 for its subgroup, 2 for a subgroup's own part."""
    parents = {indicator.id: indicator.parent for indicator in indicators}
    found: dict[str, int] = {}
    for indicator_id in parents:
        depth, parent = 0, parents[indicator_id]
        while parent is not None and parent in parents and depth < len(parents):
            depth, parent = depth + 1, parents[parent]
        found[indicator_id] = depth
    return found
