"""A later edition's figure stands for the same measure, area and period; earlier ones stay as revisions."""

from __future__ import annotations

from datetime import date

from inspectorate.core.national.editions import (
    current_figures,
    edition_precedence,
    resolve_editions,
    revisions,
)
from inspectorate.core.national.figures import Edition, NationalData, NationalFigure, Publisher, Status
from inspectorate.core.national.results import Revision
from inspectorate.core.national.store import load_national

YEAR = (date(2017, 4, 1), date(2018, 3, 31))


def edition(
    id_: str, series: str, publisher: Publisher = Publisher.ONS, published: date | None = None
) -> Edition:
    return Edition(
        id=id_,
        series=series,
        title=f"Synthetic {id_}",
        publisher=publisher,
        published=published,
        source_file=f"{id_}.xlsx",
        sha256="0" * 64,
    )


def figure(
    edition_id: str,
    value: float | None,
    area: str = "dorset",
    period: tuple[date, date] = YEAR,
    where: str = "T1",
) -> NationalFigure:
    return NationalFigure(
        measure="recorded-crime",
        area=area,
        period_start=period[0],
        period_end=period[1],
        value=value,
        status=Status.VALUE if value is not None else Status.NOT_AVAILABLE,
        edition=edition_id,
        where=where,
    )


def test_the_edition_covering_a_later_period_supersedes_and_the_earlier_is_a_revision():
    early, late = edition("ons-ye-2018-03", "ons"), edition("ons-ye-2018-06", "ons")
    later_year = (date(2017, 7, 1), date(2018, 6, 30))
    data = NationalData(
        editions=(late, early),
        figures=(figure(early.id, 100.0), figure(late.id, 104.0), figure(late.id, 1.0, period=later_year)),
    )
    key = ("recorded-crime", "dorset", *YEAR)
    assert current_figures(data)[key].value == 104.0
    assert current_figures(data)[key].edition == late.id
    assert revisions(data)[key] == (Revision(edition=early.id, value=100.0, status="value"),)
    assert len(current_figures(data)) == 2


def test_a_series_whose_editions_all_state_their_release_day_is_ordered_by_it():
    # The correction of an older period, released later, stands over the edition released before it.
    correction = edition("ons-ye-2018-06", "ons", published=date(2018, 11, 20))
    next_quarter = edition("ons-ye-2018-09", "ons", published=date(2018, 10, 18))
    data = NationalData(
        editions=(correction, next_quarter),
        figures=(
            figure(next_quarter.id, 5.0, period=(date(2017, 10, 1), date(2018, 9, 30))),
            figure(next_quarter.id, 7.0),
            figure(correction.id, 8.0),
        ),
    )
    assert edition_precedence(data)[correction.id] > edition_precedence(data)[next_quarter.id]
    assert current_figures(data)[("recorded-crime", "dorset", *YEAR)].value == 8.0


def test_the_home_office_open_data_stands_over_the_ons_table_for_the_same_year():
    # The open data is revised with each release; an ONS table is fixed on its day of release, here
    # the later of the two days given: the publisher decides, not the day.
    ons = edition("ons-pfa-tables-ye-2018-03", "ons-pfa-tables", published=date(2018, 7, 19))
    home_office = edition(
        "home-office-prc-open-data-2017-18",
        "home-office-prc-open-data",
        Publisher.HOME_OFFICE,
        date(2018, 7, 1),
    )
    data = NationalData(
        editions=(ons, home_office),
        figures=(
            figure(ons.id, 137455.0, "avon-and-somerset"),
            figure(home_office.id, 140071.0, "avon-and-somerset"),
        ),
    )
    key = ("recorded-crime", "avon-and-somerset", *YEAR)
    assert current_figures(data)[key].value == 140071.0
    assert revisions(data)[key] == (Revision(edition=ons.id, value=137455.0, status="value"),)


def test_in_the_shipped_figures_the_open_data_is_current_for_2017_18_and_the_ons_table_a_revision():
    # ../shared/data/home-office/README.txt: Avon and Somerset 140071 in the open data (kept in
    # August 2019) against 137455 in the ONS's year ending March 2018 table; the City of London
    # 5870 against 5392; Dyfed-Powys 25742 in both.
    data = load_national(None)
    figures, held = current_figures(data), revisions(data)
    for force, current, revised in (
        ("avon-and-somerset", 140071.0, 137455.0),
        ("city-of-london", 5870.0, 5392.0),
    ):
        key = ("recorded-crime", force, *YEAR)
        assert (figures[key].value, figures[key].edition) == (current, "home-office-prc-open-data-2017-18")
        assert held[key] == (Revision(edition="ons-pfa-tables-ye-2018-03", value=revised, status="value"),)
    dyfed = ("recorded-crime", "dyfed-powys", *YEAR)
    assert figures[dyfed].value == 25742.0
    assert held[dyfed][0].value == 25742.0


def test_a_not_available_figure_in_the_later_edition_stands_and_the_value_is_kept_as_a_revision():
    early, late = (
        edition("ons-a", "ons", published=date(2019, 1, 1)),
        edition("ons-b", "ons", published=date(2020, 1, 1)),
    )
    data = NationalData(editions=(early, late), figures=(figure(early.id, 9.0), figure(late.id, None)))
    key = ("recorded-crime", "dorset", *YEAR)
    assert current_figures(data)[key].status is Status.NOT_AVAILABLE
    assert revisions(data)[key] == (Revision(edition=early.id, value=9.0, status="value"),)


def test_revisions_are_listed_most_authoritative_first():
    editions = [edition(f"ons-{year}", "ons", published=date(year, 7, 1)) for year in (2018, 2019, 2020)]
    data = NationalData(
        editions=tuple(editions), figures=tuple(figure(e.id, float(i)) for i, e in enumerate(editions))
    )
    key = ("recorded-crime", "dorset", *YEAR)
    assert current_figures(data)[key].edition == "ons-2020"
    assert [r.edition for r in revisions(data)[key]] == ["ons-2019", "ons-2018"]


def test_a_figure_printed_twice_in_one_edition_is_not_its_own_revision():
    only = edition("ons-ye-2018-03", "ons")
    mid_2016 = (date(2016, 6, 30), date(2016, 6, 30))
    data = NationalData(
        editions=(only,),
        figures=(
            figure(only.id, 770700.0, period=mid_2016, where="Table P3, row 50, column C"),
            figure(only.id, 770743.0, period=mid_2016, where="Table P9, row 50, column P"),
        ),
    )
    key = ("recorded-crime", "dorset", *mid_2016)
    assert current_figures(data)[key].where.startswith("Table P3")
    assert key not in revisions(data)


def test_the_work_is_done_once_for_each_data_object():
    data = NationalData(editions=(edition("ons-a", "ons"),), figures=(figure("ons-a", 1.0),))
    assert resolve_editions(data) is resolve_editions(data)
    same_content = NationalData(editions=data.editions, figures=data.figures)
    assert resolve_editions(same_content) is not resolve_editions(data)
    assert resolve_editions(same_content).figures == resolve_editions(data).figures
