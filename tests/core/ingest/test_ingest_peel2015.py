"""PEEL effectiveness 2015 reports, read from texts written here in the report's shape about other
forces and other grades: labels after headings (one broken over two lines, one missing), a
wrapped heading, areas for improvement with and without bullets, a cause of concern."""

from __future__ import annotations

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.contract import ProgrammeReading
from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.programmes import peel2015
from inspectorate.core.ingest.read import import_document

OVERALL = "How effective is the force at keeping people safe and reducing crime?"
Q1 = "How effective is the force at preventing crime and anti-social behaviour, and keeping people safe?"
Q2 = "How effective is the force at investigating crime and managing offenders?"
Q3 = "How effective is the force at protecting from harm those who are vulnerable, and supporting victims?"
Q4_FIRST = "How effective is the force at tackling serious and organised crime, including its"
Q4_SECOND = "arrangements for fulfilling its national policing responsibilities?"
Q4 = f"{Q4_FIRST} {Q4_SECOND}"
DASH = "\u2013"  # as the reports print it: "Overview \u2013 How effective ...?"

DURHAM = f"""

PEEL: Police effectiveness 2015

An inspection of Durham Constabulary

March 2016

© HMIC 2016

Contents

Overview {DASH} {OVERALL}\t3
{Q1}\t9

Overview {DASH} {OVERALL}

Overall judgment¹



Outstanding

HMIC judges Durham Constabulary to be outstanding at keeping people safe and reducing crime. Its
neighbourhood teams know their communities well.

Summary

Officers throughout the constabulary share one clear aim.

{Q1}

Outstanding

Durham Constabulary is outstanding at preventing crime and anti-social behaviour.

{Q2}

Good

Durham Constabulary is good at investigating crime and managing offenders.

{Q3}

Requires
improvement

Durham Constabulary requires improvement in how it protects vulnerable people. Some of its work
with missing children is good at the start but falls away. Work with

{Q4_FIRST}
{Q4_SECOND}

The constabulary is inadequate at tackling serious and organised crime, as its
intelligence picture is incomplete.

partner agencies on missing children is patchy.

Force in numbers

Calls for assistance

Calls for assistance per 1,000 population 12 months to 31 March 2015

Durham Constabulary

England and Wales

297

350

Introduction

The public expects their local police force to keep them safe.

1. {Q1}
2. {Q2}

{Q1}

Preventing crime is the first duty of the police.

How well does the force work to prevent crime and anti-social behaviour, and keep people safe?

The constabulary targets its patrols at places where crime is forecast.

Summary of findings

Outstanding

Durham Constabulary is outstanding at preventing crime and anti-social behaviour.

{Q2}

Investigating crime well brings offenders to justice.

Summary of findings

Good

Durham Constabulary is good at investigating crime and managing offenders.

Areas for improvement

• The force should make sure that every investigation into a burglary has a plan that a
supervisor has agreed.
• The force should reduce the time it takes to examine seized computers so that

12

investigations are not held up.

{Q3}

This question was inspected earlier in the year. The following is a summary.

Summary of findings

Requires improvement

Durham Constabulary requires improvement in how it keeps vulnerable people safe.

Cause of concern

The constabulary does not always find out why children go missing, so the risk they face when they
go missing again is not understood.

Recommendations

To address this cause of concern, HMIC recommends that the force:

- carries out a return interview with every child who has been missing; and
- reviews how it shares information about missing children with the local authority.

{Q4}

Organised crime is a national threat.

Summary of findings



The constabulary is inadequate at tackling serious and organised crime, as its
intelligence picture is incomplete.

Areas for improvement

The force should map every organised crime group it knows of within a month of
first learning about it.

The force should tell local officers which groups are active in their area.

Annex A {DASH} HMIC judgments

The judgment categories are:
- outstanding;
- good;
"""


def read_durham() -> ProgrammeReading:
    return peel2015.read(document_from_text(DURHAM, "durham.txt"))


def test_it_recognises_the_2015_effectiveness_title_even_broken_over_two_lines() -> None:
    assert peel2015.recognises(document_from_text(DURHAM, "durham.txt"))
    broken = "PEEL: Police\neffectiveness 2015\nAn inspection of Kent Police\n"
    assert peel2015.recognises(document_from_text(broken, "kent.txt"))


def test_it_does_not_recognise_other_years_or_pillars() -> None:
    for title in (
        "PEEL: Police effectiveness 2016",
        "PEEL: Police efficiency 2015",
        "PEEL: Police legitimacy 2015",
    ):
        assert not peel2015.recognises(
            document_from_text(f"{title}\nAn inspection of Kent Police\n", "x.txt")
        )


def test_it_reads_every_grade_from_the_label_after_its_heading() -> None:
    reading = read_durham()
    grades = {judgment.area_id: judgment.grade for judgment in reading.judgments}
    assert grades == {
        "overall": "Outstanding",
        "q1": "Outstanding",
        "q2": "Good",
        "q3": "Requires improvement",
        "q4": "Inadequate",
    }
    levels = {judgment.area_id: judgment.level for judgment in reading.judgments}
    assert levels["overall"] == "overall" and levels["q2"] == "question"


def test_the_overall_title_drops_the_overview_prefix_and_the_grade_skips_overall_judgment() -> None:
    overall = next(j for j in read_durham().judgments if j.area_id == "overall")
    assert overall.title == OVERALL
    assert overall.grade_at is not None and overall.grade_at.quote == "Outstanding"
    assert overall.at is not None and overall.at.quote.startswith("Overview")


def test_a_label_broken_over_two_lines_is_joined() -> None:
    q3 = next(j for j in read_durham().judgments if j.area_id == "q3")
    assert q3.grade == "Requires improvement"
    assert q3.grade_at is not None and q3.grade_at.quote == "Requires improvement"


def test_a_missing_label_is_read_from_the_overview_sentence_and_said_so() -> None:
    reading = read_durham()
    q4 = next(j for j in reading.judgments if j.area_id == "q4")
    assert q4.title == Q4  # the heading wrapped over two lines is one title
    assert q4.grade == "Inadequate"
    assert q4.grade_at is not None
    assert q4.grade_at.quote.startswith("The constabulary is inadequate at tackling")
    notes = [m for m in reading.missing if m.startswith("question 4")]
    assert notes and "no grade label is printed" in notes[0]
    assert f"line {q4.grade_at.line}" in notes[0]


def test_it_reads_the_date_from_the_title_page() -> None:
    reading = read_durham()
    assert reading.date == "March 2016"
    assert reading.framework_version == "2015"


def test_areas_for_improvement_belong_to_the_question_they_follow() -> None:
    afis = [f for f in read_durham().findings if f.kind is FindingKind.AREA_FOR_IMPROVEMENT]
    assert [f.area_id for f in afis] == ["q2", "q2", "q4", "q4"]
    assert afis[0].text == (
        "The force should make sure that every investigation into a burglary has a plan that a "
        "supervisor has agreed."
    )
    # A bullet broken by a page number and a page break is one item.
    assert afis[1].text == (
        "The force should reduce the time it takes to examine seized computers so that investigations "
        "are not held up."
    )
    # Without bullets, each "The force should" paragraph is an item.
    assert afis[2].text.startswith("The force should map every organised crime group")
    assert afis[2].text.endswith("within a month of first learning about it.")
    assert afis[3].text == "The force should tell local officers which groups are active in their area."
    assert afis[2].area_title == Q4


def test_a_cause_of_concern_carries_its_recommendations() -> None:
    concerns = [f for f in read_durham().findings if f.kind is FindingKind.CAUSE_OF_CONCERN]
    assert len(concerns) == 1
    concern = concerns[0]
    assert concern.area_id == "q3"
    assert concern.text.startswith("The constabulary does not always find out why children go missing")
    assert concern.recommendations == (
        "carries out a return interview with every child who has been missing; and",
        "reviews how it shares information about missing children with the local authority.",
    )


def test_every_value_points_at_its_text() -> None:
    document = document_from_text(DURHAM, "durham.txt")
    reading = peel2015.read(document)
    for finding in reading.findings:
        assert " ".join(document.text[finding.at.start : finding.at.end].split()).startswith(
            finding.text[:20]
        )
    for judgment in reading.judgments:
        assert judgment.grade_at is not None
        assert document.text[judgment.grade_at.start : judgment.grade_at.end].split()[0] in (
            "Outstanding",
            "Good",
            "Requires",
            "The",
        )


def test_labels_that_disagree_are_reported_and_the_first_is_used() -> None:
    text = DURHAM.replace("Summary of findings\n\nGood\n", "Summary of findings\n\nInadequate\n")
    reading = peel2015.read(document_from_text(text, "durham.txt"))
    q2 = next(j for j in reading.judgments if j.area_id == "q2")
    assert q2.grade == "Good"
    assert any(m.startswith("question 2") and "Inadequate" in m for m in reading.missing)


def test_a_question_without_label_or_judgment_is_missing() -> None:
    text = (
        f"PEEL: Police effectiveness 2015\n\nAn inspection of Dorset Police\n\nNovember 2015\n\n"
        f"Overview {DASH} {OVERALL}\n\nOverall judgment\n\nGood\n\n"
        "Dorset Police is good at keeping people safe.\n\n"
        f"{Q1}\n\nThe force works with councils on most problems.\n\nForce in numbers\n"
    )
    reading = peel2015.read(document_from_text(text, "dorset.txt"))
    assert [(j.area_id, j.grade) for j in reading.judgments] == [("overall", "Good"), ("q1", None)]
    assert any(m.startswith("question 1") and "no grade label" in m for m in reading.missing)
    for number in (2, 3, 4):
        assert any(
            m.startswith(f"question {number}") and "heading is not in the text" in m for m in reading.missing
        )


def test_an_areas_for_improvement_heading_with_no_list_is_reported() -> None:
    text = DURHAM.replace(
        "Areas for improvement\n\nThe force should map",
        "Areas for improvement\n\nSee the annex.\n\nThe force should map",
    )
    reading = peel2015.read(document_from_text(text, "durham.txt"))
    assert any("Areas for improvement" in m and "no items" in m for m in reading.missing)


def test_import_document_chooses_this_reader_and_keeps_its_findings() -> None:
    report = import_document(document_from_text(DURHAM, "durham.txt"))
    assert report.programme == "peel-2015-effectiveness"
    assert report.force_id is not None and report.force_name == "Durham Constabulary"
    assert len(report.judgments) == 5 and len(report.findings) == 5
