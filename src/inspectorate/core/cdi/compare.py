"""Has the recording rate changed since the previous audit, or is it broadly unchanged?

The two audits are independent samples, so the difference of the two rates has variance
se₁² + se₂². A published previous figure gives only its rate and "+/-" margin; at the stated
confidence the margin is z·se, so se = margin / z.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from inspectorate.core.stats.intervals import z_value

Z_TEST = "two-sided z-test for the difference of two independent estimates"


class Verdict(StrEnum):
    IMPROVED = "improved"
    UNCHANGED = "broadly unchanged"
    DETERIORATED = "deteriorated"


@dataclass(frozen=True)
class PreviousRate:
    """A previous audit's published figure, e.g. 89.5 percent +/- 1.6 as (0.895, 0.016)."""

    rate: float
    margin: float
    label: str
    confidence: float = 0.95

    @property
    def standard_error(self) -> float:
        return self.margin / z_value(self.confidence)


@dataclass(frozen=True)
class Comparison:
    difference: float  # current minus previous, as a proportion
    z: float
    p_value: float
    significant: bool
    verdict: Verdict
    test: str = Z_TEST


def compare_rates(
    current_rate: float, current_se: float, previous_rate: float, previous_se: float, alpha: float = 0.05
) -> Comparison:
    """ "Broadly unchanged" unless the two-sided p-value is below ``alpha``; otherwise the sign of
    the difference says whether recording improved or deteriorated."""
    if current_se < 0 or previous_se < 0:
        raise ValueError("standard errors cannot be negative")
    difference = current_rate - previous_rate
    combined = math.hypot(current_se, previous_se)
    if combined == 0:
        # Two figures without sampling error (censuses): any difference is a real one.
        z = 0.0 if difference == 0 else math.copysign(math.inf, difference)
    else:
        z = difference / combined
    # The two-sided normal tail 2·Φ(-|z|), which equals erfc(|z| / √2).
    p_value = math.erfc(abs(z) / math.sqrt(2))
    significant = p_value < alpha
    if not significant:
        verdict = Verdict.UNCHANGED
    else:
        verdict = Verdict.IMPROVED if difference > 0 else Verdict.DETERIORATED
    return Comparison(difference, z, p_value, significant, verdict)


def compare_with_previous(current_rate: float, current_se: float, previous: PreviousRate) -> Comparison:
    return compare_rates(current_rate, current_se, previous.rate, previous.standard_error)


def published_rate_problem(rate_percent: float, margin_percent: float | None = None) -> str:
    """What is wrong with a previous audit's published figures typed in percent, or ''.

    A rate under 1 percent is taken for a proportion typed by mistake (0.895 for 89.5 percent):
    no force records so little, and the additional-crimes estimate would be absurd.
    """
    if not 0 < rate_percent <= 100:
        return f"{rate_percent:g} should be above 0 and at most 100 (percent)"
    if rate_percent < 1:
        return (
            f"{rate_percent:g} percent? Give the rate in percent: {rate_percent * 100:g} for {rate_percent:g}"
        )
    if margin_percent is not None and not 0 <= margin_percent < 100:
        return f"+/- {margin_percent:g} should be at least 0 and below 100 (percent)"
    return ""
