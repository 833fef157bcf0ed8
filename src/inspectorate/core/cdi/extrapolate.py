"""From a recording rate to numbers of crimes: how many went unrecorded, how many more were recorded.

The audit measures a proportion; the reports also give volumes by applying it to the force's police
recorded crime for the 12 months to the end of the audit period (excluding fraud). If R crimes were
recorded and the audit found a share p of the crimes that should have been recorded were, then
R / p crimes should have been recorded, and R / p - R = R(1 - p) / p were not.
"""

from __future__ import annotations

import math

from inspectorate.core.stats.intervals import Interval

# Shown beside the figures, with true multiplication and minus signs (escaped for the linter).
UNRECORDED_FORMULA = "R \u00d7 (1 \u2212 p) \u00f7 p"
ADDITIONAL_FORMULA = "R \u00d7 (1 \u2212 p_prev \u00f7 p)"


def unrecorded_per_year(recorded_crimes: int, rate: float) -> float:
    """Crimes that should have been recorded in the year but were not: R(1 - p) / p.

    R is what the force recorded; the audit says that is the share p of what it should have
    recorded, R / p; the rest, R / p - R, went unrecorded.
    """
    _check(recorded_crimes, rate)
    return recorded_crimes * (1 - rate) / rate


def additional_since_previous(recorded_crimes: int, rate: float, previous_rate: float) -> float:
    """Crimes recorded this year that the force would not have recorded at its previous rate.

    Of the R / p crimes that should have been recorded, the previous rate would have recorded
    p_prev · R / p, so the gain is (R / p)(p - p_prev) = R(1 - p_prev / p). Negative when the rate
    fell.
    """
    _check(recorded_crimes, rate)
    if not 0 < previous_rate <= 1:
        raise ValueError(f"the previous rate must be above 0 and at most 1, got {previous_rate}")
    return recorded_crimes * (1 - previous_rate / rate)


def describe_additional(value: float) -> str:
    """The additional-crimes figure in words, whichever way the rate moved (rounded to hundreds):
    "about 1,200 more crimes recorded in the year than at the previous rate", or "fewer" when the
    rate fell, so a text never says "-44,100 additional crimes"."""
    rounded = round_to_hundreds(value)
    if rounded == 0:
        return "about as many crimes recorded in the year as at the previous rate"
    more = "more" if rounded > 0 else "fewer"
    return f"about {abs(rounded):,} {more} crimes recorded in the year than at the previous rate"


def unrecorded_interval(recorded_crimes: int, rate_interval: Interval) -> Interval:
    """The unrecorded count over the rate's interval: the count falls as the rate rises, so the
    rate's upper bound gives the count's lower bound. A rate interval reaching 0 has no upper
    bound on the count (``math.inf``)."""
    if recorded_crimes < 0:
        raise ValueError(f"recorded crimes cannot be negative, got {recorded_crimes}")
    low = (
        recorded_crimes * (1 - rate_interval.upper) / rate_interval.upper
        if rate_interval.upper > 0
        else math.inf
    )
    high = (
        recorded_crimes * (1 - rate_interval.lower) / rate_interval.lower
        if rate_interval.lower > 0
        else math.inf
    )
    return Interval(low, high)


def round_to_hundreds(value: float) -> int:
    """To the nearest hundred, halves away from zero, as the reports quote volumes (69,100)."""
    return int(math.copysign(math.floor(abs(value) / 100 + 0.5) * 100, value))


def _check(recorded_crimes: int, rate: float) -> None:
    if recorded_crimes < 0:
        raise ValueError(f"recorded crimes cannot be negative, got {recorded_crimes}")
    if not 0 < rate <= 1:
        raise ValueError(f"the recording rate must be above 0 and at most 1, got {rate}")
