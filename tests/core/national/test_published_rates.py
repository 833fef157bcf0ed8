"""The England and Wales recorded crime rate worked out from the 43 forces (and British Transport
Police, as the ONS counts it) is the ONS's published one, for every edition of its police force
area tables shipped: equal at the one decimal place the table prints (its cells are formatted
"#,##0.0"), and within the rounding of the populations it prints to the nearest 100 (the ONS
divides by the unrounded estimates: 5,257,081 offences over the unrounded mid-2017 estimate of
58,744,595 give exactly the 89.49046290982176 Table P3 holds for the year ending March 2019)."""

from __future__ import annotations

import pytest

from inspectorate.core.national.compare import compare_forces
from inspectorate.core.national.figures import NationalData
from inspectorate.core.national.store import load_national

ONS_EDITIONS = (
    "ons-pfa-tables-ye-2018-03",
    "ons-pfa-tables-ye-2018-06",
    "ons-pfa-tables-ye-2018-09",
    "ons-pfa-tables-ye-2018-12",
    "ons-pfa-tables-ye-2019-03",
    "ons-pfa-tables-ye-2019-06",
    "ons-pfa-tables-ye-2019-09",
    "ons-pfa-tables-ye-2019-12",
)


def _edition_alone(edition_id: str) -> NationalData:
    data = load_national(None)
    (edition,) = [e for e in data.editions if e.id == edition_id]
    figures = tuple(f for f in data.figures if f.edition == edition_id)
    return NationalData(editions=(edition,), measures=data.measures, figures=figures)


@pytest.mark.parametrize("edition_id", ONS_EDITIONS)
def test_the_england_and_wales_rate_is_the_ons_published_one(edition_id):
    data = _edition_alone(edition_id)
    year, month = int(edition_id[-7:-3]), int(edition_id[-2:])
    (end,) = {
        f.period_end for f in data.figures if f.measure == "recorded-crime" and f.period_end.month == month
    }
    assert end.year == year
    compared = compare_forces(data, "recorded-crime-per-1000", end)
    published = compared.published_england_and_wales
    assert published is not None
    assert compared.england_and_wales_includes_btp  # Table P1's total counts British Transport Police
    assert round(compared.england_and_wales, 1) == round(published, 1)
    # Each force's population is printed rounded to 100: at most 50 people each way in 43 of them.
    assert compared.england_and_wales == pytest.approx(published, rel=43 * 50 / 56_000_000)


def test_the_year_ending_march_2019_divides_by_the_unrounded_estimate():
    # Table P1: 5,257,081 offences; ONS mid-2017 estimate for England and Wales: 58,744,595
    # (England 55,619,430 and Wales 3,125,165), printed in Table P3 as 58,744,600.
    compared = compare_forces(_edition_alone("ons-pfa-tables-ye-2019-03"), "recorded-crime-per-1000")
    assert compared.published_england_and_wales == 5257081 / 58744595 * 1000
