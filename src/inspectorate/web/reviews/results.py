"""A review's progress, results, agreement and the evidence record they become.

Results are over the completed first reviews: a draft is work in progress and is not counted
(its number is shown). Agreement is over the cases whose first and second reviews are complete.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from inspectorate.core.casereview.aggregate import (
    METHOD,
    ROLLUP_METHOD,
    QuestionResult,
    ReviewResults,
    aggregate,
)
from inspectorate.core.casereview.agreement import METHOD as AGREEMENT_METHOD
from inspectorate.core.casereview.agreement import QuestionAgreement, agreement
from inspectorate.core.casereview.answers import CaseReading, read_answers
from inspectorate.core.problems import InputError
from inspectorate.web.inspections.locking import ensure_fieldwork_open
from inspectorate.web.inspections.models import Evidence, EvidenceKind
from inspectorate.web.pages.documents import Document, Row
from inspectorate.web.reviews.documents import ReviewSummary
from inspectorate.web.reviews.models import AnswerStatus, CaseAnswers, CaseReview, Role


class ProgressDocument(Document):
    cases: int
    complete: int
    """Cases whose first review is complete: only these are counted in the results."""
    drafts: int
    not_started: int
    second_review_picked: int
    second_review_complete: int


@dataclass(frozen=True)
class Progress:
    cases: int
    complete: int
    drafts: int
    second_picked: int
    second_complete: int

    @property
    def not_started(self) -> int:
        return self.cases - self.complete - self.drafts

    def document(self) -> ProgressDocument:
        return ProgressDocument(
            cases=self.cases,
            complete=self.complete,
            drafts=self.drafts,
            not_started=self.not_started,
            second_review_picked=self.second_picked,
            second_review_complete=self.second_complete,
        )


@dataclass(frozen=True)
class ReviewOutcome:
    review: CaseReview
    progress: Progress
    results: ReviewResults
    agreement: tuple[QuestionAgreement, ...]

    def area_title(self, area_id: str) -> str:
        try:
            return self.review.inspection.spec.area(area_id).title
        except KeyError:
            return area_id


Key = tuple[int, str]  # (case id, role)


def _statuses(review: CaseReview) -> dict[Key, str]:
    rows = CaseAnswers.objects.filter(case__review=review).values_list("case_id", "role", "status")
    return {(case_id, role): status for case_id, role, status in rows}


def _done(statuses: dict[Key, str], case_id: int, role: str) -> bool:
    return statuses.get((case_id, role)) == AnswerStatus.COMPLETE


def _progress(cases: list[tuple[int, bool]], statuses: dict[Key, str]) -> Progress:
    return Progress(
        cases=len(cases),
        complete=sum(_done(statuses, case_id, Role.FIRST) for case_id, _ in cases),
        drafts=sum(statuses.get((case_id, Role.FIRST)) == AnswerStatus.DRAFT for case_id, _ in cases),
        second_picked=sum(picked for _, picked in cases),
        second_complete=sum(_done(statuses, case_id, Role.SECOND) for case_id, _ in cases),
    )


def review_progress(review: CaseReview) -> Progress:
    """How far the review has got, from the answer sets' statuses alone (for lists of reviews,
    which need no answer read)."""
    return _progress(list(review.cases.values_list("id", "second_review")), _statuses(review))


def review_outcome(review: CaseReview) -> ReviewOutcome:
    template = review.template.spec
    readings: dict[Key, CaseReading] = {}
    statuses: dict[Key, str] = {}
    for answers in CaseAnswers.objects.filter(case__review=review).only(
        "case_id", "role", "answers", "status"
    ):
        key = (answers.case_id, answers.role)
        statuses[key] = answers.status
        readings[key] = read_answers(template, answers.answers, complete=False)
    cases = list(review.cases.values_list("id", "second_review"))
    complete = [case_id for case_id, _ in cases if _done(statuses, case_id, Role.FIRST)]
    paired = [
        case_id
        for case_id, picked in cases
        if picked and _done(statuses, case_id, Role.FIRST) and _done(statuses, case_id, Role.SECOND)
    ]
    results = aggregate(template, [readings[(case_id, Role.FIRST)] for case_id in complete])
    pairs = [(readings[(case_id, Role.FIRST)], readings[(case_id, Role.SECOND)]) for case_id in paired]
    return ReviewOutcome(review, _progress(cases, statuses), results, agreement(template, pairs))


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


class QuestionFacts(Row):
    """A question's result, each figure a single value."""

    question: str
    label: str
    section: str
    areas: list[str]
    n_of_m: bool
    """Whether the question is a check counted as N of M (a fact about the case is not)."""
    met: int | None
    applicable: int | None
    percent: float | None
    lower: float | None
    upper: float | None
    not_applicable: int
    hidden_by_skip_logic: int
    missing: int
    answered: int


class QuestionFigures(QuestionFacts):
    """A question's result: "N of M applicable cases" with its 95% interval, for a check."""

    answers: dict[str, int] | None
    """How many cases gave each answer."""


def question_figures(result: QuestionResult) -> QuestionFigures:
    interval = result.interval
    return QuestionFigures(
        question=result.name,
        label=result.label,
        section=result.section,
        areas=list(result.areas),
        n_of_m=result.counts_met,
        met=result.met if result.counts_met else None,
        applicable=result.applicable if result.counts_met else None,
        percent=_rate(result.rate),
        lower=_rate(interval.lower) if interval else None,
        upper=_rate(interval.upper) if interval else None,
        not_applicable=result.not_applicable,
        hidden_by_skip_logic=result.skipped,
        missing=result.missing,
        answered=result.answered,
        answers=dict(result.answers) if result.answers else None,
    )


class AgreementFigures(Document):
    question: str
    label: str
    pairs: int
    """Cases whose first and second reviews are both complete."""
    agreed: int
    percent: float | None
    kappa: float | None
    """Cohen's kappa."""


def agreement_figures(result: QuestionAgreement) -> AgreementFigures:
    return AgreementFigures(
        question=result.name,
        label=result.label,
        pairs=result.pairs,
        agreed=result.agreed,
        percent=_rate(result.rate),
        kappa=None if result.kappa is None else round(result.kappa, 3),
    )


class AreaFigures(Document):
    """An area's checks pooled: no interval, as checks within a case are not independent."""

    area: str
    title: str
    questions: list[str]
    met: int
    applicable: int
    percent: float | None


class OutcomeDocument(Document):
    progress: ProgressDocument
    method: str
    questions: list[QuestionFigures]
    areas: list[AreaFigures]
    area_method: str
    agreement: list[AgreementFigures]
    agreement_method: str


def outcome_document(outcome: ReviewOutcome) -> OutcomeDocument:
    return OutcomeDocument(
        progress=outcome.progress.document(),
        method=METHOD,
        questions=[question_figures(result) for result in outcome.results.questions],
        areas=[
            AreaFigures(
                area=rollup.area,
                title=outcome.area_title(rollup.area),
                questions=list(rollup.questions),
                met=rollup.met,
                applicable=rollup.applicable,
                percent=_rate(rollup.rate),
            )
            for rollup in outcome.results.areas
        ],
        area_method=ROLLUP_METHOD,
        agreement=[agreement_figures(result) for result in outcome.agreement],
        agreement_method=AGREEMENT_METHOD,
    )


class ReviewOf(Row):
    review: str
    synthetic: bool


class ResultRow(QuestionFacts, ReviewOf):
    """A question's result and its agreement, as one CSV line."""

    answers: str
    """Each answer with how many cases gave it: "yes: 21; no: 86"."""
    agreement_pairs: int
    agreement_percent: float | None
    kappa: float | None


def outcome_rows(review: ReviewSummary, outcome: OutcomeDocument) -> list[ResultRow]:
    """One row per question with its result and its agreement, for the CSV twin."""
    agreed = {figures.question: figures for figures in outcome.agreement}
    rows = []
    for figures in outcome.questions:
        pair = agreed.get(figures.question)
        answers = "; ".join(f"{answer}: {count}" for answer, count in (figures.answers or {}).items())
        rows.append(
            ResultRow(
                **figures.model_dump(exclude={"answers"}),
                review=review.reference,
                synthetic=review.synthetic,
                answers=answers,
                agreement_pairs=pair.pairs if pair else 0,
                agreement_percent=pair.percent if pair else None,
                kappa=pair.kappa if pair else None,
            )
        )
    return rows


def result_line(result: QuestionResult) -> str:
    """``THRIVE+ ...: 21 of 107 applicable cases (19.6%, 95% CI 13.2% to 28.1%)``."""
    if not result.counts_met:
        return f"{result.label} {result.text}"
    if not result.applicable:
        return f"{result.label} applied in none of the cases reviewed"
    interval = result.interval
    assert interval is not None and result.rate is not None
    return (
        f"{result.label} {result.met} of {result.applicable} applicable cases ({result.rate:.1%}, "
        f"95% CI {interval.lower:.1%} to {interval.upper:.1%})"
    )


def results_text(outcome: ReviewOutcome) -> list[str]:
    review, progress = outcome.review, outcome.progress
    lines = [
        f"Case-file review {review.reference}: {progress.complete} of {progress.cases} cases reviewed in "
        f"full against {review.template} ({review.source}).",
    ]
    if review.synthetic:
        lines.append("SYNTHETIC: the cases come from a synthetic data return.")
    if progress.complete < progress.cases:
        lines.append(f"Provisional: {progress.cases - progress.complete} cases are not yet reviewed in full.")
    template = review.template.spec
    for section in template.sections:
        # Checks only: a fact about the case (was the victim a repeat victim?) informs no area.
        found = [
            r for r in outcome.results.questions
            if r.section == section.name and r.counts_met and r.applicable and r.areas
        ]  # fmt: skip
        if found:
            lines.append("")
            lines.append(f"{section.label}:")
            lines.extend(f"- {result_line(result)}" for result in found)
    rollups = [rollup for rollup in outcome.results.areas if rollup.applicable]
    if rollups:
        lines.append("")
        lines.append("Checks met by area (pooled over the area's questions):")
        lines.extend(
            f"- {outcome.area_title(r.area)}: {r.met} of {r.applicable} ({r.met / r.applicable:.1%})"
            for r in rollups
        )
    double = [result for result in outcome.agreement if result.pairs]
    if double:
        lines.append("")
        agreed, compared = sum(r.agreed for r in double), sum(r.pairs for r in double)
        lines.append(
            f"Second review of {double[0].pairs} cases: "
            f"the reviewers agreed on {agreed} of {compared} answers."
        )
    return lines


def record_evidence(review: CaseReview, user: User | None) -> Evidence:
    """Write (or refresh) the review's evidence record, linked to every area its questions inform."""
    ensure_fieldwork_open(review.inspection)
    outcome = review_outcome(review)
    if not outcome.progress.complete:
        raise InputError(
            f"{review.reference}: no case is reviewed in full yet, so there is nothing to record"
        )
    areas = [rollup.area for rollup in outcome.results.areas if rollup.applicable]
    known = {place.area.id for place in review.inspection.spec.walk()}
    with transaction.atomic():
        evidence = review.evidence or Evidence(inspection=review.inspection, kind=EvidenceKind.CASE_REVIEW)
        evidence.title = f"Case-file review {review.reference}"
        evidence.description = "\n".join(results_text(outcome))
        evidence.area_ids = [area for area in areas if area in known]
        evidence.collected_on = timezone.localdate()
        evidence.attributed_to = f"Case-file review of {outcome.progress.complete} cases"
        if evidence.created_by is None:
            evidence.created_by = user
        evidence.save()
        if review.evidence_id != evidence.pk:
            review.evidence = evidence
            review.save(update_fields=["evidence"])
    return evidence
