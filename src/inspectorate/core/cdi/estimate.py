"""The whole audit's figures, from the auditors' decisions: the object the pages, JSON and CSV show."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from inspectorate.core.cdi.compare import Comparison, PreviousRate, compare_with_previous
from inspectorate.core.cdi.extrapolate import (
    ADDITIONAL_FORMULA,
    UNRECORDED_FORMULA,
    additional_since_previous,
    describe_additional,
    round_to_hundreds,
    unrecorded_interval,
    unrecorded_per_year,
)
from inspectorate.core.cdi.strata import StratumEstimate, stratum_estimate
from inspectorate.core.cdi.types import (
    CRIME_GROUPS,
    SEXUAL,
    VIOLENCE,
    Answer,
    Decision,
    Stratum,
)
from inspectorate.core.stats.intervals import Interval
from inspectorate.core.stats.stratified import (
    SYMMETRIC_METHOD,
    WILSON_METHOD,
    RateEstimate,
    StratumCounts,
    stratified_rate,
)

YES, NO = Answer.YES, Answer.NO
ALL = "all"  # the scope of figures over every stratum


@dataclass(frozen=True)
class Measure:
    """A rate of hits among the decided records that are eligible for it."""

    name: str
    label: str
    eligible_when: tuple[tuple[str, tuple[Answer, ...]], ...]  # every (question, accepted answers)
    hit_when_yes: str  # the question whose "yes" makes an eligible record a hit

    def is_eligible(self, decision: Decision) -> bool:
        return all(getattr(decision, question) in answers for question, answers in self.eligible_when)

    def is_hit(self, decision: Decision) -> bool:
        return bool(getattr(decision, self.hit_when_yes) == YES)


_CRIME = ("should_record", (YES,))
_RECORDED = (_CRIME, ("recorded", (YES,)))
# The headline measure first.
MEASURES = (
    Measure("recording", "Crimes recorded", (_CRIME,), "recorded"),
    Measure("classification", "Recorded crimes correctly classified", _RECORDED, "correctly_classified"),
    Measure("timeliness", "Recorded crimes recorded within 24 hours", _RECORDED, "within_24h"),
    Measure(
        "cancellations",
        "Cancellations correct",
        (("cancellation_correct", (YES, NO)),),
        "cancellation_correct",
    ),
)
RECORDING = MEASURES[0].name


def tally(
    strata: Sequence[Stratum], decisions: Iterable[tuple[str, Decision]]
) -> dict[str, list[StratumCounts]]:
    """Measure name -> one :class:`StratumCounts` per stratum, in the order of ``strata``.

    ``decisions`` pairs each sampled record's stratum key with its decision. A record counts as
    decided once "should a crime have been recorded?" is answered; only decided records can be
    eligible for any measure.
    """
    index = {s.key: i for i, s in enumerate(strata)}
    decided = [0] * len(strata)
    counts = {m.name: ([0] * len(strata), [0] * len(strata)) for m in MEASURES}
    for key, decision in decisions:
        if key not in index:
            raise ValueError(f"a decision names stratum {key!r}, which is not in the design")
        if decision.should_record is None:
            continue
        i = index[key]
        decided[i] += 1
        for m in MEASURES:
            if m.is_eligible(decision):
                counts[m.name][0][i] += 1
                counts[m.name][1][i] += int(m.is_hit(decision))
    return {
        name: [
            StratumCounts(s.key, s.crime_group, s.frame_size, decided[i], eligible[i], hits[i])
            for i, s in enumerate(strata)
        ]
        for name, (eligible, hits) in counts.items()
    }


@dataclass(frozen=True)
class PreviousAudit:
    """The previous audit's published figures, where it gave them."""

    label: str
    overall: PreviousRate | None = None
    violence: PreviousRate | None = None
    sexual: PreviousRate | None = None

    def rates(self) -> dict[str, PreviousRate]:
        given = {ALL: self.overall, VIOLENCE: self.violence, SEXUAL: self.sexual}
        return {scope: rate for scope, rate in given.items() if rate is not None}


@dataclass(frozen=True)
class AuditEstimate:
    confidence: float
    measures: dict[str, RateEstimate | None]  # measure name -> estimate over every stratum
    groups: dict[str, RateEstimate | None]  # crime group -> recording rate over its strata
    strata: tuple[StratumEstimate, ...]  # recording rate per stratum
    decided: int
    undecided: int
    recorded_crimes: int | None
    unrecorded: float | None
    unrecorded_range: Interval | None
    additional: float | None
    previous: PreviousAudit | None
    comparisons: dict[str, Comparison]  # scope (ALL or a crime group) -> comparison
    # Why a volume or a comparison the inputs ask for could not be given (None when it was given).
    unrecorded_note: str | None = None
    additional_note: str | None = None
    comparison_notes: dict[str, str] = field(default_factory=dict)  # scope -> why it was skipped

    @property
    def recording(self) -> RateEstimate | None:
        return self.measures[RECORDING]

    @property
    def provisional(self) -> bool:
        """Some sampled records are still undecided, so the figures may move."""
        return self.undecided > 0

    @property
    def skipped(self) -> tuple[str, ...]:
        """Strata with records in the frame but nothing decided, which the figures cannot speak for."""
        return tuple(s.key for s in self.strata if s.decided == 0 and s.frame_size > 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "confidence": self.confidence,
            "decided": self.decided,
            "undecided": self.undecided,
            "provisional": self.provisional,
            "skipped_strata": list(self.skipped),
            "measures": {m.name: _rate_json(self.measures[m.name], m.label) for m in MEASURES},
            "groups": {group: _rate_json(rate) for group, rate in self.groups.items()},
            "strata": [_stratum_json(s) for s in self.strata],
            "volumes": self._volumes_json(),
            "previous": self.previous.label if self.previous else None,
            "comparisons": {scope: _comparison_json(c) for scope, c in self.comparisons.items()},
            "comparison_notes": dict(self.comparison_notes),
        }

    def _volumes_json(self) -> dict[str, Any]:
        unrecorded = additional = None
        interval = self.recording.interval_method if self.recording else ""
        if self.unrecorded is not None:
            unrecorded = {
                "value": self.unrecorded,
                "rounded": round_to_hundreds(self.unrecorded),
                "lower": _finite(self.unrecorded_range.lower) if self.unrecorded_range else None,
                "upper": _finite(self.unrecorded_range.upper) if self.unrecorded_range else None,
                "range_method": f"the formula over the ends of the recording rate's interval ({interval})",
                "formula": UNRECORDED_FORMULA,
            }
        if self.additional is not None:
            additional = {
                "value": self.additional,
                "rounded": round_to_hundreds(self.additional),
                "text": describe_additional(self.additional),
                "formula": ADDITIONAL_FORMULA,
            }
        return {
            "recorded_crimes": self.recorded_crimes,
            "unrecorded": unrecorded,
            "unrecorded_note": self.unrecorded_note,
            "additional": additional,
            "additional_note": self.additional_note,
        }


def estimate_audit(
    strata: Sequence[Stratum],
    decisions: Iterable[tuple[str, Decision]],
    recorded_crimes: int | None,
    previous: PreviousAudit | None,
    confidence: float = 0.95,
) -> AuditEstimate:
    """Every figure of the audit. The volumes need the force's recorded crimes for the year (R);
    the additional crimes need the previous audit's overall rate too."""
    tallies = tally(strata, decisions)
    measures = {name: stratified_rate(counts, confidence) for name, counts in tallies.items()}
    recording_counts = tallies[RECORDING]
    groups = {
        group: stratified_rate([c for c in recording_counts if c.group == group], confidence)
        for group in CRIME_GROUPS
    }
    overall = measures[RECORDING]
    unrecorded, unrecorded_range, unrecorded_note = _unrecorded(overall, recorded_crimes)
    additional, additional_note = _additional(overall, recorded_crimes, previous)
    comparisons: dict[str, Comparison] = {}
    comparison_notes: dict[str, str] = {}
    for scope, earlier in (previous.rates() if previous else {}).items():
        current = overall if scope == ALL else groups[scope]
        problem = previous_problem(earlier)
        if problem is not None:
            comparison_notes[scope] = f"not compared: {problem}"
        elif current is not None:
            comparisons[scope] = compare_with_previous(current.rate, current.standard_error, earlier)
    decided = sum(c.decided for c in recording_counts)
    return AuditEstimate(
        confidence=confidence,
        measures=measures,
        groups=groups,
        strata=tuple(
            stratum_estimate(s, c, confidence) for s, c in zip(strata, recording_counts, strict=True)
        ),
        decided=decided,
        undecided=max(0, sum(s.sample_size for s in strata) - decided),
        recorded_crimes=recorded_crimes,
        unrecorded=unrecorded,
        unrecorded_range=unrecorded_range,
        additional=additional,
        previous=previous,
        comparisons=comparisons,
        unrecorded_note=unrecorded_note,
        additional_note=additional_note,
        comparison_notes=comparison_notes,
    )


def previous_problem(previous: PreviousRate) -> str | None:
    """What makes a previous audit's figure unusable (they are typed in by people), or None."""
    if not (math.isfinite(previous.rate) and 0 < previous.rate <= 1):
        return f"the previous rate, {previous.rate:g}, is not a proportion above 0 and at most 1"
    if not (math.isfinite(previous.margin) and previous.margin >= 0):
        return f"the previous margin, {previous.margin:g}, is not a proportion of 0 or more"
    if not 0 < previous.confidence < 1:
        return f"the previous confidence level, {previous.confidence:g}, is not between 0 and 1"
    return None


def _unrecorded(
    overall: RateEstimate | None, recorded_crimes: int | None
) -> tuple[float | None, Interval | None, str | None]:
    """R(1 - p)/p and its range over the platform's interval, or why there is none."""
    if recorded_crimes is None:
        return None, None, None  # nothing asked for: the pages invite R
    if recorded_crimes < 0:
        return None, None, f"recorded crimes cannot be negative (R = {recorded_crimes:,})"
    if overall is None:
        return None, None, "no recording rate yet"
    if overall.rate <= 0:
        return (
            None,
            None,
            "the recording rate is 0, so R / p, the crimes that should have been recorded, is unknown",
        )
    value = unrecorded_per_year(recorded_crimes, overall.rate)
    return value, unrecorded_interval(recorded_crimes, overall.interval), None


def _additional(
    overall: RateEstimate | None, recorded_crimes: int | None, previous: PreviousAudit | None
) -> tuple[float | None, str | None]:
    """R(1 - p_prev/p), or why there is none when a previous overall rate was given."""
    if previous is None or previous.overall is None:
        return None, None
    problem = previous_problem(previous.overall)
    if problem is None:
        if recorded_crimes is None:
            problem = "it needs R, the force's recorded crimes for the year"
        elif recorded_crimes < 0:
            problem = f"recorded crimes cannot be negative (R = {recorded_crimes:,})"
        elif overall is None:
            problem = "there is no recording rate yet"
        elif overall.rate <= 0:
            problem = "the recording rate is 0"
        else:
            return additional_since_previous(recorded_crimes, overall.rate, previous.overall.rate), None
    return None, f"not estimated: {problem}"


def percent(proportion: float) -> float:
    """As the reports print it: percent to one decimal place, halves rounded up (91.65 -> 91.7)."""
    # Nine decimals first, so binary noise (0.9165 * 100 = 91.64999...) does not decide the half.
    return float(Decimal(f"{proportion * 100:.9f}").quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _rate_json(rate: RateEstimate | None, label: str | None = None) -> dict[str, Any] | None:
    if rate is None:
        return None
    figures = {
        "rate": rate.rate,
        "percent": percent(rate.rate),
        "margin": rate.margin,
        "margin_percent": percent(rate.margin),
        "standard_error": rate.standard_error,
        "lower": rate.lower,
        "upper": rate.upper,
        "wilson_lower": rate.wilson.lower,
        "wilson_upper": rate.wilson.upper,
        "eligible": rate.eligible,
        "decided": rate.decided,
        "estimated_eligible": rate.estimated_eligible,
        "design_effect": rate.design_effect,
        "effective_n": _finite(rate.effective_n),
        "skipped_strata": list(rate.skipped),
        "single_record_strata": list(rate.single_record),
        "method": "stratified ratio estimator, Taylor-linearised variance",
        # Which interval is which: lower/upper and wilson_lower/upper above are kept for the pages.
        "interval": {
            "lower": rate.interval.lower,
            "upper": rate.interval.upper,
            "method": rate.interval_method,
            "used_for": "the suggested grade's reasons and the range of crimes not recorded",
        },
        "symmetric": {
            "lower": rate.lower,
            "upper": rate.upper,
            "margin": rate.margin,
            "method": SYMMETRIC_METHOD,
            "used_for": "the reports' form (rate +/- margin), shown alongside; the comparison's z-test",
        },
        "wilson": {"lower": rate.wilson.lower, "upper": rate.wilson.upper, "method": WILSON_METHOD},
        "interval_note": rate.interval_note,
    }
    return figures if label is None else {"label": label, **figures}


def _stratum_json(s: StratumEstimate) -> dict[str, Any]:
    figures = {name: value for name, value in asdict(s).items() if name != "wilson"}
    return figures | {
        "percent": None if s.rate is None else percent(s.rate),
        "wilson_lower": s.wilson.lower if s.wilson else None,
        "wilson_upper": s.wilson.upper if s.wilson else None,
    }


def _comparison_json(c: Comparison) -> dict[str, Any]:
    return asdict(c) | {
        "difference_points": percent(c.difference),
        "z": _finite(c.z),
        "verdict": str(c.verdict),
    }
