"""The 2014 'Core business' letters, read from letters written here in their shape to other
forces: the date, the three ungraded areas, and what the reader does not import."""

from __future__ import annotations

from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.programmes import core2014
from inspectorate.core.ingest.read import import_document

TITLE = "Core business: An inspection of crime prevention, police attendance and use of police time"

CUMBRIA = f"""Her Majesty's Inspectorate of Constabulary

A Street, A Town

Chief Constable
Cumbria Constabulary

12 August 2014

Dear Chief Constable

{TITLE}

Earlier this year we inspected all 43 forces. The inspection looked at three areas of police work.

Preventing crime

\u2022 Cumbria Constabulary has a crime prevention plan that all its staff know about.

The inspection team found the plan was discussed at every morning meeting. This was seen on
Thursday 5 June 2014.

Crime recording and attendance

The constabulary attends most burglaries within an hour.

Freeing up time

The constabulary cannot yet say how much officer time its new laptops save.

Yours sincerely,
"""


def test_it_recognises_the_letter_by_its_title() -> None:
    assert core2014.recognises(document_from_text(CUMBRIA, "cumbria.txt"))


def test_a_report_that_only_cites_the_inspection_later_on_is_not_a_letter() -> None:
    text = "PEEL: Police effectiveness 2016\n" + "Filler paragraph about policing.\n" * 200 + TITLE + "\n"
    assert not core2014.recognises(document_from_text(text, "x.txt"))


def test_it_reads_the_three_areas_ungraded_in_order() -> None:
    reading = core2014.read(document_from_text(CUMBRIA, "cumbria.txt"))
    assert [(j.level, j.title, j.grade, j.area_id) for j in reading.judgments] == [
        ("area", "Preventing crime", None, "preventing-crime"),
        ("area", "Crime recording and attendance", None, "crime-recording-and-attendance"),
        ("area", "Freeing up time", None, "freeing-up-time"),
    ]
    assert all(j.at is not None and j.at.quote == j.title for j in reading.judgments)


def test_it_reads_the_date_above_the_title_not_dates_in_the_text() -> None:
    reading = core2014.read(document_from_text(CUMBRIA, "cumbria.txt"))
    assert reading.date == "12 August 2014"
    assert reading.framework_version == "2014"


def test_it_imports_no_findings_and_says_why() -> None:
    reading = core2014.read(document_from_text(CUMBRIA, "cumbria.txt"))
    assert reading.findings == ()
    assert reading.missing == (
        "findings: the letter's key findings are not labelled as strengths, areas for improvement "
        "or good practice, so none are imported",
    )


def test_an_area_without_its_heading_is_missing() -> None:
    text = CUMBRIA.replace("\nFreeing up time\n", "\n")
    reading = core2014.read(document_from_text(text, "cumbria.txt"))
    assert [j.area_id for j in reading.judgments] == ["preventing-crime", "crime-recording-and-attendance"]
    assert "Freeing up time: the letter has no heading for this area" in reading.missing


def test_import_document_chooses_this_reader() -> None:
    report = import_document(document_from_text(CUMBRIA, "cumbria.txt"))
    assert report.programme == "core-business-2014"
    assert report.force_name == "Cumbria Constabulary"
    assert report.date == "12 August 2014"
