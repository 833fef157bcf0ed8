"""Each stratum's own recording rate, shown beside the combined estimate."""

from __future__ import annotations

from dataclasses import dataclass

from inspectorate.core.cdi.types import Stratum
from inspectorate.core.stats.intervals import Interval, wilson_interval
from inspectorate.core.stats.stratified import StratumCounts, check_counts


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


def stratum_estimate(stratum: Stratum, counts: StratumCounts, confidence: float = 0.95) -> StratumEstimate:
    check_counts(counts)
    rate = counts.hits / counts.eligible if counts.eligible else None
    wilson = wilson_interval(counts.hits, counts.eligible, confidence) if counts.eligible else None
    return StratumEstimate(
        counts.key,
        stratum.crime_group,
        stratum.route,
        counts.frame_size,
        counts.decided,
        counts.eligible,
        counts.hits,
        rate,
        wilson,
    )
