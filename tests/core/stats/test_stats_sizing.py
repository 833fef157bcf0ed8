"""Sample sizes, pinned to statsmodels' samplesize_confint_proportion and to the published anchors."""

from __future__ import annotations

import math

import pytest
from statsmodels.stats.proportion import samplesize_confint_proportion

from inspectorate.core.stats.intervals import z_value
from inspectorate.core.stats.sizing import sample_size_for_margin


@pytest.mark.parametrize(
    ("rate", "margin", "published_n"),
    [
        # West Midlands 2017: 83.8 percent +/- 1.88 overall, 77.9 +/- 3.36 for violent crime; the
        # implied simple-random-sample sizes are in reference data-sources 4.1.
        (0.838, 0.0188, 1476),
        (0.779, 0.0336, 586),
    ],
)
def test_west_midlands_sizes_match_statsmodels(rate: float, margin: float, published_n: int) -> None:
    # statsmodels returns z²p(1-p)/m² unrounded; a sample is the next whole record up.
    expected = math.ceil(samplesize_confint_proportion(rate, margin, alpha=0.05, method="normal"))
    assert sample_size_for_margin(margin, rate) == expected == published_n


def test_the_finite_population_correction_shrinks_small_frames() -> None:
    n0 = samplesize_confint_proportion(0.9, 0.03, alpha=0.05, method="normal")  # 384.1
    for frame in (200, 1_000, 5_000):
        assert sample_size_for_margin(0.03, 0.9, frame_size=frame) == math.ceil(n0 / (1 + (n0 - 1) / frame))
    # Never more than the frame, and nothing from an empty one.
    assert sample_size_for_margin(0.01, 0.5, frame_size=50) == 50
    assert sample_size_for_margin(0.03, 0.9, frame_size=0) == 0


def test_records_that_are_not_crimes_need_a_bigger_sample() -> None:
    n0 = samplesize_confint_proportion(0.9, 0.03, alpha=0.05, method="normal")
    assert sample_size_for_margin(0.03, 0.9, crime_share=0.6) == math.ceil(n0 / 0.6)


def test_z_value_is_the_normal_quantile() -> None:
    # 1.959964 is the familiar 97.5th percentile of the standard normal.
    assert z_value(0.95) == pytest.approx(1.959964, abs=1e-6)
