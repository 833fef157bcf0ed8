"""Setting a force's indicator values against the previous period, targets, England and Wales and its MSG.

Group figures (most similar group, and England and Wales when no published figure fits the
period) are pooled from the members' own counts: a weighted average of their values, weighted
by their denominators, which is the group's total numerator over its total denominator. A
group with any member lacking a value has no figure; an average over the members that happen
to have data would describe a different group.

Significance: another period and the MSG have counts of their own, so two-sample tests are used.
Published figures and targets are fixed numbers; so is a pooled England and Wales figure, which
includes the force itself and is tested as a fixed figure rather than as an independent sample.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from inspectorate.core.forces.peer_groups import PeerGroupTable, weighted_average
from inspectorate.core.forces.reference import force_ids
from inspectorate.core.indicators.definitions import DEFINITIONS, Definition, Measure, Unit
from inspectorate.core.indicators.periods import ForceContext, Period
from inspectorate.core.indicators.published import (
    PublishedComparator,
    PublishedFigures,
    figure_key,
    shipped_published,
)
from inspectorate.core.indicators.results import BreakdownResult, ComparatorKind, Comparison, IndicatorResult
from inspectorate.core.indicators.values import IndicatorValue, Number
from inspectorate.core.stats import significance as sig

ForceValues = Mapping[str, Mapping[str, IndicatorValue]]

# How a comparison says England and Wales is not known: neither the national tables nor a published
# report give the period's figure (web/numbers/missing.py tells this reason from a pooling one by it).
NO_ENGLAND_AND_WALES = "no England and Wales figure (national tables or published report)"


@dataclass(frozen=True)
class _Figure:
    value: float | None
    numerator: Number = 0
    denominator: Number = 0
    # Behind a ratio of rates: the two rates, each with its counts.
    parts: tuple[_Figure, _Figure] | None = None
    reason: str | None = None


@dataclass(frozen=True)
class _Slot:
    """What is compared: an indicator as a whole, or one row of one of its breakdowns."""

    definition: Definition
    dimension: str | None = None
    key: str | None = None

    @property
    def unit(self) -> Unit:
        if self.dimension is None:
            return self.definition.unit
        return self.definition.breakdown(self.dimension).unit or self.definition.unit

    @property
    def measure(self) -> Measure:
        if self.dimension is None:
            return self.definition.measure
        return self.definition.breakdown(self.dimension).measure or self.definition.measure

    @property
    def published_key(self) -> str | None:
        if self.dimension is None:
            return self.definition.id
        return None if self.key is None else figure_key(self.definition.id, self.key)

    def figure(self, value: IndicatorValue | None) -> _Figure | None:
        if value is None:
            return None
        if value.value is None:
            return _Figure(None, reason=value.reason)
        if self.dimension is None:
            parts = None
            if self.definition.ratio_of is not None:
                dimension, above, below = self.definition.ratio_of
                above_part = _Slot(self.definition, dimension, above).figure(value)
                below_part = _Slot(self.definition, dimension, below).figure(value)
                assert above_part is not None and below_part is not None
                parts = (above_part, below_part)
            return _Figure(value.value, value.numerator or 0, value.denominator or 0, parts)
        row = value.row(self.dimension, self.key)
        if row is None:
            return _Figure(None, reason=f"no {self.dimension} row {self.key!r}")
        if row.value is None:
            return _Figure(None, row.numerator, row.denominator, reason="nothing to divide by")
        return _Figure(row.value, row.numerator, row.denominator)


def _pool_plain(figures: Mapping[str, _Figure], members: tuple[str, ...]) -> _Figure:
    values = {m: f.value for m, f in figures.items() if f.value is not None}
    weights = {m: float(f.denominator) for m, f in figures.items()}
    value = weighted_average(values, weights, members)
    numerator = sum(figures[m].numerator for m in members)
    denominator = sum(figures[m].denominator for m in members)
    reason = None if value is not None else "nothing to divide by"
    return _Figure(value, numerator, denominator, reason=reason)


def _pool(figures: Mapping[str, _Figure | None], members: tuple[str, ...]) -> _Figure:
    """The group's figure from its members', or a figure with no value saying which member is missing."""
    found: dict[str, _Figure] = {}
    for member in members:
        figure = figures.get(member)
        if figure is None:
            return _Figure(None, reason=f"no values were given for {member}")
        if figure.value is None:
            return _Figure(None, reason=f"{member} has no value ({figure.reason})")
        found[member] = figure
    if all(f.parts is not None for f in found.values()):
        above = _pool_plain({m: f.parts[0] for m, f in found.items() if f.parts}, members)
        below = _pool_plain({m: f.parts[1] for m, f in found.items() if f.parts}, members)
        if above.value is None or not below.value:
            return _Figure(None, reason="nothing to divide by")
        return _Figure(above.value / below.value, above.value, below.value, (above, below))
    return _pool_plain(found, members)


def _difference(unit: Unit, own: float, other: float) -> tuple[float | None, str | None]:
    if unit is Unit.PERCENT:
        return own - other, "percentage points"
    if other == 0:
        return None, None
    return 100 * (own - other) / other, "percent"


def _counts(figure: _Figure) -> tuple[int, int]:
    assert figure.parts is not None
    return round(figure.parts[0].numerator), round(figure.parts[1].numerator)


def _test(slot: _Slot, own: _Figure, other: _Figure, fixed: bool) -> sig.Significance:
    assert own.value is not None and other.value is not None
    k1, n1, k2, n2 = (round(x) for x in (own.numerator, own.denominator, other.numerator, other.denominator))
    unscaled = other.value / slot.unit.scale
    if slot.measure is Measure.PROPORTION:
        return sig.proportion_vs_figure(k1, n1, unscaled) if fixed else sig.two_proportions(k1, n1, k2, n2)
    if slot.measure is Measure.RATE:
        return sig.rate_vs_figure(k1, n1, unscaled) if fixed else sig.two_rates(k1, n1, k2, n2)
    if fixed:
        return sig.rate_ratio_vs_figure(_counts(own), own.value, other.value)
    return sig.two_rate_ratios(_counts(own), own.value, _counts(other), other.value)


@dataclass(frozen=True)
class _Against:
    """Everything a value can be compared with."""

    context: ForceContext
    period: Period
    values: Mapping[str, IndicatorValue]
    previous_values: Mapping[str, IndicatorValue] | None
    published: PublishedFigures
    peer_groups: PeerGroupTable | None
    force_values: ForceValues | None

    def compare(
        self,
        kind: ComparatorKind,
        label: str,
        slot: _Slot,
        other: _Figure | str,
        *,
        fixed: bool,
        source: str | None = None,
    ) -> Comparison:
        own = slot.figure(self.values.get(slot.definition.id))
        if isinstance(other, str) or other.value is None:
            reason = other if isinstance(other, str) else other.reason
            return Comparison(kind=kind, label=label, source=source, reason=reason)
        if own is None or own.value is None:
            reason = "the force has no value to compare"
            return Comparison(kind=kind, label=label, value=other.value, source=source, reason=reason)
        difference, unit = _difference(slot.unit, own.value, other.value)
        target = slot.definition.target if kind is ComparatorKind.TARGET else None
        test = _test(slot, own, other, fixed)
        return Comparison(
            kind=kind,
            label=label,
            value=other.value,
            difference=difference,
            difference_unit=unit,
            met=None if target is None else target.met(own.value),
            significant=test.significant,
            test=test.test,
            p_value=test.p_value,
            source=source,
        )

    def published_figure(self, slot: _Slot, comparator: PublishedComparator) -> tuple[_Figure, str] | None:
        key = slot.published_key
        # Published figures are all for 12 months, so a shorter or longer period never matches one.
        if key is None or len(self.period.months) != 12:
            return None
        found = self.published.find(key, comparator, self.period.last_day)
        return None if found is None else (_Figure(found.value), found.source)

    def group_figures(self, slot: _Slot, members: tuple[str, ...]) -> _Figure | str:
        if self.force_values is None:
            return "no values were given for other forces"
        by_force = dict(self.force_values)
        by_force.setdefault(self.context.force_id, self.values)
        figures = {m: slot.figure(by_force[m].get(slot.definition.id)) for m in members if m in by_force}
        return _pool(figures, members)

    def previous(self, slot: _Slot) -> Comparison:
        label = self.period.previous().label
        other: _Figure | str = "no values were given for the previous period"
        if self.previous_values is not None:
            found = slot.figure(self.previous_values.get(slot.definition.id))
            other = found or "no value was worked out for the previous period"
        kind = ComparatorKind.PREVIOUS_PERIOD
        return self.compare(kind, label, slot, other, fixed=False, source="the force's own data")

    def target(self, slot: _Slot) -> Comparison | None:
        target = slot.definition.target
        if target is None or slot.dimension is not None:
            return None
        kind, figure = ComparatorKind.TARGET, _Figure(target.value)
        return self.compare(kind, target.label, slot, figure, fixed=True, source=target.source)

    def england_and_wales(self, slot: _Slot) -> Comparison:
        kind, label = ComparatorKind.ENGLAND_AND_WALES, "England and Wales"
        published = self.published_figure(slot, PublishedComparator.ENGLAND_AND_WALES)
        if published is not None:
            return self.compare(kind, label, slot, published[0], fixed=True, source=published[1])
        if self.force_values is None:
            reason = (
                f"{NO_ENGLAND_AND_WALES} for the {self.period.label}, "
                "and no values were given for the 43 forces to pool"
            )
            return self.compare(kind, label, slot, reason, fixed=True)
        pooled = self.group_figures(slot, force_ids())
        return self.compare(kind, label, slot, pooled, fixed=True, source="pooled from all 43 forces' data")

    def msg(self, slot: _Slot) -> Comparison:
        kind, label = ComparatorKind.MSG, "Most similar group"
        published = self.published_figure(slot, PublishedComparator.MSG)
        if published is not None:
            return self.compare(kind, label, slot, published[0], fixed=True, source=published[1])
        if self.peer_groups is None:
            return self.compare(kind, label, slot, "no most similar groups were given", fixed=False)
        label = f"Most similar group ({self.peer_groups.label})"
        peers = self.peer_groups.peers_of(self.context.force_id)
        if peers is None:
            reason = f"the most similar group of {self.context.force_id} is not filled in"
            return self.compare(kind, label, slot, reason, fixed=False)
        source = f"{self.peer_groups.source}; pooled from the peers' data"
        return self.compare(kind, label, slot, self.group_figures(slot, peers), fixed=False, source=source)

    def all(self, slot: _Slot) -> tuple[Comparison, ...]:
        found = (self.previous(slot), self.target(slot), self.england_and_wales(slot), self.msg(slot))
        return tuple(comparison for comparison in found if comparison is not None)


def compare(
    values: Mapping[str, IndicatorValue],
    previous_values: Mapping[str, IndicatorValue] | None,
    context: ForceContext,
    period: Period,
    published: PublishedFigures | None = None,
    peer_groups: PeerGroupTable | None = None,
    force_values: ForceValues | None = None,
) -> tuple[IndicatorResult, ...]:
    """Results for every indicator in ``values``, in registry order, each with its comparisons.

    ``published`` defaults to the figures shipped with Inspectorate; pass ``PublishedFigures()`` for
    none. ``force_values`` holds other forces' values for the same period (force id -> indicator id
    -> value), worked out by the caller from their data: the peers' for the MSG, all 43 for an
    England and Wales figure when no published one covers the period.
    """
    figures = shipped_published() if published is None else published
    against = _Against(context, period, values, previous_values, figures, peer_groups, force_values)
    results: list[IndicatorResult] = []
    for definition in DEFINITIONS:
        value = values.get(definition.id)
        if value is None:
            continue
        breakdown = tuple(
            BreakdownResult(
                dimension=row.dimension,
                key=row.key,
                label=row.label,
                unit=_Slot(definition, row.dimension).unit,
                numerator=row.numerator,
                denominator=row.denominator,
                value=row.value,
                comparisons=against.all(_Slot(definition, row.dimension, row.key)),
            )
            for row in value.breakdown
        )
        results.append(
            IndicatorResult(
                id=definition.id,
                title=definition.title,
                unit=definition.unit,
                period=period.label,
                period_start=period.start,
                period_end=period.last_day,
                value=value.value,
                numerator=value.numerator,
                denominator=value.denominator,
                missing=value.missing,
                reason=value.reason,
                breakdown=breakdown,
                comparisons=against.all(_Slot(definition)),
            )
        )
    return tuple(results)
