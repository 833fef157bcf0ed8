"""A case's answers read through the template's skip logic: states, required answers, checks."""

from __future__ import annotations

from datetime import date

import pytest

from inspectorate.core.casereview.answers import REQUIRED, State, read_answers
from inspectorate.core.casereview.compile import compile_workbook
from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.sheets import read_yaml

VSA = get_template("peel-2021-victim-service")

SMALL = compile_workbook(
    read_yaml(
        """
settings: {form_id: small, version: "1"}
survey:
  - {type: select_one ynna, name: applied, label: "Applied?", required: "yes"}
  - {type: select_one yn, name: accurate, label: "Accurate?", relevant: "${applied} = 'yes'", required: "yes"}
  - type: integer
    name: days
    label: "Days"
    constraint: ". >= 0 and . <= 365"
    constraint_message: "0 to 365 days"
  - {type: date, name: reviewed_on, label: "Reviewed on", constraint: ". <= today()"}
  - {type: select_multiple flags, name: flags, label: "Flags"}
  - {type: note, name: guide, label: "Read the file first"}
choices:
  - {list_name: ynna, name: "yes", label: "Yes"}
  - {list_name: ynna, name: "no", label: "No"}
  - {list_name: ynna, name: na, label: "N/A"}
  - {list_name: yn, name: "yes", label: "Yes"}
  - {list_name: yn, name: "no", label: "No"}
  - {list_name: flags, name: dv, label: "Domestic abuse"}
  - {list_name: flags, name: hate, label: "Hate crime"}
""",
        "small.yaml",
    )
)
TODAY = date(2022, 6, 1)


def test_each_question_ends_in_one_of_four_states() -> None:
    reading = read_answers(SMALL, {"applied": "no", "days": "3"}, complete=False, today=TODAY)
    assert reading.states == {
        "applied": State.ANSWERED,
        "accurate": State.SKIPPED,
        "days": State.ANSWERED,
        "reviewed_on": State.MISSING,
        "flags": State.MISSING,
    }
    assert read_answers(SMALL, {"applied": "na"}, complete=False).states["applied"] is State.NOT_APPLICABLE


def test_an_answer_hidden_by_the_skip_logic_is_dropped_and_said_so() -> None:
    reading = read_answers(SMALL, {"applied": "no", "accurate": "yes"}, complete=False)
    assert "accurate" not in reading.answers and reading.dropped == ("accurate",)


def test_a_draft_may_leave_required_questions_but_a_complete_review_may_not() -> None:
    answers = {"applied": "yes"}
    assert read_answers(SMALL, answers, complete=False).is_complete()
    complete = read_answers(SMALL, answers, complete=True)
    assert complete.unanswered_required == ("accurate",)
    assert [(p.question, p.message) for p in complete.problems] == [("accurate", REQUIRED)]


@pytest.mark.parametrize(
    ("answers", "question", "message"),
    [
        ({"applied": "maybe"}, "applied", "'maybe' is not an answer: use yes, no, na"),
        ({"days": "1.5"}, "days", "'1.5' is not a whole number"),
        ({"days": "400"}, "days", "0 to 365 days"),
        ({"reviewed_on": "2022-02-30"}, "reviewed_on", "'2022-02-30' is not a date (YYYY-MM-DD)"),
        ({"reviewed_on": "2023-01-01"}, "reviewed_on", "'2023-01-01' fails the check . <= today()"),
        ({"flags": "dv arson"}, "flags", "'arson' is not an answer: use dv, hate"),
        ({"nonsense": "1"}, "nonsense", "'nonsense' is not a question of small@1"),
        ({"guide": "read"}, "guide", "a note is shown, never answered"),
    ],
)
def test_a_wrong_answer_is_a_problem_even_in_a_draft(
    answers: dict[str, str], question: str, message: str
) -> None:
    reading = read_answers(SMALL, answers, complete=False, today=TODAY)
    assert [(p.question, p.message) for p in reading.problems] == [(question, message)]
    assert question not in reading.answers


def test_a_later_question_sees_a_hidden_one_as_empty() -> None:
    # investigation questions are in a section shown only when the crime was investigated further.
    reading = read_answers(VSA, {"investigated_further": "no", "supervised": "yes"}, complete=False)
    assert reading.states["supervised"] is State.SKIPPED
    assert reading.states["victim_told_not_investigated"] is State.MISSING
    shown = read_answers(VSA, {"investigated_further": "yes"}, complete=False)
    assert shown.states["supervised"] is State.MISSING
    assert shown.states["victim_told_not_investigated"] is State.SKIPPED


def test_either_out_of_court_outcome_shows_its_two_questions() -> None:
    for outcome, state in (
        ("caution", State.MISSING),
        ("community_resolution", State.MISSING),
        ("charge", State.SKIPPED),
    ):
        reading = read_answers(VSA, {"outcome_type": outcome}, complete=False)
        assert reading.states["out_of_court_criteria_met"] is state
        assert reading.states["victim_wishes_recorded"] is state


def test_select_multiple_answers_are_single_spaced_and_free_text_is_kept() -> None:
    reading = read_answers(SMALL, {"flags": "  dv   hate "}, complete=False)
    assert reading.answers["flags"] == "dv hate"
    note = read_answers(VSA, {"reviewer_note": "  two  spaces  "}, complete=False)
    assert note.answers == {"reviewer_note": "two  spaces"}  # trimmed, inner spacing kept
