"""The 2021/22 outlier lines, pinned to an independent computation with numpy and scipy.stats."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from inspectorate.core.national.outliers import outlier_band, outlier_of, z_score, z_scores
from inspectorate.core.national.results import Outlier

# Police recorded crime (excluding fraud) per 1,000 population, year ending March 2019: ONS "Police
# force area data tables", policeforceareatablesyeendingmarch2019.xlsx, Table P3, column F. City of
# London's rate is suppressed ("+") for its small population, so 42 forces.
RATES_YE_MARCH_2019 = {
    "cleveland": 118.88545438488033,
    "durham": 100.9842716532621,
    "northumbria": 110.99030214667174,
    "cheshire": 89.07906133108693,
    "cumbria": 74.39377978429897,
    "greater-manchester": 119.24721996827925,
    "lancashire": 110.94822733625092,
    "merseyside": 95.27429287314946,
    "humberside": 110.14202229597335,
    "north-yorkshire": 55.1490858701433,
    "south-yorkshire": 104.00266964250473,
    "west-yorkshire": 128.42587997147854,
    "derbyshire": 58.367016205910396,
    "leicestershire": 84.29912132832854,
    "lincolnshire": 70.72557380410053,
    "northamptonshire": 81.98902064060204,
    "nottinghamshire": 93.22964796959182,
    "staffordshire": 75.40203675536293,
    "warwickshire": 74.32664614338195,
    "west-mercia": 68.19064022919322,
    "west-midlands": 89.62162397236325,
    "bedfordshire": 85.7749021968101,
    "cambridgeshire": 76.43501571738686,
    "essex": 87.02638296750293,
    "hertfordshire": 72.84064985850183,
    "norfolk": 67.81019379111522,
    "suffolk": 71.96378230278819,
    "metropolitan": 97.31033609088992,
    "hampshire": 80.31376766294942,
    "kent": 109.13509713729334,
    "surrey": 64.5301989925092,
    "sussex": 69.5293563733225,
    "thames-valley": 68.36780259698557,
    "avon-and-somerset": 80.68562218213012,
    "devon-and-cornwall": 61.425444915544944,
    "dorset": 70.52780044868942,
    "gloucestershire": 55.86820751457878,
    "wiltshire": 60.36521190498125,
    "dyfed-powys": 54.01990115219234,
    "gwent": 99.59455067946364,
    "north-wales": 85.88736779819729,
    "south-wales": 84.26861091647135,
}


def test_the_published_rates_look_normal_so_the_lines_are_on_the_plain_figures():
    band = outlier_band(RATES_YE_MARCH_2019)
    values = np.array(list(RATES_YE_MARCH_2019.values()))
    assert band is not None
    assert band.forces == 42
    # scipy.stats.shapiro on the plain rates gives p = 0.1709...: at least 0.05, so no logs.
    assert band.shapiro_p == pytest.approx(stats.shapiro(values).pvalue, rel=1e-12)
    assert band.shapiro_p >= 0.05
    assert band.logged is False
    assert band.shapiro_p_logged is None
    assert band.mean == pytest.approx(float(np.mean(values)), rel=1e-12)
    assert band.sd == pytest.approx(float(np.std(values, ddof=1)), rel=1e-12)
    assert (band.low, band.high) == pytest.approx((band.mean - band.sd, band.mean + band.sd), rel=1e-12)


def test_z_scores_and_outliers_match_scipy_zscore_with_ddof_1():
    band = outlier_band(RATES_YE_MARCH_2019)
    assert band is not None
    ours = z_scores(RATES_YE_MARCH_2019, band)
    theirs = stats.zscore(np.array(list(RATES_YE_MARCH_2019.values())), ddof=1)
    assert list(ours.values()) == pytest.approx(list(theirs), rel=1e-10)
    above = {force for force, z in ours.items() if outlier_of(z) is Outlier.ABOVE}
    below = {force for force, z in ours.items() if outlier_of(z) is Outlier.BELOW}
    names = list(RATES_YE_MARCH_2019)
    assert above == {names[i] for i, z in enumerate(theirs) if z > 1}
    assert below == {names[i] for i, z in enumerate(theirs) if z < -1}
    # West Yorkshire has the highest rate, Dyfed-Powys the lowest.
    assert "west-yorkshire" in above
    assert "dyfed-powys" in below
    assert {"metropolitan", "avon-and-somerset"}.isdisjoint(above | below)


def test_skewed_figures_are_compared_on_their_logs_where_logs_look_more_normal():
    # A constructed, strongly right-skewed set: lognormal draws, as counts per force often are.
    skewed = dict(enumerate(np.random.default_rng(20).lognormal(mean=3.0, sigma=0.9, size=43).tolist()))
    values = np.array(list(skewed.values()))
    plain_p, logged_p = stats.shapiro(values).pvalue, stats.shapiro(np.log(values)).pvalue
    assert plain_p < 0.05 < logged_p  # the premise of the test, checked
    band = outlier_band({str(k): v for k, v in skewed.items()})
    assert band is not None
    assert band.logged is True
    assert band.shapiro_p == pytest.approx(plain_p, rel=1e-12)
    assert band.shapiro_p_logged == pytest.approx(logged_p, rel=1e-12)
    assert band.mean == pytest.approx(float(np.mean(np.log(values))), rel=1e-12)
    assert band.sd == pytest.approx(float(np.std(np.log(values), ddof=1)), rel=1e-12)
    assert band.low == pytest.approx(math.exp(band.mean - band.sd), rel=1e-12)
    assert band.high == pytest.approx(math.exp(band.mean + band.sd), rel=1e-12)
    expected_z = stats.zscore(np.log(values), ddof=1)
    assert [z_score(v, band) for v in values] == pytest.approx(list(expected_z), rel=1e-10)


def test_logs_are_not_tried_when_a_figure_is_zero():
    skewed = np.random.default_rng(20).lognormal(mean=3.0, sigma=0.9, size=43).tolist()
    with_zero = {str(i): v for i, v in enumerate([0.0, *skewed[1:]])}
    band = outlier_band(with_zero)
    assert band is not None
    assert band.shapiro_p < 0.05
    assert band.logged is False
    assert band.shapiro_p_logged is None
    assert band.sd == pytest.approx(float(np.std(list(with_zero.values()), ddof=1)), rel=1e-12)


def test_logs_that_look_less_normal_than_the_plain_figures_are_not_used():
    # Left-skewed figures: their logs are more skewed still.
    left = {str(i): 100.0 - v for i, v in enumerate(np.random.default_rng(7).exponential(8.0, size=43))}
    values = np.array(list(left.values()))
    plain_p, logged_p = stats.shapiro(values).pvalue, stats.shapiro(np.log(values)).pvalue
    assert plain_p < 0.05 and logged_p <= plain_p
    band = outlier_band(left)
    assert band is not None
    assert band.logged is False
    assert band.shapiro_p_logged == pytest.approx(logged_p, rel=1e-12)


def test_too_few_or_equal_figures_give_no_lines():
    assert outlier_band({}) is None
    assert outlier_band({"a": 1.0, "b": 2.0}) is None
    assert outlier_band({"a": 5.0, "b": 5.0, "c": 5.0}) is None
    assert outlier_band({"a": 1.0, "b": 2.0, "c": 4.0}) is not None


def test_a_z_of_exactly_one_is_not_an_outlier():
    assert outlier_of(1.0) is None
    assert outlier_of(-1.0) is None
    assert outlier_of(1.0000001) is Outlier.ABOVE
    assert outlier_of(-1.0000001) is Outlier.BELOW


def test_a_logged_band_refuses_a_figure_without_a_logarithm():
    skewed = {str(i): v for i, v in enumerate(np.random.default_rng(20).lognormal(3.0, 0.9, size=43))}
    band = outlier_band(skewed)
    assert band is not None and band.logged
    with pytest.raises(ValueError, match="no logarithm"):
        z_score(0.0, band)


def test_a_logged_band_is_centred_on_the_geometric_mean_and_even_only_on_logs():
    # Skewed figures: the logs are more normal, so the band is drawn on them.
    values = {
        f"force-{i}": v for i, v in enumerate([1.0, 1.2, 1.5, 2.0, 2.2, 2.5, 3.0, 4.0, 9.0, 30.0, 60.0])
    }
    band = outlier_band(values)
    assert band is not None and band.logged
    centre = float(stats.gmean(list(values.values())))  # scipy.stats.gmean: the geometric mean
    assert math.exp(band.mean) == pytest.approx(centre, rel=1e-12)
    assert math.exp(band.mean) != pytest.approx(float(np.mean(list(values.values()))), rel=1e-3)
    assert band.low == pytest.approx(centre / math.exp(band.sd), rel=1e-12)
    assert band.high == pytest.approx(centre * math.exp(band.sd), rel=1e-12)
    assert band.high - centre > centre - band.low  # uneven in the figures' own units
