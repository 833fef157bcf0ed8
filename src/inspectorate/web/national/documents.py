"""The national pages' typed documents: what each page, its .json and its .csv twins show.

The comparisons themselves are core's typed results (core/national/results.py), carried as they
are; the rows flatten them, one force (or one force's indicator and period) a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from inspectorate.core.national.results import ForceIndicatorPeriod, ForceValue, IndicatorPeriod
from inspectorate.web.pages.documents import Document, PageDocument, Row


class EditionHeld(Document):
    """One published release of a national table held here."""

    id: str
    series: str
    title: str
    publisher: str
    published: date | None
    """The day of release where the file or its notes say it; null where nothing does."""
    source_file: str
    superseded_by: str | None
    """The next edition of the same series, which revises the figures the two share (both stay
    visible); null for the latest."""


class IndicatorLatest(Row):
    """One indicator with its latest period."""

    indicator: str
    title: str
    indicator_group: str
    """"headline" (recorded crime, anti-social behaviour, the workforce, use of force) or "offences"."""
    parent: str | None
    """For an offence subgroup, the indicator of the group it belongs to."""
    unit: str
    period_start: str | None
    """ISO dates, as every CSV column is text or a number."""
    period_end: str | None
    period_label: str | None
    england_and_wales: float | None
    """Worked out from the forces: the sum of their counts over the sum of their denominators."""
    published_england_and_wales: float | None
    """The table's own England and Wales figure, where it prints one: a check."""
    forces_counted: int
    forces_missing: list[str]
    periods: int
    """How many periods are held."""


class NationalIndexPage(PageDocument):
    """Every national indicator with its latest period, the headline ones first, then each offence
    group followed by its subgroups; and the editions its figures are read from."""

    ROW = IndicatorLatest
    indicators: list[IndicatorLatest]
    editions: list[EditionHeld]

    def csv_rows(self) -> Sequence[IndicatorLatest]:
        return self.indicators


class PeriodHeld(Document):
    period_start: date
    period_end: date
    label: str
    """E.g. "year ending March 2019"."""


class ForceLine(Row):
    """One force's figure for the indicator and period, placed among all forces."""

    rank: int | None
    """1 = the highest value; forces with equal values share a rank."""
    ranked: int
    force: str
    force_name: str
    highlighted: str
    """"force" for the force asked for, "group" for its most similar group, else empty."""
    count: float | None
    denominator: float | None
    denominator_label: str | None
    """Which estimate the rate divides by (an ONS mid-year estimate, or Census 2011 where no
    estimate for the year is held)."""
    census_fallback: bool
    value: float | None
    reason: str | None
    """Why there is no value."""
    z: float | None
    outlier: str | None
    """"above" or "below" the outlier lines, or null."""
    change_1y: float | None
    change_5y: float | None
    edition: str | None
    where: str | None
    revisions: list[str]
    """Earlier editions' figures for the same period, superseded: "edition's title: value"."""


def revision_texts(force: ForceValue) -> list[str]:
    from inspectorate.web.national.data import edition_title

    return [
        f"{edition_title(r.edition)}: {r.value if r.value is not None else r.status}" for r in force.revisions
    ]


class IndicatorPage(PageDocument):
    """One indicator across all 43 forces for one period."""

    ROW = ForceLine
    indicator: str
    periods: list[PeriodHeld]
    """Every period held, oldest first."""
    problem: str | None
    """Why the period or force asked for cannot be shown (the page answers 400)."""
    force: str | None
    """The force picked out (``?force=``)."""
    group: list[str]
    """Its most similar group as entered (the registry's current table); empty where none is."""
    group_note: str | None
    """Why no group is picked out: no table entered, or none for this force."""
    comparison: IndicatorPeriod | None

    def csv_rows(self) -> Sequence[ForceLine]:
        if self.comparison is None:
            return []
        return [self._line(force) for force in self.comparison.forces]

    def _line(self, force: ForceValue) -> ForceLine:
        denominator = force.denominator
        highlighted = (
            "force" if force.force_id == self.force else "group" if force.force_id in self.group else ""
        )
        return ForceLine(
            rank=force.rank,
            ranked=force.ranked,
            force=force.force_id,
            force_name=force.force_name,
            highlighted=highlighted,
            count=force.count,
            denominator=denominator.value if denominator else None,
            denominator_label=denominator.label if denominator else None,
            census_fallback=bool(denominator and denominator.census_fallback),
            value=force.value,
            reason=force.reason,
            z=force.z,
            outlier=str(force.outlier) if force.outlier else None,
            change_1y=force.change_1y,
            change_5y=force.change_5y,
            edition=force.edition,
            where=force.where,
            revisions=revision_texts(force),
        )


class HistoryLine(Row):
    """The force's figure for one indicator and period, with England and Wales and its group."""

    indicator: str
    title: str
    indicator_group: str
    """"headline" or "offences", as on the index."""
    period_start: str
    period_end: str
    period_label: str
    value: float | None
    reason: str | None
    rank: int | None
    ranked: int
    england_and_wales: float | None
    group_value: float | None
    """The most similar group's weighted figure, where a group is entered."""
    change_1y: float | None
    change_5y: float | None
    outlier: str | None
    denominator_label: str | None
    census_fallback: bool
    edition: str | None
    revisions: list[str]


class ForceNationalPage(PageDocument):
    """A force's national figures, indicator by indicator (in the index's order) and period by
    period: every one the page shows and more (the page shows the offences' latest period only)."""

    ROW = HistoryLine
    force: str
    force_name: str
    group: list[str]
    """Its most similar group as entered; empty where none is."""
    group_note: str | None
    history: list[ForceIndicatorPeriod]

    def csv_rows(self) -> Sequence[HistoryLine]:
        return [
            HistoryLine(
                indicator=h.indicator.id,
                title=h.indicator.title,
                indicator_group=str(h.indicator.group),
                period_start=h.period_start.isoformat(),
                period_end=h.period_end.isoformat(),
                period_label=h.period_label,
                value=h.force.value,
                reason=h.force.reason,
                rank=h.force.rank,
                ranked=h.force.ranked,
                england_and_wales=h.england_and_wales,
                group_value=h.group.value if h.group else None,
                change_1y=h.force.change_1y,
                change_5y=h.force.change_5y,
                outlier=str(h.force.outlier) if h.force.outlier else None,
                denominator_label=h.force.denominator.label if h.force.denominator else None,
                census_fallback=bool(h.force.denominator and h.force.denominator.census_fallback),
                edition=h.force.edition,
                revisions=revision_texts(h.force),
            )
            for h in self.history
        ]


class MonthFlagLine(Row):
    """A month a force published nothing, or far too little, on police.uk: never counted as zero."""

    force: str
    force_name: str
    month: str
    """The month, YYYY-MM."""
    kind: str
    """"nothing" (no file or no rows for a month inside the force's own run) or "too-little"."""
    rows: int | None
    expected: float | None
    """What the force's own run, or the national tables, lead one to expect."""
    reason: str


class PoliceUkPage(PageDocument):
    """The police.uk street files' months that are missing or far too small, by force and month."""

    ROW = MonthFlagLine
    flags: list[MonthFlagLine]

    def csv_rows(self) -> Sequence[MonthFlagLine]:
        return self.flags
