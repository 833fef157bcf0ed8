"""What a count is divided by: the edition's own estimate, else the nearest earlier one, else Census 2011."""

from __future__ import annotations

from datetime import date

import pytest

from inspectorate.core.forces import population_of
from inspectorate.core.national.denominators import NoDenominator, denominator_for
from inspectorate.core.national.figures import Edition, NationalData, NationalFigure, Publisher, Status
from inspectorate.core.national.results import Denominator

YE_MARCH_2019 = (date(2018, 4, 1), date(2019, 3, 31))


def edition(id_: str, title: str, publisher: Publisher = Publisher.ONS) -> Edition:
    return Edition(
        id=id_, series=id_.rsplit("-", 2)[0], title=title, publisher=publisher, published=None,
        source_file=f"{id_}.xlsx", sha256="0" * 64,
    )  # fmt: skip


ONS_MAR_2019 = edition("ons-test-ye-2019-03", "Synthetic tables, year ending March 2019")
ONS_JUN_2019 = edition("ons-test-ye-2019-06", "Synthetic tables, year ending June 2019")
ONS_MAR_2018 = edition("ons-test-ye-2018-03", "Synthetic tables, year ending March 2018")
WORKFORCE = edition("ho-test-2019-03", "Synthetic workforce, 31 March 2019", Publisher.HOME_OFFICE)


def mid_year(
    edition_id: str, year: int, value: float, measure: str = "population", where: str = "Table P3"
) -> NationalFigure:
    day = date(year, 6, 30)
    return NationalFigure(
        measure=measure, area="dorset", period_start=day, period_end=day, value=value,
        edition=edition_id, where=f"{where}, row 50, column C",
    )  # fmt: skip


def count(edition_id: str, period: tuple[date, date] = YE_MARCH_2019, area: str = "dorset") -> NationalFigure:
    return NationalFigure(
        measure="recorded-crime", area=area, period_start=period[0], period_end=period[1], value=500.0,
        edition=edition_id, where="Table P1, row 50, column C",
    )  # fmt: skip


def rate(edition_id: str) -> NationalFigure:
    # A rate of another count: it marks Table P3 as the sheet beside the rates, and says nothing of
    # what this count divides by.
    return NationalFigure(
        measure="recorded-crime.robbery-per-1000", area="dorset", period_start=YE_MARCH_2019[0],
        period_end=YE_MARCH_2019[1], value=70.5, edition=edition_id, where="Table P3, row 50, column F",
    )  # fmt: skip


def data(*figures: NationalFigure) -> NationalData:
    return NationalData(editions=(ONS_MAR_2019, ONS_JUN_2019, ONS_MAR_2018, WORKFORCE), figures=figures)


def test_the_editions_own_estimate_is_used_though_a_later_one_is_held():
    # The year ending March 2019 tables divide by mid-2017 estimates; mid-2018 came out later.
    held = data(
        mid_year(ONS_MAR_2019.id, 2017, 770700.0),
        mid_year(ONS_JUN_2019.id, 2018, 772300.0),
        count(ONS_MAR_2019.id),
    )
    found = denominator_for(held, count(ONS_MAR_2019.id))
    assert found == Denominator(
        value=770700.0,
        measure="population",
        label="ONS mid-2017 estimate, as the table divides by (Synthetic tables, year ending March 2019)",
        census_fallback=False,
        edition=ONS_MAR_2019.id,
    )


def test_of_an_estimate_printed_twice_in_one_edition_the_one_beside_its_rates_is_used():
    held = data(
        mid_year(ONS_MAR_2019.id, 2017, 770743.0, where="Table P9"),
        mid_year(ONS_MAR_2019.id, 2017, 770700.0, where="Table P3"),
        rate(ONS_MAR_2019.id),
    )
    found = denominator_for(held, count(ONS_MAR_2019.id))
    assert isinstance(found, Denominator)
    assert found.value == 770700.0


def test_without_the_editions_own_the_estimate_for_the_mid_year_nearest_before_the_end_is_used():
    held = data(
        mid_year(ONS_MAR_2018.id, 2017, 760000.0),
        mid_year(ONS_JUN_2019.id, 2018, 772300.0),
        mid_year(ONS_JUN_2019.id, 2019, 780000.0),
    )
    as_at = (date(2019, 3, 31), date(2019, 3, 31))
    found = denominator_for(held, count(WORKFORCE.id, as_at))
    assert isinstance(found, Denominator)
    assert found.value == 772300.0
    assert found.label == "ONS mid-2018 estimate (Synthetic tables, year ending June 2019)"
    assert found.edition == ONS_JUN_2019.id
    assert found.census_fallback is False


def test_an_editions_own_estimate_much_older_than_the_period_is_not_what_it_divided_by():
    held = data(mid_year(ONS_MAR_2019.id, 2012, 740000.0), mid_year(ONS_MAR_2018.id, 2017, 760000.0))
    found = denominator_for(held, count(ONS_MAR_2019.id))
    assert isinstance(found, Denominator)
    assert found.value == 760000.0
    assert "as the table divides by" not in found.label


def test_households_are_looked_up_as_households():
    held = data(
        mid_year(ONS_MAR_2019.id, 2017, 770700.0),
        mid_year(ONS_MAR_2019.id, 2017, 338900.0, measure="households"),
    )
    found = denominator_for(held, count(ONS_MAR_2019.id), "households")
    assert isinstance(found, Denominator)
    assert (found.value, found.measure) == (338900.0, "households")
    assert found.label.startswith("ONS mid-2017 household estimate")


def test_census_2011_only_where_no_estimate_on_or_before_the_end_is_held():
    # An estimate after the period (mid-2017 for the year ending March 2016) is never used.
    held = data(mid_year(ONS_MAR_2018.id, 2017, 760000.0))
    ye_march_2016 = (date(2015, 4, 1), date(2016, 3, 31))
    census = population_of("dorset", 2011)
    assert census is not None and census.households is not None
    found = denominator_for(held, count(WORKFORCE.id, ye_march_2016))
    assert found == Denominator(
        value=float(census.population),
        measure="population",
        label="Census 2011 population (no estimate for the year is held)",
        census_fallback=True,
        edition=None,
    )
    households = denominator_for(held, count(WORKFORCE.id, ye_march_2016), "households")
    assert isinstance(households, Denominator)
    assert households.value == float(census.households)


def test_an_area_that_is_not_a_force_without_an_estimate_has_none_and_says_why():
    found = denominator_for(data(), count(ONS_MAR_2019.id, area="england-and-wales"))
    assert isinstance(found, NoDenominator)
    assert "no population estimate held" in found.reason


def test_figures_that_are_not_available_are_never_denominators():
    missing = NationalFigure(
        measure="population", area="dorset", period_start=date(2017, 6, 30), period_end=date(2017, 6, 30),
        status=Status.NOT_AVAILABLE, edition=ONS_MAR_2019.id, where="Table P3, row 50, column C",
    )  # fmt: skip
    found = denominator_for(data(missing), count(ONS_MAR_2019.id))
    assert isinstance(found, Denominator)
    assert found.census_fallback is True


def test_an_unknown_denominator_is_a_mistake():
    with pytest.raises(ValueError, match="unknown denominator 'adults'"):
        denominator_for(data(), count(ONS_MAR_2019.id), "adults")


YE_MARCH_2008 = (date(2007, 4, 1), date(2008, 3, 31))


def asb(edition_id: str, measure: str, value: float) -> NationalFigure:
    return NationalFigure(
        measure=measure, area="dorset", period_start=YE_MARCH_2008[0], period_end=YE_MARCH_2008[1],
        value=value, edition=edition_id, where="Table P7, row 30, column B",
    )  # fmt: skip


def test_a_count_whose_table_prints_its_rate_divides_by_the_estimate_that_rate_divides_by():
    # Table P7 divides the year ending March 2008 by the mid-2006 estimate, not mid-2007's.
    incidents = asb(ONS_MAR_2019.id, "asb-incidents", 40_000.0)
    held = data(
        mid_year(ONS_MAR_2018.id, 2006, 700_000.0, where="Table P9"),
        mid_year(ONS_MAR_2018.id, 2007, 705_000.0, where="Table P9"),
        incidents,
        asb(ONS_MAR_2019.id, "asb-incidents-per-1000", 40_000.0 / 700_012.0 * 1000),  # unrounded
    )
    found = denominator_for(held, incidents)
    assert found == Denominator(
        value=700_000.0,
        measure="population",
        label="ONS mid-2006 estimate, as the table divides by (Synthetic tables, year ending March 2018)",
        census_fallback=False,
        edition=ONS_MAR_2018.id,
    )


def test_a_printed_rate_over_no_held_estimate_divides_by_the_population_it_implies_and_says_so():
    incidents = asb(ONS_MAR_2019.id, "asb-incidents", 40_000.0)
    held = data(
        mid_year(ONS_MAR_2018.id, 2006, 700_000.0, where="Table P9"),
        incidents,
        asb(ONS_MAR_2019.id, "asb-incidents-per-1000", 40_000.0 / 701_234.0 * 1000),
    )
    found = denominator_for(held, incidents)
    assert isinstance(found, Denominator)
    assert found.value == pytest.approx(701_234.0, rel=1e-12)
    assert found.edition == ONS_MAR_2019.id and not found.census_fallback
    assert "its count over its rate" in found.label and "Table P7" in found.label
    # Without the printed rate, the mid-year inside the period (rule (c)).
    found = denominator_for(data(mid_year(ONS_MAR_2018.id, 2007, 705_000.0), incidents), incidents)
    assert isinstance(found, Denominator) and found.value == 705_000.0


def test_the_shipped_anti_social_behaviour_rates_are_the_ons_printed_ones():
    # Table P7 of the ONS's year ending March 2019 edition prints each force's incidents and rate for
    # the years ending March 2008 to 2019. Northumbria, year ending March 2008: 171,347 incidents
    # at 122.577 per 1,000, its mid-2006 estimate (Table P9 of the March 2018 edition) 1,397,900:
    # 171347 / 1397900 * 1000 = 122.5746; over mid-2007's it would be 122.18.
    from inspectorate.core.national.compare import compare_forces, indicator_periods
    from inspectorate.core.national.editions import current_figures
    from inspectorate.core.national.store import load_national

    national = load_national(None)
    printed = current_figures(national)
    periods = indicator_periods(national, "asb-incidents-per-1000")
    assert len(periods) == 12
    compared_rates, differing = 0, []
    for start, end in periods:
        for row in compare_forces(national, "asb-incidents-per-1000", end, start).forces:
            rate = printed.get(("asb-incidents-per-1000", row.force_id, start, end))
            if rate is None or rate.value is None or row.value is None or row.denominator is None:
                continue
            compared_rates += 1
            # A held estimate is rounded to 100, the ONS divides by the unrounded one.
            if abs(row.value - rate.value) > rate.value * 50.5 / row.denominator.value:
                differing.append((end, row.force_id, row.value, rate.value))
    # Every force-year but the City of London's, whose rate P7 withholds for 2008 to 2016.
    assert compared_rates == 12 * 43 - 9
    assert differing == []
    northumbria = next(
        row
        for row in compare_forces(national, "asb-incidents-per-1000", date(2008, 3, 31)).forces
        if row.force_id == "northumbria"
    )
    assert northumbria.count == 171347.0
    assert northumbria.denominator is not None and northumbria.denominator.value == 1397900.0
    assert northumbria.denominator.label.startswith("ONS mid-2006 estimate")
    assert northumbria.value == pytest.approx(171347 / 1397900 * 1000, rel=1e-12)
