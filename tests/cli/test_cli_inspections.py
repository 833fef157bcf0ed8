"""`inspectorate inspections` on the demo workspace: the Metropolitan Police Service's inspections.

The grades below are facts from the published reports (HMIC / HMICFRS) that the demo records;
`test_cli_seed_truth.py` checks the same inspections against the independent reference files.
Run in the test process, on the demo in the test database (see conftest.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.frameworks import library
from support.demo_references import DRAFT, EXERCISES, PUBLISHED

pytestmark = pytest.mark.django_db

# The demo's exercise at each other stage (demo/exercises.py; their stages: test_cli_demo_stages.py).

FRAMEWORKS = {
    "MPS-BA-2006": "ba-2006",
    "MPS-CORE-2014": "core-business-2014",
    "MPS-CRIME-2014": "crime-inspection-2014",
    "MPS-PEEL-2015": "peel-2015-effectiveness",
    "MPS-PEEL-2018": "peel-2018",
    "MPS-PEEL-2021": "peel-2021",
}

PEEL_2021_GRADES = {
    "crime-recording": "Adequate",
    "fairness-and-respect": "Adequate",
    "prevention": "Good",
    "responding": "Inadequate",
    "investigating": "Requires improvement",
    "protecting-vulnerable": "Requires improvement",
    "managing-offenders": "Requires improvement",
    "serious-organised-crime": "Adequate",
    "workforce": "Requires improvement",
    "strategic-planning": "Requires improvement",
}
PEEL_2015_GRADES = {
    "overall": "Requires improvement",
    "q1": "Good",
    "q2": "Requires improvement",
    "q3": "Requires improvement",
    "q4": "Good",
}
PEEL_2018_GRADES = {"efficiency": "Good", "efficiency.q1": "Good", "efficiency.q2": "Good"}
# Service delivery grade and direction of travel for each of the 23 baseline frameworks.
BA_2006_GRADES = {
    "1a": ("Fair", "Improved"),
    "1b": ("Good", "Improved"),
    "1c": ("Fair", "Improved"),
    "1d": ("Good", "Not graded"),
    "2a": ("Fair", "Improved"),
    "3a": ("Excellent", "Stable"),
    "3b": ("Excellent", "Improved"),
    "3c": ("Fair", "Improved"),
    "3d": ("Good", "Improved"),
    "3e": ("Fair", "Improved"),
    "4a": ("Good", "Improved"),
    "4b": ("Fair", "Improved"),
    "5a": ("Fair", "Improved"),
    "5b": ("Good", "Improved"),
    "5c": ("Excellent", "Stable"),
    "6a": ("Good", "Improved"),
    "6b": ("Good", "Improved"),
    "6c": ("Good", "Improved"),
    "6d": ("Fair", "Stable"),
    "6e": ("Good", "Stable"),
    "6f": ("Good", "Improved"),
    "7a": ("Good", "Not graded"),
    "7b": ("Good", "Improved"),
}


@pytest.fixture(scope="module")
def listed(cli, demo_workspace: Path) -> list[dict[str, Any]]:
    result = cli("inspections", "list", "--force", "metropolitan", "--json", "--workspace", demo_workspace)
    assert result.returncode == 0, result
    return result.json()


@pytest.fixture(scope="module")
def documents(demo_documents) -> dict[str, dict[str, Any]]:
    return demo_documents


@pytest.fixture(scope="module")
def lookups(cli, demo_workspace: Path, listed) -> dict[str, Any]:
    """Other commands on the demo workspace that only read, run once for the module."""
    code = next(row["code"] for row in listed if row["reference"] == "MPS-PEEL-2021")
    commands = {
        "by reference": ("inspections", "show", "MPS-PEEL-2021", "--json"),
        "by code": ("inspections", "show", code, "--json"),
        "lower case": ("inspections", "show", "mps-peel-2021", "--json"),
        "as text": ("inspections", "show", "MPS-PEEL-2021"),
        "list all": ("inspections", "list"),
        "list kent": ("inspections", "list", "--force", "kent", "--json"),
        "list nowhere": ("inspections", "list", "--force", "nowhere"),
        "show NOPE": ("inspections", "show", "NOPE"),
        "show unknown code": ("inspections", "show", "00000000-0000-0000-0000-000000000000"),
    }
    results = cli.batch([(*args, "--workspace", demo_workspace) for args in commands.values()])
    return {"code": code, **dict(zip(commands, results, strict=True))}


def grades(document: dict[str, Any]) -> dict[str, str]:
    return {row["area"]: row["grade_label"] for row in document["judgments"] if row["grade"]}


def test_list_shows_the_five_published_inspections_the_draft_and_the_exercises(listed) -> None:
    by_reference = {row["reference"]: row for row in listed}
    assert sorted(by_reference) == sorted([*PUBLISHED, DRAFT, *EXERCISES])
    for reference in PUBLISHED:
        row = by_reference[reference]
        assert row["status"] == "published"
        assert row["force"] == "metropolitan"
        assert row["force_name"] == "Metropolitan Police Service"
        assert row["framework"] == FRAMEWORKS[reference]
        assert row["origin"] == "fixture"
    assert by_reference[DRAFT]["status"] == "fieldwork"
    assert by_reference[DRAFT]["framework"] == "peel-2021"
    assert by_reference[DRAFT]["origin"] == "run-here"


def test_list_without_a_force_shows_the_same_inspections_as_a_table(lookups) -> None:
    result = lookups["list all"]
    assert result.returncode == 0, result
    for reference in [*PUBLISHED, DRAFT]:
        assert reference in result.stdout


def test_list_of_a_force_without_inspections_is_empty(lookups) -> None:
    result = lookups["list kent"]
    assert result.returncode == 0, result
    assert result.json() == []


def test_show_by_reference_and_by_code_give_the_same_document(lookups) -> None:
    by_reference, by_code, lower_case = (lookups[k] for k in ("by reference", "by code", "lower case"))
    for result in (by_reference, by_code, lower_case):
        assert result.returncode == 0, result
    assert by_code.json() == by_reference.json() == lower_case.json()
    assert by_code.json()["code"] == lookups["code"]
    assert by_code.json()["reference"] == "MPS-PEEL-2021"


def test_peel_2021_has_the_published_grade_for_every_graded_area(documents) -> None:
    document = documents["MPS-PEEL-2021"]
    assert document["framework"] == "peel-2021"
    assert grades(document) == PEEL_2021_GRADES
    graded = {area.id for area in library()["peel-2021"].graded_areas()}
    assert set(PEEL_2021_GRADES) == graded
    ungraded = {row["area"]: row["grade"] for row in document["judgments"] if not row["graded"]}
    assert ungraded == {"victim-service-assessment": None, "vetting-counter-corruption": None}


def test_peel_2015_has_the_overall_grade_and_the_four_question_grades(documents) -> None:
    assert grades(documents["MPS-PEEL-2015"]) == PEEL_2015_GRADES


def test_peel_2018_has_the_efficiency_pillar_and_question_grades(documents) -> None:
    assert grades(documents["MPS-PEEL-2018"]) == PEEL_2018_GRADES


def test_baseline_2006_has_23_grades_each_with_a_direction_of_travel(documents) -> None:
    judgments = documents["MPS-BA-2006"]["judgments"]
    recorded = {
        row["area"]: (row["grade_label"], row["direction_label"]) for row in judgments if row["grade"]
    }
    assert recorded == BA_2006_GRADES
    assert len(recorded) == 23
    codes = {row["area"]: row["code"] for row in judgments}
    assert codes["1a"] == "1A"
    assert codes["7b"] == "7B"


def test_core_business_2014_has_summaries_but_no_grades(documents) -> None:
    judgments = documents["MPS-CORE-2014"]["judgments"]
    assert [row["area"] for row in judgments] == [
        "preventing-crime",
        "crime-recording-and-attendance",
        "freeing-up-time",
    ]
    assert all(row["grade"] is None and row["direction"] is None for row in judgments)
    assert all(row["summary"] for row in judgments)


@pytest.mark.parametrize("reference", PUBLISHED)
def test_no_published_inspection_breaches_its_grading_rules(documents, reference: str) -> None:
    document = documents[reference]
    assert document["breaches"] == []
    assert document["status"] == "published"
    assert document["findings"], "every published inspection records findings"
    assert document["framework_hash"] == library()[FRAMEWORKS[reference]].content_hash


def test_findings_on_weak_grades_are_areas_for_improvement_or_causes_of_concern(documents) -> None:
    document = documents["MPS-PEEL-2021"]
    responding = [f for f in document["findings"] if "responding" in f["areas"]]
    assert {f["kind"] for f in responding} & {"area-for-improvement", "cause-of-concern"}


def test_show_as_text_lists_grades_and_counts(lookups) -> None:
    result = lookups["as text"]
    assert result.returncode == 0, result
    assert "MPS-PEEL-2021" in result.stdout
    assert "Responding to the public" in result.stdout
    assert "Inadequate" in result.stdout
    assert "breach" not in result.stdout


def test_the_draft_has_no_grades_yet(documents) -> None:
    draft = documents[DRAFT]
    assert draft["status"] == "fieldwork"
    assert draft["judgments"] == []
    assert draft["findings"] == []
    assert draft["breaches"] == []


def test_list_of_an_unknown_force_is_one_line(lookups, one_error_line) -> None:
    result = lookups["list nowhere"]
    one_error_line(result, "no force 'nowhere'", "inspectorate forces list")
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("case", "identifier"),
    [("show NOPE", "NOPE"), ("show unknown code", "00000000-0000-0000-0000-000000000000")],
)
def test_show_of_an_unknown_inspection_is_one_line(
    lookups, one_error_line, case: str, identifier: str
) -> None:
    result = lookups[case]
    one_error_line(result, f"no inspection {identifier!r}", "inspectorate inspections list")
    assert result.stdout == ""
