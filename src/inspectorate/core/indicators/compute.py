"""Working out every indicator for one force over one or more periods, from one scan per table."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from inspectorate.core.data.schema import VICTIM_BASED_GROUPS
from inspectorate.core.indicators.definitions import DEFINITIONS, Breakdown, Definition, Unit
from inspectorate.core.indicators.ethnicity import ethnic_group_sql
from inspectorate.core.indicators.outcome_types import CHARGED_SUMMONSED, OUTCOME_GROUPS
from inspectorate.core.indicators.periods import ForceContext, Period
from inspectorate.core.indicators.queries import Key, MonthlyCounts, Parts, monthly_counts
from inspectorate.core.indicators.values import (
    BreakdownRow,
    IndicatorValue,
    MissingData,
    Number,
    ratio,
    unavailable,
)

if TYPE_CHECKING:
    import duckdb

Values = dict[str, IndicatorValue]

_NOT_FRAUD = "offence_group IS DISTINCT FROM 'fraud'"
_PERSON_SEARCH = "type IN ('Person search', 'Person and Vehicle search')"
_ATTENDANCE_KNOWN = "response_grade IS NOT NULL AND target_minutes IS NOT NULL AND attended_at IS NOT NULL"
_IN_TIME = "attended_at <= opened_at + to_minutes(target_minutes)"


@dataclass(frozen=True)
class _Sources:
    by_table: Mapping[str, MonthlyCounts]
    crime_types: MonthlyCounts
    # Residents by ethnic group (the latest figure for each group).
    residents: Mapping[str, int]

    @classmethod
    def read(
        cls, con: duckdb.DuckDBPyConnection, periods: Sequence[Period], parts: Parts | None = None
    ) -> _Sources:
        def count(table: str, measures: Mapping[str, str], key: str | None = None) -> MonthlyCounts:
            return monthly_counts(con, table, periods, measures, key, parts)

        by_table = {
            "calls": count(
                "calls",
                {
                    "answered_999": "channel = '999' AND answered_at IS NOT NULL",
                    "answered_999_10s": "channel = '999' AND answered_at <= received_at + INTERVAL 10 SECOND",
                    "calls_101": "channel = '101'",
                    "abandoned_101": "channel = '101' AND abandoned",
                },
            ),
            "incidents": count(
                "incidents",
                {
                    "known": _ATTENDANCE_KNOWN,
                    "in_time": f"{_ATTENDANCE_KNOWN} AND {_IN_TIME}",
                },
                key="response_grade",
            ),
            "crimes": count(
                "crimes",
                {
                    "crimes": _NOT_FRAUD,
                    "da_known": f"{_NOT_FRAUD} AND domestic_abuse IS NOT NULL",
                    "da": f"{_NOT_FRAUD} AND domestic_abuse",
                },
                key="offence_group",
            ),
            "outcomes": count("outcomes", {}, key="outcome_type"),
            "stop_search": count(
                "stop_search", {"person": _PERSON_SEARCH}, key=ethnic_group_sql("self_defined_ethnicity")
            ),
            "asb": count("asb", {}),
            "survey": count(
                "survey",
                {
                    "satisfied": "whole_experience IN ('very-satisfied', 'fairly-satisfied')",
                },
            ),
        }
        crime_types = count("crimes", {"crimes": _NOT_FRAUD}, key="crime_type")
        residents = con.execute(
            "SELECT ethnic_group, arg_max(persons, as_of) FROM population GROUP BY ethnic_group"
        ).fetchall()
        return cls(by_table, crime_types, {str(group): int(persons) for group, persons in residents})


def compute_periods(
    con: duckdb.DuckDBPyConnection,
    context: ForceContext,
    periods: Sequence[Period],
    parts: Parts | None = None,
) -> tuple[Values, ...]:
    """Every indicator for each of ``periods``, in order, reading each table once for all of them
    (with ``parts``, reading only the parts whose counts are not already kept)."""
    sources = _Sources.read(con, periods, parts)
    return tuple(_values_for(sources, context, period) for period in periods)


def compute_values(con: duckdb.DuckDBPyConnection, context: ForceContext, period: Period) -> Values:
    """Every indicator, by id, for ``period``."""
    return compute_periods(con, context, [period])[0]


def compute_values_with_previous(
    con: duckdb.DuckDBPyConnection, context: ForceContext, period: Period
) -> tuple[Values, Values]:
    """Every indicator for ``period`` and for the period before it, from the same scans."""
    current, previous = compute_periods(con, context, [period, period.previous()])
    return current, previous


def _values_for(sources: _Sources, context: ForceContext, period: Period) -> Values:
    values: Values = {}
    for definition in DEFINITIONS:
        gaps = [
            sources.by_table[table].gap(period) for table in definition.tables if table in sources.by_table
        ]
        gap = next((found for found in gaps if found is not None), None)
        if gap is not None:
            values[definition.id] = unavailable(definition.id, *gap)
        else:
            values[definition.id] = _BUILDERS[definition.id](definition, sources, context, period)
    return values


def _proportion(
    definition: Definition,
    numerator: int,
    denominator: int,
    reason: str,
    breakdown: tuple[BreakdownRow, ...] = (),
) -> IndicatorValue:
    if denominator == 0:
        return unavailable(definition.id, MissingData.ZERO_DENOMINATOR, reason)
    return IndicatorValue(
        indicator_id=definition.id,
        numerator=numerator,
        denominator=denominator,
        value=ratio(numerator, denominator, definition.unit.scale),
        breakdown=breakdown,
    )


def _rate(
    definition: Definition, count: int, context: ForceContext, breakdown: tuple[BreakdownRow, ...] = ()
) -> IndicatorValue:
    if context.population == 0:
        reason = f"no population figure for {context.force_id}"
        return unavailable(definition.id, MissingData.NO_POPULATION, reason)
    return _proportion(definition, count, context.population, "", breakdown)


def _rows(
    breakdown: Breakdown, pairs: Mapping[Key, tuple[Number, Number]], unit: Unit
) -> tuple[BreakdownRow, ...]:
    """Rows in the breakdown's own order, then unexpected keys, then records with no key."""
    listed = [key for key, _ in breakdown.keys]
    extra = sorted(key for key in pairs if key is not None and key not in listed)
    ordered: list[Key] = [*listed, *extra, *([None] if None in pairs else [])]
    scale = (breakdown.unit or unit).scale
    rows: list[BreakdownRow] = []
    for key in ordered:
        numerator, denominator = pairs.get(key, (0, 0))
        label = breakdown.label_of(key)
        value = ratio(numerator, denominator, scale)
        rows.append(
            BreakdownRow(
                dimension=breakdown.dimension,
                key=key,
                label=label,
                numerator=numerator,
                denominator=denominator,
                value=value,
            )
        )
    return tuple(rows)


def _counts_rows(
    definition: Definition, dimension: str, counts: Mapping[Key, int], denominator: int
) -> tuple[BreakdownRow, ...]:
    """Rows of counts over one shared denominator; keys outside the list show only when counted."""
    breakdown = definition.breakdown(dimension)
    keys = {key for key, _ in breakdown.keys} | {key for key, n in counts.items() if n}
    return _rows(breakdown, {key: (counts.get(key, 0), denominator) for key in keys}, definition.unit)


Builder = Callable[[Definition, _Sources, ForceContext, Period], IndicatorValue]


def _calls(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    return _rate(d, s.by_table["calls"].total(p), c)


def _recorded_crime(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    by_group = s.by_table["crimes"].by_key(p, "crimes")
    by_group.pop("fraud", None)
    rows = _counts_rows(d, "crime-type", s.crime_types.by_key(p, "crimes"), c.population)
    rows += _counts_rows(d, "offence-group", by_group, c.population)
    return _rate(d, sum(by_group.values()), c, rows)


def _victim_based(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    by_group = s.by_table["crimes"].by_key(p, "crimes")
    if not any(n for group, n in by_group.items() if group is not None):
        return unavailable(d.id, MissingData.NOT_RECORDED, "crimes in the period have no offence group")
    return _rate(d, sum(by_group.get(group, 0) for group in VICTIM_BASED_GROUPS), c)


def _asb(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    return _rate(d, s.by_table["asb"].total(p), c)


def _domestic_abuse(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    crimes = s.by_table["crimes"]
    reason = "no crime in the period has its domestic abuse flag filled in"
    return _proportion(d, crimes.total(p, "da"), crimes.total(p, "da_known"), reason)


def _outcome_rate(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    crimes = s.by_table["crimes"].total(p, "crimes")
    by_type = s.by_table["outcomes"].by_key(p)
    by_group: dict[Key, int] = {
        key: sum(by_type.get(str(number), 0) for number in numbers)
        for key, (_, numbers) in OUTCOME_GROUPS.items()
    }
    rows = _counts_rows(d, "outcome-type", by_type, crimes)
    rows += _counts_rows(d, "outcome-group", by_group, crimes)
    return _proportion(d, sum(by_type.values()), crimes, "no crimes recorded in the period", rows)


def _charge_rate(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    charged = s.by_table["outcomes"].by_key(p).get(str(CHARGED_SUMMONSED), 0)
    crimes = s.by_table["crimes"].total(p, "crimes")
    return _proportion(d, charged, crimes, "no crimes recorded in the period")


def _answered_999(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    calls = s.by_table["calls"]
    reason = "no 999 calls were answered in the period"
    return _proportion(d, calls.total(p, "answered_999_10s"), calls.total(p, "answered_999"), reason)


def _abandoned_101(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    calls = s.by_table["calls"]
    reason = "no 101 calls in the period"
    return _proportion(d, calls.total(p, "abandoned_101"), calls.total(p, "calls_101"), reason)


def _attendance(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    incidents = s.by_table["incidents"]
    in_time, known = incidents.by_key(p, "in_time"), incidents.by_key(p, "known")
    pairs: dict[Key, tuple[Number, Number]] = {
        grade: (in_time.get(grade, 0), n) for grade, n in known.items() if grade is not None and n
    }
    reason = "no incidents in the period have a response grade, a target time and an attendance time"
    rows = _rows(d.breakdown("response-grade"), pairs, d.unit)
    return _proportion(d, sum(in_time.values()), sum(known.values()), reason, rows)


def _stop_search(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    return _rate(d, s.by_table["stop_search"].total(p, "person"), c)


def _disproportionality(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    if not s.residents:
        return unavailable(d.id, MissingData.NOT_RECORDED, "no population by ethnic group")
    searches = s.by_table["stop_search"].by_key(p, "person")
    keys = set(s.residents) | {key for key, n in searches.items() if n}
    pairs = {key: (searches.get(key, 0), s.residents.get(key, 0) if key else 0) for key in keys}
    assert d.ratio_of is not None
    dimension, above_key, below_key = d.ratio_of
    rows = _rows(d.breakdown(dimension), pairs, d.unit)
    above, below = (row for key in (above_key, below_key) for row in rows if row.key == key)
    for row in (above, below):
        if row.denominator == 0:
            reason = f"no {row.label} residents in the population by ethnic group"
            return unavailable(d.id, MissingData.NOT_RECORDED, reason)
    if not below.value:
        reason = f"no person searches of {below.label} people in the period"
        return unavailable(d.id, MissingData.ZERO_DENOMINATOR, reason)
    assert above.value is not None
    return IndicatorValue(
        indicator_id=d.id,
        numerator=above.value,
        denominator=below.value,
        value=above.value / below.value,
        breakdown=rows,
    )


def _satisfaction(d: Definition, s: _Sources, c: ForceContext, p: Period) -> IndicatorValue:
    survey = s.by_table["survey"]
    return _proportion(d, survey.total(p, "satisfied"), survey.total(p), "no survey answers in the period")


_BUILDERS: dict[str, Builder] = {
    "calls-per-1000": _calls,
    "recorded-crime-per-1000": _recorded_crime,
    "victim-based-crime-per-1000": _victim_based,
    "asb-per-1000": _asb,
    "domestic-abuse-share": _domestic_abuse,
    "outcome-rate": _outcome_rate,
    "charge-rate": _charge_rate,
    "999-answered-within-10s": _answered_999,
    "101-abandoned": _abandoned_101,
    "attendance-within-target": _attendance,
    "stop-search-per-1000": _stop_search,
    "stop-search-disproportionality": _disproportionality,
    "victim-satisfaction": _satisfaction,
}
