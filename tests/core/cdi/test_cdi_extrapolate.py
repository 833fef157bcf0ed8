"""Volumes of crimes from rates, pinned to the figures the inspectorate published."""

from __future__ import annotations

import math

import pytest

from inspectorate.core.cdi.extrapolate import (
    additional_since_previous,
    describe_additional,
    round_to_hundreds,
    unrecorded_interval,
    unrecorded_per_year,
)
from inspectorate.core.stats.intervals import Interval

# Metropolitan Police 2021/22 (seed 002, line 60): 91.7 percent now, 89.5 percent in 2018, an
# additional 18,300 crimes recorded and 69,100 not recorded. The report does not give R; 763,400 is
# the R for which R(1 - p)/p rounds to 69,100 (69,100 * 0.917 / 0.083 = 763,430).
MPS_RECORDED = 763_400


def test_mps_2021_published_pair() -> None:
    assert round_to_hundreds(unrecorded_per_year(MPS_RECORDED, 0.917)) == 69_100
    # The second figure is a check, not an input: the same R gives the published additional crimes.
    assert round_to_hundreds(additional_since_previous(MPS_RECORDED, 0.917, 0.895)) == 18_300


def test_the_additional_crimes_are_described_whichever_way_the_rate_moved() -> None:
    # The MPS pair: 18,300 more. The same rates the other way round: R(1 - 0.917/0.895) = -18,765.
    assert describe_additional(additional_since_previous(MPS_RECORDED, 0.917, 0.895)) == (
        "about 18,300 more crimes recorded in the year than at the previous rate"
    )
    fell = additional_since_previous(MPS_RECORDED, 0.895, 0.917)
    assert round_to_hundreds(fell) == -18_800
    assert (
        describe_additional(fell)
        == "about 18,800 fewer crimes recorded in the year than at the previous rate"
    )
    assert describe_additional(-44_123.0) == (
        "about 44,100 fewer crimes recorded in the year than at the previous rate"
    )
    assert describe_additional(1_234.0).startswith("about 1,200 more crimes")
    assert describe_additional(-49.0) == "about as many crimes recorded in the year as at the previous rate"


def test_west_midlands_2017_unrecorded() -> None:
    # 83.8 percent and "over 38,800" unrecorded each year imply R of about 200,700
    # (reference data-sources 4.1, extrapolation formula).
    assert round_to_hundreds(unrecorded_per_year(200_700, 0.838)) == 38_800


def test_the_formulas_are_the_ones_stated() -> None:
    # Should have been recorded = R/p; additional = (R/p)(p - p_prev).
    r, p, previous = 120_000, 0.8, 0.75
    assert unrecorded_per_year(r, p) == pytest.approx(r / p - r)
    assert additional_since_previous(r, p, previous) == pytest.approx(r / p * (p - previous))
    assert additional_since_previous(r, 0.75, 0.8) < 0
    assert unrecorded_per_year(r, 1.0) == 0


def test_unrecorded_interval_takes_the_rate_bounds_the_other_way_round() -> None:
    interval = unrecorded_interval(MPS_RECORDED, Interval(0.893, 0.941))
    assert interval.lower == pytest.approx(unrecorded_per_year(MPS_RECORDED, 0.941))
    assert interval.upper == pytest.approx(unrecorded_per_year(MPS_RECORDED, 0.893))
    assert unrecorded_interval(1000, Interval(0.0, 0.5)).upper == math.inf


def test_rounding_to_hundreds_rounds_halves_away_from_zero() -> None:
    assert [round_to_hundreds(v) for v in (69_096.8, 18_350, 18_349.9, 49.9, 50, -18_350)] == [
        69_100,
        18_400,
        18_300,
        0,
        100,
        -18_400,
    ]


def test_impossible_rates_are_refused() -> None:
    for rate in (0.0, -0.1, 1.2):
        with pytest.raises(ValueError, match="recording rate"):
            unrecorded_per_year(1000, rate)
    with pytest.raises(ValueError, match="previous rate"):
        additional_since_previous(1000, 0.9, 0.0)
    with pytest.raises(ValueError, match="negative"):
        unrecorded_per_year(-1, 0.9)
