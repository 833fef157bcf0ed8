"""The shapes PEEL reports of 2015 to 2020 share (``peel_four_tier``): grade labels, judgment
sentences, lists of areas for improvement and causes of concern, on texts written here."""

from __future__ import annotations

import pytest

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.programmes import peel_four_tier as four

GRADES = four.Grades(("Outstanding", "Good", "Requires improvement", "Inadequate"))


def never(index: int) -> bool:
    return False


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Good", "Good"),
        ("REQUIRES IMPROVEMENT", "Requires improvement"),
        ("Requires  improvement.", "Requires improvement"),
        ("Inadequate", "Inadequate"),
        ("Good work", None),
        ("Adequate", None),  # not a tier of the four-tier scale
    ],
)
def test_a_label_is_a_line_that_is_only_a_grade(line: str, label: str | None) -> None:
    assert GRADES.label(line) == label


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Gwent Police is good at preventing crime.", "Good"),
        ("HMIC judges the force to be outstanding.", "Outstanding"),
        ("The constabulary is inadequate in how it protects children.", "Inadequate"),
        ("Its investigations require improvement.", "Requires improvement"),
        ("Overall HMIC judges that the force requires improvement.", "Requires improvement"),
        ("The force provides a good service to most victims.", None),
        ("The force is not good at recording crime.", None),
    ],
)
def test_a_judgment_sentence_gives_the_grade(sentence: str, label: str | None) -> None:
    document = document_from_text(f"Heading\n{sentence}\n", "x.txt")
    grade = GRADES.in_sentences(document, 1, 1)
    assert (grade.label if grade else None) == label
    if grade is not None:
        assert not grade.from_label
        assert grade.at.quote == sentence


def test_a_label_is_looked_for_only_right_after_the_heading() -> None:
    document = document_from_text("Question?\n\nThe force is good at it.\n\nGood\n", "x.txt")
    assert GRADES.label_after(document, 0, skip=lambda text: False) is None


def test_footnote_marks_are_not_part_of_a_heading() -> None:
    assert four.plain_heading("Overall judgment\u00b9") == "Overall judgment"
    assert four.plain_heading("Figure 4: Outcomes^{9 10 11}") == "Figure 4: Outcomes"
    assert four.is_heading_word("Areas for improvement:", "Areas for improvement")


def test_a_date_is_a_line_of_its_own() -> None:
    document = document_from_text("Seen on Thursday 4 June 2015.\n\n21st July 2015\n", "x.txt")
    found = four.full_line_date(document, range(0, 5))
    assert found is not None and found[0] == "21st July 2015" and found[1].line == 3


@pytest.mark.parametrize("bullet", ["\u2022 ", "\uf0b7 ", "- ", "\u2013 ", "1. "])
def test_list_items_follow_the_bullets_pdf_and_html_print(bullet: str) -> None:
    text = (
        f"Areas for improvement\n{bullet}The force should train its call handlers\n"
        "in spotting repeat callers.\n"
        f"{bullet}The force should answer 101 calls faster.\n\nOur findings\n"
    )
    document = document_from_text(text, "x.txt")
    items, end = four.list_items(document, 1, lambda index: document.lines[index] == "Our findings")
    assert [item.text for item in items] == [
        "The force should train its call handlers in spotting repeat callers.",
        "The force should answer 101 calls faster.",
    ]
    assert document.lines[end] == "Our findings"


def test_a_list_ends_at_the_first_paragraph_that_is_not_an_item() -> None:
    text = (
        "Areas for improvement\n\n- The force should act.\n\nWe set out our findings below.\n\n- not ours\n"
    )
    document = document_from_text(text, "x.txt")
    items, _ = four.list_items(document, 1, never)
    assert [item.text for item in items] == ["The force should act."]


def test_a_concern_without_recommendations_is_its_first_paragraph() -> None:
    text = (
        "Cause of concern\n\nThe force does not know how many suspects are wanted.\n\n"
        "Narrative about wanted suspects follows here.\n"
    )
    document = document_from_text(text, "x.txt")
    found = four.concern_findings(document, 0, never, "Q", "q2")
    assert [(f.kind, f.text, f.recommendations) for f in found] == [
        (FindingKind.CAUSE_OF_CONCERN, "The force does not know how many suspects are wanted.", ())
    ]


def test_two_concerns_under_one_heading_each_keep_their_recommendations() -> None:
    text = (
        "Causes of concern\n\nCalls are not answered quickly enough.\n\nRecommendation\n\n"
        "- Within three months, the force should publish a plan to answer calls faster.\n\n"
        "Missing children are not always visited.\n\nRecommendations\n\n"
        "- The force should visit every child who returns.\n- The force should record why they left.\n\n"
        "Next heading\n"
    )
    document = document_from_text(text, "x.txt")
    found = four.concern_findings(
        document, 0, lambda index: document.lines[index] == "Next heading", None, None
    )
    assert [(f.text, len(f.recommendations)) for f in found] == [
        ("Calls are not answered quickly enough.", 1),
        ("Missing children are not always visited.", 2),
    ]
