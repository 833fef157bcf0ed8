"""A review and its cases as plain data: the JSON twins and the CLI's --json are built from these."""

from __future__ import annotations

from typing import Any

from inspectorate.web.reviews.models import CaseAnswers, CaseReview, ReviewCase, ReviewTemplate


def template_summary(template: ReviewTemplate) -> dict[str, Any]:
    return {
        "id": template.template_id,
        "version": template.version,
        "title": template.title,
        "framework": template.framework,
        "sha256": template.sha256,
        "source": template.source,
    }


def review_summary(review: CaseReview) -> dict[str, Any]:
    return {
        "reference": review.reference,
        "code": str(review.code),
        "inspection": review.inspection.reference,
        "template": template_summary(review.template),
        "source": review.source,
        "synthetic": review.synthetic,
        "second_share": review.second_share,
        "seed": review.seed,
        "evidence": str(review.evidence.code) if review.evidence else None,
        "created_at": review.created_at.isoformat(),
    }


def answers_document(answers: CaseAnswers | None) -> dict[str, Any] | None:
    if answers is None:
        return None
    return {
        "status": answers.status,
        "reviewer": answers.reviewer.username if answers.reviewer else None,
        "revision": answers.revision,
        "saved_at": answers.saved_at.isoformat() if answers.saved_at else None,
        "answers": dict(answers.answers),
    }


def case_document(case: ReviewCase, sets: dict[str, CaseAnswers]) -> dict[str, Any]:
    return {
        "number": case.number,
        "case_ref": case.case_ref,
        "crime_id": case.crime_id,
        "offence": case.offence,
        "reported_on": case.reported_on,
        "summary": case.summary,
        "second_review": case.second_review,
        "first": answers_document(sets.get("first")),
        "second": answers_document(sets.get("second")) if case.second_review else None,
    }
