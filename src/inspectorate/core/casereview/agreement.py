"""How far two reviewers agree, question by question, over the cases both reviewed.

For each question the two readings of a case are compared as what the results count: the answer
given (not applicable included), or "hidden" when the skip logic hid the question, or "missing".
The agreement rate is the share of cases with the same reading; Cohen's kappa corrects it for the
agreement expected by chance from each reviewer's own spread of readings
(:func:`inspectorate.core.stats.agreement.cohens_kappa`). Where both reviewers gave one and the same
reading every time, chance agreement is certain and kappa is undefined: it is reported as None, not
as 1 or 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from inspectorate.core.casereview.answers import CaseReading, State
from inspectorate.core.casereview.spec import Template
from inspectorate.core.stats.agreement import cohens_kappa

METHOD = "agreement: share of double-reviewed cases read alike; Cohen's kappa (statsmodels) over the readings"


@dataclass(frozen=True)
class QuestionAgreement:
    name: str
    label: str
    pairs: int
    agreed: int
    kappa: float | None

    @property
    def rate(self) -> float | None:
        return self.agreed / self.pairs if self.pairs else None


def reading_of(reading: CaseReading, name: str) -> str:
    state = reading.states.get(name, State.MISSING)
    if state is State.SKIPPED:
        return "(hidden)"
    if state is State.MISSING:
        return "(missing)"
    return reading.answers[name]


def agreement(
    template: Template, pairs: Sequence[tuple[CaseReading, CaseReading]]
) -> tuple[QuestionAgreement, ...]:
    """Per answerable question, over (first review, second review) pairs of the same cases."""
    results = []
    for question in template.questions:
        if not question.answerable:
            continue
        first = [reading_of(a, question.name) for a, _ in pairs]
        second = [reading_of(b, question.name) for _, b in pairs]
        agreed = sum(a == b for a, b in zip(first, second, strict=True))
        results.append(
            QuestionAgreement(question.name, question.label, len(pairs), agreed, cohens_kappa(first, second))
        )
    return tuple(results)
