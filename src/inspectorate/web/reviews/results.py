"""A review's progress, results, agreement and the evidence record they become.

Results are over the completed first reviews: a draft is work in progress and is not counted
(its number is shown). Agreement is over the cases whose first and second reviews are complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
from inspectorate.web.inspections.models import Evidence, EvidenceKind
from inspectorate.web.reviews.models import AnswerStatus, CaseAnswers, CaseReview, Role


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

    def to_json(self) -> dict[str, int]:
        return {
            "cases": self.cases,
            "complete": self.complete,
            "drafts": self.drafts,
            "not_started": self.not_started,
            "second_review_picked": self.second_picked,
            "second_review_complete": self.second_complete,
        }


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


def question_row(result: QuestionResult) -> dict[str, Any]:
    interval = result.interval
    return {
        "question": result.name,
        "label": result.label,
        "section": result.section,
        "areas": list(result.areas),
        "n_of_m": result.counts_met,
        "met": result.met if result.counts_met else None,
        "applicable": result.applicable if result.counts_met else None,
        "percent": _rate(result.rate),
        "lower": _rate(interval.lower) if interval else None,
        "upper": _rate(interval.upper) if interval else None,
        "not_applicable": result.not_applicable,
        "hidden_by_skip_logic": result.skipped,
        "missing": result.missing,
        "answered": result.answered,
        "answers": dict(result.answers) if result.answers else None,
    }


def agreement_row(result: QuestionAgreement) -> dict[str, Any]:
    return {
        "question": result.name,
        "label": result.label,
        "pairs": result.pairs,
        "agreed": result.agreed,
        "percent": _rate(result.rate),
        "kappa": None if result.kappa is None else round(result.kappa, 3),
    }


def outcome_json(outcome: ReviewOutcome) -> dict[str, Any]:
    return {
        "progress": outcome.progress.to_json(),
        "method": METHOD,
        "questions": [question_row(result) for result in outcome.results.questions],
        "areas": [
            {
                "area": rollup.area,
                "title": outcome.area_title(rollup.area),
                "questions": list(rollup.questions),
                "met": rollup.met,
                "applicable": rollup.applicable,
                "percent": _rate(rollup.rate),
            }
            for rollup in outcome.results.areas
        ],
        "area_method": ROLLUP_METHOD,
        "agreement": [agreement_row(result) for result in outcome.agreement],
        "agreement_method": AGREEMENT_METHOD,
    }


def outcome_rows(outcome: ReviewOutcome) -> list[dict[str, Any]]:
    """One row per question with its result and its agreement, for the CSV twin."""
    agreed = {result.name: result for result in outcome.agreement}
    rows = []
    for result in outcome.results.questions:
        row = {
            "review": outcome.review.reference,
            "synthetic": outcome.review.synthetic,
            **question_row(result),
        }
        row["answers"] = "; ".join(f"{answer}: {count}" for answer, count in result.answers.items())
        pair = agreed.get(result.name)
        row |= {
            "agreement_pairs": pair.pairs if pair else 0,
            "agreement_percent": _rate(pair.rate) if pair else None,
            "kappa": None if pair is None or pair.kappa is None else round(pair.kappa, 3),
        }
        rows.append(row)
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
