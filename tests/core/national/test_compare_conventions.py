"""England and Wales as each table counts it, and the City of London shown but not ranked per head,
on the real aggregates shipped with the package (the counts are those ../shared/data's READMEs give)."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest
from scipy import stats

from inspectorate.core.national.compare import NOT_RANKED, compare_forces, force_history, indicator_periods
from inspectorate.core.national.figures import BRITISH_TRANSPORT_POLICE, NationalData
from inspectorate.core.national.indicators import national_indicators
from inspectorate.core.national.store import load_national

MARCH_2019 = date(2019, 3, 31)


@pytest.fixture(scope="module")
def national() -> NationalData:
    return load_national(None)


def forces_count(national: NationalData, indicator: str, end: date, start: date | None = None) -> float:
    compared = compare_forces(national, indicator, end, start)
    return math.fsum(row.count for row in compared.forces if row.count is not None)


def test_recorded_crime_in_england_and_wales_counts_british_transport_police_as_table_p1_does(national):
    # ONS Table P1, year ending March 2019: England and Wales 5,257,081, British Transport Police's
    # 66,613 among them.
    compared = compare_forces(national, "recorded-crime-per-1000", MARCH_2019)
    assert forces_count(national, "recorded-crime-per-1000", MARCH_2019) + 66613 == 5257081
    assert compared.england_and_wales_includes_btp is True
    assert compared.published_england_and_wales is not None
    assert compared.england_and_wales == pytest.approx(compared.published_england_and_wales, rel=1e-6)
    assert compared.england_and_wales_excluding_btp == pytest.approx(
        compared.england_and_wales * (5257081 - 66613) / 5257081, rel=1e-12
    )


def test_anti_social_behaviour_in_england_and_wales_leaves_british_transport_police_out_as_p7_does(
    national,
):
    # ONS Table P7, year ending March 2019: England and Wales 1,424,755 incidents excluding British
    # Transport Police (1,456,163 including it), 24.2534 per 1,000.
    compared = compare_forces(national, "asb-incidents-per-1000", MARCH_2019)
    assert forces_count(national, "asb-incidents-per-1000", MARCH_2019) == 1424755
    assert compared.england_and_wales_includes_btp is False
    assert compared.england_and_wales == compared.england_and_wales_excluding_btp
    assert compared.published_england_and_wales == pytest.approx(24.2534, abs=5e-5)
    # To within the rounding of the England and Wales population to 100 (50 in 58,744,600).
    assert compared.england_and_wales == pytest.approx(compared.published_england_and_wales, rel=1e-6)


def test_the_workforce_total_of_43_forces_leaves_british_transport_police_out(national):
    # Home Office police workforce, Table_1: "Total 43 forces" 123,170.85695 officers at 31 March 2019.
    compared = compare_forces(national, "officers-fte-per-1000", MARCH_2019)
    assert forces_count(national, "officers-fte-per-1000", MARCH_2019) == pytest.approx(
        123170.85695, abs=1e-6
    )
    assert compared.england_and_wales_includes_btp is False
    assert compared.england_and_wales == compared.england_and_wales_excluding_btp


def test_without_a_printed_total_recorded_crime_counts_british_transport_police_as_the_ons_does(national):
    # The Home Office open data prints no England and Wales row; 2017/18 quarter 1.
    quarter = (date(2017, 4, 1), date(2017, 6, 30))
    compared = compare_forces(national, "recorded-crime-per-1000", quarter[1], quarter[0])
    btp = next(
        f
        for f in national.figures
        if (f.measure, f.area, f.period_start, f.period_end)
        == ("recorded-crime", BRITISH_TRANSPORT_POLICE, *quarter)
    )
    assert btp.value is not None and btp.value > 0
    assert compared.england_and_wales_includes_btp is True
    assert compared.england_and_wales is not None and compared.england_and_wales_excluding_btp is not None
    assert compared.england_and_wales > compared.england_and_wales_excluding_btp


@pytest.mark.parametrize(
    ("indicator", "start", "end", "count"),
    [
        # Home Office open data 2017/18, quarter 1: the City of London's offences (excluding fraud).
        ("recorded-crime-per-1000", date(2017, 4, 1), date(2017, 6, 30), None),
        # Home Office workforce Table_1, 31 March 2019, and use of force Table_12, 2018/19.
        ("officers-fte-per-1000", None, MARCH_2019, 739.22),
        ("use-of-force-incidents-per-1000", None, MARCH_2019, 2228.0),
    ],
)
def test_the_city_of_london_is_shown_but_neither_ranked_nor_in_the_outlier_lines(
    national, indicator, start, end, count
):
    compared = compare_forces(national, indicator, end, start)
    city = next(row for row in compared.forces if row.force_id == "city-of-london")
    assert city.count is not None and city.denominator is not None
    if count is not None:
        assert city.count == pytest.approx(count, abs=1e-9)
    assert city.value == pytest.approx(city.count / city.denominator.value * 1000, rel=1e-12)
    assert (city.rank, city.z, city.outlier, city.reason) == (None, None, None, NOT_RANKED)
    # Its count still counts towards England and Wales.
    assert "city-of-london" not in compared.forces_missing
    assert compared.forces_counted == 43
    # The lines and the ranks are the other 42's, pinned to numpy and scipy.stats.
    others = {row.force_id: row.value for row in compared.forces if row.force_id != "city-of-london"}
    values = np.array([v for v in others.values() if v is not None])
    assert len(values) == 42 == city.ranked == compared.band.forces
    assert compared.band.shapiro_p == pytest.approx(stats.shapiro(values).pvalue, rel=1e-9)
    scale = np.log(values) if compared.band.logged else values
    assert compared.band.logged == (
        stats.shapiro(values).pvalue < 0.05
        and stats.shapiro(np.log(values)).pvalue > stats.shapiro(values).pvalue
    )
    assert compared.band.mean == pytest.approx(float(np.mean(scale)), rel=1e-12)
    assert compared.band.sd == pytest.approx(float(np.std(scale, ddof=1)), rel=1e-12)
    ranks = stats.rankdata(-values, method="min")
    by_force = dict(zip([f for f, v in others.items() if v is not None], ranks.tolist(), strict=True))
    assert {row.force_id: row.rank for row in compared.forces if row.rank is not None} == by_force
    # Shown after the ranked forces, before those without a figure.
    order = [row.force_id for row in compared.forces]
    assert order.index("city-of-london") == sum(1 for row in compared.forces if row.rank is not None)


def test_the_shipped_open_data_quarter_was_pushed_onto_logs_by_the_city_of_london_and_is_not_now(national):
    # With its 181.7 per 1,000 among them, the 43 quarter figures' Shapiro-Wilk p was about 2e-13.
    compared = compare_forces(national, "recorded-crime-per-1000", date(2017, 6, 30), date(2017, 4, 1))
    city = next(row for row in compared.forces if row.force_id == "city-of-london")
    assert city.value == pytest.approx(181.688, abs=5e-4)
    assert compared.band is not None and compared.band.logged is False


def test_the_city_of_london_is_never_ranked_per_head_in_its_history(national):
    per_head = {i.id for i in national_indicators(national) if i.denominator == "population"}
    history = force_history(national, "city-of-london")
    assert {h.indicator.id for h in history} >= per_head
    assert all(
        h.force.rank is None and h.force.outlier is None for h in history if h.indicator.id in per_head
    )
    # Somewhere per head it has a figure that is shown.
    assert any(h.force.value is not None for h in history if h.indicator.id in per_head)
    assert len(indicator_periods(national, "officers-fte-per-1000")) > 1
