"""Force pages (populations, or 'Not known') and the most-similar-group table with its versions."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from inspectorate.web.registry.models import ForcePopulation, PeerGroupEntry, PeerGroupVersion
from support.dates import date_fields, typed_date

pytestmark = pytest.mark.django_db


def _text(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split()).replace(" )", ")").replace("( ", "(")


def population_cell(page: str) -> str:
    found = re.search(
        r'<dt class="govuk-summary-list__key">Population</dt>\s*<dd[^>]*>(.*?)</dd>', page, re.S
    )
    return _text(found.group(1))


def force_row(page: str, force: str) -> list[str]:
    """The texts of a force's row of the forces table, its name first."""
    row = re.search(
        rf'<tr class="govuk-table__row"><th[^>]*><a [^>]*href="/forces/{force}">.*?</tr>', page, re.S
    )
    return [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row.group(0), re.S)]


# Populations --------------------------------------------------------------------------------


def test_metropolitan_population_is_shown_with_its_year_and_source(cast, client_for, reading):
    client = client_for("anonymous")
    cell = population_cell(reading.html(client.get("/forces/metropolitan")))
    assert cell.startswith("8,166,566 (2011; ONS Census 2011")
    data = reading.json(client.get("/forces/metropolitan.json"))
    assert (data["population"], data["population_year"]) == (8166566, 2011)
    assert data["population_source"].startswith("ONS Census 2011 usual residents")
    assert data["populations"] == [
        {"year": 2011, "population": 8166566, "households": 3261788, "source": data["population_source"]}
    ]


def test_forces_list_shows_population_and_year(cast, client_for, reading):
    client = client_for("anonymous")
    page = reading.html(client.get("/forces"))
    assert force_row(page, "metropolitan")[-2:] == ["8,166,566", "2011"]
    forces = {f["id"]: f for f in reading.json(client.get("/forces.json"))["forces"]}
    assert (forces["metropolitan"]["population"], forces["metropolitan"]["population_year"]) == (
        8166566,
        2011,
    )
    rows = {r["id"]: r for r in reading.csv(client.get("/forces.csv"))}
    assert (rows["metropolitan"]["population"], rows["metropolitan"]["population_source"][:15]) == (
        "8166566",
        "ONS Census 2011",
    )


def test_a_force_without_population_figures_shows_unknown(cast, client_for, reading):
    deleted, _ = ForcePopulation.objects.filter(force_id="kent").delete()
    assert deleted == 1
    client = client_for("anonymous")
    assert population_cell(reading.html(client.get("/forces/kent"))).startswith("Not known")
    data = reading.json(client.get("/forces/kent.json"))
    assert (data["population"], data["population_year"], data["population_source"]) == (None, None, None)
    assert data["populations"] == []
    page = reading.html(client.get("/forces"))
    assert force_row(page, "kent")[-2:] == ["Not known", ""]
    assert {r["id"]: r for r in reading.csv(client.get("/forces.csv"))}["kent"]["population"] == ""


def test_the_latest_population_year_is_the_headline(cast, client_for, reading):
    ForcePopulation.objects.create(
        force_id="kent", year=2021, population=1900000, source="Census 2021 (test)"
    )
    client = client_for("anonymous")
    data = reading.json(client.get("/forces/kent.json"))
    assert (data["population"], data["population_year"]) == (1900000, 2021)
    assert [p["year"] for p in data["populations"]] == [2021, 2011]
    forces = {f["id"]: f for f in reading.json(client.get("/forces.json"))["forces"]}
    assert forces["kent"]["population_year"] == 2021


def test_force_page_lists_its_visible_inspections(cast, client_for, reading):
    data = reading.json(client_for("anonymous").get("/forces/kent.json"))
    assert [i["reference"] for i in data["inspections"]] == ["KENT-PUBLISHED"]
    assert [r["reference"] for r in reading.csv(client_for("anonymous").get("/forces/kent.csv"))] == [
        "KENT-PUBLISHED"
    ]


# Most similar groups ------------------------------------------------------------------------

NEW = reverse("peer-group-new")


def table(*rows: str) -> str:
    return "force,peers\n" + "\n".join(rows) + "\n"


def save_version(staff, label: str, *rows: str):
    response = staff.post(
        NEW,
        {
            "label": label,
            "source": f"Home Office list ({label})",
            **date_fields("source_date", "2023-04-01"),  # as the GOV.UK date input sends it
            "table": table(*rows),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    version = PeerGroupVersion.objects.get(label=label)
    assert response["Location"] == f"{reverse('peer-groups')}?version={version.id}"
    return version


def test_before_any_table_the_groups_are_unknown(cast, client_for, reading):
    client = client_for("anonymous")
    assert "No table has been filled in yet" in reading.html(client.get("/most-similar-groups"))
    data = reading.json(client.get("/most-similar-groups.json"))
    assert (data["version"], data["versions"]) == (None, [])
    assert all(g["peers"] == [] for g in data["groups"])
    force = reading.json(client.get("/forces/metropolitan.json"))
    assert force["most_similar_group"] == {"version": None, "source": None, "peers": []}
    page = reading.html(client.get("/forces/metropolitan"))
    assert "Not known yet: no most similar group table has been filled in" in page
    assert "An administrator fills one in" in page


def test_staff_saves_versions_and_earlier_ones_stay_selectable(cast, staff, client_for, reading):
    first = save_version(
        staff, "MSG 2023", "metropolitan,west-midlands;greater-manchester", "kent,essex;sussex"
    )
    second = save_version(staff, "MSG 2024", "metropolitan,west-yorkshire")
    assert PeerGroupVersion.objects.count() == 2
    assert first.groups() == {
        "kent": ["essex", "sussex"],
        "metropolitan": ["west-midlands", "greater-manchester"],
    }
    assert second.groups() == {"metropolitan": ["west-yorkshire"]}
    assert first.created_by == cast.users["staff"]

    client = client_for("anonymous")
    current = reading.json(client.get("/most-similar-groups.json"))
    assert current["version"]["label"] == "MSG 2024"
    assert [v["label"] for v in current["versions"]] == ["MSG 2024", "MSG 2023"]
    assert current["version"]["created_by"] == "staff"
    groups = {g["force"]: g["peers"] for g in current["groups"]}
    assert (groups["metropolitan"], groups["kent"]) == (["west-yorkshire"], [])

    older = reading.json(client.get(f"/most-similar-groups.json?version={first.id}"))
    assert older["version"]["label"] == "MSG 2023"
    assert older["version"]["source_date"] == "2023-04-01"
    groups = {g["force"]: g["peers"] for g in older["groups"]}
    assert groups["metropolitan"] == ["west-midlands", "greater-manchester"]
    rows = {
        r["force"]: r["peers"]
        for r in reading.csv(client.get(f"/most-similar-groups.csv?version={first.id}"))
    }
    assert rows["metropolitan"] == "west-midlands;greater-manchester"

    page = reading.html(client.get("/most-similar-groups"))
    assert "<strong>MSG 2024</strong>" in page
    assert f'href="?version={first.id}"' in page
    assert "<strong>MSG 2023</strong>" in reading.html(client.get(f"/most-similar-groups?version={first.id}"))

    force = reading.json(client.get("/forces/metropolitan.json"))["most_similar_group"]
    assert (force["version"], force["peers"]) == ("MSG 2024", ["west-yorkshire"])


def test_the_form_starts_from_the_current_table(cast, staff, reading):
    save_version(staff, "MSG 2023", "metropolitan,west-midlands;greater-manchester")
    page = reading.html(staff.get(NEW))
    assert "metropolitan,west-midlands;greater-manchester" in page
    assert "\nkent,\n" in page


@pytest.mark.parametrize(
    ("rows", "located"),
    [
        (("metropolitan,west-midlands", "metropolitian,kent"), "table:3: force: unknown force id"),
        (("metropolitan,west-midlands;atlantis",), "table:2: peers: unknown peer id"),
        (
            ("metropolitan,metropolitan",),
            "table:2: peers: &#x27;metropolitan&#x27; is listed as its own peer",
        ),
        (("kent,essex", "kent,sussex"), "table:3: force: force &#x27;kent&#x27; already has a row on line 2"),
    ],
)
def test_a_bad_table_shows_the_located_problem_and_saves_nothing(cast, staff, reading, rows, located):
    response = staff.post(NEW, {"label": "Bad", "source": "Typed in", "table": table(*rows)})
    assert response.status_code == 200
    assert located in reading.errors(response)
    assert PeerGroupVersion.objects.count() == 0
    assert PeerGroupEntry.objects.count() == 0


def test_a_table_with_the_wrong_header_is_refused(cast, staff, reading):
    response = staff.post(NEW, {"label": "Bad", "source": "Typed in", "table": "force;peers\nkent,essex\n"})
    assert "table:1: header: header must be exactly" in reading.errors(response)
    assert PeerGroupVersion.objects.count() == 0


def test_label_and_source_are_required(cast, staff, reading):
    response = staff.post(NEW, {"label": "", "source": "", "table": table("kent,essex")})
    assert response.status_code == 200
    errors = reading.errors(response)
    assert "Enter a name for this version" in errors and "Enter where these groups come from" in errors
    assert PeerGroupVersion.objects.count() == 0


@pytest.mark.parametrize(
    ("typed", "message", "faulty"),
    [
        (("31", "2", "2024"), "The date of the source must be a real date", {"", "_month", "_year"}),
        (("1", "two", "2024"), "The date of the source must be a real date", {"", "_month", "_year"}),
        (("", "4", "2024"), "The date of the source must include a day", {""}),
        (("1", "4", ""), "The date of the source must include a year", {"_year"}),
    ],
)
def test_a_source_date_typed_wrong_is_refused_at_its_boxes(cast, staff, reading, typed, message, faulty):
    response = staff.post(
        NEW,
        {
            "label": "MSG 2024",
            "source": "Typed in",
            **typed_date("source_date", *typed),
            "table": table("kent,essex"),
        },
    )
    assert response.status_code == 200
    page = reading.html(response)
    assert page.startswith("<!doctype html>") and "<title>Error: " in page
    # The summary links to the first box, which carries the field's id; only the boxes at fault are marked.
    assert f'<a href="#id_source_date">{message}</a>' in page
    assert page.count(message) == 2, "in the error summary and at the field"
    marked = {
        suffix
        for suffix in ("", "_month", "_year")
        if re.search(rf'class="[^"]*govuk-input--error[^"]*"[^>]*id="id_source_date{suffix}"', page)
    }
    assert marked == faulty
    assert PeerGroupVersion.objects.count() == 0


def test_a_blank_source_date_is_no_date(cast, staff):
    response = staff.post(
        NEW,
        {"label": "MSG 2024", "source": "Typed in", **typed_date("source_date", "", "", ""),
         "table": table("kent,essex")},
    )  # fmt: skip
    assert response.status_code == 302
    assert PeerGroupVersion.objects.get(label="MSG 2024").source_date is None
