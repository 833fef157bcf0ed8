"""A rate and its interval, from a stratified sample: the combined ratio estimator.

Everything here works on counts (:class:`StratumCounts`), never on records: each sampled record is
binary twice over (is it eligible for the measure? is it a hit?), so a stratum's three counts hold all
its sample information. The arithmetic is done on arrays, one row per sample, so that a simulation
(the audits' :mod:`inspectorate.core.cdi.simulate`) measures thousands of samples with the very code
a real one uses; :func:`stratified_rate` is the one-sample view of it. Strata belong to groups (a
crime data integrity audit's crime groups), each estimated on its own too.

Three intervals come with a rate:

- the symmetric one, rate ∓ z·se, the reports' "+/-" form;
- Wilson's score interval on the effective sample size p(1 - p)/v ("design-adjusted Wilson");
- the interval the platform uses for grades and volumes (``RateEstimate.interval``): for the strata
  of one group that Wilson interval; over several groups, the groups' Wilson intervals combined by
  MOVER (the method of variance estimates recovery). The symmetric form under-covers for the audits'
  default sample sizes at rates near 95 percent, and Wilson on the overall effective n still does
  across groups of very different weights; see "Do the intervals cover?" in docs/cdi.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from inspectorate.core.stats.intervals import FloatArray, Interval, cached_z
from inspectorate.core.stats.ratio import RatioBatch, ratio_batch

SYMMETRIC_METHOD = "rate \u2213 z \u00d7 linearised standard error (the reports' +/- form)"
WILSON_METHOD = "Wilson score interval on the effective sample size p(1 \u2212 p)/v"
MOVER_METHOD = (
    "the crime groups' Wilson intervals on their effective sample sizes, combined by MOVER "
    "(Zou and Donner 2008)"
)
CENSUS_METHOD = "none needed: every record of the frame was decided (a census)"


@dataclass(frozen=True)
class StratumCounts:
    """A stratum's tallies for one measure: ``hits`` of ``eligible`` among ``decided`` records.

    For an audit's recording rate, ``eligible`` counts records that should have been recorded and
    ``hits`` those among them that were. ``frame_size`` is N_h and ``decided`` is n_h; ``group`` is
    the group of strata the stratum belongs to (an audit's crime group).
    """

    key: str
    group: str
    frame_size: int
    decided: int
    eligible: int
    hits: int


@dataclass(frozen=True)
class StratifiedBatch:
    """Estimates over all the strata and per group, and the interval the platform uses."""

    overall: RatioBatch
    groups: dict[str, RatioBatch]  # group -> estimate over its strata
    interval_lower: FloatArray
    interval_upper: FloatArray
    groups_with_rate: npt.NDArray[np.int_]  # groups with an eligible record, per sample


def stratified_batch(
    groups: Sequence[str],
    frame: npt.ArrayLike,
    decided: npt.ArrayLike,
    eligible: npt.ArrayLike,
    hits: npt.ArrayLike,
    confidence: float = 0.95,
) -> StratifiedBatch:
    """:func:`ratio_batch` over all strata and over each group's strata (``groups`` names
    each stratum's group), with the platform's interval.

    Over one group the interval is the group's Wilson interval on its effective n. Over
    several, p = Σ c_g p_g with c_g = X_g / X, and MOVER (Zou and Donner, Statistics in Medicine 27,
    2008, 1693-1702; for sums of proportions, Zou, Huang and Zhang, CSDA 53, 2009, 1080-1085) takes
    the groups' Wilson limits (l_g, u_g) as independent:

        lower = p - sqrt(Σ c_g² (p_g - l_g)² + z² r),   upper = p + sqrt(Σ c_g² (u_g - p_g)² + z² r),

    where r = v - Σ c_g² v_g ≥ 0 is the part of the linearised variance v that comes from the
    groups' shares c_g being estimated too. Each group's Wilson interval leans the way its own rate
    near 100 percent needs, which one Wilson interval on the overall effective n cannot do when
    groups of very different weights and rates are mixed.
    """
    z = cached_z(confidence)
    frames = np.asarray(frame, dtype=np.float64)
    n, x, y = (np.atleast_2d(np.asarray(a, dtype=np.float64)) for a in (decided, eligible, hits))
    overall = ratio_batch(frames, n, x, y, z)
    by_group: dict[str, RatioBatch] = {}
    for group in dict.fromkeys(groups):
        columns = [h for h, g in enumerate(groups) if g == group]
        by_group[group] = ratio_batch(frames[columns], n[:, columns], x[:, columns], y[:, columns], z)
    big_x = np.where(overall.estimated_eligible > 0, overall.estimated_eligible, 1.0)
    below = np.zeros_like(big_x)
    above = np.zeros_like(big_x)
    grouped_variance = np.zeros_like(big_x)
    present = np.zeros(big_x.shape, dtype=np.int_)
    for batch in by_group.values():
        has = batch.estimated_eligible > 0
        share = np.where(has, batch.estimated_eligible / big_x, 0.0)
        below += np.where(has, (share * (batch.rate - batch.wilson_lower)) ** 2, 0.0)
        above += np.where(has, (share * (batch.wilson_upper - batch.rate)) ** 2, 0.0)
        grouped_variance += np.where(has, share**2 * batch.variance, 0.0)
        present += has
    rest = z * z * np.maximum(0.0, overall.variance - grouped_variance)
    one = present <= 1
    lower = np.where(one, overall.wilson_lower, np.maximum(0.0, overall.rate - np.sqrt(below + rest)))
    upper = np.where(one, overall.wilson_upper, np.minimum(1.0, overall.rate + np.sqrt(above + rest)))
    return StratifiedBatch(overall, by_group, lower, upper, present)


@dataclass(frozen=True)
class RateEstimate:
    """A combined rate over several strata.

    ``margin`` is the symmetric "+/-" half-width reports quote; ``lower``/``upper`` are rate ∓ margin
    clipped to [0, 1]. ``wilson`` is the Wilson interval on the effective sample size. ``interval``
    is the one the platform uses for grades and volumes, made by ``interval_method``; it is the
    Wilson interval within one group (see the module's docstring). ``interval_note`` says when
    the interval needs explaining (no variation in the sample, or a census). ``eligible`` and
    ``decided`` are unweighted record counts; ``estimated_eligible`` is how many in the frame should
    have been recorded (the weighted count). ``design_effect`` is the eligible count over the
    effective sample size, None when the variance cannot give one (a census, or no variation).
    """

    rate: float
    standard_error: float
    margin: float
    lower: float
    upper: float
    wilson: Interval
    interval: Interval
    interval_method: str
    eligible: int
    decided: int
    estimated_eligible: float
    design_effect: float | None
    effective_n: float
    confidence: float
    interval_note: str | None = None
    # Strata left out because none of their records was decided: the estimate speaks for the rest.
    skipped: tuple[str, ...] = ()
    # Strata with one decided record (of more in the frame), whose spread is borrowed; see below.
    single_record: tuple[str, ...] = ()


def stratified_rate(strata: Sequence[StratumCounts], confidence: float = 0.95) -> RateEstimate | None:
    """The combined ratio estimate of hits per eligible record, weighting stratum h by N_h / n_h.

    p = Σ w_h y_h / Σ w_h x_h, where x counts eligible records and y hits (a hit is always eligible),
    so strata sampled more heavily than their share of the frame count for no more than that share.
    Its variance is by Taylor linearisation on the residual e = y - p·x, which for one record is
    1 - p (a hit), -p (eligible, missed) or 0 (not eligible):

        v = (1 / X²) Σ_h N_h² (1 - n_h / N_h) s²_eh / n_h,    X = Σ w_h x_h,

    with s²_eh the within-stratum sample variance (divisor n_h - 1). With one stratum in which every
    record is eligible this is the textbook (1 - f) p(1 - p) / (n - 1), so the margin is
    z·sqrt((1 - f) p(1 - p) / (n - 1)) with f = n / N: the simple z·sqrt(p(1 - p) / n) widened by
    sqrt(n / (n - 1)) and narrowed by the finite population correction sqrt(1 - f).

    Records not yet decided are left out, and the weights use the decided count, i.e. the decided
    records are taken as a random subsample of their stratum. A stratum with nothing decided cannot
    speak for its frame: it is skipped, named in ``skipped`` (when its frame has records), and the
    estimate covers the other strata only. A stratum with one decided record out of a larger frame
    has no within-stratum spread; rather than refuse (which would stop provisional figures early in
    an audit) its record's residual is measured from the overall residual mean, which is zero by
    construction of p: a conservative choice in the manner of the "adjust" option for lonely units
    in R's survey package. Such strata are named in ``single_record``. One record out of a frame of
    one is a census and adds nothing.

    A zero variance is exact only for a census: every stratum with records in its frame fully
    decided. Otherwise (every sampled stratum all hits, say) the Wilson interval and the platform's
    interval use the count of eligible records, and ``interval_note`` says so.

    Returns None when no decided record is eligible (there is no rate to estimate).
    """
    for s in strata:
        check_counts(s)
    eligible = sum(s.eligible for s in strata)
    if eligible == 0:
        return None
    batch = stratified_batch(
        [s.group for s in strata],
        [s.frame_size for s in strata],
        [[s.decided for s in strata]],
        [[s.eligible for s in strata]],
        [[s.hits for s in strata]],
        confidence,
    )
    overall = batch.overall
    p, variance = float(overall.rate[0]), float(overall.variance[0])
    se = math.sqrt(variance)
    effective_n = float(overall.effective_n[0])
    census = bool(overall.census[0])
    margin = overall.z * se
    several = int(batch.groups_with_rate[0]) > 1
    note = None
    if variance == 0 and census:
        note = "a census: every record in the frame was decided, so there is no sampling error"
    elif variance == 0:
        records = "record" if eligible == 1 else "records"
        note = (
            f"no variation in the sample: the interval is Wilson's on the {eligible:,} {records} "
            "it applies to"
        )
    method = CENSUS_METHOD if census and variance == 0 else MOVER_METHOD if several else WILSON_METHOD
    return RateEstimate(
        rate=p,
        standard_error=se,
        margin=margin,
        lower=max(0.0, p - margin),
        upper=min(1.0, p + margin),
        wilson=Interval(float(overall.wilson_lower[0]), float(overall.wilson_upper[0])),
        interval=Interval(float(batch.interval_lower[0]), float(batch.interval_upper[0])),
        interval_method=method,
        eligible=eligible,
        decided=sum(s.decided for s in strata),
        estimated_eligible=float(overall.estimated_eligible[0]),
        design_effect=eligible / effective_n if variance > 0 else None,
        effective_n=effective_n,
        confidence=confidence,
        interval_note=note,
        skipped=tuple(s.key for s in strata if s.decided == 0 and s.frame_size > 0),
        single_record=tuple(s.key for s in strata if s.decided == 1 and s.frame_size > 1),
    )


def check_counts(counts: StratumCounts) -> StratumCounts:
    """``counts`` if they can be a stratum's tallies; a ValueError naming the stratum if not."""
    if not 0 <= counts.hits <= counts.eligible <= counts.decided <= counts.frame_size:
        raise ValueError(
            f"stratum {counts.key}: need 0 ≤ hits ≤ eligible ≤ decided ≤ frame size, got "
            f"{counts.hits}, {counts.eligible}, {counts.decided}, {counts.frame_size}"
        )
    return counts
