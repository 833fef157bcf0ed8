"""Wilson's score interval, pinned to statsmodels."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from inspectorate.core.stats.intervals import Interval, wilson_interval


@settings(max_examples=500, deadline=None)
@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_matches_statsmodels(case: tuple[int, int]) -> None:
    hits, n = case
    low, high = proportion_confint(hits, n, alpha=0.05, method="wilson")
    interval = wilson_interval(hits, n)
    assert interval.lower == pytest.approx(max(0.0, low), abs=1e-12)
    assert interval.upper == pytest.approx(min(1.0, high), abs=1e-12)


def test_wilson_matches_statsmodels_at_other_confidence() -> None:
    low, high = proportion_confint(45, 60, alpha=0.10, method="wilson")
    assert wilson_interval(45, 60, 0.90) == Interval(pytest.approx(low), pytest.approx(high))


def test_wilson_refuses_an_empty_sample() -> None:
    with pytest.raises(ValueError, match="at least one record"):
        wilson_interval(0, 0)
    with pytest.raises(ValueError, match="between 0 and n"):
        wilson_interval(5, 4)
