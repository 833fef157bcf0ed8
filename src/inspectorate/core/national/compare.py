"""Every force's figure for an indicator and period, placed among the 43, and a force's history.

- A rate is the count over the denominator (`denominators.py`) times the indicator's ``per``; where
  the count's table prints its own rate, the denominator is the one that rate divides by.
- Rank 1 is the highest figure; equal figures share the best rank among them (rank "min"); a force
  without a figure has no rank and says why: ".." in the table, not in it, no population held, or a
  rate the table itself withholds (the ONS's "+" for City of London's crime rates).
- England and Wales is worked out from the forces whose count and denominator are held (a withheld
  rate's count included; ``forces_counted``): the sum of their counts over the population the
  count's edition prints for England and Wales where that is the sum of the counted forces' own to
  within their rounding to 100 (``ROUNDING_PER_FORCE`` a force), else over the sum of the forces'
  own. The ONS divides by the unrounded population, so its printed rate is reproduced to within
  the rounding of the printed one (for the year ending March 2019, 89.490455 against 89.490463).
  Where one force has no count and the table prints totals that leave it out (read as
  ``population.excluding-greater-manchester`` and the like), those are the printed totals used.
  ``england_and_wales`` follows the table's own convention for the measure and period, read from
  its printed England and Wales count: British Transport Police's count is added where that count
  is nearer the forces' sum plus British Transport Police's than the forces' sum alone (Table P1's
  recorded crime: 5,257,081 in the year ending March 2019, British Transport Police's 66,613
  included), and left out where it is nearer the forces' sum (Table P7's anti-social behaviour
  "England and Wales" row; the workforce tables' "Total 43 forces"), so that the published figure
  checks like with like (``england_and_wales_includes_btp`` says which). Where the table prints no
  England and Wales count (the Home Office's recorded crime open data), British Transport Police's
  count is added where one is held, as the ONS's recorded crime totals add it.
  ``england_and_wales_excluding_btp`` always leaves it out (the inspectorate's 2021/22 convention).
- The City of London is shown but not ranked on any indicator per 1,000 people, and is not among
  the figures the outlier lines are drawn from: few people live there beside the many who work in
  or visit it, so a rate per resident does not compare with other forces' (the reason the ONS
  gives for withholding its rates). Its count still counts towards England and Wales.
- Change is the percentage change of the figure (the rate, not the count) on the period of the same
  length ending exactly 12 or 60 months before, where both are held.
- A force's most similar group is only ever the one a person entered; its figure is the sum of the
  members' counts over the sum of their denominators, and none where any member has no figure.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from inspectorate.core.forces import Force, all_forces, get_force
from inspectorate.core.national.denominators import (
    EXCLUDING,
    POPULATION,
    Denominators,
    NoDenominator,
    denominators,
)
from inspectorate.core.national.editions import CurrentFigures, resolve_editions
from inspectorate.core.national.figures import (
    BRITISH_TRANSPORT_POLICE,
    ENGLAND_AND_WALES,
    NationalData,
    NationalFigure,
    Status,
)
from inspectorate.core.national.indicators import get_national_indicator, national_indicators
from inspectorate.core.national.memo import per_data
from inspectorate.core.national.outliers import outlier_band, outlier_of, z_score
from inspectorate.core.national.periods import period_label, shifted
from inspectorate.core.national.results import (
    Denominator,
    ForceIndicatorPeriod,
    ForceValue,
    GroupFigure,
    IndicatorPeriod,
    NationalIndicator,
)
from inspectorate.core.problems import Problem, ProblemsError

Period = tuple[date, date]
ROUNDING_PER_FORCE = 50.0
WITHHELD = "the table withholds this rate (its footnote says why)"
CITY_OF_LONDON = "city-of-london"
NOT_RANKED_PER_PERSON = frozenset({CITY_OF_LONDON})
NOT_RANKED = (
    "not ranked: few people live here beside the many who work in or visit the area, so a rate "
    "per resident does not compare with other forces' (the ONS withholds its rates for this reason)"
)
_REASONS = {
    Status.NOT_AVAILABLE: "not available ('..' in the table)",
    Status.NOT_APPLICABLE: "not applicable ('-' in the table)",
}


@dataclass(frozen=True)
class _Cell:
    """One force's count, denominator and figure for one indicator and period."""

    figure: NationalFigure | None
    count: float | None = None
    denominator: Denominator | None = None
    value: float | None = None
    reason: str | None = None
    ranked: bool = True


@dataclass(frozen=True)
class _EnglandAndWales:
    headline: float | None
    excluding_btp: float | None
    includes_btp: bool
    edition: str | None
    """The edition of the England and Wales denominator used, where it is the table's own."""


class _Index:
    """The standing figures by measure, period and area, and every comparison made from them."""

    def __init__(self, data: NationalData) -> None:
        self.data = data
        self.current: CurrentFigures = resolve_editions(data)
        self.denominators: Denominators = denominators(data)
        self.forces: tuple[Force, ...] = all_forces()
        self.by_measure: dict[str, dict[Period, dict[str, NationalFigure]]] = defaultdict(dict)
        for figure in self.current.figures.values():
            areas = self.by_measure[figure.measure].setdefault((figure.period_start, figure.period_end), {})
            areas[figure.area] = figure
        self._cells: dict[tuple[str, str, Period], _Cell] = {}
        self._compared: dict[tuple[str, Period], IndicatorPeriod] = {}

    def periods(self, indicator: NationalIndicator) -> tuple[Period, ...]:
        held = self.by_measure.get(indicator.numerator, {})
        forces = {force.id for force in self.forces}
        with_values = [
            period
            for period, areas in held.items()
            if any(area in forces and f.status is Status.VALUE for area, f in areas.items())
        ]
        return tuple(sorted(with_values, key=lambda period: (period[1], period[0])))

    def cell(self, indicator: NationalIndicator, area: str, period: Period) -> _Cell:
        key = (indicator.id, area, period)
        if key not in self._cells:
            self._cells[key] = self._work_out(indicator, area, period)
        return self._cells[key]

    def _work_out(self, indicator: NationalIndicator, area: str, period: Period) -> _Cell:
        figure = self.by_measure.get(indicator.numerator, {}).get(period, {}).get(area)
        if figure is None:
            return _Cell(None, reason="not in the table for this period")
        if figure.value is None:
            return _Cell(figure, reason=_REASONS[figure.status])
        if indicator.denominator is None:
            return _Cell(figure, count=figure.value, value=figure.value)
        found = self.denominators.for_count(
            area, figure.edition, figure.period_end, indicator.denominator, count=figure
        )
        if isinstance(found, NoDenominator):
            return _Cell(figure, count=figure.value, reason=found.reason)
        published = self.by_measure.get(indicator.id, {}).get(period, {}).get(area)
        if published is not None and published.value is None:
            # The ONS withholds City of London's crime rates ("+"), and a revised count from another
            # table does not undo that. The count still counts towards England and Wales.
            return _Cell(figure, count=figure.value, denominator=found, reason=WITHHELD)
        value = figure.value / found.value * indicator.per
        if indicator.denominator == POPULATION and area in NOT_RANKED_PER_PERSON:
            return _Cell(
                figure, count=figure.value, denominator=found, value=value, reason=NOT_RANKED, ranked=False
            )
        return _Cell(figure, count=figure.value, denominator=found, value=value)

    def values_before(self, indicator: NationalIndicator, period: Period, months: int) -> dict[str, float]:
        """Each force's figure for the period of the same length ending ``months`` earlier, where held."""
        before = shifted(*period, months)
        if before not in self.by_measure.get(indicator.numerator, {}):
            return {}
        cells = {force.id: self.cell(indicator, force.id, before) for force in self.forces}
        return {force_id: c.value for force_id, c in cells.items() if c.value is not None}

    def compare(self, indicator: NationalIndicator, period: Period) -> IndicatorPeriod:
        key = (indicator.id, period)
        if key not in self._compared:
            self._compared[key] = self._compare(indicator, period)
        return self._compared[key]

    def _compare(self, indicator: NationalIndicator, period: Period) -> IndicatorPeriod:
        cells = {force.id: self.cell(indicator, force.id, period) for force in self.forces}
        values = {force_id: c.value for force_id, c in cells.items() if c.value is not None and c.ranked}
        band = outlier_band(values)
        ascending = sorted(values.values())
        year_before = self.values_before(indicator, period, 12)
        five_years_before = self.values_before(indicator, period, 60)
        rows: list[ForceValue] = []
        for force in self.forces:
            c = cells[force.id]
            z = None if band is None or c.value is None or not c.ranked else z_score(c.value, band)
            rows.append(
                ForceValue(
                    force_id=force.id,
                    force_name=force.name,
                    count=c.count,
                    denominator=c.denominator,
                    value=c.value,
                    reason=c.reason,
                    rank=None
                    if c.value is None or not c.ranked
                    else len(ascending) - bisect.bisect_right(ascending, c.value) + 1,
                    ranked=len(values),
                    z=z,
                    outlier=None if z is None else outlier_of(z),
                    change_1y=_change(c.value, year_before.get(force.id)),
                    change_5y=_change(c.value, five_years_before.get(force.id)),
                    edition=c.figure.edition if c.figure else None,
                    where=c.figure.where if c.figure else None,
                    revisions=self.current.revisions_of(c.figure) if c.figure else (),
                )
            )
        rows.sort(key=lambda r: (r.value is None, r.rank is None, -(r.value or 0.0), r.force_name))
        counted = [
            c for c in cells.values() if c.count is not None and (c.denominator or not indicator.denominator)
        ]
        ew = self._england_and_wales(indicator, period, cells, counted)
        published = self._published_england_and_wales(indicator, period, cells)
        editions = {c.figure.edition for c in counted if c.figure}
        editions |= {c.denominator.edition for c in counted if c.denominator and c.denominator.edition}
        return IndicatorPeriod(
            indicator=indicator,
            period_start=period[0],
            period_end=period[1],
            period_label=period_label(*period),
            forces=tuple(rows),
            england_and_wales=ew.headline,
            england_and_wales_excluding_btp=ew.excluding_btp,
            england_and_wales_includes_btp=ew.includes_btp,
            published_england_and_wales=published,
            forces_counted=len(counted),
            forces_missing=tuple(force_id for force_id, c in cells.items() if c.value is None),
            band=band,
            editions=tuple(sorted(editions | ({ew.edition} if ew.edition else set()))),
        )

    def _england_and_wales(
        self, indicator: NationalIndicator, period: Period, cells: Mapping[str, _Cell], counted: list[_Cell]
    ) -> _EnglandAndWales:
        """The figure as the table counts England and Wales, the one without British Transport Police,
        and the edition of the denominator used."""
        if not counted:
            return _EnglandAndWales(None, None, False, None)
        forces_count = math.fsum(c.count for c in counted if c.count is not None)
        btp = self.by_measure.get(indicator.numerator, {}).get(period, {}).get(BRITISH_TRANSPORT_POLICE)
        btp_count = btp.value if btp is not None else None
        includes = btp_count is not None and self._table_includes_btp(
            indicator, period, cells, forces_count, btp_count
        )
        headline_count = forces_count + (btp_count or 0.0) if includes else forces_count
        if indicator.denominator is None:
            return _EnglandAndWales(headline_count, forces_count, includes, None)
        summed = math.fsum(c.denominator.value for c in counted if c.denominator is not None)
        denominator, edition = summed, None
        printed = self._printed_england_and_wales(indicator, period, cells, counted)
        if printed is not None and abs(printed.value - summed) <= ROUNDING_PER_FORCE * len(counted):
            denominator, edition = printed.value, printed.edition
        return _EnglandAndWales(
            headline_count / denominator * indicator.per,
            forces_count / denominator * indicator.per,
            includes,
            edition,
        )

    def _table_includes_btp(
        self,
        indicator: NationalIndicator,
        period: Period,
        cells: Mapping[str, _Cell],
        forces_count: float,
        btp_count: float,
    ) -> bool:
        """Whether the table's England and Wales count is the forces' with British Transport Police's."""
        left_out = _left_out(cells)
        printed = self._england_and_wales_figure(indicator.numerator, period, left_out)
        if printed is None and left_out:
            # Table P1 prints its total leaving a force out under the measure itself.
            printed = self._england_and_wales_figure(indicator.numerator, period, "")
        if printed is None or printed.value is None:
            return True
        return abs(printed.value - (forces_count + btp_count)) <= abs(printed.value - forces_count)

    def _england_and_wales_figure(self, measure: str, period: Period, left_out: str) -> NationalFigure | None:
        """The table's England and Wales figure, or the one leaving out the single force without a count."""
        areas = self.by_measure.get(measure, {}).get(period, {})
        if not left_out:
            return areas.get(ENGLAND_AND_WALES)
        return (
            self.by_measure.get(f"{measure}{EXCLUDING}{left_out}", {}).get(period, {}).get(ENGLAND_AND_WALES)
        )

    def _published_england_and_wales(
        self, indicator: NationalIndicator, period: Period, cells: Mapping[str, _Cell]
    ) -> float | None:
        figure = self._england_and_wales_figure(indicator.id, period, _left_out(cells))
        return figure.value if figure else None

    def _printed_england_and_wales(
        self, indicator: NationalIndicator, period: Period, cells: Mapping[str, _Cell], counted: list[_Cell]
    ) -> Denominator | None:
        assert indicator.denominator is not None
        left_out = _left_out(cells)
        total = self._england_and_wales_figure(indicator.numerator, period, left_out)
        if total is not None:
            edition = total.edition
        else:
            edition = Counter(c.figure.edition for c in counted if c.figure).most_common(1)[0][0]
        measure = f"{indicator.denominator}{EXCLUDING}{left_out}" if left_out else indicator.denominator
        found = self.denominators.for_count(ENGLAND_AND_WALES, edition, period[1], measure, count=total)
        return None if isinstance(found, NoDenominator) or found.census_fallback else found

    def group(self, indicator: NationalIndicator, period: Period, members: tuple[str, ...]) -> GroupFigure:
        cells = [self.cell(indicator, get_force(member).id, period) for member in members]
        if any(c.count is None for c in cells) or (
            indicator.denominator is not None and any(c.denominator is None for c in cells)
        ):
            return GroupFigure(members=members, value=None)
        count = math.fsum(c.count for c in cells if c.count is not None)
        if indicator.denominator is None:
            return GroupFigure(members=members, value=count)
        denominator = math.fsum(c.denominator.value for c in cells if c.denominator is not None)
        return GroupFigure(
            members=members, value=count / denominator * indicator.per if denominator else None
        )


def _left_out(cells: Mapping[str, _Cell]) -> str:
    """The one force without a count, whose absence a table's totals may name; "" for none or several."""
    without = [force_id for force_id, c in cells.items() if c.count is None]
    return without[0] if len(without) == 1 else ""


def _change(now: float | None, before: float | None) -> float | None:
    if now is None or before is None or before == 0:
        return None
    return (now - before) / before * 100


@per_data
def _index(data: NationalData) -> _Index:
    return _Index(data)


def indicator_periods(data: NationalData, indicator_id: str) -> tuple[Period, ...]:
    """The periods some force has a figure for, oldest first (a year before a quarter ending the same day)."""
    return _index(data).periods(get_national_indicator(data, indicator_id))


def _describe(period: Period) -> str:
    return f"{period_label(*period)} ({period[0].isoformat()} to {period[1].isoformat()})"


def compare_forces(
    data: NationalData, indicator_id: str, period_end: date | None = None, period_start: date | None = None
) -> IndicatorPeriod:
    """All 43 forces for the indicator over the period ending ``period_end`` (the latest when None).

    Where two periods end on that day (a year and a quarter), the longer is taken unless
    ``period_start`` says which.
    """
    index = _index(data)
    indicator = get_national_indicator(data, indicator_id)
    periods = index.periods(indicator)
    end = period_end or max(p[1] for p in periods)
    chosen = [p for p in periods if p[1] == end and (period_start is None or p[0] == period_start)]
    if not chosen:
        held = "; ".join(_describe(p) for p in periods)
        asked = (
            f"{period_start.isoformat()} to {end.isoformat()}"
            if period_start
            else f"ending {end.isoformat()}"
        )
        message = f"no figures for the period {asked}; held: {held}"
        raise ProblemsError([Problem(indicator.id, None, "period", message)])
    return index.compare(indicator, min(chosen))


def force_history(
    data: NationalData, force_id: str, groups: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[ForceIndicatorPeriod, ...]:
    """The force's figure for every indicator and period, each placed among all forces.

    ``groups`` maps a force to the members of its most similar group as a person entered them;
    a force that has none entered has no group figure.
    """
    force = get_force(force_id)
    members = tuple((groups or {}).get(force.id, ()))
    index = _index(data)
    history: list[ForceIndicatorPeriod] = []
    for indicator in national_indicators(data):
        for period in index.periods(indicator):
            compared = index.compare(indicator, period)
            history.append(
                ForceIndicatorPeriod(
                    indicator=indicator,
                    period_start=period[0],
                    period_end=period[1],
                    period_label=compared.period_label,
                    force=next(row for row in compared.forces if row.force_id == force.id),
                    england_and_wales=compared.england_and_wales,
                    england_and_wales_includes_btp=compared.england_and_wales_includes_btp,
                    group=index.group(indicator, period, members) if members else None,
                    band=compared.band,
                )
            )
    return tuple(history)
