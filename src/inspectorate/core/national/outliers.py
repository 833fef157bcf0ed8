"""Outliers as the inspectorate's PEEL 2021/22 methodology defines them ("Outlier Lines").

The lines are one standard deviation either side of the unweighted mean of the forces' figures.
Where the figures do not look normally distributed, their logs are tried, and used where they look
more normal. Made exact here:

- "normal" means a Shapiro-Wilk p-value of at least ``NORMAL_P`` (0.05) on the plain figures;
- logs are tried only where every figure is above zero, and used only where their Shapiro-Wilk
  p-value is higher than the plain figures';
- the standard deviation is the sample one (ddof=1), the mean unweighted, both on the scale used;
  on logs, the band is centred on the mean of the logs, which is the geometric mean of the
  figures (exp of it), not their arithmetic mean, and its lines are that centre divided and
  multiplied by exp(sd): a band even on logs is uneven in the figures' own units;
- a force's z-score is on that scale too, and above ``OUTLIER_Z`` (1) is well above average, below
  -1 well below (about a third of forces, where the figures are normal).

Fewer than three figures (Shapiro-Wilk needs three), or figures all equal, give no band.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import numpy as np

from inspectorate.core.national.results import Outlier, OutlierBand

NORMAL_P = 0.05
OUTLIER_Z = 1.0
FEWEST = 3


@cache
def _shapiro() -> Callable[[np.ndarray], Any]:
    # scipy.stats costs a second to import: only a comparison that draws lines pays for it.
    from scipy.stats import shapiro

    return shapiro  # type: ignore[no-any-return]


def _shapiro_p(values: np.ndarray) -> float:
    return float(_shapiro()(values).pvalue)


def outlier_band(values: Mapping[str, float]) -> OutlierBand | None:
    """The lines for the forces' figures (force id -> figure), or None where there can be none."""
    plain = np.array(list(values.values()), dtype=float)
    if len(plain) < FEWEST or not np.all(np.isfinite(plain)) or float(np.ptp(plain)) == 0.0:
        return None
    shapiro_p = _shapiro_p(plain)
    shapiro_p_logged: float | None = None
    logged = False
    if shapiro_p < NORMAL_P and bool(np.all(plain > 0)):
        shapiro_p_logged = _shapiro_p(np.log(plain))
        logged = shapiro_p_logged > shapiro_p
    scale = np.log(plain) if logged else plain
    mean = float(np.mean(scale))
    sd = float(np.std(scale, ddof=1))
    if not (math.isfinite(sd) and sd > 0):
        return None
    low, high = mean - sd, mean + sd
    if logged:
        low, high = math.exp(low), math.exp(high)
    return OutlierBand(
        mean=mean,
        sd=sd,
        logged=logged,
        low=low,
        high=high,
        shapiro_p=shapiro_p,
        shapiro_p_logged=shapiro_p_logged,
        forces=len(plain),
    )


def z_score(value: float, band: OutlierBand) -> float:
    """How many of the band's standard deviations ``value`` lies from its mean, on the band's scale."""
    if band.logged:
        if value <= 0:
            raise ValueError(f"{value} has no logarithm: a logged band holds only figures above zero")
        return (math.log(value) - band.mean) / band.sd
    return (value - band.mean) / band.sd


def z_scores(values: Mapping[str, float], band: OutlierBand) -> dict[str, float]:
    return {key: z_score(value, band) for key, value in values.items()}


def outlier_of(z: float) -> Outlier | None:
    if z > OUTLIER_Z:
        return Outlier.ABOVE
    if z < -OUTLIER_Z:
        return Outlier.BELOW
    return None
