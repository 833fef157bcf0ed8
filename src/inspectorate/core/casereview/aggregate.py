"""A review's results: for each question, "N of M applicable cases", the way the reports give them
(a THRIVE+ assessment was made in 21 of the 107 incidents where one applied, in 2021/22).

For a yes/no question, N counts "yes" and M counts the cases where it applied: shown by the skip
logic and answered with something other than "not applicable". Answered not applicable, hidden by
the skip logic and left unanswered are each counted apart and never in M. M cases reviewed in a
random sample give N/M a Wilson 95 percent interval. Other choice questions get a count per answer.
Free text, numbers and dates are only counted: their words can name the people of a case, and
results may be published.

An area's roll-up pools its questions' checks: met N of M applicable checks. The checks of one case
are not independent of each other, so the pooled figure is a description and has no interval.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from inspectorate.core.casereview.answers import CaseReading, State
from inspectorate.core.casereview.spec import COUNTED_CHOICE, QuestionType, Template
from inspectorate.core.stats.intervals import Interval, wilson_interval

METHOD = (
    "N of M: N cases answered yes among the M where the question applied (shown by the skip logic and "
    "not answered not applicable); 95 percent Wilson score interval"
)
ROLLUP_METHOD = "checks met over applicable checks, pooled across the area's questions; no interval"


@dataclass(frozen=True)
class QuestionResult:
    name: str
    label: str
    section: str
    areas: tuple[str, ...]
    counts_met: bool  # an "N of M" question; otherwise only the answers' counts mean anything
    met: int  # N
    applicable: int  # M
    not_applicable: int
    skipped: int
    missing: int
    answered: int  # shown and answered, not applicable included
    answers: dict[str, int]  # each choice given, with its count; empty for text, numbers and dates
    interval: Interval | None

    @property
    def rate(self) -> float | None:
        return self.met / self.applicable if self.counts_met and self.applicable else None

    @property
    def text(self) -> str:
        """``21 of 107`` for an N of M question, else the most frequent answers."""
        if self.counts_met:
            return f"{self.met} of {self.applicable}"
        if not self.answers:
            return f"answered in {self.answered} cases"
        return ", ".join(f"{answer}: {count}" for answer, count in Counter(self.answers).most_common(3))


@dataclass(frozen=True)
class AreaRollup:
    area: str
    questions: tuple[str, ...]
    met: int
    applicable: int

    @property
    def rate(self) -> float | None:
        return self.met / self.applicable if self.applicable else None


@dataclass(frozen=True)
class ReviewResults:
    template: str
    cases: int
    questions: tuple[QuestionResult, ...]
    areas: tuple[AreaRollup, ...]

    def question(self, name: str) -> QuestionResult:
        return next(result for result in self.questions if result.name == name)


def aggregate(template: Template, readings: Sequence[CaseReading]) -> ReviewResults:
    """Results over the cases read (normally the first, completed review of each case)."""
    results: list[QuestionResult] = []
    for question in template.questions:
        if not question.answerable:
            continue
        states = Counter(reading.states.get(question.name, State.MISSING) for reading in readings)
        given = Counter(
            reading.answers[question.name]
            for reading in readings
            if reading.states.get(question.name) in (State.ANSWERED, State.NOT_APPLICABLE)
        )
        choices = question.type in (QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE)
        counts_met = template.counts_met(question)
        applicable = states[State.ANSWERED]
        met = given[COUNTED_CHOICE] if counts_met else 0
        results.append(
            QuestionResult(
                name=question.name,
                label=question.label,
                section=question.section,
                areas=question.areas,
                counts_met=counts_met,
                met=met,
                applicable=applicable if counts_met else 0,
                not_applicable=states[State.NOT_APPLICABLE],
                skipped=states[State.SKIPPED],
                missing=states[State.MISSING],
                answered=sum(given.values()),
                answers=dict(given) if choices else {},
                interval=wilson_interval(met, applicable) if counts_met and applicable else None,
            )
        )
    return ReviewResults(template.key, len(readings), tuple(results), _rollups(template, results))


def _rollups(template: Template, results: Sequence[QuestionResult]) -> tuple[AreaRollup, ...]:
    rollups = []
    for area in template.areas():
        members = [result for result in results if area in result.areas and result.counts_met]
        rollups.append(
            AreaRollup(
                area=area,
                questions=tuple(result.name for result in members),
                met=sum(result.met for result in members),
                applicable=sum(result.applicable for result in members),
            )
        )
    return tuple(rollups)
