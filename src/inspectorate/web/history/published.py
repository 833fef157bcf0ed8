"""Imported pages gathered into the inspections the reader knows.

The inspectorate published each inspection as several pages: an overview, a page per pillar, a
press release, the report itself. Each is imported as a record of its own, its published text kept
exactly; nothing is merged in storage. Where the history and the national tables show a force's
inspections, the imported records of one force, one framework and one period (``period_label``, the
year the report prints) are shown as ONE published inspection, "PEEL 2016 (from 3 published
pages)", whose grades are the union of its pages' grades.

A grade keeps the pages it was read from. Where two pages give the same area different grades (a
grade revised in an addendum, a press release that predates a correction), both are kept, each with
its pages, and marked as differing: which one stands is for a person reading the pages to say, never
picked here. Records with no period, and inspections run here, are each their own inspection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from inspectorate.web.inspections.models import Inspection, Origin

T = TypeVar("T")

# How the reader names a programme before its year: "PEEL 2016", "Crime data integrity 2018".
PROGRAMME_NAMES = {
    "peel-2015-effectiveness": "PEEL effectiveness",
    "peel": "PEEL",
    "cdi": "Crime data integrity",
    "ba": "Baseline assessment",
    "core-business": "Core business inspection",
    "crime-inspection": "Crime inspection",
}


def group_key(inspection: Inspection) -> tuple[str, str, str] | None:
    """Force, framework and period of an imported record with a period; None for any other, which
    stands alone."""
    period = inspection.period_label.strip()
    if inspection.origin != Origin.IMPORTED or not period:
        return None
    return (inspection.force_id, inspection.framework_id, period)


def programme_name(framework_id: str, period: str) -> str:
    """The programme and the year it printed, as a reader names the inspection."""
    for prefix, name in PROGRAMME_NAMES.items():
        if framework_id == prefix or framework_id.startswith(f"{prefix}-"):
            return f"{name} {period}"
    return f"{framework_id} {period}"


@dataclass(frozen=True)
class Gathered(Generic[T]):
    """One published inspection as the reader sees it: its pages (records), oldest first."""

    pages: tuple[T, ...]
    inspections: tuple[Inspection, ...]
    grouped: bool
    """Whether it gathers records by force, framework and period (else a record on its own)."""

    @property
    def first(self) -> Inspection:
        return self.inspections[0]

    @property
    def reference(self) -> str:
        """Its name in the documents: the reference of its first page."""
        return self.first.reference

    @property
    def name(self) -> str:
        if not self.grouped:
            return self.first.reference
        return programme_name(self.first.framework_id, self.first.period_label.strip())

    @property
    def heading(self) -> str:
        count = len(self.pages)
        return f"{self.name} (from {count} published pages)" if count > 1 else self.name


def gather(items: Iterable[T], inspection_of: Callable[[T], Inspection]) -> list[Gathered[T]]:
    """The items gathered into published inspections, in the order of each one's first item (give
    them oldest first); within one, its items in the order given."""
    groups: dict[object, list[T]] = {}
    for item in items:
        inspection = inspection_of(item)
        key = group_key(inspection) or ("record", inspection.pk)
        groups.setdefault(key, []).append(item)
    return [
        Gathered(
            pages=tuple(pages),
            inspections=tuple(inspection_of(page) for page in pages),
            grouped=group_key(inspection_of(pages[0])) is not None,
        )
        for key, pages in groups.items()
    ]


@dataclass(frozen=True)
class PageGrade:
    """A grade as one page states it."""

    area: str
    grade: str | None
    direction: str | None
    page: Inspection


@dataclass(frozen=True)
class MergedGrade:
    """One grade of the published inspection, with every page that states it."""

    area: str
    grade: str | None
    direction: str | None
    pages: tuple[Inspection, ...]
    differs: bool
    """Another page of the same inspection gives this area a different grade."""


def merge_grades(grades: Sequence[PageGrade]) -> list[MergedGrade]:
    """The union of the pages' grades: a grade several pages state once, with all of them; an area
    the pages grade differently once per grade, each marked. In the order first stated."""
    pages: dict[tuple[str, str | None, str | None], list[Inspection]] = {}
    for grade in grades:
        stated = pages.setdefault((grade.area, grade.grade, grade.direction), [])
        if grade.page not in stated:
            stated.append(grade.page)
    values: dict[str, int] = {}
    for area, _, _ in pages:
        values[area] = values.get(area, 0) + 1
    return [
        MergedGrade(area, grade, direction, tuple(found), values[area] > 1)
        for (area, grade, direction), found in pages.items()
    ]
