"""A review and its cases as typed documents: the JSON twins and the CLI's --json are built from these."""

from __future__ import annotations

from collections.abc import Mapping

from inspectorate.web.pages.documents import Document
from inspectorate.web.reviews.models import CaseAnswers, CaseReview, ReviewCase, ReviewTemplate


class StoredTemplate(Document):
    """A template version as stored the first time a review used it."""

    id: str
    version: str
    title: str
    framework: str
    sha256: str
    """SHA-256 of the compiled template: a stored version never changes."""
    source: str
    """Where it was compiled from."""


def template_summary(template: ReviewTemplate) -> StoredTemplate:
    return StoredTemplate(
        id=template.template_id,
        version=template.version,
        title=template.title,
        framework=template.framework,
        sha256=template.sha256,
        source=template.source,
    )


class ReviewSummary(Document):
    reference: str
    code: str
    inspection: str
    """The inspection's reference."""
    template: StoredTemplate
    source: str
    """Where the cases came from: a dataset or a file."""
    synthetic: bool
    second_share: float
    """The share of cases picked for a second review."""
    seed: int
    evidence: str | None
    """The evidence record the results were recorded as (its code)."""
    created_at: str


def review_summary(review: CaseReview) -> ReviewSummary:
    return ReviewSummary(
        reference=review.reference,
        code=str(review.code),
        inspection=review.inspection.reference,
        template=template_summary(review.template),
        source=review.source,
        synthetic=review.synthetic,
        second_share=review.second_share,
        seed=review.seed,
        evidence=str(review.evidence.code) if review.evidence else None,
        created_at=review.created_at.isoformat(),
    )


class AnswersDocument(Document):
    """One reviewer's answers to a case."""

    status: str
    """draft or complete."""
    reviewer: str | None
    revision: int
    saved_at: str | None
    answers: dict[str, str] | None
    """By question name; none while the blind second review withholds them."""
    blind: str | None = None
    """Why the answers are withheld, when they are."""


def answers_document(answers: CaseAnswers | None) -> AnswersDocument | None:
    if answers is None:
        return None
    return AnswersDocument(
        status=answers.status,
        reviewer=answers.reviewer.username if answers.reviewer else None,
        revision=answers.revision,
        saved_at=answers.saved_at.isoformat() if answers.saved_at else None,
        answers=dict(answers.answers),
    )


class CaseDocument(Document):
    number: int
    case_ref: str
    crime_id: str
    offence: str
    reported_on: str
    summary: str
    second_review: bool
    """Picked to be reviewed again, blind, by someone else."""
    first: AnswersDocument | None
    second: AnswersDocument | None


def case_document(case: ReviewCase, sets: Mapping[str, CaseAnswers]) -> CaseDocument:
    return CaseDocument(
        number=case.number,
        case_ref=case.case_ref,
        crime_id=case.crime_id,
        offence=case.offence,
        reported_on=case.reported_on,
        summary=case.summary,
        second_review=case.second_review,
        first=answers_document(sets.get("first")),
        second=answers_document(sets.get("second")) if case.second_review else None,
    )
