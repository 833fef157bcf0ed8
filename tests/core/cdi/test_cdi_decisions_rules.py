"""Reading an auditor's answers, and the combinations of answers that cannot be true."""

from __future__ import annotations

import itertools

import pytest

from inspectorate.core.cdi.decisions import RULES, decision_problems, is_complete, parse_answer
from inspectorate.core.cdi.types import Answer, Decision

YES, NO, NA = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE
CHOICES = (None, YES, NO, NA)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes", YES),
        ("Yes", YES),
        (" YES ", YES),
        ("y", YES),
        ("no", NO),
        (" no ", NO),
        ("N", NO),
        ("n/a", NA),
        ("N/A", NA),
        ("na", NA),
        ("NA", NA),
        ("", None),
        ("   ", None),
    ],
)
def test_it_reads_the_spellings_auditors_type(text: str, answer: Answer | None) -> None:
    assert parse_answer(text) is answer


@pytest.mark.parametrize("text", ["maybe", "yess", "n / a", "0", "true", "-"])
def test_it_names_the_allowed_answers_for_anything_else(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_answer(text)
    assert str(caught.value) == f"{text!r} is not an answer: use yes, no or n/a"


def test_a_recorded_crime_with_every_answer_is_complete() -> None:
    decision = Decision(YES, YES, NO, YES, NA, note="classified as theft, should be robbery")
    assert decision_problems(decision) == []
    assert is_complete(decision)


def test_an_incident_that_was_not_a_crime_and_not_recorded_is_complete_with_n_a() -> None:
    assert is_complete(Decision(NO, NO, NA, NA))
    assert is_complete(Decision(NO, NO))  # blank is as good as n/a for a question that does not apply


def test_a_crime_missed_or_recorded_without_cause_is_complete_without_classification() -> None:
    assert is_complete(Decision(YES, NO, NA, NA, NO))
    assert is_complete(Decision(NO, YES, NA, NA))


def test_an_empty_decision_has_no_problems_but_is_not_complete() -> None:
    assert decision_problems(Decision(note="come back to this")) == []
    assert not is_complete(Decision())


def test_answers_before_should_record_are_named() -> None:
    assert decision_problems(Decision(recorded=YES, within_24h=NO)) == [
        ("should_record", "missing, but recorded, within_24h answered: answer it first")
    ]


def test_cancellation_alone_still_needs_should_record_first() -> None:
    assert decision_problems(Decision(cancellation_correct=NA)) == [
        ("should_record", "missing, but cancellation_correct answered: answer it first")
    ]


def test_should_record_cannot_be_n_a() -> None:
    assert decision_problems(Decision(NA, NO)) == [
        ("should_record", "must be yes or no: every incident should or should not have been a crime")
    ]


def test_recorded_cannot_be_n_a() -> None:
    assert decision_problems(Decision(NO, NA)) == [
        ("recorded", "must be yes or no: a crime either was or was not recorded")
    ]


def test_recorded_must_follow_should_record() -> None:
    assert decision_problems(Decision(YES)) == [("recorded", "must be answered once should_record is")]
    assert not is_complete(Decision(YES))


@pytest.mark.parametrize("missing", [None, NA])
def test_a_due_and_recorded_crime_needs_classification_and_timeliness(missing: Answer | None) -> None:
    message = "must be yes or no when a crime should have been and was recorded"
    assert decision_problems(Decision(YES, YES, missing, YES)) == [("correctly_classified", message)]
    assert decision_problems(Decision(YES, YES, YES, missing)) == [("within_24h", message)]
    assert decision_problems(Decision(YES, YES, missing, missing)) == [
        ("correctly_classified", message),
        ("within_24h", message),
    ]


@pytest.mark.parametrize(("should_record", "recorded"), [(YES, NO), (NO, YES), (NO, NO)])
@pytest.mark.parametrize("given", [YES, NO])
def test_classification_and_timeliness_must_be_n_a_unless_due_and_recorded(
    should_record: Answer, recorded: Answer, given: Answer
) -> None:
    message = "must be n/a or blank unless a crime should have been and was recorded"
    assert decision_problems(Decision(should_record, recorded, given, NA)) == [
        ("correctly_classified", message)
    ]
    assert decision_problems(Decision(should_record, recorded, NA, given)) == [("within_24h", message)]


@pytest.mark.parametrize("cancellation", CHOICES)
def test_cancellation_correct_may_take_any_answer(cancellation: Answer | None) -> None:
    assert decision_problems(Decision(YES, YES, YES, YES, cancellation)) == []
    assert decision_problems(Decision(NO, NO, NA, NA, cancellation)) == []


def test_complete_means_both_main_answers_and_no_problems_for_every_combination() -> None:
    for answers in itertools.product(CHOICES, repeat=5):
        decision = Decision(*answers)
        expected = answers[0] is not None and answers[1] is not None and not decision_problems(decision)
        assert is_complete(decision) is expected, answers
    complete = sum(is_complete(Decision(*answers)) for answers in itertools.product(CHOICES, repeat=5))
    # yes/yes: 2 x 2 x 4 cancellations = 16; yes/no, no/yes, no/no: 2 x 2 (n/a or blank) x 4 each = 48.
    assert complete == 64


def test_every_rule_says_why_it_exists() -> None:
    for rule in RULES:
        assert rule.__doc__ and len(rule.__doc__.split()) >= 8, rule.__name__
