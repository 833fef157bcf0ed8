"""The 43 forces compared: rates, rank, England and Wales, change, outliers, groups, periods."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest
from scipy import stats

from inspectorate.core.forces import ForceNotFound, force_ids
from inspectorate.core.national.compare import (
    WITHHELD,
    compare_forces,
    force_history,
    indicator_periods,
)
from inspectorate.core.national.figures import (
    BRITISH_TRANSPORT_POLICE,
    ENGLAND_AND_WALES,
    Edition,
    Measure,
    NationalData,
    NationalFigure,
    Publisher,
    Status,
    Unit,
)
from inspectorate.core.national.indicators import (
    KNOWN_COUNTS,
    OFFENCE_PARENTS,
    OFFENCES,
    UnknownNationalIndicator,
    get_national_indicator,
    national_indicators,
)
from inspectorate.core.national.periods import period_label, shifted
from inspectorate.core.national.readers.offences import crime_measure_id
from inspectorate.core.national.results import IndicatorGroup, Outlier
from inspectorate.core.problems import ProblemsError

FORCES = force_ids()
DENOMINATORS = ("population", "households")
CRIME = "recorded-crime-per-1000"


def year_ending_march(year: int) -> tuple[date, date]:
    return date(year - 1, 4, 1), date(year, 3, 31)


def edition(year: int) -> Edition:
    return Edition(
        id=f"synthetic-ye-{year}-03", series="synthetic", title=f"Synthetic tables, year ending March {year}",
        publisher=Publisher.ONS, published=None, source_file=f"synthetic-{year}.xlsx", sha256="0" * 64,
    )  # fmt: skip


def figure(
    measure: str, area: str, period: tuple[date, date], value: float | None, edition_id: str, row: int = 1
) -> NationalFigure:
    return NationalFigure(
        measure=measure, area=area, period_start=period[0], period_end=period[1], value=value,
        status=Status.VALUE if value is not None else Status.NOT_AVAILABLE, edition=edition_id,
        where=f"Table P{3 if measure in DENOMINATORS or 'per-1000' in measure else 1}, row {row}",
    )  # fmt: skip


# Every force: 100,000 people (200,000 for even-numbered ones), and in the year ending March 2019 a
# count of 1,000 + 37 * i (i its place), so that rates are distinct but for the tie made below.
POPULATION = {force: 100_000.0 * (1 + i % 2) for i, force in enumerate(FORCES)}
COUNTS_2019 = {force: 1000.0 + 37 * i for i, force in enumerate(FORCES)}
COUNTS_2019["cumbria"] = COUNTS_2019["cambridgeshire"] = 1500.0  # both 100,000 people: a tie
COUNTS_2019["greater-manchester"] = None  # ".." in the table
del COUNTS_2019["city-of-london"]  # not in the table at all
COUNTS_2018 = {force: 900.0 + 30 * i for i, force in enumerate(FORCES)}
COUNTS_2014 = {force: 800.0 + 20 * i for i, force in enumerate(FORCES)}
BTP_2019 = 400.0


def make_data(printed_england_and_wales_population: float | None = None) -> NationalData:
    figures: list[NationalFigure] = []
    for year, counts in ((2019, COUNTS_2019), (2018, COUNTS_2018), (2014, COUNTS_2014)):
        period, edition_id = year_ending_march(year), edition(year).id
        mid_year = (date(year - 2, 6, 30), date(year - 2, 6, 30))
        for row, (force, count) in enumerate(counts.items(), start=10):
            figures.append(figure("recorded-crime", force, period, count, edition_id, row))
            figures.append(figure("population", force, mid_year, POPULATION[force], edition_id, row))
    ye_2019, ed_2019 = year_ending_march(2019), edition(2019).id
    figures.append(figure("recorded-crime", BRITISH_TRANSPORT_POLICE, ye_2019, BTP_2019, ed_2019, 60))
    figures.append(figure(CRIME, ENGLAND_AND_WALES, ye_2019, 12.345, ed_2019, 7))
    if printed_england_and_wales_population is not None:
        mid_2017 = (date(2017, 6, 30), date(2017, 6, 30))
        figures.append(
            figure(
                "population", ENGLAND_AND_WALES, mid_2017, printed_england_and_wales_population, ed_2019, 7
            )
        )
    return NationalData(
        editions=tuple(edition(year) for year in (2014, 2018, 2019)),
        measures=(
            Measure(id="recorded-crime", title="Total recorded crime (excluding fraud)", unit=Unit.COUNT),
        ),
        figures=tuple(figures),
    )


def rates_2019() -> dict[str, float]:
    return {
        force: count / POPULATION[force] * 1000 for force, count in COUNTS_2019.items() if count is not None
    }


def test_every_force_gets_its_rate_and_ties_share_the_best_rank():
    compared = compare_forces(make_data(), CRIME)
    assert compared.period_label == "year ending March 2019"
    assert len(compared.forces) == 43
    rows = {row.force_id: row for row in compared.forces}
    expected = rates_2019()
    for force, rate in expected.items():
        assert rows[force].value == pytest.approx(rate, rel=1e-12)
        assert rows[force].count == COUNTS_2019[force]
        assert rows[force].denominator is not None and rows[force].denominator.value == POPULATION[force]
    # scipy's rankdata "min" on the negated rates: 1 = highest, ties share the best rank.
    reference = stats.rankdata([-v for v in expected.values()], method="min")
    assert {force: rows[force].rank for force in expected} == dict(
        zip(expected, reference.tolist(), strict=True)
    )
    assert rows["cumbria"].rank == rows["cambridgeshire"].rank
    tied = rows["cumbria"].rank
    assert tied is not None
    assert sum(1 for row in compared.forces if row.rank == tied + 1) == 0  # the next rank is skipped
    assert {row.ranked for row in compared.forces} == {41}
    values = [row.value for row in compared.forces if row.value is not None]
    assert values == sorted(values, reverse=True)


def test_forces_without_a_figure_have_no_rank_and_say_why():
    compared = compare_forces(make_data(), CRIME)
    rows = {row.force_id: row for row in compared.forces}
    assert rows["greater-manchester"].value is None
    assert rows["greater-manchester"].rank is None
    assert rows["greater-manchester"].reason == "not available ('..' in the table)"
    assert rows["greater-manchester"].edition == edition(2019).id
    assert rows["city-of-london"].reason == "not in the table for this period"
    assert rows["city-of-london"].edition is None
    assert compared.forces_missing == ("city-of-london", "greater-manchester")
    assert compared.forces_counted == 41
    assert [row.force_id for row in compared.forces[-2:]] == ["city-of-london", "greater-manchester"]


def test_england_and_wales_is_worked_out_from_the_forces_with_and_without_british_transport_police():
    compared = compare_forces(make_data(), CRIME)
    counts = [c for c in COUNTS_2019.values() if c is not None]
    people = math.fsum(POPULATION[f] for f, c in COUNTS_2019.items() if c is not None)
    assert compared.england_and_wales == pytest.approx(
        (math.fsum(counts) + BTP_2019) / people * 1000, rel=1e-12
    )
    assert compared.england_and_wales_excluding_btp == pytest.approx(
        math.fsum(counts) / people * 1000, rel=1e-12
    )
    assert compared.published_england_and_wales == 12.345  # the table's own, shown beside ours
    assert compared.editions == (edition(2019).id,)


def test_the_england_and_wales_population_the_table_prints_is_used_when_it_is_the_forces_own_rounded():
    counted = [f for f, c in COUNTS_2019.items() if c is not None]
    people = math.fsum(POPULATION[f] for f in counted)
    total = math.fsum(c for c in COUNTS_2019.values() if c is not None) + BTP_2019
    printed = people - 200  # each force's figure rounded to 100, the total rounded on its own
    compared = compare_forces(make_data(printed), CRIME)
    assert compared.england_and_wales == pytest.approx(total / printed * 1000, rel=1e-12)
    # One that includes the missing forces' people is not what these counts are over.
    too_many = people + POPULATION["greater-manchester"]
    compared = compare_forces(make_data(too_many), CRIME)
    assert compared.england_and_wales == pytest.approx(total / people * 1000, rel=1e-12)


def test_change_is_on_the_same_period_one_and_five_years_before_where_held():
    compared = compare_forces(make_data(), CRIME)
    rows = {row.force_id: row for row in compared.forces}
    dorset_2019 = COUNTS_2019["dorset"] / POPULATION["dorset"]
    dorset_2018 = COUNTS_2018["dorset"] / POPULATION["dorset"]
    dorset_2014 = COUNTS_2014["dorset"] / POPULATION["dorset"]
    assert rows["dorset"].change_1y == pytest.approx(
        (dorset_2019 - dorset_2018) / dorset_2018 * 100, rel=1e-12
    )
    assert rows["dorset"].change_5y == pytest.approx(
        (dorset_2019 - dorset_2014) / dorset_2014 * 100, rel=1e-12
    )
    assert rows["greater-manchester"].change_1y is None
    earlier = {row.force_id: row for row in compare_forces(make_data(), CRIME, date(2018, 3, 31)).forces}
    assert earlier["dorset"].change_1y is None  # no year ending March 2017 held
    assert earlier["dorset"].change_5y is None


def test_outliers_follow_an_independent_computation_of_the_lines():
    compared = compare_forces(make_data(), CRIME)
    expected = rates_2019()
    values = np.array(list(expected.values()))
    plain_p = stats.shapiro(values).pvalue
    logged = bool(plain_p < 0.05 and stats.shapiro(np.log(values)).pvalue > plain_p)
    z = stats.zscore(np.log(values) if logged else values, ddof=1)
    assert compared.band is not None
    assert compared.band.logged is logged
    assert compared.band.forces == 41
    rows = {row.force_id: row for row in compared.forces}
    for force, force_z in zip(expected, z.tolist(), strict=True):
        assert rows[force].z == pytest.approx(force_z, rel=1e-9)
        outlier = Outlier.ABOVE if force_z > 1 else Outlier.BELOW if force_z < -1 else None
        assert rows[force].outlier is outlier
    assert rows["greater-manchester"].z is None


def test_a_rate_the_table_withholds_is_not_ranked_but_its_count_counts_for_england_and_wales():
    data = make_data()
    ye_2019, ed_2019 = year_ending_march(2019), edition(2019).id
    withheld = figure(CRIME, "dorset", ye_2019, None, ed_2019, 40)
    data = NationalData(editions=data.editions, measures=data.measures, figures=(*data.figures, withheld))
    compared = compare_forces(data, CRIME)
    dorset = next(row for row in compared.forces if row.force_id == "dorset")
    assert (dorset.value, dorset.rank, dorset.reason) == (None, None, WITHHELD)
    assert dorset.count == COUNTS_2019["dorset"]
    assert "dorset" in compared.forces_missing
    assert compared.forces_counted == 41
    assert compared.england_and_wales == compare_forces(make_data(), CRIME).england_and_wales


def test_a_later_edition_revises_a_figure_and_the_earlier_one_is_shown():
    data = make_data()
    revised = Edition(**{**edition(2019).model_dump(), "id": "synthetic-ye-2019-06", "title": "Later tables"})
    later = figure("recorded-crime", "dorset", year_ending_march(2019), 2222.0, revised.id)
    data = NationalData(
        editions=(*data.editions, revised), measures=data.measures, figures=(*data.figures, later)
    )
    dorset = next(row for row in compare_forces(data, CRIME).forces if row.force_id == "dorset")
    assert dorset.count == 2222.0
    assert dorset.edition == revised.id
    assert [(r.edition, r.value) for r in dorset.revisions] == [(edition(2019).id, COUNTS_2019["dorset"])]
    # The population stays the one the first edition printed for its own rates: the later one prints none.
    assert dorset.denominator is not None and dorset.denominator.value == POPULATION["dorset"]


def test_periods_are_listed_oldest_first_and_an_unknown_one_is_refused_naming_those_held():
    data = make_data()
    assert indicator_periods(data, CRIME) == tuple(year_ending_march(y) for y in (2014, 2018, 2019))
    assert compare_forces(data, CRIME, date(2014, 3, 31)).period_label == "year ending March 2014"
    with pytest.raises(ProblemsError) as raised:
        compare_forces(data, CRIME, date(2016, 3, 31))
    message = str(raised.value)
    assert message.startswith("recorded-crime-per-1000: period: no figures for the period ending 2016-03-31")
    assert "year ending March 2018 (2017-04-01 to 2018-03-31)" in message


def test_a_year_is_preferred_to_a_quarter_ending_the_same_day_unless_the_start_says_which():
    data = make_data()
    quarter = (date(2019, 1, 1), date(2019, 3, 31))
    extra = figure("recorded-crime", "dorset", quarter, 300.0, edition(2019).id)
    data = NationalData(editions=data.editions, measures=data.measures, figures=(*data.figures, extra))
    assert compare_forces(data, CRIME).period_label == "year ending March 2019"
    by_quarter = compare_forces(data, CRIME, date(2019, 3, 31), date(2019, 1, 1))
    assert by_quarter.period_label == "3 months ending March 2019"
    assert by_quarter.forces_counted == 1


def test_the_group_is_the_one_entered_and_its_figure_is_weighted_by_population():
    members = ("dorset", "wiltshire", "gloucestershire")
    history = force_history(make_data(), "dorset", {"dorset": members})
    assert [(h.indicator.id, h.period_label) for h in history] == [
        (CRIME, "year ending March 2014"),
        (CRIME, "year ending March 2018"),
        (CRIME, "year ending March 2019"),
    ]
    latest = history[-1]
    assert latest.group is not None
    assert latest.group.members == members
    expected = sum(COUNTS_2019[m] or 0 for m in members) / sum(POPULATION[m] for m in members) * 1000
    assert latest.group.value == pytest.approx(expected, rel=1e-12)
    assert latest.force.force_id == "dorset"
    assert latest.england_and_wales == compare_forces(make_data(), CRIME).england_and_wales


def test_a_group_with_a_member_without_a_figure_has_none_and_no_group_is_invented():
    data = make_data()
    with_gmp = force_history(data, "dorset", {"dorset": ("wiltshire", "greater-manchester")})
    assert with_gmp[-1].group is not None and with_gmp[-1].group.value is None
    assert all(h.group is None for h in force_history(data, "dorset"))
    assert all(h.group is None for h in force_history(data, "dorset", {"wiltshire": ("dorset",)}))
    with pytest.raises(ForceNotFound):
        force_history(data, "dorset", {"dorset": ("atlantis",)})
    with pytest.raises(ForceNotFound):
        force_history(data, "atlantis")


def test_workforce_as_at_a_day_is_labelled_so_and_uses_the_estimate_before_it():
    data = make_data()
    as_at = (date(2019, 3, 31), date(2019, 3, 31))
    officers = [figure("officers-fte", force, as_at, 200.0, edition(2019).id) for force in FORCES]
    data = NationalData(editions=data.editions, measures=data.measures, figures=(*data.figures, *officers))
    compared = compare_forces(data, "officers-fte-per-1000")
    assert compared.period_label == "as at 31 March 2019"
    dorset = next(row for row in compared.forces if row.force_id == "dorset")
    assert dorset.denominator is not None
    assert (
        dorset.denominator.label
        == "ONS mid-2017 estimate, as the table divides by (Synthetic tables, year ending March 2019)"
    )


def test_indicators_are_those_with_figures_and_an_unknown_one_names_the_known():
    data = make_data()
    assert [indicator.id for indicator in national_indicators(data)] == [CRIME]
    indicator = get_national_indicator(data, CRIME)
    assert (indicator.numerator, indicator.denominator, indicator.per) == (
        "recorded-crime",
        "population",
        1000,
    )
    with pytest.raises(
        UnknownNationalIndicator,
        match="unknown national indicator 'officers'; known: recorded-crime-per-1000",
    ):
        compare_forces(data, "officers")


def test_offence_groups_give_indicators_and_burglary_of_homes_also_per_household():
    data = make_data()
    mid_2017 = (date(2017, 6, 30), date(2017, 6, 30))
    ed = edition(2019).id
    extra = [
        figure("recorded-crime.residential-burglary", f, year_ending_march(2019), 50.0, ed) for f in FORCES
    ]
    extra += [
        figure("recorded-crime.non-residential-burglary", f, year_ending_march(2019), 5.0, ed) for f in FORCES
    ]
    extra += [figure("recorded-crime.homicide-per-1000", f, year_ending_march(2019), 0.1, ed) for f in FORCES]
    extra += [figure("households", f, mid_2017, 40_000.0, ed) for f in FORCES]
    data = NationalData(editions=data.editions, measures=data.measures, figures=(*data.figures, *extra))
    # As Table P1 prints them: residential burglary before non-residential.
    assert [indicator.id for indicator in national_indicators(data)] == [
        CRIME,
        "recorded-crime.residential-burglary-per-1000",
        "recorded-crime.residential-burglary-per-1000-households",
        "recorded-crime.non-residential-burglary-per-1000",
    ]
    per_household = compare_forces(data, "recorded-crime.residential-burglary-per-1000-households")
    assert {row.value for row in per_household.forces} == {50.0 / 40_000 * 1000}
    assert per_household.band is None  # all equal: no lines


def test_the_comparison_is_worked_out_once_for_each_data_object():
    data = make_data()
    assert compare_forces(data, CRIME) is compare_forces(data, CRIME)


@pytest.fixture(scope="module")
def ons_march_2019(shared_data):
    readers = pytest.importorskip("inspectorate.core.national.readers.ons_pfa")
    table = readers.read_ons_pfa_tables(
        shared_data / "ons" / "pfa-data-tables" / "policeforceareatablesyeendingmarch2019.xlsx"
    )
    return NationalData(editions=(table.edition,), measures=table.measures, figures=table.figures)


def test_the_real_england_and_wales_rate_matches_the_ons_to_within_the_rounding_of_its_population(
    ons_march_2019,
):
    compared = compare_forces(ons_march_2019, CRIME, date(2019, 3, 31))
    # Table P3 of policeforceareatablesyeendingmarch2019.xlsx prints 89.49046290982176, worked out by the
    # ONS over the unrounded mid-2017 population; the table prints it rounded to 100 (58,744,600), so
    # ours can differ by at most 50 people in 58.7 million. The count is exact: the 43 forces' and
    # British Transport Police's counts add up to Table P1's 5,257,081.
    assert compared.published_england_and_wales == 89.49046290982176
    assert compared.england_and_wales == pytest.approx(5257081 / 58744600 * 1000, rel=1e-12)
    assert compared.england_and_wales == pytest.approx(89.49046290982176, rel=50 / 58744600)
    assert compared.england_and_wales_excluding_btp == pytest.approx(
        (5257081 - 66613) / 58744600 * 1000, rel=1e-12
    )
    assert compared.forces_counted == 43
    assert compared.forces_missing == ("city-of-london",)  # its rate is withheld ("+")


def test_a_real_forces_rank_and_outlier_status_match_an_independent_computation(ons_march_2019):
    compared = compare_forces(ons_march_2019, CRIME, date(2019, 3, 31))
    figures = {
        (f.measure, f.area): f.value
        for f in ons_march_2019.figures
        if f.period_end in (date(2019, 3, 31), date(2017, 6, 30))
    }
    rates = {
        force: figures[("recorded-crime", force)] / figures[("population", force)] * 1000
        for force in FORCES
        if force != "city-of-london"
    }
    values = np.array(list(rates.values()))
    assert stats.shapiro(values).pvalue >= 0.05  # plain figures look normal: no logs
    z = dict(zip(rates, stats.zscore(values, ddof=1).tolist(), strict=True))
    ranks = dict(zip(rates, stats.rankdata(-values, method="min").tolist(), strict=True))
    rows = {row.force_id: row for row in compared.forces}
    for force in ("west-yorkshire", "metropolitan", "dyfed-powys"):
        assert rows[force].rank == ranks[force]
        assert rows[force].z == pytest.approx(z[force], rel=1e-9)
    assert rows["west-yorkshire"].rank == 1 and rows["west-yorkshire"].outlier is Outlier.ABOVE
    assert rows["dyfed-powys"].rank == 42 and rows["dyfed-powys"].outlier is Outlier.BELOW
    assert rows["metropolitan"].outlier is None


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (date(2018, 4, 1), date(2019, 3, 31), "year ending March 2019"),
        (date(2019, 3, 31), date(2019, 3, 31), "as at 31 March 2019"),
        (date(2017, 6, 30), date(2017, 6, 30), "as at 30 June 2017"),
        (date(2017, 4, 1), date(2017, 6, 30), "3 months ending June 2017"),
        (date(2019, 2, 1), date(2019, 2, 28), "February 2019"),
        (date(2019, 2, 3), date(2019, 3, 15), "3 February 2019 to 15 March 2019"),
    ],
)
def test_periods_are_said_in_words(start, end, label):
    assert period_label(start, end) == label


def test_the_period_before_keeps_month_ends_and_lengths():
    assert shifted(date(2018, 4, 1), date(2019, 3, 31), 12) == (date(2017, 4, 1), date(2018, 3, 31))
    assert shifted(date(2018, 4, 1), date(2019, 3, 31), 60) == (date(2013, 4, 1), date(2014, 3, 31))
    assert shifted(date(2019, 9, 30), date(2019, 9, 30), 12) == (date(2018, 9, 30), date(2018, 9, 30))
    assert shifted(date(2019, 3, 1), date(2020, 2, 29), 12) == (date(2018, 3, 1), date(2019, 2, 28))
    assert shifted(date(2015, 3, 1), date(2016, 2, 29), -12) == (date(2016, 3, 1), date(2017, 2, 28))


def test_without_greater_manchester_england_and_wales_is_over_the_other_forces_people(shared_data):
    readers = pytest.importorskip("inspectorate.core.national.readers.ons_pfa")
    path = shared_data / "ons" / "pfa-data-tables" / "policeforceareatablesyearendingseptember2019.xlsx"
    table = readers.read_ons_pfa_tables(path)
    data = NationalData(editions=(table.edition,), measures=table.measures, figures=table.figures)
    compared = compare_forces(data, CRIME, date(2019, 9, 30))
    # The ONS README: GMP's row is ".." after its July 2019 IT change; Table P1's England and Wales
    # count 5,000,036 leaves it out, and so does Table P3's population, 56,303,200.
    assert "greater-manchester" in compared.forces_missing
    assert compared.forces_counted == 42
    assert compared.england_and_wales == pytest.approx(5000036 / 56303200 * 1000, rel=1e-12)
    # Its printed rate (88.8054754930622) is over the unrounded population: within 50 people of ours.
    assert compared.published_england_and_wales == 88.8054754930622
    assert compared.england_and_wales == pytest.approx(88.8054754930622, rel=50 / 56303200)


def _with_counts(measures: tuple[str, ...]) -> NationalData:
    """make_data's figures and, for every force, a count of each measure and a population."""
    data = make_data()
    period, ed = year_ending_march(2019), edition(2019).id
    extra = [figure(measure, force, period, 10.0, ed) for measure in measures for force in FORCES]
    return NationalData(editions=data.editions, measures=data.measures, figures=(*data.figures, *extra))


def test_headline_indicators_come_first_then_each_offence_group_before_its_subgroups():
    offences = ("shoplifting", "zebra-offences", "residential-burglary", "theft-offences", "homicide")
    # Given in no particular order; the workforce and ASB counts too, use of force left out.
    headline = ("pcso-fte", "asb-incidents", "officers-fte", "staff-fte")
    data = _with_counts((*headline, *(f"recorded-crime.{o}" for o in offences)))
    found = national_indicators(data)
    assert [(i.id, i.group, i.parent) for i in found] == [
        (CRIME, IndicatorGroup.HEADLINE, None),
        ("asb-incidents-per-1000", IndicatorGroup.HEADLINE, None),
        ("officers-fte-per-1000", IndicatorGroup.HEADLINE, None),
        ("staff-fte-per-1000", IndicatorGroup.HEADLINE, None),
        ("pcso-fte-per-1000", IndicatorGroup.HEADLINE, None),
        ("recorded-crime.homicide-per-1000", IndicatorGroup.OFFENCES, None),  # its group is not held
        ("recorded-crime.theft-offences-per-1000", IndicatorGroup.OFFENCES, None),
        # Burglary is not held: residential burglary stands under the group above it.
        (
            "recorded-crime.residential-burglary-per-1000",
            IndicatorGroup.OFFENCES,
            "recorded-crime.theft-offences-per-1000",
        ),
        (
            "recorded-crime.shoplifting-per-1000",
            IndicatorGroup.OFFENCES,
            "recorded-crime.theft-offences-per-1000",
        ),
        # No table names it: last, by its title.
        ("recorded-crime.zebra-offences-per-1000", IndicatorGroup.OFFENCES, None),
    ]
    assert [i.order for i in found] == list(range(len(found)))
    assert [i.title for i in found[:5]] == [
        k.title for k in KNOWN_COUNTS if k.measure != "use-of-force-incidents"
    ]
    assert get_national_indicator(data, "recorded-crime.shoplifting-per-1000") == found[8]


def test_an_offences_nearest_held_group_is_its_parent():
    data = _with_counts(
        tuple(f"recorded-crime.{o}" for o in ("theft-offences", "burglary", "residential-burglary"))
    )
    parents = {i.id: i.parent for i in national_indicators(data)}
    assert parents["recorded-crime.residential-burglary-per-1000"] == "recorded-crime.burglary-per-1000"
    assert parents["recorded-crime.burglary-per-1000"] == "recorded-crime.theft-offences-per-1000"
    assert parents["recorded-crime.theft-offences-per-1000"] is None


def _p1_headings(path) -> list[tuple[str, bool]]:
    """Table P1's offence headings, left to right, each with whether the ONS sets it in bold."""
    import openpyxl  # styles: calamine, which the readers use, does not read them

    book = openpyxl.load_workbook(path)
    sheet = next(book[name] for name in book.sheetnames if name.strip() == "Table P1")
    header = next(row for row in range(1, 20) if sheet.cell(row, 1).value == "Area Code")
    found = []
    for cell in sheet[header][2:]:
        if cell.value:
            offence = crime_measure_id(str(cell.value)).removeprefix("recorded-crime.")
            found.append((offence, bool(cell.font.b)))
    return found


def _top(offence: str) -> str:
    while offence in OFFENCE_PARENTS:
        offence = OFFENCE_PARENTS[offence]
    return offence


def test_the_offences_order_and_groups_are_those_table_p1_prints_in_every_edition(shared_data):
    editions = sorted((shared_data / "ons" / "pfa-data-tables").glob("*.xlsx"))
    assert len(editions) == 8  # the ONS README's eight editions
    place = [offence for offence, _ in OFFENCES]
    for path in editions:
        headings = _p1_headings(path)
        assert len(headings) == 22, path.name
        printed = [offence for offence, _ in headings]
        assert sorted(printed, key=place.index) == printed, f"{path.name}: P1's order"
        group = ""
        for offence, bold in headings:
            if bold:
                group = offence
                assert offence not in OFFENCE_PARENTS, f"{path.name}: {offence} is a group"
            else:
                assert _top(offence) == group, f"{path.name}: {offence} is under {group}"


def test_in_table_p1_each_groups_subgroups_and_the_groups_add_up(ons_march_2019):
    # Table P1, year ending March 2019, England and Wales row: its groups add up to the total the
    # ONS README gives (5,257,081), and each group's subgroups that P1 prints add up to the group.
    printed = {
        f.measure.removeprefix("recorded-crime."): f.value
        for f in ons_march_2019.figures
        if f.area == ENGLAND_AND_WALES
        and f.period_end == date(2019, 3, 31)
        and f.where.startswith("Table P1")
    }
    assert printed["recorded-crime"] == 5257081
    groups = [o for o, parent in OFFENCES if parent is None]
    assert math.fsum(printed[g] for g in groups) == 5257081
    children: dict[str, list[str]] = {}
    for offence, parent in OFFENCES:
        if parent is not None and offence in printed:
            children.setdefault(parent, []).append(offence)
    assert sorted(children) == ["burglary", "theft-offences", "violence-against-the-person"]
    for parent, members in children.items():
        assert math.fsum(printed[m] for m in members) == printed[parent], parent


def test_each_home_office_subgroup_stands_under_the_group_its_lines_name(shared_data):
    from inspectorate.core.national.readers.prc_open_data import FRAUD_GROUP, read_prc_rows

    rows = read_prc_rows(shared_data / "home-office" / "prc-pfa-mar2013-onwards-tables201718.csv")
    pairs = {(row.group, row.subgroup) for row in rows}
    assert len({subgroup for _, subgroup in pairs}) == 28  # the Home Office README's 28 subgroups
    for group, subgroup in pairs:
        if group == FRAUD_GROUP:
            continue  # recorded nationally, no force's: no indicator
        offence = crime_measure_id(subgroup).removeprefix("recorded-crime.")
        expected = crime_measure_id(group).removeprefix("recorded-crime.")
        assert offence in dict(OFFENCES), subgroup
        assert OFFENCE_PARENTS.get(offence, offence) == expected, (group, subgroup)
