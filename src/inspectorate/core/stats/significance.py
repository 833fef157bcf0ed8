"""Whether a difference between two figures is more than chance, at the 5% level, two-sided.

Which test depends on what is compared: a proportion of counted items, a rate per head of
population, or a ratio of two rates; and on whether the other figure has its own counts (another
period, the force's peers) or is a fixed number (a published figure or a target), whose own
sampling error is taken as nil.

The statistics are those of statsmodels (``proportions_ztest``, ``test_poisson_2indep`` with its
default score method, ``test_poisson`` with ``exact-c``) and scipy (``binomtest``), written out here
on ``math`` and ``scipy.special`` so that a command or a page does not pay seconds of imports for
microseconds of arithmetic. The tests pin every function to those libraries' own results.
"""

from __future__ import annotations

import math
from collections.abc import Callable
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
    """k1 of n1 against k2 of n2, with the pooled-variance z statistic (statsmodels' proportions_ztest)."""
    test = StatTest.TWO_PROPORTIONS
    if min(n1, n2) <= 0 or not (0 <= k1 <= n1 and 0 <= k2 <= n2):
        return Significance(test, None)
    if k1 + k2 in (0, n1 + n2):
        # Both are 0% or both are 100%: identical, and the z statistic would divide by zero.
        return Significance(test, 1.0)
    pooled = (k1 + k2) / (n1 + n2)
    z = (k1 / n1 - k2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return Significance(test, _p(_normal_p(z)))


def proportion_vs_figure(k: int, n: int, proportion: float) -> Significance:
    """k of n against a fixed proportion (0 to 1): exact, two-sided by likelihood (scipy's binomtest)."""
    test = StatTest.EXACT_BINOMIAL
    if n <= 0 or not 0 <= k <= n or not 0 <= proportion <= 1:
        return Significance(test, None)
    return Significance(test, _p(_binomial_two_sided(k, n, proportion)))


def two_rates(count1: int, exposure1: float, count2: int, exposure2: float) -> Significance:
    """count1 events in exposure1 people against count2 in exposure2 (score test of equal rates)."""
    test = StatTest.POISSON_RATES
    if min(exposure1, exposure2) <= 0 or min(count1, count2) < 0 or count1 + count2 == 0:
        return Significance(test, None)
    # Under equal rates, count1 is expected to be this share of every count2 event (exposure ratio).
    expected_ratio = exposure1 / exposure2
    z = (count1 - count2 * expected_ratio) / math.sqrt((count1 + count2) * expected_ratio)
    return Significance(test, _p(_normal_p(z)))


def rate_vs_figure(count: int, exposure: float, rate: float) -> Significance:
    """count events in exposure people against a fixed rate per person (central exact test)."""
    test = StatTest.EXACT_POISSON
    if exposure <= 0 or count < 0 or rate < 0:
        return Significance(test, None)
    from scipy.special import pdtr, pdtrc

    expected = exposure * rate
    at_most = float(pdtr(count, expected))
    at_least = 1.0 if count == 0 else float(pdtrc(count - 1, expected))
    return Significance(test, _p(min(1.0, 2 * min(at_most, at_least))))


def _binomial_two_sided(k: int, n: int, p: float) -> float:
    """The p-value of scipy.stats.binomtest(k, n, p): outcomes no likelier than k, on both sides."""
    if p in (0.0, 1.0):
        return 1.0 if k == (0 if p == 0.0 else n) else 0.0
    from scipy.special import bdtr, bdtrc, gammaln

    def pmf(x: int) -> float:
        log = (
            gammaln(n + 1) - gammaln(x + 1) - gammaln(n - x + 1) + x * math.log(p) + (n - x) * math.log1p(-p)
        )
        return math.exp(float(log))

    # scipy's tolerance, so that outcomes as likely as k up to rounding count on the other side.
    limit = pmf(k) * (1 + 1e-7)
    mode = p * n
    if k == mode:
        return 1.0
    if k < mode:
        last = _last_at_most(lambda x: -pmf(x), -limit, math.ceil(mode), n)
        beyond = n - last + int(limit == pmf(last))
        value = float(bdtr(k, n, p)) + (float(bdtrc(n - beyond, n, p)) if beyond > 0 else 0.0)
    else:
        last = _last_at_most(pmf, limit, 0, math.floor(mode))
        below = last + 1
        value = (float(bdtr(below - 1, n, p)) if below > 0 else 0.0) + float(bdtrc(k - 1, n, p))
    return min(1.0, value)


def _last_at_most(f: Callable[[int], float], limit: float, low: int, high: int) -> int:
    """Binary search over an increasing f: the last x in [low, high] with f(x) <= limit (as scipy's)."""
    while low < high:
        middle = low + (high - low) // 2
        value = f(middle)
        if value < limit:
            low = middle + 1
        elif value > limit:
            high = middle - 1
        else:
            return middle
    return low if f(low) <= limit else low - 1


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
