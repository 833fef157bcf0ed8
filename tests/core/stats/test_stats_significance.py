"""Significance tests pinned to figures worked out independently, by the textbook formula, here."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspectorate.core.stats import significance as sig


def normal_two_sided(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def test_two_proportions_is_the_pooled_z_test() -> None:
    # 45 of 100 against 30 of 100: pooled p = 75/200, se = sqrt(p(1-p)(1/100+1/100)), z = 0.15/se = 2.1909.
    pooled = 75 / 200
    z = (0.45 - 0.30) / math.sqrt(pooled * (1 - pooled) * (2 / 100))
    outcome = sig.two_proportions(45, 100, 30, 100)
    assert outcome.test is sig.StatTest.TWO_PROPORTIONS
    assert outcome.p_value == pytest.approx(normal_two_sided(z), rel=1e-9)
    # statsmodels proportions_ztest([45, 30], [100, 100]) gives p = 0.0285 to 4 d.p.
    assert round(outcome.p_value, 4) == 0.0285
    assert outcome.significant is True


def test_identical_extreme_proportions_are_not_different() -> None:
    assert sig.two_proportions(0, 10, 0, 20).p_value == 1.0
    assert sig.two_proportions(10, 10, 20, 20).significant is False
    assert sig.two_proportions(1, 0, 1, 10).p_value is None


def binomial_two_sided(k: int, n: int, p: float) -> float:
    """Sum of the probabilities no larger than that of k (the method scipy's binomtest uses)."""
    pmf = [math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(n + 1)]
    return min(1.0, sum(q for q in pmf if q <= pmf[k] * (1 + 1e-7)))


def test_a_proportion_against_a_fixed_figure_is_the_exact_binomial_test() -> None:
    # 15 of 20 answered in time against a 90% target.
    outcome = sig.proportion_vs_figure(15, 20, 0.9)
    assert outcome.test is sig.StatTest.EXACT_BINOMIAL
    assert outcome.p_value == pytest.approx(binomial_two_sided(15, 20, 0.9), rel=1e-9)
    # scipy.stats.binomtest(15, 20, 0.9).pvalue = 0.0432 to 4 d.p.
    assert round(outcome.p_value, 4) == 0.0432
    assert sig.proportion_vs_figure(18, 20, 0.9).significant is False


def test_two_rates_is_the_poisson_score_test() -> None:
    # With equal exposures the score statistic is (y1 - y2) / sqrt(y1 + y2): 10 / sqrt(50).
    outcome = sig.two_rates(30, 1000, 20, 1000)
    assert outcome.test is sig.StatTest.POISSON_RATES
    assert outcome.p_value == pytest.approx(normal_two_sided(10 / math.sqrt(50)), rel=1e-9)
    # Unequal exposures: with d = n2/n1, z = (y1 - y2/d) / sqrt((y1 + y2)/d), as in statsmodels'
    # test_poisson_2indep (method "score").
    d = 3000 / 1000
    z = (30 - 60 / d) / math.sqrt((30 + 60) / d)
    assert sig.two_rates(30, 1000, 60, 3000).p_value == pytest.approx(normal_two_sided(z), rel=1e-9)
    assert sig.two_rates(0, 1000, 0, 1000).p_value is None


def poisson_cdf(k: int, mu: float) -> float:
    return sum(math.exp(-mu) * mu**i / math.factorial(i) for i in range(k + 1))


def test_a_rate_against_a_fixed_figure_is_the_central_exact_poisson_test() -> None:
    # 80 crimes among 1,000 people against 63 per 1,000: twice the smaller tail of Poisson(63).
    upper = 1 - poisson_cdf(79, 63)
    lower = poisson_cdf(80, 63)
    outcome = sig.rate_vs_figure(80, 1000, 0.063)
    assert outcome.test is sig.StatTest.EXACT_POISSON
    assert outcome.p_value == pytest.approx(min(1.0, 2 * min(upper, lower)), rel=1e-7)
    assert outcome.significant is True
    assert sig.rate_vs_figure(63, 1000, 0.063).significant is False


def test_rate_ratios_use_the_log_ratio_with_count_based_variance() -> None:
    # Ratio 6 from 30 and 10 events against ratio 3 from 60 and 40.
    z = math.log(6 / 3) / math.sqrt(1 / 30 + 1 / 10 + 1 / 60 + 1 / 40)
    outcome = sig.two_rate_ratios((30, 10), 6.0, (60, 40), 3.0)
    assert outcome.test is sig.StatTest.LOG_RATE_RATIOS
    assert outcome.p_value == pytest.approx(normal_two_sided(z), rel=1e-12)
    fixed = sig.rate_ratio_vs_figure((30, 10), 6.0, 3.0)
    assert fixed.p_value == pytest.approx(normal_two_sided(math.log(2) / math.sqrt(1 / 30 + 1 / 10)))
    assert sig.rate_ratio_vs_figure((0, 10), 0.0, 3.0).p_value is None


def test_significance_is_at_the_five_percent_level() -> None:
    assert sig.ALPHA == 0.05
    assert sig.Significance(sig.StatTest.EXACT_POISSON, 0.0499).significant is True
    assert sig.Significance(sig.StatTest.EXACT_POISSON, 0.05).significant is False
    assert sig.Significance(sig.StatTest.EXACT_POISSON, None).significant is None


# The functions are written on math and scipy.special to keep imports light; on any input they
# must give the p-values of the library calls they stand for (statsmodels 0.15 and scipy 1.17).
_counts = st.integers(min_value=0, max_value=5000)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5000), st.integers(1, 5000), st.floats(0, 1), st.floats(0, 1))
def test_two_proportions_equals_statsmodels(n1, n2, share1, share2) -> None:
    from statsmodels.stats.proportion import proportions_ztest

    k1, k2 = round(n1 * share1), round(n2 * share2)
    ours = sig.two_proportions(k1, n1, k2, n2).p_value
    if k1 + k2 in (0, n1 + n2):
        assert ours == 1.0
        return
    assert ours == pytest.approx(proportions_ztest([k1, k2], [n1, n2])[1], rel=1e-9, abs=1e-300)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 3000), st.floats(0, 1), st.floats(0.001, 0.999))
def test_the_exact_binomial_test_equals_scipy(n, share, proportion) -> None:
    from scipy.stats import binomtest

    k = round(n * share)
    ours = sig.proportion_vs_figure(k, n, proportion).p_value
    assert ours == pytest.approx(binomtest(k, n, proportion).pvalue, rel=1e-6, abs=1e-12)


@settings(max_examples=150, deadline=None)
@given(_counts, st.floats(100, 1e7), _counts, st.floats(100, 1e7))
def test_the_poisson_score_test_equals_statsmodels(count1, exposure1, count2, exposure2) -> None:
    from statsmodels.stats.rates import test_poisson_2indep

    if count1 + count2 == 0 or count2 == 0:
        return  # statsmodels divides by count2 for the ratio it also reports
    ours = sig.two_rates(count1, exposure1, count2, exposure2).p_value
    theirs = test_poisson_2indep(count1, exposure1, count2, exposure2).pvalue
    assert ours == pytest.approx(float(theirs), rel=1e-9, abs=1e-300)


@settings(max_examples=150, deadline=None)
@given(_counts, st.floats(100, 1e6), st.floats(0.0001, 0.05))
def test_the_exact_poisson_test_equals_statsmodels(count, exposure, rate) -> None:
    from statsmodels.stats.rates import test_poisson

    ours = sig.rate_vs_figure(count, exposure, rate).p_value
    theirs = test_poisson(count, exposure, rate, method="exact-c").pvalue
    assert ours == pytest.approx(float(theirs), rel=1e-9, abs=1e-300)
