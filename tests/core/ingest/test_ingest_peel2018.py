"""PEEL 2018 force pages, read from pages written here in their shape about other forces: other
pillars, other grades, a question the page does not grade, a cause of concern, and the page as
HTML with the site's navigation around it."""

from __future__ import annotations

from pathlib import Path

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.contract import ProgrammeReading
from inspectorate.core.ingest.document import document_from_text, read_document
from inspectorate.core.ingest.programmes import peel2018
from inspectorate.core.ingest.read import import_document

EFFICIENCY_Q = "How efficiently does the force operate and how sustainable are its services to the public?"
EFFICIENCY_Q1 = "How well does the force use its resources to meet the demand it faces?"
EFFICIENCY_Q2 = "How well does the force plan for the future?"

LEGITIMACY = """Skip to content

Have your say on how we inspect: a survey is open until the end of the month

Lancashire Constabulary PEEL 2018

Legitimacy

How legitimately does the force treat the public and its workforce?

Last updated 14/03/2019
Requires improvement

Lancashire Constabulary requires improvement at treating the public and its workforce
legitimately. It treats the public fairly but its vetting has fallen behind.

Questions for Legitimacy

1

To what extent does the force treat all of the people it serves with fairness and respect?

Not inspected in 2018

This question was graded in an earlier year.

2

How well does the force ensure that its workforce behaves ethically and lawfully?

Inadequate

Cause of concern

The force has not vetted a large part of its workforce to the level their posts need.

Recommendations

  \u2022 Within six months, the force should vet every officer and member of staff to the level
their post requires.
  \u2022 The force should keep a record of each vetting decision and its reasons.

Areas for improvement

  \u2022 The force should tell its staff how to report wrongdoing in confidence.

Our detailed findings follow; the judgment rests on them.

Vetting

The force's vetting unit has too few staff for its workload.

Summary for question 2
3

To what extent does the force treat its workforce with fairness and respect?

Good

Our detailed findings follow.

Summary for question 3
"""


def read_lancashire() -> ProgrammeReading:
    return peel2018.read(document_from_text(LEGITIMACY, "lancashire.txt"))


def test_it_recognises_the_page_title_past_the_site_banners() -> None:
    assert peel2018.recognises(document_from_text(LEGITIMACY, "lancashire.txt"))


def test_it_does_not_recognise_other_rounds() -> None:
    for title in ("Lancashire Constabulary PEEL 2017", "PEEL: Police effectiveness 2015"):
        assert not peel2018.recognises(document_from_text(f"{title}\n\nLegitimacy\n", "x.txt"))


def test_it_reads_the_pillar_and_its_questions_with_their_grades() -> None:
    reading = read_lancashire()
    assert [(j.level, j.title, j.grade) for j in reading.judgments] == [
        (
            "pillar",
            "How legitimately does the force treat the public and its workforce?",
            "Requires improvement",
        ),
        (
            "question",
            "To what extent does the force treat all of the people it serves with fairness and respect?",
            None,
        ),
        (
            "question",
            "How well does the force ensure that its workforce behaves ethically and lawfully?",
            "Inadequate",
        ),
        ("question", "To what extent does the force treat its workforce with fairness and respect?", "Good"),
    ]


def test_a_question_the_page_does_not_grade_is_missing_with_what_it_prints() -> None:
    reading = read_lancashire()
    assert any(
        m.startswith("Legitimacy question 1") and "Not inspected in 2018" in m for m in reading.missing
    )


def test_pillars_the_framework_does_not_encode_take_the_ids_of_the_years_table() -> None:
    reading = read_lancashire()
    assert [j.area_id for j in reading.judgments] == [
        "legitimacy",
        "legitimacy.q1",
        "legitimacy.q2",
        "legitimacy.q3",
    ]
    assert not any("no area of peel-2018" in m for m in reading.missing)


def test_a_cause_of_concern_and_an_area_for_improvement_belong_to_their_question() -> None:
    findings = read_lancashire().findings
    assert [(f.kind, f.area_title) for f in findings] == [
        (
            FindingKind.CAUSE_OF_CONCERN,
            "How well does the force ensure that its workforce behaves ethically and lawfully?",
        ),
        (
            FindingKind.AREA_FOR_IMPROVEMENT,
            "How well does the force ensure that its workforce behaves ethically and lawfully?",
        ),
    ]
    concern, afi = findings
    assert (
        concern.text
        == "The force has not vetted a large part of its workforce to the level their posts need."
    )
    assert concern.recommendations == (
        "Within six months, the force should vet every officer and member of staff to the level their "
        "post requires.",
        "The force should keep a record of each vetting decision and its reasons.",
    )
    assert afi.text == "The force should tell its staff how to report wrongdoing in confidence."


def test_the_last_updated_date_is_not_taken_as_the_publication_date() -> None:
    reading = read_lancashire()
    assert reading.date is None
    assert reading.framework_version == "2018"
    assert any(m.startswith("date:") and "14/03/2019" in m for m in reading.missing)


EFFICIENCY_HTML = f"""<!doctype html>
<html><head><title>Kent PEEL 2018</title><style>p {{ color: red }}</style></head>
<body>
<header><a href="#main">Skip to content</a><nav><ul><li>Home</li><li>Publications</li></ul></nav></header>
<main>
<h1>Kent PEEL 2018</h1>
<h2>Efficiency</h2>
<p>{EFFICIENCY_Q.replace("does the force", "does&nbsp;the&nbsp;force")}</p>
<p>Last updated 02/05/2019</p>
<p>Requires improvement</p>
<p>Kent Police requires improvement at using its resources. Its plans are sound.</p>
<h2>Questions for Efficiency</h2>
<span>1</span>
<h3>{EFFICIENCY_Q1}</h3>
<p>Inadequate</p>
<h4>Areas for improvement</h4>
<ul>
<li>The force should understand the demand that its control room faces.</li>
<li>The force should move staff to where the demand is.</li>
</ul>
<p>Our detailed findings follow.</p>
<h4>Assessing current demand</h4>
<p>The force has little data on calls that do not lead to a crime being recorded.</p>
<h4>Summary for question 1</h4>
<span>2</span>
<h3>{EFFICIENCY_Q2}</h3>
<p>Outstanding</p>
<h4>Summary for question 2</h4>
</main>
<footer><p>Good practice library</p></footer>
</body></html>
"""


def test_an_html_page_is_read_through_its_chrome(tmp_path: Path) -> None:
    path = tmp_path / "kent.html"
    path.write_text(EFFICIENCY_HTML, encoding="utf-8")
    reading = peel2018.read(read_document(path))
    assert [(j.level, j.area_id, j.title, j.grade) for j in reading.judgments] == [
        ("pillar", "efficiency", EFFICIENCY_Q, "Requires improvement"),
        ("question", "efficiency.q1", EFFICIENCY_Q1, "Inadequate"),
        ("question", "efficiency.q2", EFFICIENCY_Q2, "Outstanding"),
    ]
    assert [(f.area_id, f.text) for f in reading.findings] == [
        ("efficiency.q1", "The force should understand the demand that its control room faces."),
        ("efficiency.q1", "The force should move staff to where the demand is."),
    ]
    assert not [m for m in reading.missing if not m.startswith("date:")]


def _efficiency_page(summary: str) -> str:
    return (
        "Kent PEEL 2018\n\nEfficiency\n\n"
        + EFFICIENCY_Q
        + "\n\nLast updated 02/05/2019\n\n"
        + summary
        + "\n\nQuestions for Efficiency\n"
    )


def test_a_missing_pillar_label_is_read_from_a_sentence_about_the_pillar() -> None:
    text = _efficiency_page("Kent Police is good at operating efficiently and sustainably. It plans well.")
    reading = peel2018.read(document_from_text(text, "kent.txt"))
    (pillar,) = reading.judgments
    assert (pillar.area_id, pillar.grade) == ("efficiency", "Good")
    assert (
        pillar.grade_at is not None
        and pillar.grade_at.quote == "Kent Police is good at operating efficiently and sustainably."
    )
    assert any("no grade label is printed" in m for m in reading.missing)


def test_a_summary_sentence_about_something_else_gives_the_pillar_no_grade() -> None:
    # The first judgment of a pillar's summary is often one question's ("outstanding at planning
    # for the future"); it is not the pillar's grade.
    text = _efficiency_page("Kent Police is outstanding at planning for the future. It meets demand.")
    reading = peel2018.read(document_from_text(text, "kent.txt"))
    assert [(j.area_id, j.grade) for j in reading.judgments] == [
        ("efficiency", None),
        ("efficiency.q2", "Outstanding"),
    ]


def test_import_document_chooses_this_reader() -> None:
    report = import_document(document_from_text(LEGITIMACY, "lancashire.txt"))
    assert report.programme == "peel-2018"
    assert report.force_name == "Lancashire Constabulary"
    assert len(report.judgments) == 4
