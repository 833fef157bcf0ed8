"""The pages of one published inspection, each imported as its own record, are shown as one
inspection: in a force's history and in the national table, its grades the union of its pages',
each naming the page it was read from, and two pages that grade one area differently both shown,
marked, neither picked. Only imported records of one force, framework and year gather (a page of a
one-year programme that prints no year is of that year); a draft never joins them, and is seen by
its team alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from inspectorate.core.ingest.model import ImportedJudgment, ImportedReport, Location
from inspectorate.web.inspections.importing import store_report
from inspectorate.web.inspections.models import Inspection, Status, TeamMember, TeamRole
from inspectorate.web.inspections.recording import record_judgment

pytestmark = pytest.mark.django_db

AT = Location(2, 0, 20, "a line of the page")
GROUP = "PEEL 2016 (from 4 published pages)"


def _page(tmp_path: Path, name: str, year: str | None, date: str, grades: dict[str, str]) -> Inspection:
    """One published page of Dorset's PEEL 2016, written for the test, imported as it would be."""
    report = ImportedReport(
        source=f"dorset-peel-2016-{name}.txt",
        programme="peel-2016",
        programme_title="PEEL 2016",
        framework_version=None,
        force_id="dorset",
        force_name="Dorset Police",
        date=date,
        judgments=tuple(ImportedJudgment("pillar", area, grade, area, AT) for area, grade in grades.items()),
        year=year,
    )
    path = tmp_path / report.source
    path.write_text(f"Dorset Police, PEEL 2016, the {name}.\n")
    return store_report(report, path).inspection


def _draft(reference: str, force: str, cast: Any) -> Inspection:
    draft = Inspection.objects.create(
        reference=reference,
        title=f"Inspection {reference}",
        force_id=force,
        framework_id="peel-2016",
        status=Status.FIELDWORK,
        period_label="2016",
    )
    TeamMember.objects.create(inspection=draft, user=cast.users["writer"], role=TeamRole.LEAD)
    TeamMember.objects.create(inspection=draft, user=cast.users["reader"], role=TeamRole.REVIEWER)
    record_judgment(draft, "effectiveness", grade="outstanding")
    return draft


@pytest.fixture
def dorset(cast: Any, tmp_path: Path) -> dict[str, str]:
    """Three pages of one inspection (the overview, the efficiency page published first, and a press
    release that gives effectiveness another grade), a page that prints no year (PEEL 2016 ran in one
    year, so it is a page of the same inspection, one that grades efficiency otherwise), and a draft."""
    pages = {
        "overview": _page(
            tmp_path,
            "overview",
            "2016",
            "2 March 2017",
            {"effectiveness": "Good", "efficiency": "Good", "legitimacy": "Good"},
        ),
        "efficiency": _page(
            tmp_path, "efficiency", "2016", "3 November 2016", {"efficiency": "Good", "efficiency.q1": "Good"}
        ),
        "press": _page(tmp_path, "press", "2016", "2 March 2017", {"effectiveness": "Requires improvement"}),
        "no-year": _page(tmp_path, "no-year", None, "1 June 2016", {"efficiency": "Inadequate"}),
        "draft": _draft("DORSET-DRAFT", "dorset", cast),
    }
    return {key: inspection.reference for key, inspection in pages.items()}


def _history(client: Any, reading: Any, force: str = "dorset", fmt: str = ".json") -> Any:
    response = client.get(reverse(f"force-history{fmt}", kwargs={"force_id": force}))
    return {".json": reading.json, ".csv": reading.csv, "": reading.html}[fmt](response)


def _cell(history: dict[str, Any], theme: str, reference: str) -> list[tuple[str, str, list[str], bool]]:
    row = next(row for row in history["rows"] if row["theme"] == theme)
    cell = next(cell for cell in row["cells"] if cell["inspection"] == reference)
    return [(a["area"], a["grade_label"], a["pages"], a["differs"]) for a in cell["areas"]]


def test_the_year_each_page_prints_names_it(dorset: dict[str, str]) -> None:
    # One inspection's pages share the year; the page printing none takes its one-year programme's.
    assert [dorset[key] for key in ("overview", "efficiency", "press", "no-year")] == [
        "DORSET-PEEL-2016",
        "DORSET-PEEL-2016-2",
        "DORSET-PEEL-2016-3",
        "DORSET-PEEL-2016-4",
    ]
    assert Inspection.objects.get(reference=dorset["no-year"]).period_label == "2016"


@pytest.mark.parametrize("role", ["anonymous", "outsider", "writer", "reader"])
def test_the_pages_of_one_inspection_are_one_column_with_every_grade_and_its_page(
    client_for: Any, dorset: dict[str, str], reading: Any, role: str
) -> None:
    history = _history(client_for(role), reading)
    team = role in ("writer", "reader")
    published = [(p["heading"], p["pages"]) for p in history["published"]]
    group = [dorset["no-year"], dorset["efficiency"], dorset["overview"], dorset["press"]]
    expected = [(GROUP, group)]
    # The draft has the same framework and year but is not a published page: its own column, its team's.
    assert [column for column in published if column[0] != "DORSET-DRAFT"] == expected
    assert (("DORSET-DRAFT", ["DORSET-DRAFT"]) in published) is team
    reference = dorset["no-year"]  # the earliest page names the inspection
    (column,) = [p for p in history["published"] if p["reference"] == reference]
    assert (column["name"], column["period"]) == ("PEEL 2016", "2016")
    assert column["differs"] == ["efficiency", "effectiveness"]
    # Every record is still listed, each saying which published inspection it is a page of.
    pages = {i["reference"]: i["published_as"] for i in history["inspections"]}
    assert {pages[dorset[key]] for key in ("overview", "efficiency", "press", "no-year")} == {reference}
    assert ("DORSET-DRAFT" in pages) is team
    # The pages disagree on effectiveness: both grades, each with its page, marked.
    assert _cell(history, "overall", reference) == [
        ("effectiveness", "Good", [dorset["overview"]], True),
        ("effectiveness", "Requires improvement", [dorset["press"]], True),
    ]
    # Two pages state the same efficiency grade: one grade, read from both; the page printing no
    # year states another, shown beside it.
    assert _cell(history, "resources", reference) == [
        ("efficiency", "Inadequate", [dorset["no-year"]], True),
        ("efficiency", "Good", [dorset["efficiency"], dorset["overview"]], True),
        ("efficiency.q1", "Good", [dorset["efficiency"]], False),
    ]


def test_the_csv_twin_names_each_grades_pages_and_the_page_links_to_them(
    client_for: Any, dorset: dict[str, str], reading: Any
) -> None:
    client = client_for("anonymous")
    rows = _history(client, reading, fmt=".csv")
    overall = [
        (r["inspection"], r["heading"], r["grade_label"], r["pages"], r["differs"])
        for r in rows
        if r["area"] == "effectiveness"
    ]
    assert overall == [
        (dorset["no-year"], GROUP, "Good", dorset["overview"], "true"),
        (dorset["no-year"], GROUP, "Requires improvement", dorset["press"], "true"),
    ]
    group = [r for r in rows if r["inspection"] == dorset["no-year"]]
    efficiency = next(r for r in group if r["area"] == "efficiency" and r["grade_label"] == "Good")
    assert efficiency["pages"] == f"{dorset['efficiency']};{dorset['overview']}"
    page = _history(client, reading, fmt="")
    assert GROUP in page and "Pages differ" in page and "DORSET-DRAFT" not in page
    for key in ("overview", "efficiency", "press"):
        code = Inspection.objects.get(reference=dorset[key]).code
        assert reverse("inspection", kwargs={"code": code}) in page


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_a_user_who_may_see_nothing_of_a_force_sees_no_inspection(
    cast: Any, client_for: Any, reading: Any, role: str
) -> None:
    _draft("DEVON-DRAFT", "devon-and-cornwall", cast)
    history = _history(client_for(role), reading, force="devon-and-cornwall")
    assert (history["inspections"], history["published"], history["rows"]) == ([], [], [])
    assert _history(client_for(role), reading, force="devon-and-cornwall", fmt=".csv") == []
    page = _history(client_for(role), reading, force="devon-and-cornwall", fmt="")
    assert "DEVON-DRAFT" not in page and "No inspection of" in page
    team = _history(client_for("writer"), reading, force="devon-and-cornwall")
    assert [p["heading"] for p in team["published"]] == ["DEVON-DRAFT"]


@pytest.mark.parametrize("role", ["anonymous", "writer"])
def test_the_national_table_shows_the_latest_inspection_with_all_its_pages_grades(
    client_for: Any, dorset: dict[str, str], reading: Any, role: str
) -> None:
    document = reading.json(client_for(role).get(reverse("grades-across-programmes.json")))
    (force,) = [f for f in document["forces"] if f["force"] == "dorset"]
    assert force["inspections"]["peel-2016"] == GROUP
    grades = [(g["area"], g["label"], g["pages"], g["differs"]) for g in force["programmes"]["peel-2016"]]
    # Every page's grades, the differing ones marked; the draft's grade never shows.
    assert grades == [
        ("effectiveness", "Good", [dorset["overview"]], True),
        ("effectiveness", "Requires improvement", [dorset["press"]], True),
        ("efficiency", "Inadequate", [dorset["no-year"]], True),
        ("efficiency", "Good", [dorset["efficiency"], dorset["overview"]], True),
        ("legitimacy", "Good", [dorset["overview"]], False),
    ]
    rows = reading.csv(client_for(role).get(reverse("grades-across-programmes.csv")))
    mine = [(r["area"], r["published_as"], r["differs"]) for r in rows if r["force"] == "dorset"]
    assert mine == [
        ("effectiveness", GROUP, "true"),
        ("effectiveness", GROUP, "true"),
        ("efficiency", GROUP, "true"),
        ("efficiency", GROUP, "true"),
        ("legitimacy", GROUP, "false"),
    ]
    page = reading.html(client_for(role).get(reverse("grades-across-programmes")))
    assert GROUP in page and "Pages differ" in page and "app-grade--outstanding" not in page
