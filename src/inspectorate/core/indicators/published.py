"""Published comparator figures: England and Wales (or most similar group) values for a period.

A figures file is a CSV with the header ``indicator,comparator,period_end,value,source``:

- ``indicator`` is an indicator id, or ``id:key`` for one row of its breakdown (``outcome-rate:4``
  is outcome type 4, ``outcome-rate:out-of-court-formal`` the out-of-court (formal) group);
- ``comparator`` is ``england-and-wales`` or ``msg``; an ``msg`` row is the published figure for the
  most similar group of the force being inspected, so such rows belong in that force's own file;
- ``period_end`` is the last day of the 12 months the figure covers (2015-06-30 for "12 months to
  30 June 2015"), in ISO form;
- ``value`` is in the indicator's unit (per 1,000 people, or percent); ``source`` names the report.

Every problem in the file is reported at once, each with its line and field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from inspectorate.core.indicators.definitions import UnknownIndicator, get_indicator
from inspectorate.core.problems import Problem, ProblemsError
from inspectorate.core.sheets.records import read_records

PUBLISHED_CSV = Path(__file__).parent / "published.csv"
PUBLISHED_HEADER = ("indicator", "comparator", "period_end", "value", "source")
KEY_SEPARATOR = ":"


class PublishedComparator(StrEnum):
    ENGLAND_AND_WALES = "england-and-wales"
    MSG = "msg"


class PublishedFigure(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    indicator: Annotated[str, StringConstraints(min_length=1)]
    comparator: PublishedComparator
    period_end: date
    value: float = Field(ge=0, allow_inf_nan=False)
    source: Annotated[str, StringConstraints(min_length=1)]

    @property
    def indicator_id(self) -> str:
        return self.indicator.partition(KEY_SEPARATOR)[0]

    @property
    def breakdown_key(self) -> str | None:
        _, separator, key = self.indicator.partition(KEY_SEPARATOR)
        return key if separator else None


def figure_key(indicator_id: str, breakdown_key: str | None = None) -> str:
    """How a figure names an indicator, or one row of its breakdown."""
    return indicator_id if breakdown_key is None else f"{indicator_id}{KEY_SEPARATOR}{breakdown_key}"


@dataclass(frozen=True)
class PublishedFigures:
    figures: tuple[PublishedFigure, ...] = ()

    def find(
        self, indicator: str, comparator: PublishedComparator, period_end: date
    ) -> PublishedFigure | None:
        """The figure for ``indicator`` (an id, or ``id:key``) over the 12 months to ``period_end``."""
        wanted = (indicator, comparator, period_end)
        return next((f for f in self.figures if (f.indicator, f.comparator, f.period_end) == wanted), None)


def _figure_problems(file: str, line: int, figure: PublishedFigure) -> Iterable[Problem]:
    try:
        definition = get_indicator(figure.indicator_id)
    except UnknownIndicator as exc:
        yield Problem(file, line, "indicator", str(exc))
        return
    key = figure.breakdown_key
    if key is not None and not definition.knows_breakdown_key(key):
        message = f"{definition.id} has no breakdown row {key!r}"
        yield Problem(file, line, "indicator", message)
    if (figure.period_end + timedelta(days=1)).day != 1:
        yield Problem(file, line, "period_end", f"{figure.period_end} is not the last day of a month")


def read_published(path: Path) -> PublishedFigures:
    """The figures in a ``indicator,comparator,period_end,value,source`` CSV; raises ProblemsError."""
    records, problems = read_records(path, PUBLISHED_HEADER, PublishedFigure)
    first_line: dict[tuple[str, str, date], int] = {}
    for line, figure in records:
        problems.extend(_figure_problems(path.name, line, figure))
        slot = (figure.indicator, figure.comparator.value, figure.period_end)
        if slot in first_line:
            what = f"{figure.comparator.value} figure for {figure.period_end}"
            message = f"a second {what} (the first is on line {first_line[slot]})"
            problems.append(Problem(path.name, line, "indicator", message))
        first_line.setdefault(slot, line)
    if problems:
        raise ProblemsError(problems)
    return PublishedFigures(tuple(figure for _, figure in records))


@cache
def shipped_published() -> PublishedFigures:
    """The England and Wales figures shipped with Inspectorate (see ``published.csv``)."""
    return read_published(PUBLISHED_CSV)
