"""Published case-review counts, and sets of answers that reproduce them.

A report gives only "N of M" per question, never the cases. ``answers_reproducing`` builds one
set of complete case answers that gives exactly those counts, so the aggregation can be checked
against the report's figures end to end (the tests feed them through the CLI and the web).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from inspectorate.core.casereview.answers import State, read_answers
from inspectorate.core.casereview.spec import COUNTED_CHOICE, NOT_APPLICABLE_CHOICE, QuestionType, Template

# PEEL 2021/22, Metropolitan Police Service, victim service assessment (seed 002): question name of
# the peel-2021-victim-service template -> (N, M). 165 case files were reviewed.
MPS_2021_CASES = 165
MPS_2021_COUNTS: dict[str, tuple[int, int]] = {
    "thrive_applied": (21, 107),
    "thrive_accurate": (21, 21),
    "vulnerability_checked": (54, 97),
    "repeat_victim_checked": (39, 96),
    "repeat_victim_recorded": (17, 27),
    "evidence_advice": (15, 35),
    "prevention_advice": (31, 43),
    "allocated_per_policy": (100, 105),
    "arrest_at_earliest": (24, 26),
}
# The seed's wording of each count, to find it in the report's text.
MPS_2021_PHRASES: dict[str, str] = {
    "thrive_applied": "21 of the 107 applicable incidents",
    "vulnerability_checked": "54 out of 97 applicable cases",
    "repeat_victim_checked": "39 of the 96 applicable cases",
    "repeat_victim_recorded": "17 of the 27 cases involving repeat victims",
    "evidence_advice": "15 out of 35 cases",
    "prevention_advice": "31 out of 43 cases",
    "allocated_per_policy": "(100 of 105)",
    "arrest_at_earliest": "24 of 26 relevant cases",
}
# Facts the counts imply about the cases, so that the questions above apply as often as they must.
MPS_2021_CONTEXT: dict[str, tuple[int, int]] = {
    "repeat_victim": (27, MPS_2021_CASES),
    "investigated_further": (140, MPS_2021_CASES),
}


def answers_reproducing(
    template: Template, counts: Mapping[str, tuple[int, int]], cases: int, today: date | None = None
) -> list[dict[str, str]]:
    """``cases`` complete answer sets in which each named question is met N times of M applicable.

    Among the cases where a question is shown, the first N get yes, the next M - N no, the rest
    not applicable. Questions not named get their list's first answer that is not "not applicable"
    (or a short text). ValueError when the counts cannot be met (M above the cases shown, or a
    list without "not applicable" shown more than M times).
    """
    answer_sets: list[dict[str, str]] = [{} for _ in range(cases)]
    for question in template.questions:
        if not question.answerable:
            continue
        shown = [
            i for i, answers in enumerate(answer_sets) if _shown(template, question.name, answers, today)
        ]
        choices = [choice.name for choice in template.choices_of(question)]
        if question.name in counts:
            met, applicable = counts[question.name]
            if not 0 <= met <= applicable <= len(shown):
                raise ValueError(
                    f"{question.name}: {met} of {applicable} cannot be met in {len(shown)} shown cases"
                )
            if applicable < len(shown) and NOT_APPLICABLE_CHOICE not in choices:
                raise ValueError(
                    f"{question.name}: shown in {len(shown)} cases but applicable in only {applicable}"
                )
            no = next(name for name in choices if name not in (COUNTED_CHOICE, NOT_APPLICABLE_CHOICE))
            for rank, i in enumerate(shown):
                answer_sets[i][question.name] = (
                    COUNTED_CHOICE if rank < met else no if rank < applicable else NOT_APPLICABLE_CHOICE
                )
            continue
        default = "reviewed" if question.type is QuestionType.TEXT else _default(choices)
        for i in shown:
            answer_sets[i][question.name] = default
    return answer_sets


def _default(choices: list[str]) -> str:
    return next((name for name in choices if name != NOT_APPLICABLE_CHOICE), choices[0] if choices else "1")


def _shown(template: Template, name: str, answers: Mapping[str, str], today: date | None) -> bool:
    reading = read_answers(template, answers, complete=False, today=today)
    return reading.states.get(name) is not State.SKIPPED
