"""The stratified ratio estimator (an audit's recording rate), pinned to statsmodels and to textbook
formulas worked out here."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import norm
from statsmodels.stats.proportion import proportion_confint

from inspectorate.core.stats.intervals import Interval, wilson_interval
from inspectorate.core.stats.stratified import (
    CENSUS_METHOD,
    MOVER_METHOD,
    WILSON_METHOD,
    StratumCounts,
    stratified_batch,
    stratified_rate,
)

Z95 = float(norm.ppf(0.975))
HUGE = 10**12  # a frame so large that the finite population correction is nil


def counts(key: str, frame: int, decided: int, eligible: int, hits: int) -> StratumCounts:
    group, _, _ = key.partition("/")
    return StratumCounts(key, group, frame, decided, eligible, hits)


def test_one_stratum_all_eligible_margin_is_the_normal_interval_up_to_n_over_n_minus_1() -> None:
    # statsmodels' "normal" interval is p ± z·sqrt(p(1-p)/n). Ours divides by n - 1 (the sample
    # variance of 0/1 values is n·p(1-p)/(n - 1)) and applies the FPC, nil here, so the two
    # half-widths differ by exactly sqrt(n / (n - 1)).
    for hits, n in ((1237, 1476), (466, 508), (3, 10), (99, 100)):
        # statsmodels clips the interval at 0 and 1, so its half-width is read off the lower end.
        low, _ = proportion_confint(hits, n, alpha=0.05, method="normal")
        estimate = stratified_rate([counts("all/all", HUGE, n, n, hits)])
        assert estimate is not None
        assert estimate.rate == pytest.approx(hits / n)
        assert estimate.margin == pytest.approx((hits / n - low) * math.sqrt(n / (n - 1)), rel=1e-9)


def test_west_midlands_2017_shape() -> None:
    # Published: 83.8 percent, +/- 1.88 (HMICFRS West Midlands CDI 2017; reference data-sources 4.1).
    # 1,237 of 1,476 is 83.81 percent, 83.8 to one decimal place; the margin is 1.8803 points, 1.88
    # to two. (With the FPC of a six-month frame of ~100,000 crimes it would be 1.87: the published
    # figure looks like it ignores the FPC, as the sample size formula of sizing.py does.)
    estimate = stratified_rate([counts("all/all", HUGE, 1476, 1476, 1237)])
    assert estimate is not None
    assert round(estimate.rate * 100, 1) == 83.8
    assert round(estimate.margin * 100, 2) == 1.88


def expanded(decided: int, eligible: int, hits: int) -> tuple[np.ndarray, np.ndarray]:
    """The stratum's records as 0/1 arrays (x = eligible, y = hit)."""
    x = np.array([1] * eligible + [0] * (decided - eligible), dtype=float)
    y = np.array([1] * hits + [0] * (decided - hits), dtype=float)
    return x, y


def test_two_strata_all_eligible_match_the_stratified_mean_of_cochran() -> None:
    # Cochran, Sampling Techniques (3rd ed., 1977), section 5.3 (Theorem 5.3 and its sample
    # estimate): ȳ_st = Σ W_h ȳ_h and v(ȳ_st) = Σ W_h² (1 - f_h) s_h² / n_h, W_h = N_h / N.
    strata = [(2_000, 150, 120), (500, 120, 111)]  # (N_h, n_h, hits), every record eligible
    total = sum(n for n, _, _ in strata)
    mean = variance = 0.0
    for frame, n, hits in strata:
        _, y = expanded(n, n, hits)
        weight = frame / total
        mean += weight * y.mean()
        variance += weight**2 * (1 - n / frame) * np.var(y, ddof=1) / n
    estimate = stratified_rate([counts(f"g/{i}", f, n, n, h) for i, (f, n, h) in enumerate(strata)])
    assert estimate is not None
    assert estimate.rate == pytest.approx(mean, rel=1e-12)
    assert estimate.standard_error == pytest.approx(math.sqrt(variance), rel=1e-12)
    assert estimate.margin == pytest.approx(Z95 * math.sqrt(variance), rel=1e-9)
    assert estimate.estimated_eligible == pytest.approx(2_500)


def test_ratio_estimator_with_ineligible_records_matches_an_expanded_computation() -> None:
    # The combined ratio estimator (Cochran 1977, section 6.10) linearised: e = y - p·x per record,
    # v = Σ N_h² (1 - f_h) var(e_h) / n_h / X². Worked on explicit 0/1 arrays with numpy.
    strata = [(9_000, 120, 90, 70), (30_000, 140, 95, 88), (300, 50, 40, 37)]  # N, n, eligible, hits
    arrays = [(frame, *expanded(n, e, h)) for frame, n, e, h in strata]
    big_x = sum(frame / len(x) * x.sum() for frame, x, _ in arrays)
    p = sum(frame / len(y) * y.sum() for frame, _, y in arrays) / big_x
    variance = (
        sum(frame**2 * (1 - len(x) / frame) * np.var(y - p * x, ddof=1) / len(x) for frame, x, y in arrays)
        / big_x**2
    )
    estimate = stratified_rate([counts(f"g/{i}", *s) for i, s in enumerate(strata)])
    assert estimate is not None
    assert estimate.rate == pytest.approx(p, rel=1e-12)
    assert estimate.standard_error == pytest.approx(math.sqrt(variance), rel=1e-12)
    assert estimate.estimated_eligible == pytest.approx(big_x)
    assert (estimate.eligible, estimate.decided) == (225, 310)
    assert estimate.lower == pytest.approx(p - estimate.margin) and estimate.upper == pytest.approx(
        p + estimate.margin
    )
    # Kish: n_eff = p(1 - p) / se², and the design effect is the eligible count over it.
    assert estimate.effective_n == pytest.approx(p * (1 - p) / variance)
    assert estimate.design_effect == pytest.approx(225 / estimate.effective_n)
    # The design-adjusted Wilson interval is statsmodels' Wilson on the effective sample size.
    low, high = proportion_confint(p * estimate.effective_n, estimate.effective_n, method="wilson")
    assert estimate.wilson == Interval(pytest.approx(low), pytest.approx(high))


def test_undecided_strata_are_skipped_and_named() -> None:
    with_empty = stratified_rate([counts("a/1", 1000, 100, 80, 70), counts("b/2", 5000, 0, 0, 0)])
    alone = stratified_rate([counts("a/1", 1000, 100, 80, 70)])
    assert with_empty is not None and alone is not None
    assert with_empty.skipped == ("b/2",)
    assert (with_empty.rate, with_empty.standard_error) == (alone.rate, alone.standard_error)


def test_nothing_eligible_gives_no_estimate() -> None:
    assert stratified_rate([counts("a/1", 1000, 10, 0, 0)]) is None
    assert stratified_rate([]) is None


def test_a_single_record_stratum_borrows_the_overall_residual_mean() -> None:
    # Stratum a has one decided record (a hit) of 50: its spread is (e - 0)² with e = 1 - p.
    a, b = counts("a/1", 50, 1, 1, 1), counts("b/2", 400, 20, 20, 15)
    p = (50 * 1 + 400 / 20 * 15) / (50 * 1 + 400 / 20 * 20)
    _, y = expanded(20, 20, 15)
    variance = (
        50**2 * (1 - 1 / 50) * (1 - p) ** 2 + 400**2 * (1 - 20 / 400) * np.var(y - p, ddof=1) / 20
    ) / (50 + 400) ** 2
    estimate = stratified_rate([a, b])
    assert estimate is not None
    assert estimate.single_record == ("a/1",)
    assert estimate.standard_error == pytest.approx(math.sqrt(variance), rel=1e-12)
    # One record out of one is a census of that stratum and adds no variance.
    census_a = stratified_rate([counts("a/1", 1, 1, 1, 1), b])
    assert census_a is not None and census_a.single_record == ()


def test_a_full_census_is_exact() -> None:
    estimate = stratified_rate([counts("a/1", 40, 40, 30, 27), counts("b/2", 10, 10, 10, 9)])
    assert estimate is not None
    assert estimate.standard_error == 0 and estimate.margin == 0
    assert estimate.wilson == Interval(36 / 40, 36 / 40)
    assert estimate.interval == Interval(36 / 40, 36 / 40)
    assert estimate.interval_method == CENSUS_METHOD
    assert estimate.interval_note is not None and estimate.interval_note.startswith("a census")
    assert math.isinf(estimate.effective_n) and estimate.design_effect is None
    # A stratum with nothing in its frame has nothing to decide: still a census, and not "skipped".
    with_empty = stratified_rate([counts("a/1", 40, 40, 30, 27), counts("a/2", 0, 0, 0, 0)])
    assert with_empty is not None and with_empty.interval_method == CENSUS_METHOD
    assert with_empty.skipped == ()


def test_a_sample_without_spread_falls_back_on_the_plain_count() -> None:
    # Every eligible record recorded: se is 0 but 50 records do not prove 100 percent; the Wilson
    # interval uses the 50 eligible records as a simple random sample would.
    estimate = stratified_rate([counts("a/1", 1000, 60, 50, 50)])
    assert estimate is not None
    assert estimate.rate == 1 and estimate.standard_error == 0
    assert estimate.wilson == wilson_interval(50, 50)
    assert estimate.interval == wilson_interval(50, 50) and estimate.interval_method == WILSON_METHOD
    assert estimate.effective_n == 50
    # No variance, so no design effect (it is not 0, nor 1).
    assert estimate.design_effect is None
    assert estimate.interval_note == (
        "no variation in the sample: the interval is Wilson's on the 50 records it applies to"
    )


def test_one_record_gives_wilsons_interval_not_100_plus_or_minus_0() -> None:
    # A cancellation rate from one checked cancellation, which was correct.
    estimate = stratified_rate([counts("a/1", 300, 12, 1, 1)])
    assert estimate is not None
    assert (estimate.rate, estimate.margin) == (1, 0)
    # statsmodels' Wilson interval for 1 of 1: 0.2065 to 1.
    low, high = proportion_confint(1, 1, alpha=0.05, method="wilson")
    assert estimate.interval == Interval(pytest.approx(low), pytest.approx(min(1.0, high)))
    assert estimate.interval.lower == pytest.approx(0.2065, abs=1e-4)
    assert estimate.interval_note == (
        "no variation in the sample: the interval is Wilson's on the 1 record it applies to"
    )


def test_fully_sampled_strata_are_no_census_while_another_stratum_is_undecided() -> None:
    # Stratum a was audited whole, all hits; stratum b, with 500 records, has nothing decided yet.
    estimate = stratified_rate([counts("a/1", 20, 20, 20, 20), counts("a/2", 500, 0, 0, 0)])
    assert estimate is not None
    assert estimate.standard_error == 0 and estimate.skipped == ("a/2",)
    assert estimate.interval == wilson_interval(20, 20)
    assert estimate.interval_note is not None and estimate.interval_note.startswith("no variation")


def test_over_several_groups_the_interval_combines_the_groups_wilson_intervals() -> None:
    # MOVER for a weighted sum of independent estimates (Zou and Donner, Statistics in Medicine 27,
    # 2008): p - sqrt(Σ c_g² (p_g - l_g)² + z² r), p + sqrt(Σ c_g² (u_g - p_g)² + z² r), with each
    # group's limits statsmodels' Wilson interval on its effective n = p_g(1 - p_g)/v_g, c_g = X_g/X
    # and r the rest of the linearised variance. Worked here on explicit 0/1 arrays with numpy.
    design = {  # group -> [(N, n, eligible, hits)]
        "v": [(9_000, 60, 50, 41), (3_000, 30, 25, 22)],
        "s": [(1_200, 50, 45, 44), (300, 15, 12, 12)],
    }

    def linearised(strata: list[tuple[int, int, int, int]]) -> tuple[float, float, float]:
        arrays = [(frame, *expanded(n, e, h)) for frame, n, e, h in strata]
        big_x = sum(frame / len(x) * x.sum() for frame, x, _ in arrays)
        p = sum(frame / len(y) * y.sum() for frame, _, y in arrays) / big_x
        terms = (
            frame**2 * (1 - len(x) / frame) * np.var(y - p * x, ddof=1) / len(x) for frame, x, y in arrays
        )
        return p, sum(terms) / big_x**2, big_x

    p, v, big_x = linearised(design["v"] + design["s"])
    below = above = grouped = 0.0
    for strata in design.values():
        p_g, v_g, x_g = linearised(strata)
        n_eff = p_g * (1 - p_g) / v_g
        low, high = proportion_confint(p_g * n_eff, n_eff, alpha=0.05, method="wilson")
        c = x_g / big_x
        below += (c * (p_g - low)) ** 2
        above += (c * (high - p_g)) ** 2
        grouped += c * c * v_g
    rest = Z95**2 * (v - grouped)
    estimate = stratified_rate(
        [counts(f"{g}/{i}", *s) for g, strata in design.items() for i, s in enumerate(strata)]
    )
    assert estimate is not None and estimate.interval_method == MOVER_METHOD
    assert estimate.rate == pytest.approx(p, rel=1e-12)
    assert estimate.interval.lower == pytest.approx(p - math.sqrt(below + rest), rel=1e-9)
    assert estimate.interval.upper == pytest.approx(p + math.sqrt(above + rest), rel=1e-9)
    # Sexual offences (group s) are nearly all recorded: their Wilson interval leans low, and so
    # does the combined one, unlike the symmetric interval.
    assert p - estimate.interval.lower > estimate.interval.upper - p


def test_within_one_group_the_interval_is_the_wilson_interval() -> None:
    estimate = stratified_rate([counts("g/1", 9_000, 60, 50, 41), counts("g/2", 300, 15, 12, 12)])
    assert estimate is not None and estimate.interval_method == WILSON_METHOD
    assert estimate.interval == estimate.wilson


def test_a_batch_of_samples_gives_each_sample_its_own_estimate() -> None:
    # The simulation estimates thousands of audits in one batch: each row must be the estimate
    # stratified_rate gives for that audit alone.
    rng = np.random.default_rng(5)
    groups, frames, sizes = ["a", "a", "b", "b"], [900, 40, 3_000, 2], [30, 12, 20, 2]
    decided = np.array([rng.integers(0, n + 1, 40) for n in sizes]).T
    eligible = np.array([rng.integers(0, d + 1) for d in decided.ravel()]).reshape(decided.shape)
    hits = np.array([rng.integers(0, e + 1) for e in eligible.ravel()]).reshape(decided.shape)
    batch = stratified_batch(groups, frames, decided, eligible, hits)
    for a in range(len(decided)):
        row = [
            StratumCounts(f"{g}/{h}", g, frames[h], int(decided[a, h]), int(eligible[a, h]), int(hits[a, h]))
            for h, g in enumerate(groups)
        ]
        one = stratified_rate(row)
        if one is None:
            assert math.isnan(batch.overall.rate[a])
            continue
        assert batch.overall.rate[a] == pytest.approx(one.rate, rel=1e-12)
        assert batch.overall.variance[a] == pytest.approx(one.standard_error**2, rel=1e-12, abs=1e-18)
        assert (batch.interval_lower[a], batch.interval_upper[a]) == (one.interval.lower, one.interval.upper)
        assert (batch.overall.wilson_lower[a], batch.overall.wilson_upper[a]) == (
            one.wilson.lower,
            one.wilson.upper,
        )


def test_impossible_counts_are_refused_with_the_stratum_named() -> None:
    with pytest.raises(ValueError, match="stratum a/1"):
        stratified_rate([counts("a/1", 10, 20, 5, 5)])
    with pytest.raises(ValueError, match="stratum a/1"):
        stratified_rate([counts("a/1", 100, 20, 5, 6)])
