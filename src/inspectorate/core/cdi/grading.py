"""A suggested grade for crime recording, from the audit's overall recording rate, with its reasons.

The bands are this platform's defaults, not HMICFRS rules: the inspectorate's criteria speak of a
"substantial majority" or a "high proportion" of crimes recorded without publishing the numbers
behind them. The defaults reproduce the published grades we could check (percent recorded, grade):

- PEEL five-tier scale (2021 onwards): Metropolitan Police 2021/22, 91.7, adequate; Wiltshire
  2023-25, 92.4, adequate. So adequate spans at least 91.7 to 92.4; good starts above that.
- Four-tier scale (crime data integrity inspections, 2016-2018): West Midlands 2017, 83.8,
  inadequate; Cleveland 2018, 83.4, inadequate; Staffordshire 2016, 91.0, good (effectiveness at
  recording, after the 2017 regrading); Wiltshire 2017, 90.9, good. So good starts at or below
  90.9 and inadequate reaches at least 83.8.

Between the anchors the boundaries are round numbers: the same 86 percent floor for requires
improvement on both scales and 97 percent for outstanding, where we found no anchor. An inspector
grades; this only suggests, and says how sure the audit is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from inspectorate.core.cdi.estimate import ALL, AuditEstimate, percent
from inspectorate.core.cdi.types import CRIME_GROUP_LABELS, SEXUAL, VIOLENCE

FIVE_TIER = ("outstanding", "good", "adequate", "requires-improvement", "inadequate")
FOUR_TIER = ("outstanding", "good", "requires-improvement", "inadequate")
# The lowest overall recording rate of each level, best level first; the last takes everything below.
DEFAULT_BANDS: dict[tuple[str, ...], tuple[float, ...]] = {
    FIVE_TIER: (0.97, 0.94, 0.90, 0.86, 0.0),
    FOUR_TIER: (0.97, 0.90, 0.86, 0.0),
}
# A crime group this far below the overall rate is worth an inspector's attention in its own right.
MARKEDLY_LOWER = 0.05


@dataclass(frozen=True)
class GradeSuggestion:
    level_id: str | None
    reasons: tuple[str, ...]


def suggest_grade(scale_level_ids: Sequence[str], estimate: AuditEstimate) -> GradeSuggestion:
    """The level whose band holds the overall recording rate, and plain-English reasons."""
    scale = next((s for s in DEFAULT_BANDS if set(s) == set(scale_level_ids)), None)
    if scale is None:
        names = ", ".join(scale_level_ids)
        return GradeSuggestion(None, (f"There are no default recording-rate bands for the scale ({names}).",))
    reasons: list[str] = []
    if estimate.provisional:
        sampled = estimate.decided + estimate.undecided
        reasons.append(
            f"Provisional: {estimate.undecided:,} of {sampled:,} sampled records are still undecided, "
            "so the figures may move."
        )
    overall = estimate.recording
    if overall is None:
        reasons.append(
            "No decided record should have been a crime yet, so there is no recording rate to grade."
        )
        return GradeSuggestion(None, tuple(reasons))
    floors = DEFAULT_BANDS[scale]
    index = _band_index(floors, overall.rate)
    level = scale[index]
    # The interval of RateEstimate.interval, which covers 95 percent of the time where the
    # symmetric "+/-" does not (docs/cdi.md, "Do the intervals cover?"); the "+/-" is quoted too.
    interval = overall.interval
    reasons.insert(
        0,
        f"Overall, {_pc(overall.rate)} of crimes were recorded (+/- {percent(overall.margin):.1f} as the "
        f"reports give it; the {overall.confidence * 100:g}% interval is {_pc(interval.lower)} to "
        f"{_pc(interval.upper)}): the {_label(level)} band is {_band(floors, index)}.",
    )
    low, high = _band_index(floors, interval.lower), _band_index(floors, interval.upper)
    if low == high + 1:
        reasons.append(
            f"The interval crosses the {_bound(floors[high])} boundary between {_label(scale[low])} and "
            f"{_label(scale[high])}, so the audit cannot tell those two apart."
        )
    elif low > high + 1:
        reasons.append(
            f"The interval spans {_label(scale[low])} to {_label(scale[high])}, so the audit cannot "
            f"tell those {low - high + 1} levels apart."
        )
    for group in (VIOLENCE, SEXUAL):
        rate = estimate.groups.get(group)
        if rate is not None and overall.rate - rate.rate >= MARKEDLY_LOWER:
            gap = percent(overall.rate - rate.rate)
            reasons.append(
                f"{CRIME_GROUP_LABELS[group]}: {_pc(rate.rate)} recorded, "
                f"{gap:.1f} points below the overall rate."
            )
    since = estimate.previous.label if estimate.previous else "the previous audit"
    for scope, comparison in estimate.comparisons.items():
        if comparison.significant:
            what = (
                "Overall recording" if scope == ALL else f"Recording of {CRIME_GROUP_LABELS[scope].lower()}"
            )
            reasons.append(
                f"{what} has {comparison.verdict} since {since} "
                f"({percent(abs(comparison.difference)):.1f} points, {_p(comparison.p_value)})."
            )
    return GradeSuggestion(level, tuple(reasons))


def _band_index(floors: tuple[float, ...], rate: float) -> int:
    """The band holding ``rate``, counted from the best (0)."""
    return next(i for i, floor in enumerate(floors) if rate >= floor)


def _p(p_value: float) -> str:
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


def _pc(proportion: float) -> str:
    return f"{percent(proportion):.1f}%"


def _bound(floor: float) -> str:
    return f"{floor * 100:g}%"


def _label(level_id: str) -> str:
    return level_id.replace("-", " ")


def _band(floors: tuple[float, ...], index: int) -> str:
    if index == 0:
        return f"{_bound(floors[0])} or more"
    if index == len(floors) - 1:
        return f"below {_bound(floors[index - 1])}"
    return f"{_bound(floors[index])} up to {_bound(floors[index - 1])}"
