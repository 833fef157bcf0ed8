"""What the national tables give a force's own data return: its population for the period, and
England and Wales figures worked out from all forces, the copied report figures only a fallback."""

from __future__ import annotations

from datetime import date

import pytest

from inspectorate.core.indicators.published import PublishedComparator, PublishedFigure, PublishedFigures
from inspectorate.core.national.compare import compare_forces
from inspectorate.core.national.returns import (
    constant_checks,
    england_and_wales_figures,
    population_for_period,
    with_constants,
)
from inspectorate.core.national.store import load_national
from support.national import synthetic_table

EW = PublishedComparator.ENGLAND_AND_WALES


@pytest.fixture(scope="module")
def shipped():
    return load_national(None)


def test_the_population_is_the_estimate_for_the_year_and_census_2011_only_before_any(shipped):
    # ONS Table P9 (year ending March 2018 edition): Metropolitan Police mid-2016 8,762,400.
    assert population_for_period(shipped, "metropolitan", date(2017, 3, 31)) == (
        8762400,
        "ONS mid-2016 estimate (Police force area data tables, year ending March 2018)",
    )
    people, label = population_for_period(shipped, "dyfed-powys", date(2003, 3, 31)) or (0, "")
    assert (people, label.startswith("ONS mid-2002 estimate")) == (491400, True)  # Table P9, 2002
    # Before the first estimate held: the census, and the label says so.
    people, label = population_for_period(shipped, "metropolitan", date(2001, 3, 31)) or (0, "")
    assert people == 8166566
    assert label == "Census 2011 population (no estimate for the year is held)"


def test_england_and_wales_is_worked_out_from_the_forces_for_every_year_the_tables_cover(shipped):
    figures = {(f.indicator, f.period_end): f for f in england_and_wales_figures(shipped).figures}
    crime = figures[("recorded-crime-per-1000", date(2019, 3, 31))]
    compared = compare_forces(shipped, "recorded-crime-per-1000", date(2019, 3, 31))
    assert crime.value == compared.england_and_wales_excluding_btp
    # Table P1: 5,257,081 offences with British Transport Police's 66,613; the ONS mid-2017
    # populations of the 43 force areas (Table P3) are the denominator.
    assert crime.value == pytest.approx((5257081 - 66613) / 58744600 * 1000, rel=1e-4)
    assert "British Transport Police left out" in crime.source
    assert crime.comparator is EW
    # Years ending March 2008 to 2019 of anti-social behaviour incidents (Table P7).
    asb = sorted(end for indicator, end in figures if indicator == "asb-per-1000")
    assert asb[0] == date(2008, 3, 31) and asb[-1] == date(2019, 3, 31) and len(asb) == 12
    # Greater Manchester could not supply data from July 2019: no England and Wales of the others.
    assert ("recorded-crime-per-1000", date(2019, 9, 30)) not in figures
    assert ("recorded-crime-per-1000", date(2019, 12, 31)) not in figures
    # Quarters (the Home Office open data) are not twelve months: no figure.
    assert ("recorded-crime-per-1000", date(2017, 6, 30)) not in figures


def _figure(indicator: str, end: date, value: float, source: str = "a report") -> PublishedFigure:
    return PublishedFigure(indicator=indicator, comparator=EW, period_end=end, value=value, source=source)


def test_a_copied_figure_is_used_only_where_the_tables_cover_nothing_and_is_checked_where_they_do():
    computed = PublishedFigures((_figure("recorded-crime-per-1000", date(2019, 3, 31), 88.3621, "tables"),))
    copied = PublishedFigures(
        (
            _figure("recorded-crime-per-1000", date(2019, 3, 31), 88.4),
            _figure("recorded-crime-per-1000", date(2015, 6, 30), 63.0),
        )
    )
    merged = with_constants(computed, copied)
    assert [(f.period_end, f.value) for f in merged.figures] == [
        (date(2019, 3, 31), 88.3621),
        (date(2015, 6, 30), 63.0),
    ]
    (check,) = constant_checks(computed, copied)
    assert (check.decimals, check.agrees) == (1, True)  # 88.3621 printed to one place is 88.4
    wrong = PublishedFigures((_figure("recorded-crime-per-1000", date(2019, 3, 31), 88.5),))
    assert [c.agrees for c in constant_checks(computed, wrong)] == [False]


def test_the_figures_copied_from_reports_are_for_periods_the_tables_do_not_cover(shipped):
    from inspectorate.core.indicators.published import shipped_published

    # The PEEL 2015 figures are for the 12 months to June 2014 and 2015 and to March 2015 (calls);
    # the tables give years ending March (anti-social behaviour) and every quarter from 2018. So
    # none is checked yet, and every one is still used; a table covering one makes it a check.
    copied = shipped_published()
    computed = england_and_wales_figures(shipped)
    assert constant_checks(computed, copied) == ()
    assert set(copied.figures) <= set(with_constants(computed, copied).figures)


def test_england_and_wales_is_kept_under_the_tables_held_and_worked_out_again_when_they_change(
    tmp_path, monkeypatch
):
    from inspectorate.core.national import returns
    from inspectorate.core.national.store import NationalStore, national_dir

    workspace, kept = tmp_path / "workspace", tmp_path / "kept"
    first = returns.england_and_wales_kept(workspace, kept)
    assert len(list(kept.iterdir())) == 1

    def never(data):
        raise AssertionError("worked out again although nothing changed")

    monkeypatch.setattr(returns, "england_and_wales_figures", never)
    assert returns.england_and_wales_kept(workspace, kept) == first
    monkeypatch.undo()
    # A SYNTHETIC edition loaded changes what the workspace holds.
    NationalStore(national_dir(workspace)).add(synthetic_table("synthetic-kept-test", year=2031))
    assert returns.england_and_wales_kept(workspace, kept) == first
    assert len(list(kept.iterdir())) == 2
