"""Confidence intervals for a proportion: the normal quantile and Wilson's score interval."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.stats import norm

FloatArray = npt.NDArray[np.float64]


def z_value(confidence: float) -> float:
    """The two-sided normal quantile for a confidence level (1.96 for 95 percent)."""
    return float(norm.ppf(0.5 + confidence / 2))


# The normal quantile costs tens of microseconds in scipy; it is asked for on every estimate.
cached_z = functools.cache(z_value)


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
    lower, upper = wilson_bounds(np.array(hits / n), np.array(float(n)), cached_z(confidence))
    return Interval(float(lower), float(upper))


def wilson_bounds(p: FloatArray, n: FloatArray, z: float) -> tuple[FloatArray, FloatArray]:
    """Wilson's bounds for rates ``p`` of (possibly effective, fractional) sample sizes ``n``.

    An infinite n (a census) gives the rate itself; a NaN rate gives NaN bounds.
    """
    z2n = z * z / n
    centre = (p + z2n / 2) / (1 + z2n)
    half = z / (1 + z2n) * np.sqrt(p * (1 - p) / n + z2n / (4 * n))
    return np.maximum(0.0, centre - half), np.minimum(1.0, centre + half)
