"""The five-tier PEEL rounds' press releases and commissioners' pages, written here in their
shapes with other forces: the round is recognised from its name, a grade is read only where the
words name its area, and a count of grades is never taken for grades."""

from __future__ import annotations

from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.read import import_document


def read(*lines: str):  # type: ignore[no-untyped-def]
    return import_document(document_from_text("\n".join(lines) + "\n", "t.txt"))


def grades(report) -> dict[str | None, str | None]:  # type: ignore[no-untyped-def]
    return {j.area_id: j.grade for j in report.judgments}


def test_a_2021_22_release_names_one_area_after_a_count() -> None:
    report = read(
        "PEEL 2021/22 \u2013 An inspection of Dorset Police",
        "HMICFRS graded Dorset Police's performance across nine areas and found the force was 'good' "
        "in seven areas, 'adequate' in one area and 'inadequate' in one area \u2013 managing offenders.",
        "HMICFRS said the force was outstanding at disrupting serious organised crime.",
    )
    assert (report.programme, report.year) == ("peel-2021", "2021/22")
    assert {k: v for k, v in grades(report).items() if v} == {
        "managing-offenders": "Inadequate",
        "serious-organised-crime": "Outstanding",
    }


def test_a_list_of_inadequate_areas_grades_each() -> None:
    report = read(
        "PEEL 2021/22 \u2013 An inspection of Dorset Police",
        "HMICFRS said the inadequate areas included responding to the public and investigating crime.",
    )
    assert {k: v for k, v in grades(report).items() if v} == {
        "responding": "Inadequate",
        "investigating": "Inadequate",
    }


def test_a_2023_25_list_of_grades_and_the_ungraded_victim_service() -> None:
    report = read(
        "PEEL 2023-25: our judgments of Dorset Police",
        "The PEEL Assessment Framework 2023-25 was used.",
        "- Investigating crime: Requires improvement",
        "- Building, supporting and protecting the workforce: Outstanding",
        "- Disrupting serious organised crime: Good",
        "We also inspected how effective a service Dorset Police gives to victims of crime. "
        "We don\u2019t make a graded judgment for this area.",
    )
    assert (report.programme, report.year) == ("peel-2023", "2023-25")
    assert grades(report) == {
        "investigating-crime": "Requires improvement",
        "building-supporting-and-protecting-the-workforce": "Outstanding",
        "victim-service-assessment": None,
    }


def test_a_commissioners_list_repeats_the_grades_but_is_not_a_report() -> None:
    report = read(
        "Commissioner responds to the PEEL assessment of Dorset Police for 2023-25",
        "The Police and Crime Commissioner said she welcomed the findings.",
        "- Investigating crime: Requires improvement",
        "- Building, supporting and protecting the workforce: Outstanding",
    )
    assert (report.programme, report.year, grades(report)) == (None, None, {})
    assert any("not the inspectorate's own report" in line for line in report.missing)


def test_a_release_names_graded_areas_in_how_clauses() -> None:
    report = read(
        "PEEL 2021/22 \u2013 An inspection of Dorset Police",
        "HMICFRS said the \u2018good\u2019 areas included how the force disrupts organised crime and how it "
        "achieves value for money.",
    )
    assert grades(report) == {"serious-organised-crime": "Good", "strategic-planning": "Good"}
    report = read(
        "PEEL 2023\u20132025: An inspection of Dorset Police",
        "HMICFRS said the force is inadequate in how it uses its police powers and engages with the public.",
    )
    assert grades(report) == {"police-powers-and-public-treatment": "Inadequate"}


def test_a_count_or_praise_is_not_a_grade() -> None:
    report = read(
        "PEEL 2023\u20132025: An inspection of Dorset Police",
        "It found the force was good in two areas, adequate in five areas and inadequate in one area.",
        "HMICFRS said the force has a good approach to preventing crime.",
        "Dorset Police was awarded no outstanding grades.",
    )
    assert report.programme == "peel-2023" and grades(report) == {}


def test_the_2025_27_framework_page_is_that_round_and_grades_nothing() -> None:
    report = read(
        "PEEL assessment framework (PAF) 2025\u20132027",
        "Published on: 11 April 2025",
        "1. How good is the force at leadership and force management?",
        "Good \u2013 The force has demonstrated substantially all the characteristics of good performance",
    )
    assert (report.programme, report.year, report.date) == ("peel-2025", "2025-27", "11 April 2025")
    assert grades(report) == {}


def test_2021_22_sentences_name_the_areas_after_their_label() -> None:
    report = read(
        "PEEL 2021/22 \u2013 An inspection of Derbyshire Constabulary",
        "The force was found to be inadequate at managing offenders and investigating crime.",
        "Derbyshire Constabulary was rated good in two areas: preventing crime and tackling serious and "
        "organised crime.",
        "It requires improvement in responding to the public and in how it protects vulnerable people.",
        "The constabulary was graded adequate for recording crime.",
    )
    assert {k: v for k, v in grades(report).items() if v} == {
        "managing-offenders": "Inadequate",
        "investigating": "Inadequate",
        "prevention": "Good",
        "serious-organised-crime": "Good",
        "responding": "Requires improvement",
        "protecting-vulnerable": "Requires improvement",
        "crime-recording": "Adequate",
    }


def test_2021_22_lists_of_the_areas_of_one_grade_in_the_rounds_own_titles() -> None:
    report = read(
        "PEEL 2021/22 \u2013 An inspection of Derbyshire Constabulary",
        "The areas graded as \u2018inadequate\u2019 included how the force manages offenders and how it "
        "responds to the public.",
        "HMICFRS said the areas requiring improvement are treatment of the public; developing a positive "
        "workplace, and good use of resources.",
    )
    assert {k: v for k, v in grades(report).items() if v} == {
        "managing-offenders": "Inadequate",
        "responding": "Inadequate",
        "fairness-and-respect": "Requires improvement",
        "workforce": "Requires improvement",
        "strategic-planning": "Requires improvement",
    }


def test_2023_25_sentences_give_several_labels_and_areas_whose_names_hold_and() -> None:
    report = read(
        "PEEL 2023\u20132025: An inspection of Derbyshire Constabulary",
        "HMICFRS found the constabulary is good at police powers and public treatment and at preventing "
        "crime.",
        "Derbyshire Constabulary has been graded outstanding in managing offenders and suspects and adequate "
        "in investigating crime.",
        "The force is inadequate at building, supporting and protecting the workforce.",
    )
    assert grades(report) == {
        "police-powers-and-public-treatment": "Good",
        "preventing-crime": "Good",
        "managing-offenders-and-suspects": "Outstanding",
        "investigating-crime": "Adequate",
        "building-supporting-and-protecting-the-workforce": "Inadequate",
    }


def test_labels_that_judge_no_area_are_not_grades() -> None:
    report = read(
        "PEEL 2023\u20132025: An inspection of Derbyshire Constabulary",
        "The force was graded good in three areas, adequate in four areas and inadequate in one area.",
        "The force is generally good at investigating crime.",
        "In our 2022 inspection the force was inadequate at responding to the public.",
        "We found that the force is good at protecting vulnerable people in most cases.",
        "The force has adequate processes for managing offenders.",
        "The force is also good at achieving savings and improving productivity.",
        "The force is good at preventing crime in its neighbourhoods",
    )
    assert report.programme == "peel-2023" and grades(report) == {}
