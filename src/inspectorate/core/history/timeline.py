"""A force's inspections side by side: one column per inspection, oldest first, and one row per
theme (themes.yaml) holding the grades of the areas that assess it in each inspection.

Areas that no theme claims get a row of their own, titled as their framework titles them, so
nothing graded is left out. Grades stay on their own programme's scale: a 2006 "Fair" and a
2021/22 "Adequate" sit in the same row, never converted into each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from inspectorate.core.history.themes import ThemeMap


@dataclass(frozen=True)
class GradedArea:
    area_id: str
    title: str
    grade: str | None  # the scale level's id
    grade_label: str | None
    direction: str | None = None
    direction_label: str | None = None


@dataclass(frozen=True)
class InspectionEntry:
    key: str
    reference: str
    title: str
    framework_id: str
    when: str  # sortable (ISO date or year); the caller puts entries in this order
    judgments: tuple[GradedArea, ...]


@dataclass(frozen=True)
class Row:
    theme_id: str | None  # None for an area no theme claims
    title: str
    cells: tuple[tuple[GradedArea, ...], ...]  # one per inspection, in the entries' order

    def is_empty(self) -> bool:
        return not any(self.cells)


def timeline(entries: Sequence[InspectionEntry], themes: ThemeMap) -> list[Row]:
    themed: list[Row] = []
    for theme in themes.themes:
        cells = tuple(
            tuple(j for j in entry.judgments if j.area_id in theme.areas.get(entry.framework_id, ()))
            for entry in entries
        )
        themed.append(Row(theme.id, theme.title, cells))
    others: dict[tuple[str, str], list[tuple[GradedArea, ...]]] = {}
    titles: dict[tuple[str, str], str] = {}
    for column, entry in enumerate(entries):
        for judgment in entry.judgments:
            if themes.theme_of(entry.framework_id, judgment.area_id) is not None:
                continue
            key = (entry.framework_id, judgment.area_id)
            titles.setdefault(key, judgment.title)
            row = others.setdefault(key, [() for _ in entries])
            row[column] = (*row[column], judgment)
    unthemed = [Row(None, titles[key], tuple(cells)) for key, cells in others.items()]
    return [row for row in themed + unthemed if not row.is_empty()]
