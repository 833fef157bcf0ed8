"""A framework as plain data for listings: the CLI's JSON and the web's pages share it."""

from __future__ import annotations

from typing import Any

from inspectorate.core.frameworks.spec import Area, Framework


def area_outline(area: Area) -> dict[str, Any]:
    outline: dict[str, Any] = {
        "id": area.id,
        "code": area.code or None,
        "level": area.level,
        "title": area.title,
        "scale": area.scale,
        "direction_scale": area.direction_scale,
    }
    if area.children:
        outline["children"] = [area_outline(child) for child in area.children]
    return outline


def framework_summary(fw: Framework) -> dict[str, Any]:
    """Identity, size and scales of a framework, without its tree."""
    return {
        "id": fw.id,
        "programme": fw.programme,
        "title": fw.title,
        "version": fw.version,
        "inspectorate": fw.inspectorate or None,
        "in_use": fw.in_use or None,
        "area_count": sum(1 for _ in fw.walk()),
        "graded_area_count": len(fw.graded_areas()),
        "scales": [
            {"id": s.id, "name": s.name, "kind": s.kind.value, "levels": [lv.label for lv in s.levels]}
            for s in fw.scales
        ],
        "content_hash": fw.content_hash,
    }


def framework_outline(fw: Framework) -> dict[str, Any]:
    """The summary with the tree of areas."""
    return {**framework_summary(fw), "areas": [area_outline(area) for area in fw.areas]}
