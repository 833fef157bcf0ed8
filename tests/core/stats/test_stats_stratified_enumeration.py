"""The stratified estimator checked exactly, over every sample a tiny population can give.

With every record eligible the ratio estimator's denominator Σ N_h x_h / n_h is N whatever the
sample, so the estimate is the stratified mean ȳ_st = Σ W_h ȳ_h, and the linearised variance is
Cochran's v(ȳ_st) = Σ W_h² (1 - f_h) s_h² / n_h (Sampling Techniques, 3rd ed., 1977, section 5.3).
Cochran's Theorems 5.1 to 5.3 say ȳ_st is unbiased for the population mean and that, with s_h²
unbiased for S_h² (Theorem 2.4), v(ȳ_st) is unbiased for V(ȳ_st) = Σ W_h² (1 - f_h) S_h² / n_h.
Enumerating every stratified sample (each equally likely under simple random sampling without
replacement in each stratum) gives E(ȳ_st), V(ȳ_st) and E(v) exactly, in rational arithmetic.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest

from inspectorate.core.stats.stratified import StratumCounts, stratified_rate

# Three strata of 0/1 records ("was it recorded?"), all eligible, and the sample size in each.
POPULATION = {
    "violence/999": ((1, 1, 0, 1, 0, 1), 3),
    "violence/101": ((1, 0, 1, 1), 2),
    "sexual/999": ((1, 1, 1, 0, 1), 2),
}


def every_sample() -> list[tuple[tuple[int, ...], ...]]:
    """Every stratified sample: one combination of records per stratum, all combinations crossed."""
    per_stratum = [list(itertools.combinations(values, n)) for values, n in POPULATION.values()]
    return list(itertools.product(*per_stratum))


def test_every_sample_is_enumerated() -> None:
    # C(6,3) * C(4,2) * C(5,2) = 20 * 6 * 10.
    assert len(every_sample()) == 1_200


def test_the_estimate_is_unbiased_and_its_variance_estimator_is_exactly_unbiased() -> None:
    frame = sum(len(values) for values, _ in POPULATION.values())
    true_mean = Fraction(sum(sum(values) for values, _ in POPULATION.values()), frame)
    samples = every_sample()
    exact_estimates: list[Fraction] = []
    exact_variance_estimates: list[Fraction] = []
    estimator_rates: list[float] = []
    estimator_variances: list[float] = []
    for sample in samples:
        strata = []
        mean = variance = Fraction(0)
        for (key, (values, n)), chosen in zip(POPULATION.items(), sample, strict=True):
            big_n, hits = len(values), sum(chosen)
            weight = Fraction(big_n, frame)
            mean += weight * Fraction(hits, n)
            s2 = Fraction(sum((Fraction(y) - Fraction(hits, n)) ** 2 for y in chosen), n - 1)
            variance += weight**2 * (1 - Fraction(n, big_n)) * s2 / n
            group, _, _ = key.partition("/")
            strata.append(StratumCounts(key, group, big_n, n, n, hits))
        exact_estimates.append(mean)
        exact_variance_estimates.append(variance)
        estimate = stratified_rate(strata)
        assert estimate is not None
        estimator_rates.append(estimate.rate)
        estimator_variances.append(estimate.standard_error**2)
    count = len(samples)
    # Unbiased point estimate: the mean over all samples is the population's rate, 11/15.
    assert sum(exact_estimates) / count == true_mean == Fraction(11, 15)
    assert math.fsum(estimator_rates) / count == pytest.approx(float(true_mean), abs=1e-12)
    # The exact design variance, over every sample, equals the mean of Cochran's estimator (exactly,
    # in fractions: the theorem) and the mean of the platform's variance (to rounding error).
    design_variance = sum((m - true_mean) ** 2 for m in exact_estimates) / count
    assert sum(exact_variance_estimates) / count == design_variance
    assert math.fsum(estimator_variances) / count == pytest.approx(float(design_variance), abs=1e-12)
    # And the enumeration is not trivial: the variance is far from zero at this scale.
    assert float(design_variance) > 1e-3
    # Cochran's formula for V(ȳ_st) from the population's own S_h² agrees (Theorem 5.3).
    by_formula = Fraction(0)
    for values, n in POPULATION.values():
        big_n = len(values)
        mean_h = Fraction(sum(values), big_n)
        s2_h = sum((Fraction(y) - mean_h) ** 2 for y in values) / (big_n - 1)
        by_formula += Fraction(big_n, frame) ** 2 * (1 - Fraction(n, big_n)) * s2_h / n
    assert by_formula == design_variance
