"""Indicators and comparisons from plain counts, for the two reference implementations, and the flat
form every implementation's answer is reduced to so the benchmark can check that they agree.

The SQL and pandas references differ only in how they count records; once they have a ``Counts`` per
period, this module turns the counts into indicator values, sets the year against the previous
period, the call-handling targets and the published England and Wales figures, and runs the same
significance tests the engine promises (statsmodels and scipy, called directly). It does not import
the engine's indicator code, so an agreement between the engine and a reference is a real check.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from inspectorate.core.data.schema import OFFENCE_GROUPS, POLICE_UK_CRIME_TYPES, VICTIM_BASED_GROUPS

# The England and Wales figures the engine is given: data, not engine code. The parent works them
# out once, as the engine does (from the shipped national tables, and from the figures copied from
# reports where the tables do not cover a period), and writes them to this file in the data folder;
# the references read that small file, so their time is that of the least work, as it should be.
FIGURES_FILE = "england-and-wales-figures.json"

PER_1000, PERCENT, RATIO = 1000.0, 100.0, 1.0
PROPORTION, RATE, RATE_RATIO = "proportion", "rate", "rate-ratio"
OUTCOME_GROUPS = {
    "charged-summonsed": (1,),
    "taken-into-consideration": (4,),
    "out-of-court-formal": (2, 3, 6),
    "out-of-court-informal": (7, 8),
}
ETHNIC_GROUPS = ("White", "Black", "Asian", "Mixed", "Other")
# id -> (scale, measure, tables whose months must all be present, target as (value, "at-least"|"below")).
INDICATORS: dict[str, tuple[float, str, tuple[str, ...], tuple[float, str] | None]] = {
    "calls-per-1000": (PER_1000, RATE, ("calls",), None),
    "recorded-crime-per-1000": (PER_1000, RATE, ("crimes",), None),
    "victim-based-crime-per-1000": (PER_1000, RATE, ("crimes",), None),
    "asb-per-1000": (PER_1000, RATE, ("asb",), None),
    "domestic-abuse-share": (PERCENT, PROPORTION, ("crimes",), None),
    "outcome-rate": (PERCENT, PROPORTION, ("outcomes", "crimes"), None),
    "charge-rate": (PERCENT, PROPORTION, ("outcomes", "crimes"), None),
    "999-answered-within-10s": (PERCENT, PROPORTION, ("calls",), (90.0, "at-least")),
    "101-abandoned": (PERCENT, PROPORTION, ("calls",), (10.0, "below")),
    "attendance-within-target": (PERCENT, PROPORTION, ("incidents",), None),
    "stop-search-per-1000": (PER_1000, RATE, ("stop_search",), None),
    "stop-search-disproportionality": (RATIO, RATE_RATIO, ("stop_search",), None),
    "victim-satisfaction": (PERCENT, PROPORTION, ("survey",), None),
}
# Breakdowns whose rows are in another unit than their indicator.
ROW_UNITS = {("stop-search-disproportionality", "ethnic-group"): (PER_1000, RATE)}

Key = str | None


@dataclass
class Counts:
    """What one period's records add up to; every implementation fills one of these per period."""

    # Table -> first day of each month that has at least one record in the period.
    months: dict[str, set[date]] = field(default_factory=dict)
    calls: int = 0
    answered_999: int = 0
    answered_999_10s: int = 0
    calls_101: int = 0
    abandoned_101: int = 0
    # Crimes other than fraud, by offence group and by police.uk crime type.
    crimes_by_group: dict[Key, int] = field(default_factory=dict)
    crimes_by_type: dict[Key, int] = field(default_factory=dict)
    domestic_abuse: int = 0
    domestic_abuse_known: int = 0
    outcomes_by_type: dict[Key, int] = field(default_factory=dict)
    # Response grade -> (attended within target, attendance known).
    attendance: dict[Key, tuple[int, int]] = field(default_factory=dict)
    person_searches_by_group: dict[Key, int] = field(default_factory=dict)
    asb: int = 0
    survey: int = 0
    satisfied: int = 0


@dataclass(frozen=True)
class PeriodBounds:
    start: date
    end: date  # exclusive

    @property
    def months(self) -> list[date]:
        found, day = [], self.start
        while day < self.end:
            found.append(day)
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return found

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


def statistical_year(year: int) -> tuple[PeriodBounds, PeriodBounds]:
    """The year ending 31 March ``year`` and the year before it."""
    return (
        PeriodBounds(date(year - 1, 4, 1), date(year, 4, 1)),
        PeriodBounds(date(year - 2, 4, 1), date(year - 1, 4, 1)),
    )


def twelve_months_to(end: date) -> tuple[PeriodBounds, PeriodBounds]:
    """The 12 months ending the day before ``end`` (a first of the month) and the 12 before them."""

    def back(day: date) -> date:
        return date(day.year - 1, day.month, 1)

    return PeriodBounds(back(end), end), PeriodBounds(back(back(end)), back(end))


# ---- values -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    dimension: str
    key: Key
    numerator: float
    denominator: float
    value: float | None


@dataclass(frozen=True)
class Value:
    numerator: float | None = None
    denominator: float | None = None
    value: float | None = None
    missing: str | None = None
    rows: tuple[Row, ...] = ()


def _ratio(numerator: float, denominator: float, scale: float) -> float | None:
    return None if denominator == 0 else scale * numerator / denominator


def _proportion(numerator: float, denominator: float, scale: float, rows: tuple[Row, ...] = ()) -> Value:
    if denominator == 0:
        return Value(missing="zero-denominator")
    return Value(numerator, denominator, _ratio(numerator, denominator, scale), rows=rows)


def _count_rows(
    dimension: str, counts: Mapping[Key, int], listed: Iterable[str], denominator: float, scale: float
) -> tuple[Row, ...]:
    """Every listed key (zero or not) and any other key that was counted, over one denominator."""
    keys = set(listed) | {key for key, n in counts.items() if n}
    return tuple(
        Row(dimension, key, counts.get(key, 0), denominator, _ratio(counts.get(key, 0), denominator, scale))
        for key in keys
    )


def indicator_values(
    counts: Counts, period: PeriodBounds, population: int, residents: Mapping[str, int]
) -> dict[str, Value]:
    """Every indicator for one period, from that period's counts."""
    crimes = sum(n for group, n in counts.crimes_by_group.items() if group != "fraud")
    by_group = {group: n for group, n in counts.crimes_by_group.items() if group != "fraud"}
    outcomes = counts.outcomes_by_type
    grouped_outcomes: dict[Key, int] = {
        name: sum(outcomes.get(str(number), 0) for number in numbers)
        for name, numbers in OUTCOME_GROUPS.items()
    }
    known = {grade: pair for grade, pair in counts.attendance.items() if grade is not None and pair[1]}

    def rate(count: int, rows: tuple[Row, ...] = ()) -> Value:
        return _proportion(count, population, PER_1000, rows)

    values = {
        "calls-per-1000": rate(counts.calls),
        "recorded-crime-per-1000": rate(
            crimes,
            _count_rows("crime-type", counts.crimes_by_type, POLICE_UK_CRIME_TYPES, population, PER_1000)
            + _count_rows("offence-group", by_group, OFFENCE_GROUPS[:-1], population, PER_1000),
        ),
        "victim-based-crime-per-1000": (
            rate(sum(by_group.get(group, 0) for group in VICTIM_BASED_GROUPS))
            if any(n for group, n in by_group.items() if group is not None)
            else Value(missing="not-recorded")
        ),
        "asb-per-1000": rate(counts.asb),
        "domestic-abuse-share": _proportion(counts.domestic_abuse, counts.domestic_abuse_known, PERCENT),
        "outcome-rate": _proportion(
            sum(outcomes.values()),
            crimes,
            PERCENT,
            _count_rows("outcome-type", outcomes, [str(n) for n in range(1, 23)], crimes, PERCENT)
            + _count_rows("outcome-group", grouped_outcomes, OUTCOME_GROUPS, crimes, PERCENT),
        ),
        "charge-rate": _proportion(outcomes.get("1", 0), crimes, PERCENT),
        "999-answered-within-10s": _proportion(counts.answered_999_10s, counts.answered_999, PERCENT),
        "101-abandoned": _proportion(counts.abandoned_101, counts.calls_101, PERCENT),
        "attendance-within-target": _proportion(
            sum(in_time for in_time, _ in counts.attendance.values()),
            sum(n for _, n in counts.attendance.values()),
            PERCENT,
            tuple(Row("response-grade", g, k, n, _ratio(k, n, PERCENT)) for g, (k, n) in known.items()),
        ),
        "stop-search-per-1000": rate(sum(counts.person_searches_by_group.values())),
        "stop-search-disproportionality": _disproportionality(counts.person_searches_by_group, residents),
        "victim-satisfaction": _proportion(counts.satisfied, counts.survey, PERCENT),
    }
    for indicator, (_, _, tables, _) in INDICATORS.items():
        present = [len(set(period.months) & counts.months.get(table, set())) for table in tables]
        if any(n == 0 for n in present):
            values[indicator] = Value(missing="no-records")
        elif any(n < len(period.months) for n in present):
            values[indicator] = Value(missing="months-missing")
        elif population == 0 and INDICATORS[indicator][1] == RATE:
            values[indicator] = Value(missing="no-population")
    return values


def _disproportionality(searches: Mapping[Key, int], residents: Mapping[str, int]) -> Value:
    if not residents:
        return Value(missing="not-recorded")
    keys = set(residents) | {key for key, n in searches.items() if n}
    rows = tuple(
        Row(
            "ethnic-group",
            key,
            searches.get(key, 0),
            residents.get(key, 0) if key else 0,
            _ratio(searches.get(key, 0), residents.get(key, 0) if key else 0, PER_1000),
        )
        for key in keys
    )
    black, white = (next(row for row in rows if row.key == group) for group in ("Black", "White"))
    if black.denominator == 0 or white.denominator == 0:
        return Value(missing="not-recorded")
    if not white.value:
        return Value(missing="zero-denominator")
    assert black.value is not None
    return Value(black.value, white.value, black.value / white.value, rows=rows)


# ---- comparisons and significance ----------------------------------------------------------------


def _finite(p: float) -> float | None:
    return float(p) if math.isfinite(p) else None


def _two_proportions(k1: int, n1: int, k2: int, n2: int) -> float | None:
    if min(n1, n2) <= 0:
        return None
    if k1 + k2 in (0, n1 + n2):
        return 1.0
    from statsmodels.stats.proportion import proportions_ztest

    return _finite(proportions_ztest([k1, k2], [n1, n2])[1])


def _proportion_vs(k: int, n: int, p: float) -> float | None:
    if n <= 0 or not 0 <= p <= 1:
        return None
    from scipy.stats import binomtest

    return _finite(binomtest(k, n, p).pvalue)


def _two_rates(c1: int, e1: float, c2: int, e2: float) -> float | None:
    if min(e1, e2) <= 0 or c1 + c2 == 0:
        return None
    from statsmodels.stats.rates import test_poisson_2indep

    return _finite(test_poisson_2indep(c1, e1, c2, e2).pvalue)


def _rate_vs(count: int, exposure: float, rate: float) -> float | None:
    if exposure <= 0:
        return None
    from statsmodels.stats.rates import test_poisson

    return _finite(test_poisson(count, exposure, rate, method="exact-c").pvalue)


def _log_ratio_p(ratio1: float, ratio2: float, counts: tuple[int, ...]) -> float | None:
    if min(counts) <= 0 or min(ratio1, ratio2) <= 0:
        return None
    z = math.log(ratio1 / ratio2) / math.sqrt(sum(1 / n for n in counts))
    return math.erfc(abs(z) / math.sqrt(2))


@dataclass(frozen=True)
class _Slot:
    """An indicator as a whole (dimension None) or one breakdown row, with what it is made of."""

    indicator: str
    dimension: str | None
    key: Key
    value: float | None
    numerator: float
    denominator: float
    # For a ratio of rates: the event counts above and below the line.
    events: tuple[int, int] | None = None


def _slots(indicator: str, value: Value) -> list[_Slot]:
    if value.value is None and value.missing:
        return [_Slot(indicator, None, None, None, 0, 0)]
    events = None
    if INDICATORS[indicator][1] == RATE_RATIO:
        by_key = {row.key: row for row in value.rows}
        events = (round(by_key["Black"].numerator), round(by_key["White"].numerator))
    found = [_Slot(indicator, None, None, value.value, value.numerator or 0, value.denominator or 0, events)]
    found += [
        _Slot(indicator, row.dimension, row.key, row.value, row.numerator, row.denominator)
        for row in value.rows
    ]
    return found


def _unit_of(slot: _Slot) -> tuple[float, str]:
    scale, measure = INDICATORS[slot.indicator][:2]
    return ROW_UNITS.get((slot.indicator, slot.dimension or ""), (scale, measure))


def _difference(scale: float, own: float, other: float) -> float | None:
    if scale == PERCENT:
        return own - other
    return None if other == 0 else 100 * (own - other) / other


def _test(own: _Slot, other: _Slot | float) -> float | None:
    """Two-sample test against another period's slot, or a one-sample test against a fixed figure."""
    scale, measure = _unit_of(own)
    k1, n1 = round(own.numerator), round(own.denominator)
    if isinstance(other, float | int):
        if measure == PROPORTION:
            return _proportion_vs(k1, n1, other / scale)
        if measure == RATE:
            return _rate_vs(k1, n1, other / scale)
        assert own.events is not None and own.value is not None
        return _log_ratio_p(own.value, other, own.events) if other > 0 else None
    k2, n2 = round(other.numerator), round(other.denominator)
    if measure == PROPORTION:
        return _two_proportions(k1, n1, k2, n2)
    if measure == RATE:
        return _two_rates(k1, n1, k2, n2)
    assert own.events is not None and other.events is not None and own.value and other.value
    return _log_ratio_p(own.value, other.value, own.events + other.events)


def write_comparator_figures(path: Path) -> int:
    """Work out the England and Wales figures as the engine does and keep them in ``path``; how many."""
    from inspectorate.core.indicators.published import shipped_published
    from inspectorate.core.national.returns import england_and_wales_figures, with_constants
    from inspectorate.core.national.store import load_national

    found = with_constants(england_and_wales_figures(load_national(None)), shipped_published())
    rows = [
        [figure.indicator, figure.period_end.isoformat(), figure.value]
        for figure in found.figures
        if figure.comparator.value == "england-and-wales"
    ]
    path.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return len(rows)


def published_figures(path: Path) -> dict[tuple[str, date], float]:
    """(indicator or indicator:key, last day of the 12 months) -> England and Wales value."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {(str(indicator), date.fromisoformat(end)): float(value) for indicator, end, value in rows}


Flat = dict[str, float | str | bool | None]


def _put_comparison(
    flat: Flat, name: str, own: _Slot, other_value: float | None, p: float | None, met: bool | None = None
) -> None:
    if other_value is None:
        return
    flat[f"{name}|value"] = other_value
    if own.value is None:
        return
    flat[f"{name}|difference"] = _difference(_unit_of(own)[0], own.value, other_value)
    flat[f"{name}|p"] = p
    if met is not None:
        flat[f"{name}|met"] = met


def compare_and_flatten(
    current: Mapping[str, Value],
    previous: Mapping[str, Value],
    period: PeriodBounds,
    published: Mapping[tuple[str, date], float],
) -> Flat:
    """The period's values and their comparisons, in the flat form of ``flatten_engine``.

    The previous period's values enter as the previous-period comparator, and its counts through
    that comparison's p-value.
    """
    flat: Flat = {}
    for indicator, value in current.items():
        put_value(flat, indicator, None, None, value.value, value.numerator, value.denominator, value.missing)
        for row in value.rows:
            put_value(
                flat, indicator, row.dimension, row.key, row.value, row.numerator, row.denominator, None
            )
    for indicator, value in current.items():
        before = {(s.dimension, s.key): s for s in _slots(indicator, previous[indicator])}
        for slot in _slots(indicator, value):
            name = slot_name(indicator, slot.dimension, slot.key)
            other = before.get((slot.dimension, slot.key))
            if other is not None and other.value is not None:
                p = _test(slot, other) if slot.value is not None else None
                _put_comparison(flat, f"{name}|previous-period", slot, other.value, p)
            target = INDICATORS[indicator][3]
            if target is not None and slot.dimension is None:
                figure, direction = target
                met = None
                if slot.value is not None:
                    met = slot.value >= figure if direction == "at-least" else slot.value < figure
                p = _test(slot, figure) if slot.value is not None else None
                _put_comparison(flat, f"{name}|target", slot, figure, p, met)
            key = (
                indicator
                if slot.dimension is None
                else (None if slot.key is None else f"{indicator}:{slot.key}")
            )
            figure_value = published.get((key, period.last_day)) if key else None
            if figure_value is not None:
                p = _test(slot, figure_value) if slot.value is not None else None
                _put_comparison(flat, f"{name}|england-and-wales", slot, figure_value, p)
    return flat


def slot_name(indicator: str, dimension: str | None, key: Key) -> str:
    return indicator if dimension is None else f"{indicator}|{dimension}={key}"


def put_value(
    flat: Flat,
    indicator: str,
    dimension: str | None,
    key: Key,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    missing: str | None,
) -> None:
    name = slot_name(indicator, dimension, key)
    if missing is not None:
        flat[f"{name}|missing"] = missing
        return
    flat[f"{name}|value"] = value
    flat[f"{name}|numerator"] = numerator
    flat[f"{name}|denominator"] = denominator


def differences(reference: Flat, other: Flat, tolerance: float = 1e-9) -> list[str]:
    """Human-readable lines for every entry that is missing on one side or differs beyond ``tolerance``."""
    found: list[str] = []
    for name in sorted(set(reference) | set(other)):
        if name not in other:
            found.append(f"{name}: {reference[name]!r} / missing")
        elif name not in reference:
            found.append(f"{name}: missing / {other[name]!r}")
        else:
            a, b = reference[name], other[name]
            if (
                isinstance(a, bool)
                or isinstance(b, bool)
                or not isinstance(a, int | float)
                or not isinstance(b, int | float)
            ):
                if a != b:
                    found.append(f"{name}: {a!r} / {b!r}")
            elif not math.isclose(a, b, rel_tol=tolerance, abs_tol=0.0) and not (a == 0 and b == 0):
                found.append(f"{name}: {a!r} / {b!r}")
    return found
