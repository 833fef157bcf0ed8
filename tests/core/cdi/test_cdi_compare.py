"""Comparison with a previous audit: a z-test whose p-values are pinned to scipy's normal tail."""

from __future__ import annotations

import math

import pytest
from scipy.stats import norm

from inspectorate.core.cdi.compare import Z_TEST, PreviousRate, Verdict, compare_rates, compare_with_previous

Z95 = float(norm.ppf(0.975))


def published(rate: float, margin: float) -> float:
    """The standard error behind a published 95 percent "+/-" margin."""
    return margin / Z95


# Metropolitan Police 2021/22 against its 2018 inspection (seed 002, lines 60-62), as proportions:
# all crime 91.7 ± 2.4 vs 89.5 ± 1.6; violence 86.4 ± 4.4 vs 87.6 ± 2.8; sexual 95.2 ± 3.7 vs 91 ± 2.9.
# The report calls each "broadly unchanged".
MPS_PAIRS = [
    ((0.917, 0.024), (0.895, 0.016)),
    ((0.864, 0.044), (0.876, 0.028)),
    ((0.952, 0.037), (0.910, 0.029)),
]


@pytest.mark.parametrize(("current", "previous"), MPS_PAIRS)
def test_mps_2021_comparisons_are_broadly_unchanged(
    current: tuple[float, float], previous: tuple[float, float]
) -> None:
    se1, se2 = published(*current), published(*previous)
    z = (current[0] - previous[0]) / math.sqrt(se1**2 + se2**2)
    comparison = compare_rates(current[0], se1, previous[0], se2)
    assert comparison.z == pytest.approx(z)
    assert comparison.p_value == pytest.approx(2 * norm.sf(abs(z)), rel=1e-9)
    assert comparison.significant is False
    assert comparison.verdict is Verdict.UNCHANGED
    assert comparison.test == Z_TEST


def test_previous_rate_turns_the_margin_into_a_standard_error() -> None:
    previous = PreviousRate(0.895, 0.016, "2018")
    assert previous.standard_error == pytest.approx(0.016 / Z95)
    current_se = published(0.917, 0.024)
    direct = compare_rates(0.917, current_se, 0.895, previous.standard_error)
    assert compare_with_previous(0.917, current_se, previous) == direct


def test_a_real_change_is_significant_either_way() -> None:
    # West Midlands' 83.8 ± 1.88 against a hypothetical 90.9 ± 1.62: z ≈ -5.7.
    se1, se2 = published(0.838, 0.0188), published(0.909, 0.0162)
    z = (0.838 - 0.909) / math.hypot(se1, se2)
    worse = compare_rates(0.838, se1, 0.909, se2)
    assert worse.p_value == pytest.approx(2 * norm.sf(abs(z)), rel=1e-6)
    assert worse.significant and worse.verdict is Verdict.DETERIORATED
    better = compare_rates(0.909, se2, 0.838, se1)
    assert better.significant and better.verdict is Verdict.IMPROVED
    assert better.difference == pytest.approx(0.071)


def test_alpha_sets_the_line() -> None:
    # The sexual-offences pair has p ≈ 0.08: unchanged at 5 percent, changed at 10 percent.
    (rate1, m1), (rate2, m2) = MPS_PAIRS[2]
    assert compare_rates(rate1, published(rate1, m1), rate2, published(rate2, m2)).significant is False
    loose = compare_rates(rate1, published(rate1, m1), rate2, published(rate2, m2), alpha=0.10)
    assert loose.significant and loose.verdict is Verdict.IMPROVED


def test_figures_without_sampling_error() -> None:
    assert compare_rates(0.9, 0.0, 0.9, 0.0).verdict is Verdict.UNCHANGED
    assert compare_rates(0.91, 0.0, 0.9, 0.0).verdict is Verdict.IMPROVED
    with pytest.raises(ValueError, match="negative"):
        compare_rates(0.9, -0.01, 0.9, 0.01)
