"""One review's page and twins: its progress, "N of M applicable cases" per question, area roll-ups
and agreement. The cases themselves (their references, the reviewers' answers) and the answer sheet
are working material for the team and staff only (web/fieldwork/access.py). Writers import answer
sheets and record the results as evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

from django import forms
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST, require_safe

from inspectorate.core.casereview.spec import Template
from inspectorate.web.fieldwork.access import fieldwork_open
from inspectorate.web.fieldwork.views import evidence_behind, record_as_evidence, sheet_download, sheet_import
from inspectorate.web.inspections.access import can_see_audit_records
from inspectorate.web.pages.documents import Document, PageDocument
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.reviews.documents import ReviewSummary, review_summary
from inspectorate.web.reviews.forms import AnswerSheetUploadForm
from inspectorate.web.reviews.models import CaseAnswers, CaseReview, Role
from inspectorate.web.reviews.results import (
    OutcomeDocument,
    QuestionFigures,
    ResultRow,
    outcome_document,
    outcome_rows,
    record_evidence,
    review_outcome,
)
from inspectorate.web.reviews.sheets import export_sheet, import_sheet
from inspectorate.web.reviews.views.common import REVIEWS, case_url, next_case, review_url


def _sections(template: Template, questions: list[QuestionFigures]) -> list[dict[str, Any]]:
    """The question rows grouped by section, in the template's order, each answer with its label."""
    rows = {row.question: row for row in questions}
    groups: list[dict[str, Any]] = []
    for question in template.questions:
        if question.name not in rows:
            continue
        if not groups or groups[-1]["name"] != question.section:
            section = template.section(question.section)
            groups.append({"name": question.section, "label": section.label if section else "", "rows": []})
        labels = {choice.name: choice.label for choice in template.choices_of(question)}
        row = rows[question.name]
        answers = [(labels.get(answer, answer), count) for answer, count in (row.answers or {}).items()]
        groups[-1]["rows"].append({**row.model_dump(), "answer_labels": answers})
    return groups


class ReviewState(Document):
    status: str
    """not started, draft or complete."""
    reviewer: str | None


class CaseLine(Document):
    """A case and the state of its reviews."""

    number: int
    case_ref: str
    offence: str
    reported_on: str
    second_review: bool
    first: ReviewState
    second: ReviewState | None


def case_rows(review: CaseReview) -> list[CaseLine]:
    """Each case with the state of its reviews: for the team's case list only."""
    sets = {
        (a.case_id, a.role): a
        for a in CaseAnswers.objects.filter(case__review=review).select_related("reviewer")
    }

    def state(answers: CaseAnswers | None) -> ReviewState:
        if answers is None:
            return ReviewState(status="not started", reviewer=None)
        reviewer = answers.reviewer.username if answers.reviewer else None
        return ReviewState(status=answers.status, reviewer=reviewer)

    rows = []
    for case in review.cases.all():
        first = state(sets.get((case.pk, Role.FIRST)))
        second = state(sets.get((case.pk, Role.SECOND))) if case.second_review else None
        rows.append(
            CaseLine(
                number=case.number,
                case_ref=case.case_ref,
                offence=case.offence,
                reported_on=case.reported_on,
                second_review=case.second_review,
                first=first,
                second=second,
            )
        )
    return rows


class ReviewPage(PageDocument):
    ROW = ResultRow
    summary: ReviewSummary
    results: OutcomeDocument
    cases: list[CaseLine] | None = None
    """Each case and the state of its reviews: for the inspection team and staff only."""

    def csv_rows(self) -> Sequence[ResultRow]:
        return outcome_rows(self.summary, self.results)


def review_page(
    request: HttpRequest,
    fmt: Fmt,
    review: CaseReview,
    can_write: bool,
    *,
    upload_form: AnswerSheetUploadForm | None = None,
    upload_problems: list[str] | None = None,
) -> HttpResponse:
    """The review's page; the answer-sheet import shows it again with its problems."""
    see_cases = can_see_audit_records(request.user, review.inspection)
    document = ReviewPage(
        summary=review_summary(review),
        results=outcome_document(review_outcome(review)),
        cases=case_rows(review) if see_cases else None,
    )
    results = document.results
    context: dict[str, Any] = {
        "inspection": review.inspection,
        "review": review,
        # Its forms are offered while they may be sent: to a writer, until the report is published.
        "can_write": can_write and fieldwork_open(review.inspection),
        "fieldwork_open": fieldwork_open(review.inspection),
        "can_see_cases": see_cases,
        # Named here, as the answer-sheet import shows this page at its own URL.
        "twins": {twin: review_url(review, f"review.{twin}") for twin in ("json", "csv")},
    }
    if fmt == "html":
        template = review.template.spec
        user = signed_in(request)
        upcoming = next_case(review, Role.FIRST, user) if see_cases else None
        second = next_case(review, Role.SECOND, user) if see_cases and can_write else None
        context |= {
            "template": template,
            "summary": document.summary,
            "progress": results.progress,
            "sections": _sections(template, results.questions),
            "areas": results.areas,
            "agreement": [row for row in results.agreement if row.pairs],
            "results": results,
            "cases": document.cases or [],
            "continue_url": case_url(review, upcoming.number) if upcoming else None,
            "second_url": case_url(review, second.number, Role.SECOND) if second else None,
            "upload_form": upload_form or AnswerSheetUploadForm(),
            "upload_problems": upload_problems or [],
            "evidence": review.evidence,
            "evidence_behind": evidence_behind(
                review.evidence,
                CaseAnswers.objects.filter(case__review=review).aggregate(latest=Max("saved_at"))["latest"],
            ),
        }
    page = Page("reviews/review_detail.html", review.reference, document, context, review.reference)
    return render_page(request, fmt, page)


@require_safe
def review_detail(request: HttpRequest, fmt: Fmt, code: UUID, review_code: UUID) -> HttpResponse:
    review, can_write = REVIEWS.for_user(request, code, review_code)
    return review_page(request, fmt, review, can_write)


@require_POST
def review_evidence(request: HttpRequest, code: UUID, review_code: UUID) -> HttpResponse:
    review = REVIEWS.writable(request, code, review_code)
    record = lambda user: record_evidence(review, user)  # noqa: E731
    return record_as_evidence(request, record, "review", review_url(review, anchor="evidence"))


# The answer sheet: downloads, not twins, as it is the cases to fill in, not a view of the page ------


@require_safe
def answer_sheet(request: HttpRequest, code: UUID, review_code: UUID, fmt: str) -> HttpResponse:
    review, can_write = REVIEWS.material_for_user(request, code, review_code)
    # The blind second review holds in the sheet too: what this person may not see is withheld.
    user = signed_in(request)
    return sheet_download(
        review.reference, "answers", fmt, lambda path: export_sheet(review, path, user, can_write)
    )


@require_POST
def answer_sheet_import(request: HttpRequest, code: UUID, review_code: UUID) -> HttpResponse:
    review = REVIEWS.writable(request, code, review_code, material=True)
    user = signed_in(request)

    def run(path: Path, name: str) -> str:
        return import_sheet(review, path, user, source_name=name).summary()

    def again(form: forms.Form, problems: list[str]) -> HttpResponse:
        assert isinstance(form, AnswerSheetUploadForm)
        return review_page(request, "html", review, True, upload_form=form, upload_problems=problems)

    form = AnswerSheetUploadForm(request.POST, request.FILES)
    return sheet_import(request, form, "sheet", "answer sheet", run, review_url(review), again)
