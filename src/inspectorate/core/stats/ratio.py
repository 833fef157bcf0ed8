"""The combined ratio estimator of a stratified sample, for a batch of samples at once.

One row per sample, one column per stratum: a simulation estimates thousands of samples in one call,
and :mod:`inspectorate.core.stats.stratified` gives one sample's view of the same arithmetic (which
documents the formulas).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from inspectorate.core.stats.intervals import FloatArray, wilson_bounds


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
    """``stratified_rate``'s estimator (:mod:`inspectorate.core.stats.stratified`), for a batch of samples.

    ``frame`` holds N_h per stratum (shape (H,)); ``decided``, ``eligible`` and ``hits`` hold each
    sample's counts (shape (samples, H)). Counts are assumed valid (``stratified_rate`` checks
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
