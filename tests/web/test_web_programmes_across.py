"""Histories and national grades across every programme: a force's imported reports in the order
they were published, each grade on its own programme's scale, the inspectorate's comparability
warnings shown with their programme, and only what is published for the public."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from inspectorate.core.frameworks.library import library
from inspectorate.core.ingest.model import ImportedJudgment, ImportedReport, Location
from inspectorate.web.inspections.importing import store_report
from inspectorate.web.inspections.recording import record_judgment

pytestmark = pytest.mark.django_db

AT = Location(3, 10, 40, "a line of the report")


def _report(
    programme: str, date: str, judgments: tuple[ImportedJudgment, ...], year: str | None = None
) -> ImportedReport:
    return ImportedReport(
        source=f"essex-{programme}-{date}.txt",
        programme=programme,
        programme_title=library()[programme].title,
        framework_version=None,
        force_id="essex",
        force_name="Essex Police",
        date=date,
        judgments=judgments,
        year=year,
    )


def _store(tmp_path: Path, report: ImportedReport) -> str:
    path = tmp_path / report.source
    path.write_text(f"the text of {report.source}")
    return store_report(report, path).inspection.reference


@pytest.fixture
def essex(cast: Any, tmp_path: Path) -> dict[str, str]:
    """Three reports of Essex, stored out of their order of publication; and a core business letter,
    which grades nothing."""
    stored = {
        "peel": _store(
            tmp_path,
            _report(
                "peel-2021",
                "12 May 2022",
                (ImportedJudgment("area", "Responding to the public", "Adequate", "responding", AT),),
            ),
        ),
        "cdi-2018": _store(
            tmp_path,
            _report(
                "cdi-2016",
                "20 March 2018",
                (
                    ImportedJudgment(
                        "framework", "Crime recording", "Requires improvement", "crime-recording", AT
                    ),
                ),
                "2018",
            ),
        ),
        "cdi-2016": _store(
            tmp_path,
            _report(
                "cdi-2016",
                "2 June 2016",
                (ImportedJudgment("framework", "Crime recording", "Inadequate", "crime-recording", AT),),
                "2016",
            ),
        ),
        "letter": _store(tmp_path, _report("core-business-2014", "3 September 2014", ())),
    }
    return stored


def test_a_forces_history_lists_every_programme_in_order_of_publication(
    client_for: Any, essex: dict[str, str], reading: Any
) -> None:
    url = reverse("force-history.json", kwargs={"force_id": "essex"})
    for role in ("anonymous", "staff", "outsider"):
        document = reading.json(client_for(role).get(url))
        references = [i["reference"] for i in document["inspections"]]
        assert references == [essex["letter"], essex["cdi-2016"], essex["cdi-2018"], essex["peel"]], role
        assert [i["when"] for i in document["inspections"]][1:3] == ["2016-06-02", "2018-03-20"]
    programmes = {p["framework"]: p for p in document["programmes"]}
    assert list(programmes) == ["core-business-2014", "cdi-2016", "peel-2021"]
    # Each on its own scale: 2016-2019's four grades, 2021/22's five, never one converted into another.
    assert "Requires improvement" in programmes["cdi-2016"]["scales"][0]
    assert len(programmes["peel-2021"]["scales"][0]) != len(programmes["cdi-2016"]["scales"][0])
    rows = reading.csv(client_for("anonymous").get(url.replace(".json", ".csv")))
    labels = {(row["inspection"], row["grade_label"]) for row in rows}
    assert {(essex["cdi-2016"], "Inadequate"), (essex["cdi-2018"], "Requires improvement")} <= labels
    assert (essex["peel"], "Adequate") in labels


def test_the_history_page_shows_each_programmes_scale_and_warnings(
    client_for: Any, essex: dict[str, str], reading: Any
) -> None:
    page = reading.html(client_for("anonymous").get(reverse("force-history", kwargs={"force_id": "essex"})))
    assert 'id="programme-scales"' in page
    notes = getattr(library()["peel-2021"], "comparability", ())
    if not notes:
        pytest.skip("the library gives PEEL 2021/22 no comparability note yet")
    for note in notes:
        assert escape(note.text) in page


def test_grades_across_programmes_keep_each_scale_and_only_what_is_published(
    cast: Any, client_for: Any, essex: dict[str, str], reading: Any
) -> None:
    # A draft's grade is the team's: never in the public table.
    record_judgment(cast.draft, "responding", grade="good")
    url = reverse("grades-across-programmes.json")
    for role in ("anonymous", "staff", "reader"):
        document = reading.json(client_for(role).get(url))
        assert [p["framework"] for p in document["programmes"]] == ["cdi-2016", "peel-2021"], role
        assert [f["force"] for f in document["forces"]] == ["essex"], role
    (force,) = document["forces"]
    # The latest crime data integrity inspection of the force, told from the earlier one by its year.
    cdi = [(g["label"], g["inspection"]) for g in force["programmes"]["cdi-2016"]]
    assert cdi == [("Requires improvement", essex["cdi-2018"])]
    assert (essex["cdi-2016"], essex["cdi-2018"]) == ("ESSEX-CDI-2016", "ESSEX-CDI-2018")
    assert force["inspections"]["cdi-2016"] == "Crime data integrity 2018"
    assert [g["label"] for g in force["programmes"]["peel-2021"]] == ["Adequate"]
    columns = {p["framework"]: p for p in document["programmes"]}
    assert "Requires improvement" in columns["cdi-2016"]["scale"]
    expected = [
        {"text": n.text, "source": n.source} for n in getattr(library()["peel-2021"], "comparability", ())
    ]
    assert columns["peel-2021"]["comparability"] == expected
    rows = reading.csv(client_for("anonymous").get(reverse("grades-across-programmes.csv")))
    assert [(r["framework"], r["grade_label"]) for r in rows] == [
        ("cdi-2016", "Requires improvement"),
        ("peel-2021", "Adequate"),
    ]
    page = reading.html(client_for("anonymous").get(reverse("grades-across-programmes")))
    assert 'id="across"' in page and "Essex Police" in page and "Requires improvement" in page
    assert "MPS-DRAFT" not in page


def test_the_grades_table_offers_every_programme_with_published_grades(
    client_for: Any, essex: dict[str, str], reading: Any
) -> None:
    client = client_for("anonymous")
    page = reading.html(client.get(reverse("grades") + "?framework=cdi-2016"))
    assert 'value="cdi-2016" selected' in page and 'value="peel-2021"' in page
    # The 2014 letter grades nothing: it is a published report, but no programme of grades.
    assert 'value="core-business-2014"' not in page
    assert 'value="core-business-2014"' in reading.html(client.get(reverse("published-reports")))
    document = reading.json(client.get(reverse("grades.json") + "?framework=cdi-2016"))
    assert [(r["inspection"], r["grades"]["crime-recording"]["label"]) for r in document["rows"]] == [
        (essex["cdi-2016"], "Inadequate"),
        (essex["cdi-2018"], "Requires improvement"),
    ]
    assert document["comparability"] == []
    peel = reading.json(client.get(reverse("grades.json") + "?framework=peel-2021"))
    notes = getattr(library()["peel-2021"], "comparability", ())
    assert [n["text"] for n in peel["comparability"]] == [n.text for n in notes]


def test_a_report_of_a_new_programme_stores_once_its_framework_is_in_the_library(
    cast: Any, tmp_path: Path
) -> None:
    newer = [fid for fid in ("peel-2016", "peel-2017", "peel-2023") if fid in library()]
    if not newer:
        pytest.skip("none of the newer PEEL frameworks is in the library yet")
    spec = library()[newer[0]]
    area = next(a for a in spec.graded_areas())
    label = spec.scale(area.scale or "").levels[0].label
    reference = _store(
        tmp_path,
        _report(newer[0], "1 March 2017", (ImportedJudgment("area", area.title, label, area.id, AT),)),
    )
    assert reference.startswith("ESSEX-PEEL-")
