"""The numbers pages' tables: each indicator's figure beside its comparators, a missing figure as a
short cell that points to its note (missing.py)."""

from __future__ import annotations

from dataclasses import dataclass

from inspectorate.core.indicators.results import Comparison, IndicatorResult
from inspectorate.core.numbers import ForceNumbers
from inspectorate.core.reports.context import ComparedValue, ForceInNumbers, NumberLine
from inspectorate.web.numbers.missing import ORDER, Gap, Notes, gap_id

COLUMNS = {
    "previous-period": "Previous 12 months",
    "target": "Target",
    "england-and-wales": "England and Wales",
    "msg": "Most similar group",
}


@dataclass(frozen=True)
class Line:
    """A row of an indicator's table: one comparator, with a figure or a gap."""

    kind: str
    label: str
    comparison: Comparison | None
    gap: Gap | None = None


@dataclass(frozen=True)
class Item:
    """An indicator on the page: its figure (or why there is none), chart and comparators."""

    result: IndicatorResult
    chart: str | None
    gap: Gap | None
    lines: list[Line]


def _place(kind: str) -> int:
    return ORDER.index(kind) if kind in ORDER else len(ORDER)


def live_items(numbers: ForceNumbers, charts: dict[str, str], notes: Notes) -> list[Item]:
    """Every indicator, with a line for each comparator it has and one saying no target is set;
    notes are numbered in the order the page reads."""
    items = []
    for result in numbers.results:
        notes.titles[result.id] = result.title
        gap = None
        if result.value is None:
            missing = result.missing.value if result.missing else None
            cause = gap_id(None, result.title, None, result.reason, missing=missing)
            gap = notes.gap(result.id, cause, result.reason)
        found = [Line(str(c.kind), c.label, c) for c in result.comparisons]
        if not any(line.kind == "target" for line in found):
            found.append(Line("target", "Target", None))
        lines = []
        for line in sorted(found, key=lambda line: _place(line.kind)):
            c = line.comparison
            if c is None:
                line = Line(line.kind, line.label, None, notes.gap(result.id, "no-target"))
            elif c.value is None or c.reason:
                cause = gap_id(line.kind, c.label, c.value, c.reason)
                line = Line(line.kind, line.label, c, notes.gap(result.id, cause, c.reason))
            lines.append(line)
        # Breakdown rows' comparators are not shown, but the twins name their notes: they are noted too.
        for row in result.breakdown:
            for c in row.comparisons:
                if c.value is None or c.reason:
                    notes.gap(result.id, gap_id(str(c.kind), c.label, c.value, c.reason), c.reason)
        items.append(Item(result, charts.get(result.id), gap, lines))
    return items


@dataclass(frozen=True)
class Cell:
    compared: ComparedValue | None
    gap: Gap | None


@dataclass(frozen=True)
class PrintedRow:
    line: NumberLine
    gap: Gap | None
    cells: list[Cell]  # in the order of COLUMNS


def printed_rows(published: ForceInNumbers, notes: Notes) -> list[PrintedRow]:
    """One row per indicator as the report prints it, a column per comparator."""
    printed = notes.context.printed is not None
    rows = []
    for line in published.lines:
        notes.titles[line.indicator] = line.title
        gap = None
        if line.value is None:
            gap = notes.gap(line.indicator, gap_id(None, line.title, None, line.reason, printed), line.reason)
        cells = []
        for kind in COLUMNS:
            compared = next((c for c in line.comparisons if c.kind == kind), None)
            if compared is None and kind == "target":
                cells.append(Cell(None, notes.gap(line.indicator, "no-target")))
            elif compared is None:
                cells.append(Cell(None, None))
            elif compared.value is None or (line.value is None and kind != "target"):
                cause = gap_id(kind, compared.label, compared.value, None, printed)
                cells.append(Cell(compared, notes.gap(line.indicator, cause)))
            else:
                cells.append(Cell(compared, None))
        rows.append(PrintedRow(line, gap, cells))
    return rows
