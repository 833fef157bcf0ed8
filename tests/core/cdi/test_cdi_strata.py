"""Each stratum's own recording rate, beside the combined estimate."""

from __future__ import annotations

from inspectorate.core.cdi.strata import stratum_estimate
from inspectorate.core.cdi.types import Stratum
from inspectorate.core.stats.intervals import wilson_interval
from inspectorate.core.stats.stratified import StratumCounts


def counts(key: str, frame: int, decided: int, eligible: int, hits: int) -> StratumCounts:
    group, _, _ = key.partition("/")
    return StratumCounts(key, group, frame, decided, eligible, hits)


def test_a_stratum_estimate_is_its_own_rate_with_wilson() -> None:
    stratum = Stratum("sexual-offences", "999", 400, 50)
    estimate = stratum_estimate(stratum, counts("sexual-offences/999", 400, 50, 40, 36))
    assert estimate.rate == 36 / 40
    assert estimate.wilson == wilson_interval(36, 40)
    nothing_eligible = stratum_estimate(stratum, counts("sexual-offences/999", 400, 5, 0, 0))
    assert nothing_eligible.rate is None and nothing_eligible.wilson is None
