"""The recording rate and its interval, from a stratified sample of audited records.

Everything here works on counts (:class:`StratumCounts`), never on records: each audited record is
binary twice over (should it have been a crime? was it?), so a stratum's three counts hold all its
sample information. The arithmetic is done on arrays, one row per sample, so that the simulation of
:mod:`inspectorate.core.cdi.simulate` measures thousands of audits with the very code a real audit
uses; :func:`stratified_rate` is the one-sample view of it.

Three intervals come with a rate:

- the symmetric one, rate ∓ z·se, the reports' "+/-" form;
- Wilson's score interval on the effective sample size p(1 - p)/v ("design-adjusted Wilson");
- the interval the platform uses for grades and volumes (``RateEstimate.interval``): for the strata
  of one crime group that Wilson interval; over several crime groups, the groups' Wilson intervals
  combined by MOVER (the method of variance estimates recovery). The symmetric form under-covers
  for the default sample sizes at rates near 95 percent, and Wilson on the overall effective n still
  does across groups of very different weights; see "Do the intervals cover?" in docs/cdi.md.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from inspectorate.core.cdi.sizing import z_value
from inspectorate.core.cdi.types import StratumCounts

FloatArray = npt.NDArray[np.float64]

# The normal quantile costs tens of microseconds in scipy; it is asked for on every estimate.
_z = functools.cache(z_value)

SYMMETRIC_METHOD = "rate \u2213 z \u00d7 linearised standard error (the reports' +/- form)"
WILSON_METHOD = "Wilson score interval on the effective sample size p(1 \u2212 p)/v"
MOVER_METHOD = (
    "the crime groups' Wilson intervals on their effective sample sizes, combined by MOVER "
    "(Zou and Donner 2008)"
)
CENSUS_METHOD = "none needed: every record of the frame was decided (a census)"


@dataclass(frozen=True)
class Interval:
    lower: float
    upper: float


def wilson_interval(hits: int, n: int, confidence: float = 0.95) -> Interval:
    """The Wilson score interval for ``hits`` of ``n``: unlike the symmetric one it never leaves
    [0, 1] and stays honest for small counts and rates near 100 percent."""
    if n <= 0:
        raise ValueError(f"a Wilson interval needs at least one record, got n={n}")
    if not 0 <= hits <= n:
        raise ValueError(f"hits must be between 0 and n={n}, got {hits}")
    lower, upper = wilson_bounds(np.array(hits / n), np.array(float(n)), _z(confidence))
    return Interval(float(lower), float(upper))


def wilson_bounds(p: FloatArray, n: FloatArray, z: float) -> tuple[FloatArray, FloatArray]:
    """Wilson's bounds for rates ``p`` of (possibly effective, fractional) sample sizes ``n``.

    An infinite n (a census) gives the rate itself; a NaN rate gives NaN bounds.
    """
    z2n = z * z / n
    centre = (p + z2n / 2) / (1 + z2n)
    half = z / (1 + z2n) * np.sqrt(p * (1 - p) / n + z2n / (4 * n))
    return np.maximum(0.0, centre - half), np.minimum(1.0, centre + half)


@dataclass(frozen=True)
class StratumEstimate:
    """One stratum's own rate, with a Wilson interval on its unweighted counts (no finite
    population correction, so it errs wide when much of the stratum was audited)."""

    key: str
    crime_group: str
    route: str
    frame_size: int
    decided: int
    eligible: int
    hits: int
    rate: float | None
    wilson: Interval | None


def stratum_estimate(counts: StratumCounts, confidence: float = 0.95) -> StratumEstimate:
    _check(counts)
    rate = counts.hits / counts.eligible if counts.eligible else None
    wilson = wilson_interval(counts.hits, counts.eligible, confidence) if counts.eligible else None
    return StratumEstimate(
        counts.key,
        counts.crime_group,
        counts.route,
        counts.frame_size,
        counts.decided,
        counts.eligible,
        counts.hits,
        rate,
        wilson,
    )


@dataclass(frozen=True)
class RatioBatch:
    """The combined ratio estimate of many samples of one design, one entry per sample.

    ``effective_n`` is p(1 - p)/v when the variance v is positive, infinite for a census, and the
    plain count of eligible records when a sample shows no variation (see :func:`ratio_batch`).
    ``rate`` and the bounds are NaN for a sample with no eligible record.
    """

    rate: FloatArray
    variance: FloatArray
    eligible: FloatArray  # eligible decided records (unweighted)
    estimated_eligible: FloatArray  # X = Σ w_h x_h
    census: npt.NDArray[np.bool_]
    effective_n: FloatArray
    wilson_lower: FloatArray
    wilson_upper: FloatArray
    z: float

    @property
    def standard_error(self) -> FloatArray:
        return np.sqrt(self.variance)

    def symmetric(self) -> tuple[FloatArray, FloatArray]:
        """rate ∓ z·se, clipped to [0, 1]."""
        margin = self.z * self.standard_error
        return np.maximum(0.0, self.rate - margin), np.minimum(1.0, self.rate + margin)


def ratio_batch(
    frame: npt.ArrayLike, decided: npt.ArrayLike, eligible: npt.ArrayLike, hits: npt.ArrayLike, z: float
) -> RatioBatch:
    """The estimator of :func:`stratified_rate` for a batch of samples.

    ``frame`` holds N_h per stratum (shape (H,)); ``decided``, ``eligible`` and ``hits`` hold each
    sample's counts (shape (samples, H)). Counts are assumed valid (:func:`stratified_rate` checks
    them). A stratum with nothing decided is left out of its sample's estimate.
    """
    big_n = np.asarray(frame, dtype=np.float64)
    n = np.atleast_2d(np.asarray(decided, dtype=np.float64))
    x = np.atleast_2d(np.asarray(eligible, dtype=np.float64))
    y = np.atleast_2d(np.asarray(hits, dtype=np.float64))
    used = n > 0
    safe_n = np.where(used, n, 1.0)
    weight = np.where(used, big_n / safe_n, 0.0)
    big_x = (weight * x).sum(axis=1)
    count = x.sum(axis=1)
    has_rate = big_x > 0
    p = np.divide((weight * y).sum(axis=1), big_x, out=np.full_like(big_x, np.nan), where=has_rate)
    q = np.where(has_rate, p, 0.0)[:, None]
    missed = x - y
    # Residuals e = y - p·x are 1 - p (hit), -p (eligible, missed) or 0 (not eligible).
    squares = y * (1 - q) ** 2 + missed * q * q
    mean = (y * (1 - q) - missed * q) / safe_n
    within = np.maximum(0.0, squares - n * mean * mean) / np.where(n > 1, n - 1, 1.0)
    # One decided record: its residual about zero, the overall residual mean (see stratified_rate).
    spread = np.where(n == 1, squares, within)
    fpc = 1 - np.divide(n, big_n, out=np.ones_like(n), where=big_n > 0)
    terms = np.where(used, big_n**2 * fpc * spread / safe_n, 0.0)
    variance = np.divide(terms.sum(axis=1), big_x**2, out=np.zeros_like(big_x), where=has_rate)
    census = np.all((n == big_n) | (big_n == 0), axis=1)
    positive = variance > 0
    # A zero spread from a sample (every stratum all hits, or all misses) is luck, not certainty:
    # fall back on the plain count of eligible records, as under simple random sampling.
    fallback = np.where(census, np.inf, count)
    effective_n = np.divide(q[:, 0] * (1 - q[:, 0]), variance, out=fallback, where=positive)
    effective_n = np.where(has_rate, effective_n, np.nan)
    lower, upper = wilson_bounds(p, effective_n, z)
    return RatioBatch(p, variance, count, big_x, census, effective_n, lower, upper, z)


@dataclass(frozen=True)
class StratifiedBatch:
    """Estimates over all the strata and per crime group, and the interval the platform uses."""

    overall: RatioBatch
    groups: dict[str, RatioBatch]  # crime group -> estimate over its strata
    interval_lower: FloatArray
    interval_upper: FloatArray
    groups_with_rate: npt.NDArray[np.int_]  # crime groups with an eligible record, per sample


def stratified_batch(
    groups: Sequence[str],
    frame: npt.ArrayLike,
    decided: npt.ArrayLike,
    eligible: npt.ArrayLike,
    hits: npt.ArrayLike,
    confidence: float = 0.95,
) -> StratifiedBatch:
    """:func:`ratio_batch` over all strata and over each crime group's strata (``groups`` names
    each stratum's group), with the platform's interval.

    Over one crime group the interval is the group's Wilson interval on its effective n. Over
    several, p = Σ c_g p_g with c_g = X_g / X, and MOVER (Zou and Donner, Statistics in Medicine 27,
    2008, 1693-1702; for sums of proportions, Zou, Huang and Zhang, CSDA 53, 2009, 1080-1085) takes
    the groups' Wilson limits (l_g, u_g) as independent:

        lower = p - sqrt(Σ c_g² (p_g - l_g)² + z² r),   upper = p + sqrt(Σ c_g² (u_g - p_g)² + z² r),

    where r = v - Σ c_g² v_g ≥ 0 is the part of the linearised variance v that comes from the
    groups' shares c_g being estimated too. Each group's Wilson interval leans the way its own rate
    near 100 percent needs, which one Wilson interval on the overall effective n cannot do when
    groups of very different weights and rates are mixed.
    """
    z = _z(confidence)
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
    Wilson interval within one crime group (see the module's docstring). ``interval_note`` says when
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
        _check(s)
    eligible = sum(s.eligible for s in strata)
    if eligible == 0:
        return None
    batch = stratified_batch(
        [s.crime_group for s in strata],
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


def _check(counts: StratumCounts) -> StratumCounts:
    if not 0 <= counts.hits <= counts.eligible <= counts.decided <= counts.frame_size:
        raise ValueError(
            f"stratum {counts.key}: need 0 ≤ hits ≤ eligible ≤ decided ≤ frame size, got "
            f"{counts.hits}, {counts.eligible}, {counts.decided}, {counts.frame_size}"
        )
    return counts
