"""One case's answers read against its template: which questions the skip logic shows, what each
answer counts as, and what is wrong with them.

Every question of a case ends in one of four states, kept apart all the way to the results:

- ``answered``: it was shown and answered (with any choice but not applicable);
- ``not-applicable``: it was shown and the reviewer answered "not applicable";
- ``skipped``: the skip logic hid it (its ``relevant``, or its section's, was false);
- ``missing``: it was shown and left unanswered.

As in XLSForm, a hidden question's answer is dropped, and later expressions see it as empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from inspectorate.core.casereview.expressions import evaluate
from inspectorate.core.casereview.spec import NOT_APPLICABLE_CHOICE, Question, QuestionType, Template

_INTEGER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")


class State(StrEnum):
    ANSWERED = "answered"
    NOT_APPLICABLE = "not-applicable"
    SKIPPED = "skipped"
    MISSING = "missing"


@dataclass(frozen=True)
class AnswerProblem:
    question: str
    message: str


@dataclass(frozen=True)
class CaseReading:
    """The answers kept (those of shown questions), each question's state, and the problems."""

    answers: dict[str, str]
    states: dict[str, State]
    problems: tuple[AnswerProblem, ...]
    dropped: tuple[str, ...]  # answered, but hidden by the skip logic, so not kept

    @property
    def unanswered_required(self) -> tuple[str, ...]:
        return tuple(p.question for p in self.problems if p.message == REQUIRED)

    def is_complete(self) -> bool:
        return not self.problems


REQUIRED = "required"


def read_answers(
    template: Template, answers: Mapping[str, str], *, complete: bool, today: date | None = None
) -> CaseReading:
    """Read a case's answers. ``complete``: an unanswered required question is a problem (a draft
    may leave them); every other problem (an unknown choice, a failed check) stands either way."""
    today = today or date.today()
    kept: dict[str, str] = {}
    states: dict[str, State] = {}
    problems: list[AnswerProblem] = []
    dropped: list[str] = []
    names = {question.name for question in template.questions}
    for name in sorted(set(answers) - names):
        problems.append(AnswerProblem(name, f"{name!r} is not a question of {template.key}"))
    for question in template.questions:
        value = _normal(question, answers.get(question.name))
        if not _shown(template, question, kept, today):
            states[question.name] = State.SKIPPED
            if value:
                dropped.append(question.name)
            continue
        if not question.answerable:
            if value:
                problems.append(AnswerProblem(question.name, "a note is shown, never answered"))
            continue
        if not value:
            states[question.name] = State.MISSING
            if complete and question.required:
                problems.append(AnswerProblem(question.name, REQUIRED))
            continue
        message = _check_value(template, question, value, kept, today)
        if message:
            problems.append(AnswerProblem(question.name, message))
            states[question.name] = State.MISSING
            continue
        kept[question.name] = value
        states[question.name] = State.NOT_APPLICABLE if value == NOT_APPLICABLE_CHOICE else State.ANSWERED
    return CaseReading(kept, states, tuple(problems), tuple(dropped))


def _normal(question: Question, raw: str | None) -> str:
    text = str(raw or "")
    # Free text keeps its inner spacing; a choice list's answers are single-spaced names.
    return text.strip() if question.type is QuestionType.TEXT else " ".join(text.split())


def _shown(template: Template, question: Question, answers: Mapping[str, str], today: date) -> bool:
    section = template.parsed.get((question.section, "relevant")) if question.section else None
    if section is not None and not evaluate(section, answers, today=today):
        return False
    own = template.parsed.get((question.name, "relevant"))
    return own is None or evaluate(own, answers, today=today)


def _check_value(
    template: Template, question: Question, value: str, answers: Mapping[str, str], today: date
) -> str:
    kind = question.type
    if kind in (QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE):
        allowed = [choice.name for choice in template.choices_of(question)]
        picked = value.split() if kind is QuestionType.SELECT_MULTIPLE else [value]
        unknown = [item for item in picked if item not in allowed]
        if unknown:
            return f"{unknown[0]!r} is not an answer: use {', '.join(allowed)}"
    elif kind is QuestionType.INTEGER and not _INTEGER.match(value):
        return f"{value!r} is not a whole number"
    elif kind is QuestionType.DECIMAL and not _DECIMAL.match(value):
        return f"{value!r} is not a number"
    elif kind is QuestionType.DATE:
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date (YYYY-MM-DD)"
        if len(value) != 10:
            return f"{value!r} is not a date (YYYY-MM-DD)"
    constraint = template.parsed.get((question.name, "constraint"))
    if constraint is not None and not evaluate(constraint, answers, current=value, today=today):
        return question.constraint_message or f"{value!r} fails the check {question.constraint}"
    return ""


def required_message(question: Question) -> str:
    return question.required_message or "This question must be answered."
