"""The national pages: every indicator, one indicator across all forces, a force's national
figures, police.uk's months missing or far too small; their twins; who may read them (everyone,
alike). The figures are SYNTHETIC (synthetic_national.py), read through the real comparisons."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from django.urls import reverse
from scipy.stats import rankdata

from inspectorate.core.forces import all_forces
from inspectorate.web.national.documents import (
    ForceNationalPage,
    IndicatorPage,
    NationalIndexPage,
    PoliceUkPage,
)
from inspectorate.web.national.templatetags.national_figures import figure
from inspectorate.web.pages.documents import PageDocument
from inspectorate.web.pages.twins import rows_to_csv
from inspectorate.web.registry.peer_groups import save_peer_group_version
from web.national.synthetic_national import (
    FIRST,
    MET_RATE,
    OFFENCE_SHARES,
    PUBLISHED_ENGLAND_AND_WALES,
    SECOND,
    population,
)

pytestmark = pytest.mark.django_db

INDICATOR = "recorded-crime-per-1000"
THEFT, SHOPLIFTING = "recorded-crime.theft-offences-per-1000", "recorded-crime.shoplifting-per-1000"
# Every page, as (url name, kwargs, query, document type).
PAGES: list[tuple[str, dict[str, str], str, type[PageDocument]]] = [
    ("national", {}, "", NationalIndexPage),
    ("national-indicator", {"indicator_id": INDICATOR}, "", IndicatorPage),
    ("national-indicator", {"indicator_id": INDICATOR}, "?force=metropolitan", IndicatorPage),
    ("national-indicator", {"indicator_id": INDICATOR}, "?period=2018-03-31", IndicatorPage),
    ("national-force", {"force_id": "metropolitan"}, "", ForceNationalPage),
    ("national-police-uk", {}, "", PoliceUkPage),
]


def met_population() -> float:
    return population(sorted(force.id for force in all_forces()).index("metropolitan"))


# Staff (who may write anything), a team's read-only member, a force's liaison and one of another force.
READERS = ("anonymous", "staff", "reader", "liaison", "outsider")


def _get(client: Any, name: str, kwargs: dict[str, str], query: str = "", fmt: str = "") -> Any:
    suffix = f".{fmt}" if fmt else ""
    return client.get(reverse(f"{name}{suffix}", kwargs=kwargs) + query)


@pytest.mark.parametrize(("name", "kwargs", "query", "document"), PAGES)
def test_each_twin_is_its_document_and_its_rows(cast, client_for, name, kwargs, query, document):
    client = client_for("anonymous")
    response = _get(client, name, kwargs, query, "json")
    assert response.status_code == 200, response.content[:300]
    parsed = document.model_validate(response.json())
    assert parsed.to_json() == response.json()
    rows = parsed.csv_rows()
    assert rows, "every page here has rows"
    csv = _get(client, name, kwargs, query, "csv")
    assert csv.status_code == 200
    assert csv.content.decode() == rows_to_csv(rows)


@pytest.mark.parametrize(("name", "kwargs", "query", "document"), PAGES)
def test_every_reader_reads_the_same_public_figures(cast, client_for, name, kwargs, query, document):
    seen = {}
    for role in READERS:
        client = client_for(role)
        html = _get(client, name, kwargs, query)
        assert html.status_code == 200, (role, html.status_code)
        assert "MPS-DRAFT" not in html.content.decode(), "no inspection's working copy shows"
        seen[role] = (
            _get(client, name, kwargs, query, "json").json(),
            _get(client, name, kwargs, query, "csv").content,
        )
    assert all(twins == seen["anonymous"] for twins in seen.values())


def _document(client: Any, query: str = "") -> IndicatorPage:
    response = _get(client, "national-indicator", {"indicator_id": INDICATOR}, query, "json")
    assert response.status_code == 200, response.content[:300]
    return IndicatorPage.model_validate(response.json())


def test_the_mets_rank_is_its_place_among_all_forces_and_the_page_shows_it(cast, client_for):
    client = client_for("anonymous")
    document = _document(client, "?force=metropolitan")
    assert document.comparison is not None
    # Greater Manchester has no figure; the City of London's rate per resident is shown, not ranked.
    valued = [f for f in document.comparison.forces if f.value is not None and f.force_id != "city-of-london"]
    # Independently: scipy's rankdata on the negated values, ties sharing the lowest rank ("min").
    ranks = rankdata(-np.array([f.value for f in valued]), method="min")
    expected = dict(zip([f.force_id for f in valued], ranks.astype(int).tolist(), strict=True))
    met = next(f for f in document.comparison.forces if f.force_id == "metropolitan")
    assert met.rank == expected["metropolitan"] == 1
    assert met.ranked == 41 == len(valued)
    html = _get(
        client, "national-indicator", {"indicator_id": INDICATOR}, "?force=metropolitan"
    ).content.decode()
    row = re.search(r'<tr class="[^"]*" id="force-metropolitan">(.*?)</tr>', html, re.S)
    assert row is not None
    assert re.search(
        rf">{met.rank}<span class=\"govuk-visually-hidden\"> of {met.ranked}</span>", row.group(1)
    )
    assert "This force" in row.group(1)
    assert "app-national-row--force" in html


def test_the_page_names_the_missing_force_the_census_fallback_and_the_published_check(cast, client_for):
    client = client_for("anonymous")
    document = _document(client)
    assert document.comparison is not None
    assert document.comparison.forces_missing == ("greater-manchester",)
    assert document.comparison.published_england_and_wales == PUBLISHED_ENGLAND_AND_WALES
    html = _get(client, "national-indicator", {"indicator_id": INDICATOR}).content.decode()
    missing = re.search(r'id="forces-missing">(.*?)</dd>', html, re.S)
    assert missing is not None and "Greater Manchester Police" in missing.group(1)
    assert "Census 2011, no estimate held" in html
    lines = {line.force: line for line in document.csv_rows()}
    assert lines["city-of-london"].census_fallback is True
    assert lines["kent"].census_fallback is False
    assert f"{PUBLISHED_ENGLAND_AND_WALES:.1f}" in html


def test_an_earlier_period_shows_the_superseded_figure_beside_the_current_one(cast, client_for):
    client = client_for("anonymous")
    document = _document(client, "?period=2018-03-31")
    assert document.comparison is not None and document.comparison.period_end.isoformat() == "2018-03-31"
    kent = next(line for line in document.csv_rows() if line.force == "kent")
    assert kent.edition == SECOND
    # Named by the earlier edition's title, as a reader knows it (the synthetic title carries its id).
    assert len(kent.revisions) == 1 and kent.revisions[0].startswith("SYNTHETIC police force area tables, ")
    assert kent.revisions[0].split(": ")[0].endswith(FIRST)
    html = _get(
        client, "national-indicator", {"indicator_id": INDICATOR}, "?period=2018-03-31"
    ).content.decode()
    assert "Superseded</strong> " + kent.revisions[0] in html


def test_the_chart_draws_every_force_and_picks_out_the_force_and_its_group(cast, client_for):
    save_peer_group_version(
        {"metropolitan": ["west-midlands", "west-yorkshire"]}, label="Groups A", source="a test"
    )
    client = client_for("anonymous")
    document = _document(client, "?force=metropolitan")
    assert document.group == ["west-midlands", "west-yorkshire"]
    highlighted = {line.force: line.highlighted for line in document.csv_rows() if line.highlighted}
    assert highlighted == {"metropolitan": "force", "west-midlands": "group", "west-yorkshire": "group"}
    html = _get(
        client, "national-indicator", {"indicator_id": INDICATOR}, "?force=metropolitan"
    ).content.decode()
    svg = re.search(r'<svg[^>]*role="img".*?</svg>', html, re.S)
    assert svg is not None
    assert "Metropolitan Police Service (this force)" in svg.group(0)
    assert "West Midlands Police (most similar group)" in svg.group(0)
    assert "England and Wales" in svg.group(0) and "Outlier line" in svg.group(0)


def test_a_force_without_an_entered_group_is_said_to_have_none(cast, client_for):
    client = client_for("anonymous")
    document = _document(client, "?force=kent")
    assert document.group == [] and document.group_note == "No most similar groups have been entered yet."
    save_peer_group_version({"metropolitan": ["west-midlands"]}, label="Groups A", source="a test")
    document = _document(client, "?force=kent")
    assert (
        document.group == []
        and document.group_note == "No most similar group is entered for Kent Police in Groups A."
    )


def test_a_forces_page_holds_every_indicator_and_period_with_its_group(cast, client_for):
    save_peer_group_version({"metropolitan": ["west-midlands", "kent"]}, label="Groups A", source="a test")
    client = client_for("anonymous")
    response = _get(client, "national-force", {"force_id": "metropolitan"}, "", "json")
    document = ForceNationalPage.model_validate(response.json())
    # The twins hold every period of every indicator, the headline one first.
    assert [(h.indicator.id, h.period_end.isoformat()) for h in document.history] == [
        (INDICATOR, "2018-03-31"),
        (INDICATOR, "2019-03-31"),
        (THEFT, "2019-03-31"),
        (SHOPLIFTING, "2019-03-31"),
    ]
    assert [line.indicator_group for line in document.csv_rows()] == ["headline"] * 2 + ["offences"] * 2
    latest = document.history[1]
    indicator = _document(client, "?force=metropolitan")
    assert indicator.comparison is not None
    assert latest.force.rank == next(
        f.rank for f in indicator.comparison.forces if f.force_id == "metropolitan"
    )
    assert latest.group is not None and latest.group.members == ("west-midlands", "kent")
    html = _get(client, "national-force", {"force_id": "metropolitan"}).content.decode()
    assert f"{latest.force.rank}&nbsp;of&nbsp;{latest.force.ranked}" in html
    assert html.count('role="img"') == 1, "a chart for the headline indicator, none for the offences"


def test_a_forces_page_shows_each_offences_latest_period_in_one_table_linking_to_its_page(cast, client_for):
    client = client_for("anonymous")
    document = ForceNationalPage.model_validate(
        _get(client, "national-force", {"force_id": "metropolitan"}, "", "json").json()
    )
    html = _get(client, "national-force", {"force_id": "metropolitan"}).content.decode()
    table = re.search(r'<table[^>]*id="offences">(.*?)</table>', html, re.S)
    assert table is not None
    rows = re.findall(r'<tr class="govuk-table__row" id="offence-([^"]+)">(.*?)</tr>', table.group(1), re.S)
    assert [indicator for indicator, _ in rows] == [THEFT, SHOPLIFTING]
    for (indicator, row), entry in zip(rows, document.history[2:], strict=True):
        link = reverse("national-indicator", kwargs={"indicator_id": indicator}) + "?force=metropolitan"
        assert f'href="{link}"' in row
        assert entry.force.value is not None and entry.force.rank is not None
        # Independently: the Met's share of its own count over its population, as the synthetic
        # figures make it (the count rounded as they round it).
        assert entry.force.value == pytest.approx(
            round(
                round(MET_RATE[SECOND] * met_population() / 1000) * OFFENCE_SHARES[entry.indicator.numerator]
            )
            / met_population()
            * 1000
        )
        assert f"{entry.force.rank}&nbsp;of&nbsp;{entry.force.ranked}" in row
        assert f"{entry.force.value:.1f}" in row
    shoplifting = rows[1][1]
    assert "govuk-!-padding-left-5" in shoplifting and "part of Theft offences" in shoplifting
    assert "Shoplifting</a>" in shoplifting, "the unit is said once, above the table"


def test_police_uk_months_are_flagged_never_counted_as_zero(cast, client_for):
    client = client_for("anonymous")
    document = PoliceUkPage.model_validate(_get(client, "national-police-uk", {}, "", "json").json())
    assert [(f.force, f.month, f.kind, f.rows) for f in document.flags] == [
        ("dyfed-powys", "2024-03", "too-little", 164),
        ("merseyside", "2019-07", "nothing", None),
    ]
    csv = _get(client, "national-police-uk", {}, "", "csv").content.decode().splitlines()
    assert csv[2].startswith("merseyside,Merseyside Police,2019-07,nothing,,")
    html = _get(client, "national-police-uk", {}).content.decode()
    assert "Published nothing" in html and "Far too little" in html


def test_the_index_lists_each_indicators_latest_period_and_the_editions(cast, client_for):
    client = client_for("anonymous")
    document = NationalIndexPage.model_validate(_get(client, "national", {}, "", "json").json())
    assert [
        (
            line.indicator,
            line.indicator_group,
            line.parent,
            line.period_end,
            line.periods,
            line.forces_missing,
        )
        for line in document.indicators
    ] == [
        (INDICATOR, "headline", None, "2019-03-31", 2, ["greater-manchester"]),
        (THEFT, "offences", None, "2019-03-31", 1, ["greater-manchester"]),
        (SHOPLIFTING, "offences", THEFT, "2019-03-31", 1, ["greater-manchester"]),
    ]
    assert [(e.id, e.superseded_by) for e in document.editions] == [(FIRST, SECOND), (SECOND, None)]
    html = _get(client, "national", {}).content.decode()
    assert reverse("national-police-uk") in html
    headline = re.search(r'<table[^>]*id="headline">(.*?)</table>', html, re.S)
    offences = re.search(r'<table[^>]*id="offences">(.*?)</table>', html, re.S)
    assert headline is not None and offences is not None
    assert reverse("national-indicator", kwargs={"indicator_id": INDICATOR}) in headline.group(1)
    assert THEFT not in headline.group(1)
    assert re.findall(r'id="indicator-([^"]+)"', offences.group(1)) == [THEFT, SHOPLIFTING]
    assert "part of Theft offences" in offences.group(1)
    assert "42 of 43" in headline.group(1) and "Greater Manchester Police" in headline.group(1)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (89.49046290982176, "89.5"),
        (1234.56, "1,234.6"),
        (0.0117, "0.012"),  # homicide per 1,000 people: 0.0 to one place for every force
        (0.00011, "0.00011"),
        (0.5, "0.50"),
        (0.0, "0.0"),
        (-0.25, "-0.25"),
        (None, ""),
    ],
)
def test_a_small_rate_is_printed_to_two_significant_figures(value, printed):
    assert figure(value) == printed


@pytest.mark.parametrize("fmt", ["", "json", "csv"])
def test_an_unknown_indicator_or_force_is_not_found(cast, client_for, fmt):
    client = client_for("anonymous")
    assert _get(client, "national-indicator", {"indicator_id": "no-such-thing"}, "", fmt).status_code == 404
    assert _get(client, "national-force", {"force_id": "no-such-force"}, "", fmt).status_code == 404


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("?period=2017-03-31", "held: year ending March 2018 (ending 2018-03-31); year ending March 2019"),
        ("?period=31/03/2019", "is not a date like 2019-03-31"),
        ("?force=no-such-force", "no force has the id 'no-such-force'"),
    ],
)
def test_a_period_not_held_or_an_unknown_force_is_refused_naming_what_is_held(cast, client_for, query, words):
    client = client_for("anonymous")
    response = _get(client, "national-indicator", {"indicator_id": INDICATOR}, query, "json")
    assert response.status_code == 400
    document = IndicatorPage.model_validate(response.json())
    assert document.comparison is None and document.problem is not None and words in document.problem
    html = _get(client, "national-indicator", {"indicator_id": INDICATOR}, query)
    assert html.status_code == 400 and "govuk-error-summary" in html.content.decode()


def test_the_force_and_inspection_pages_link_to_the_forces_national_figures(cast, client_for):
    target = reverse("national-force", kwargs={"force_id": "metropolitan"})
    assert (
        target
        in client_for("anonymous").get(reverse("force", kwargs={"force_id": "metropolitan"})).content.decode()
    )
    numbers = client_for("staff").get(reverse("inspection-numbers", kwargs={"code": cast.draft.code}))
    assert numbers.status_code == 200 and target in numbers.content.decode()


def test_a_force_shown_without_a_rank_is_left_out_of_the_chart_unless_picked_out(cast, client_for):
    client = client_for("anonymous")
    document = _document(client)
    assert document.comparison is not None
    city = next(f for f in document.comparison.forces if f.force_id == "city-of-london")
    assert city.rank is None and city.value is not None  # shown in the table, not ranked per resident

    def chart(query: str = "") -> str:
        html = _get(client, "national-indicator", {"indicator_id": INDICATOR}, query).content.decode()
        found = re.search(r"<figure class=\"app-chart app-national-chart\".*?</figure>", html, re.S)
        assert found is not None
        return found.group(0)

    assert "City of London Police" not in chart()
    assert "Kent Police" in chart()
    assert "City of London Police" in chart("?force=city-of-london")
