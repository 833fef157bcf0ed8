"""Whether a difference between two figures is more than chance, at the 5% level, two-sided.

Which test depends on what is compared: a proportion of counted items, a rate per head of
population, or a ratio of two rates; and on whether the other figure has its own counts (another
period, the force's peers) or is a fixed number (a published figure or a target), whose own
sampling error is taken as nil. scipy and statsmodels are imported only when a test runs.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from enum import StrEnum

ALPHA = 0.05


class StatTest(StrEnum):
    TWO_PROPORTIONS = "two-proportion z-test"
    EXACT_BINOMIAL = "exact binomial test"
    POISSON_RATES = "Poisson rate comparison (score test)"
    EXACT_POISSON = "exact Poisson test"
    LOG_RATE_RATIOS = "z-test on the log of the rate ratios"


@dataclass(frozen=True)
class Significance:
    test: StatTest
    # None when the counts cannot support the test (for example nothing counted at all).
    p_value: float | None

    @property
    def significant(self) -> bool | None:
        return None if self.p_value is None else self.p_value < ALPHA


def _p(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def two_proportions(k1: int, n1: int, k2: int, n2: int) -> Significance:
    """k1 of n1 against k2 of n2, with the pooled-variance z statistic."""
    test = StatTest.TWO_PROPORTIONS
    if min(n1, n2) <= 0 or not (0 <= k1 <= n1 and 0 <= k2 <= n2):
        return Significance(test, None)
    if k1 + k2 in (0, n1 + n2):
        # Both are 0% or both are 100%: identical, and the z statistic would divide by zero.
        return Significance(test, 1.0)
    from statsmodels.stats.proportion import proportions_ztest

    _, p_value = proportions_ztest([k1, k2], [n1, n2])
    return Significance(test, _p(p_value))


def proportion_vs_figure(k: int, n: int, proportion: float) -> Significance:
    """k of n against a fixed proportion (0 to 1)."""
    test = StatTest.EXACT_BINOMIAL
    if n <= 0 or not 0 <= k <= n or not 0 <= proportion <= 1:
        return Significance(test, None)
    from scipy.stats import binomtest

    return Significance(test, _p(binomtest(k, n, proportion).pvalue))


def two_rates(count1: int, exposure1: float, count2: int, exposure2: float) -> Significance:
    """count1 events in exposure1 people against count2 in exposure2."""
    test = StatTest.POISSON_RATES
    if min(exposure1, exposure2) <= 0 or min(count1, count2) < 0 or count1 + count2 == 0:
        return Significance(test, None)
    from statsmodels.stats.rates import test_poisson_2indep

    with warnings.catch_warnings():
        # With one count zero the test is still valid; only the ratio it also reports is infinite.
        warnings.simplefilter("ignore", RuntimeWarning)
        result = test_poisson_2indep(count1, exposure1, count2, exposure2)
    return Significance(test, _p(result.pvalue))


def rate_vs_figure(count: int, exposure: float, rate: float) -> Significance:
    """count events in exposure people against a fixed rate per person (central exact test)."""
    test = StatTest.EXACT_POISSON
    if exposure <= 0 or count < 0 or rate < 0:
        return Significance(test, None)
    from statsmodels.stats.rates import test_poisson

    return Significance(test, _p(test_poisson(count, exposure, rate, method="exact-c").pvalue))


def _normal_p(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def two_rate_ratios(
    counts1: tuple[int, int], ratio1: float, counts2: tuple[int, int], ratio2: float
) -> Significance:
    """Two ratios of rates, each with the event counts above and below its line.

    With populations taken as known, the log of a rate ratio has variance close to 1/a + 1/b for
    event counts a and b, so the difference of two logs is tested against the normal distribution.
    """
    test = StatTest.LOG_RATE_RATIOS
    counts = (*counts1, *counts2)
    if min(counts) <= 0 or min(ratio1, ratio2) <= 0:
        return Significance(test, None)
    z = math.log(ratio1 / ratio2) / math.sqrt(sum(1 / count for count in counts))
    return Significance(test, _normal_p(z))


def rate_ratio_vs_figure(counts: tuple[int, int], ratio: float, figure: float) -> Significance:
    """A ratio of rates, with its two event counts, against a fixed ratio."""
    test = StatTest.LOG_RATE_RATIOS
    if min(counts) <= 0 or ratio <= 0 or figure <= 0:
        return Significance(test, None)
    z = math.log(ratio / figure) / math.sqrt(sum(1 / count for count in counts))
    return Significance(test, _normal_p(z))
