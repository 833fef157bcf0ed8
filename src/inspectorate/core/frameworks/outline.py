"""A framework as typed documents for listings: the CLI's JSON and the web's pages share them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from inspectorate.core.frameworks.spec import Area, Framework


class Outline(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    def to_json(self) -> dict[str, Any]:
        # An area without children has no "children" key, rather than an empty one.
        return self.model_dump(mode="json", exclude_defaults=True)


class ScaleSummary(Outline):
    id: str
    name: str
    kind: str
    """grade or direction (of travel)."""
    levels: list[str]
    """The levels' labels, best first."""


class AreaOutline(Outline):
    id: str
    code: str | None
    level: str
    title: str
    scale: str | None
    direction_scale: str | None
    children: list[AreaOutline] | None = None


def area_outline(area: Area) -> AreaOutline:
    return AreaOutline(
        id=area.id,
        code=area.code or None,
        level=area.level,
        title=area.title,
        scale=area.scale,
        direction_scale=area.direction_scale,
        children=[area_outline(child) for child in area.children] if area.children else None,
    )


class FrameworkIdentity(Outline):
    """Identity and size of a framework."""

    id: str
    programme: str
    title: str
    version: str
    inspectorate: str | None
    in_use: str | None
    """The years the programme ran."""
    area_count: int
    graded_area_count: int
    content_hash: str
    """SHA-256 of the framework's canonical JSON: a version never changes under an inspection."""


class FrameworkSummary(FrameworkIdentity):
    """Identity, size and scales of a framework, without its tree."""

    scales: list[ScaleSummary]


def framework_summary(fw: Framework) -> FrameworkSummary:
    return FrameworkSummary(
        id=fw.id,
        programme=fw.programme,
        title=fw.title,
        version=fw.version,
        inspectorate=fw.inspectorate or None,
        in_use=fw.in_use or None,
        area_count=sum(1 for _ in fw.walk()),
        graded_area_count=len(fw.graded_areas()),
        scales=[
            ScaleSummary(id=s.id, name=s.name, kind=s.kind.value, levels=[lv.label for lv in s.levels])
            for s in fw.scales
        ],
        content_hash=fw.content_hash,
    )


class FrameworkOutline(FrameworkSummary):
    """The summary with the tree of areas: `frameworks list --json` prints these."""

    areas: list[AreaOutline]


def framework_outline(fw: Framework) -> FrameworkOutline:
    return FrameworkOutline(**dict(framework_summary(fw)), areas=[area_outline(area) for area in fw.areas])
