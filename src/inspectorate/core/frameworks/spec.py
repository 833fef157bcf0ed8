"""The typed, frozen specification of an inspection framework (one programme version).

A framework is a tree of areas with stable ids. Each area may be graded on one of the
framework's scales, and may also carry a direction of travel. Grading rules, declared by
name, tie grades to findings. Nothing here does I/O: see ``io`` for YAML in and out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from inspectorate.core.findings import FindingKind

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]


class FrozenModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class ScaleKind(StrEnum):
    GRADE = "grade"
    DIRECTION = "direction"


class ScaleLevel(FrozenModel):
    """One value on a scale, such as Good, or Improved."""

    id: Slug
    label: Text
    description: str = ""
    # False for values that record that no grade was given, such as "Not graded".
    graded: bool = True


class Scale(FrozenModel):
    """An ordered scale; levels are listed best first."""

    id: Slug
    name: Text
    kind: ScaleKind = ScaleKind.GRADE
    description: str = ""
    levels: tuple[ScaleLevel, ...] = Field(min_length=1)

    def level(self, level_id: str) -> ScaleLevel | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    def rank(self, level_id: str) -> int:
        """Position of a graded level, 0 for the best; raises KeyError for an unknown or ungraded one."""
        graded = [lv.id for lv in self.levels if lv.graded]
        if level_id not in graded:
            raise KeyError(level_id)
        return graded.index(level_id)


class Criterion(FrozenModel):
    """One thing an area is judged against: one of PEEL's "characteristics of good", or one of a
    baseline assessment's specific grading criteria. ``dominant``: a criterion that on its own can
    decide the grade (2006 flags them in its criteria). ``grade``: the scale level it describes,
    where the criteria are written per grade (2006's criteria for Excellent, Good, Fair and Poor);
    empty where they describe good performance as a whole."""

    id: Slug
    text: Text
    dominant: bool = False
    grade: str = ""


class Area(FrozenModel):
    """A node of the framework tree: a domain, pillar, question, sub-question or area."""

    id: Slug
    code: str = ""
    level: Text
    title: Text
    question: str = ""
    description: str = ""
    key_issues: tuple[Text, ...] = ()
    scale: Slug | None = None
    direction_scale: Slug | None = None
    note: str = ""
    criteria: tuple[Criterion, ...] = ()
    children: tuple[Area, ...] = ()

    @property
    def graded(self) -> bool:
        return self.scale is not None


class Rule(FrozenModel):
    """A grading rule: a registered check, referred to by name, with its parameters."""

    id: Slug
    check: Text
    description: str = ""
    params: dict[str, Any] = Field(default_factory=dict)


class ComparabilityNote(FrozenModel):
    """A warning the inspectorate itself gave against comparing grades across programme
    versions, summarised in this project's own words, with the document or page that gave it."""

    text: Text
    source: Text


@dataclass(frozen=True)
class AreaPlace:
    """An area with its position in the tree."""

    area: Area
    depth: int
    parent_id: str | None
    ancestor_ids: tuple[str, ...]


class Framework(FrozenModel):
    """One programme version, such as ``peel-2021``. Immutable once an inspection uses it."""

    id: Slug
    programme: Text
    title: Text
    version: Text
    inspectorate: str = ""
    in_use: str = ""
    description: str = ""
    source: str = ""
    finding_kinds: tuple[FindingKind, ...] = Field(min_length=1)
    scales: tuple[Scale, ...] = ()
    areas: tuple[Area, ...] = Field(min_length=1)
    rules: tuple[Rule, ...] = ()
    # Only warnings the inspectorate gave itself; never inferred from a change of scale.
    comparability: tuple[ComparabilityNote, ...] = ()

    def walk(self) -> Iterator[AreaPlace]:
        """Every area, depth first, in document order."""

        def visit(area: Area, depth: int, ancestors: tuple[str, ...]) -> Iterator[AreaPlace]:
            yield AreaPlace(area, depth, ancestors[-1] if ancestors else None, ancestors)
            for child in area.children:
                yield from visit(child, depth + 1, (*ancestors, area.id))

        for top in self.areas:
            yield from visit(top, 0, ())

    def area(self, area_id: str) -> Area:
        for place in self.walk():
            if place.area.id == area_id:
                return place.area
        raise KeyError(area_id)

    def place(self, area_id: str) -> AreaPlace:
        for place in self.walk():
            if place.area.id == area_id:
                return place
        raise KeyError(area_id)

    def criteria(self) -> Iterator[tuple[Area, Criterion]]:
        """Every criterion with its area, in document order."""
        for place in self.walk():
            for criterion in place.area.criteria:
                yield place.area, criterion

    def criterion(self, criterion_id: str) -> tuple[Area, Criterion]:
        """A criterion and its area; raises KeyError for an unknown id."""
        for area, criterion in self.criteria():
            if criterion.id == criterion_id:
                return area, criterion
        raise KeyError(criterion_id)

    def scale(self, scale_id: str) -> Scale:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)

    def graded_areas(self) -> list[Area]:
        return [place.area for place in self.walk() if place.area.graded]

    @property
    def has_direction_of_travel(self) -> bool:
        return any(place.area.direction_scale for place in self.walk())

    def canonical_json(self) -> str:
        """The content in a stable form: the same content always gives the same text.

        A version without comparability notes leaves the key out, so it keeps the text (and
        the hash) it had before frameworks could carry them: a stored version stays unchanged."""
        data = self.model_dump(mode="json", exclude=None if self.comparability else {"comparability"})
        return json.dumps(data, sort_keys=True, separators=(",", ":"))

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()
