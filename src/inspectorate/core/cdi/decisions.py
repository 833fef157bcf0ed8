"""The auditor's answers for one record: reading them, and which combinations cannot be true.

Every rule lives in ``RULES`` below, so the web form, the worksheet import and the estimates all
agree on what a complete decision is. ``cancellation_correct`` has no rule: a cancellation can be
checked (yes/no), not apply (n/a) or be left blank whatever the other answers are.
"""

from __future__ import annotations

from collections.abc import Callable

from inspectorate.core.cdi.types import Answer, Decision

YES, NO, NOT_APPLICABLE = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE

# Spellings auditors type; "n" is no (as y is yes), never n/a.
_SPELLINGS = {
    "yes": YES,
    "y": YES,
    "no": NO,
    "n": NO,
    "n/a": NOT_APPLICABLE,
    "na": NOT_APPLICABLE,
}
ALLOWED_ANSWERS = "yes, no or n/a"
# Every incident should or should not have been a crime, and was or was not recorded: never n/a.
YES_OR_NO_ONLY = ("should_record", "recorded")

FieldProblem = tuple[str, str]  # (field, message)


def parse_answer(text: str) -> Answer | None:
    """The answer ``text`` spells, ignoring case and surrounding spaces; ``None`` when blank."""
    key = text.strip().lower()
    if not key:
        return None
    try:
        return _SPELLINGS[key]
    except KeyError:
        raise ValueError(f"{text.strip()!r} is not an answer: use {ALLOWED_ANSWERS}") from None


def _should_record_answered_first(decision: Decision) -> list[FieldProblem]:
    """Every other answer depends on whether a crime should have been recorded, so it comes first."""
    if decision.should_record is not None:
        return []
    given = [
        name
        for name in ("recorded", "correctly_classified", "within_24h", "cancellation_correct")
        if getattr(decision, name) is not None
    ]
    if not given:
        return []
    return [("should_record", f"missing, but {', '.join(given)} answered: answer it first")]


def _should_record_is_yes_or_no(decision: Decision) -> list[FieldProblem]:
    """Every incident either should or should not have produced a crime; it cannot not apply."""
    if decision.should_record is NOT_APPLICABLE:
        return [("should_record", "must be yes or no: every incident should or should not have been a crime")]
    return []


def _recorded_follows_should_record(decision: Decision) -> list[FieldProblem]:
    """Recording is checked for every incident, due or not, since a crime recorded without cause
    (over-recording) matters as much as one missed."""
    if decision.recorded is NOT_APPLICABLE:
        return [("recorded", "must be yes or no: a crime either was or was not recorded")]
    if decision.should_record is not None and decision.recorded is None:
        return [("recorded", "must be answered once should_record is")]
    return []


def _recorded_crime_is_checked(decision: Decision) -> list[FieldProblem]:
    """Classification and timeliness are what the audit measures for a crime that was due and recorded,
    so for such a crime they must be answered; for any other record there is nothing to judge."""
    if decision.should_record not in (YES, NO) or decision.recorded not in (YES, NO):
        return []  # reported by the rules above; judging the rest would only add noise
    due_and_recorded = decision.should_record is YES and decision.recorded is YES
    problems: list[FieldProblem] = []
    for name in ("correctly_classified", "within_24h"):
        answer = getattr(decision, name)
        if due_and_recorded and answer not in (YES, NO):
            problems.append((name, "must be yes or no when a crime should have been and was recorded"))
        elif not due_and_recorded and answer in (YES, NO):
            problems.append((name, "must be n/a or blank unless a crime should have been and was recorded"))
    return problems


RULES: tuple[Callable[[Decision], list[FieldProblem]], ...] = (
    _should_record_answered_first,
    _should_record_is_yes_or_no,
    _recorded_follows_should_record,
    _recorded_crime_is_checked,
)


def decision_problems(decision: Decision) -> list[FieldProblem]:
    """(field, message) for each answer that cannot be true alongside the others."""
    return [problem for rule in RULES for problem in rule(decision)]


def is_complete(decision: Decision) -> bool:
    """Whether the record counts in the estimates: the two main questions answered, and consistently."""
    return (
        decision.should_record is not None
        and decision.recorded is not None
        and not decision_problems(decision)
    )
