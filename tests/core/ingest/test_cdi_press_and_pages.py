"""Crime data integrity texts other than the report's own layout, written here in the shapes the
inspectorate's pages, press releases, news items and commissioners' pages use (other forces, other
grades): the programme and year are recognised, the report's own grade read and an earlier one not."""

from __future__ import annotations

from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.read import import_document


def read(*lines: str):  # type: ignore[no-untyped-def]
    return import_document(document_from_text("\n".join(lines) + "\n", "t.txt"))


def grades(report) -> list[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(j.area_id, j.grade) for j in report.judgments]


def test_a_report_page_gives_its_grade_under_overall_judgment() -> None:
    report = read(
        "Dorset Police: Crime Data Integrity inspection 2018",
        "Published on: 3 May 2018",
        "Overall judgment",
        "graded requires improvement",
        "We estimate that the force records 89.9 percent (with a confidence interval of +/- 1.7 percent) "
        "of crimes reported to it.",
    )
    assert (report.programme, report.year, report.date) == ("cdi-2016", "2018", "3 May 2018")
    assert grades(report) == [("crime-recording", "Requires improvement")]
    assert [(f.percent, f.ci_plus_minus) for f in report.cdi_figures] == [(89.9, 1.7)]


def test_core_question_grades_are_read_as_the_questions_areas() -> None:
    report = read(
        "Dorset Police: Crime Data Integrity inspection 2017",
        "Good",
        "How effective is the force at recording reported crime?",
        "graded good",
        "How well does the force demonstrate the leadership and culture necessary to meet the national "
        "standards for crime recording?",
        "graded outstanding",
    )
    assert grades(report) == [
        ("crime-recording", "Good"),
        ("crime-recording.q1", "Good"),
        ("crime-recording.q3", "Outstanding"),
    ]


def test_an_addendum_grading_the_questions_keeps_the_overall_grade() -> None:
    report = read(
        "Dorset Police: Crime Data Integrity inspection 2016",
        "Overall judgment",
        "Inadequate",
        "HMIC has applied this updated approach to the published findings. This resulted in the following:",
        "How effective is the force at recording reported crime?",
        "",
        "graded inadequate",
        "How efficiently do the systems and processes in the force support accurate crime recording?",
        "graded requires improvement",
        "As a result, the published overall graded judgment remains as Inadequate.",
    )
    assert grades(report) == [
        ("crime-recording", "Inadequate"),
        ("crime-recording.q1", "Inadequate"),
        ("crime-recording.q2", "Requires improvement"),
    ]


def test_a_revised_judgment_is_read_and_the_first_one_printed_under_it_is_not() -> None:
    report = read(
        "Dorset Police: Crime Data Integrity re-inspection 2018",
        "Dorset Police was given an overall judgment of inadequate.",
        "Revised overall judgment",
        "graded good",
        "graded inadequate",
    )
    assert (report.year, grades(report)) == ("2018", [("crime-recording", "Good")])


def test_press_release_titles_and_judgments_in_several_wordings() -> None:
    for line, grade in (
        (
            "Policing inspectorate grades Dorset Police \u2018outstanding\u2019 at recording crime",
            "Outstanding",
        ),
        (
            "For this latest inspection, HMICFRS has judged Dorset Police\u2019s crime recording as "
            "\u2018requires improvement\u2019.",
            "Requires improvement",
        ),
        ("The force has since made significant progress, and is now judged to be \u2018good\u2019.", "Good"),
        ("Dorset Police is inadequate at recording crime.", "Inadequate"),
        # The grade stated in the release's body in other words.
        (
            "Dorset Police has been assessed as requires improvement in its crime recording.",
            "Requires improvement",
        ),
        ("HMICFRS judged the force to require improvement.", "Requires improvement"),
        ("Inspectors found Dorset Police to be outstanding at recording crime.", "Outstanding"),
    ):
        report = read("Get the report", "Dorset Police: Crime Data Integrity inspection 2018", line)
        assert grades(report) == [("crime-recording", grade)], line


def test_a_press_release_grade_is_read_and_the_earlier_one_it_recalls_is_not() -> None:
    report = read(
        "Police inspectorate praises Dorset Police",
        "Dorset Police: Crime Data Integrity re-inspection 2019",
        "The force had previously been graded as 'requires improvement', but inspectors have now judged "
        "that Dorset Police is 'good' in how it records crime.",
    )
    assert (report.programme, report.year) == ("cdi-2016", "2019")
    assert grades(report) == [("crime-recording", "Good")]


def test_a_reinspections_account_of_the_first_inspection_gives_no_grade() -> None:
    report = read(
        "Dorset Police: Crime Data Integrity re-inspection 2018",
        "We published the report of this inspection in 2017. As a result, Dorset Police was given an "
        "overall judgment of inadequate.",
        "Revised overall judgment",
        "Dorset Police has made some progress.",
    )
    assert grades(report) == []


def test_grades_for_other_judgments_or_other_forces_are_not_read() -> None:
    report = read(
        "DCC responds to the HMICFRS report into its Crime Data Integrity audit and inspection.",
        "The inspection was carried out in March 2018.",
        "Dorset Police was graded by HMICFRS as 'Outstanding' for Efficiency and 'Good' for Legitimacy.",
        "Wiltshire Police was rated as inadequate for crime recording last month.",
        "HMICFRS judged the force to be good at investigating crime.",
        "We found areas of good crime recording practice during our inspection.",
    )
    assert (report.programme, report.year) == ("cdi-2016", "2018")
    assert grades(report) == []


def test_a_2014_statement_naming_no_speaker_is_read_as_that_inspection() -> None:
    report = read(
        "Statement in response to HMIC report on Crime Data Integrity in Dorset Police (2 Sep 2014)",
        "Some of the findings are clearly a cause for concern.",
        "The force recorded 91.2 per cent of crimes correctly.",
    )
    assert (report.programme, report.year, report.date, report.force_id) == (
        "cdi-2014",
        "2014",
        "2 Sep 2014",
        "dorset",
    )
    assert grades(report) == [] and [f.percent for f in report.cdi_figures] == [91.2]


def test_a_news_item_names_the_force_as_place_and_police() -> None:
    report = read(
        "Dorset police taking steps to improve crime recording",
        "Thursday, May 1, 2014",
        "An interim report on crime data by HM Inspectorate of Constabulary (HMIC) found problems.",
    )
    assert (report.programme, report.force_id, report.date) == ("cdi-2014", "dorset", "Thursday, May 1, 2014")
