"""An inspection's case-file reviews: the list, with the form to start one.

Whoever may see the inspection sees its reviews and their progress. Writers start reviews; a POST
from anyone else who may see the inspection is refused with 403.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from inspectorate.core.casereview.cases import default_period
from inspectorate.core.casereview.spec import Template
from inspectorate.core.data.store import Dataset, default_dataset
from inspectorate.core.problems import InputError, ProblemsError
from inspectorate.web.fieldwork.access import READ_ONLY, fieldwork_open, refuse_closed_fieldwork
from inspectorate.web.inspections.access import get_inspection_for_user
from inspectorate.web.inspections.documents import InspectionSummary, inspection_summary
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.documents import PageDocument, Row
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.pages.uploads import saved_upload
from inspectorate.web.reviews.documents import review_summary
from inspectorate.web.reviews.forms import DATASET, FILE, NewReviewForm
from inspectorate.web.reviews.models import CaseReview
from inspectorate.web.reviews.results import (
    review_progress,
)
from inspectorate.web.reviews.services import next_reference
from inspectorate.web.reviews.starting import DrawnCases, NamedFile, ReviewStart, start_review
from inspectorate.web.reviews.views.common import review_url, shipped_for
from inspectorate.web.workspace import data_store


def _new_review_initial(inspection: Inspection, datasets: list[Dataset]) -> dict[str, Any]:
    initial: dict[str, Any] = {"reference": next_reference(inspection)}
    shipped = shipped_for(inspection)
    if shipped:
        initial["template"] = next(iter(shipped))
    chosen = default_dataset(datasets)
    if chosen is not None:
        initial["dataset"] = chosen.name
        period = default_period(chosen)
        if period is not None:
            initial["start"], initial["end"] = period
    return initial


def _form_kwargs(
    inspection: Inspection, shipped: dict[str, Template], datasets: list[Dataset]
) -> dict[str, Any]:
    return {
        "templates": shipped,
        "datasets": datasets,
        "framework": inspection.framework_id,
        "force": inspection.force.name,
        "force_id": inspection.force_id,
    }


def _start_review(request: HttpRequest, inspection: Inspection, form: NewReviewForm) -> CaseReview:
    """The review the form asks for (services in reviews/starting.py), with its files in a scratch
    folder under the names they were sent with."""
    data = form.cleaned_data
    with ExitStack() as files:

        def sent(field: str) -> NamedFile:
            upload = data[field]
            return NamedFile(files.enter_context(saved_upload(upload, "inspectorate-review-")), upload.name)

        template = sent("template_file") if data["template_from"] == FILE else data["template"]
        cases = (
            DrawnCases(
                data["dataset"], data["count"], data["start"], data["end"], tuple(data["offence_groups"])
            )
            if data["cases_from"] == DATASET
            else sent("case_file")
        )
        start = ReviewStart(template, cases, data["second_share"], data["seed"], data["reference"])
        return start_review(inspection, start, signed_in(request))


class ReviewListRow(Row):
    """A review and its progress as one line."""

    reference: str
    code: str
    inspection: str
    template: str
    """The template as id@version."""
    source: str
    synthetic: bool
    second_share: float
    seed: int
    evidence: str | None
    created_at: str
    cases: int
    complete: int
    drafts: int
    not_started: int
    second_review_picked: int
    second_review_complete: int


def list_row(review: CaseReview) -> ReviewListRow:
    summary = review_summary(review)
    return ReviewListRow(
        **summary.model_dump(exclude={"template"}),
        template=f"{summary.template.id}@{summary.template.version}",
        **review_progress(review).document().model_dump(),
    )


class ReviewListPage(PageDocument):
    ROW = ReviewListRow
    inspection: InspectionSummary
    reviews: list[ReviewListRow]

    def csv_rows(self) -> Sequence[ReviewListRow]:
        return self.reviews


def review_list(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    is_open = fieldwork_open(inspection)
    store = data_store()
    datasets = store.datasets(inspection.force_id)
    shipped = shipped_for(inspection)
    form, problems = None, []
    if request.method == "POST" and fmt == "html":
        if not can_write:
            raise PermissionDenied(READ_ONLY)
        refuse_closed_fieldwork(inspection)
        form = NewReviewForm(request.POST, request.FILES, **_form_kwargs(inspection, shipped, datasets))
        if form.is_valid():
            try:
                review = _start_review(request, inspection, form)
            except ProblemsError as exc:
                problems = [str(problem) for problem in exc.problems]
            except InputError as exc:
                form.add_error(None, " ".join(str(exc).split()))
            else:
                picked = review.cases.filter(second_review=True).count()
                messages.success(
                    request,
                    f"{review.reference}: {review.cases.count():,} cases to review against {review.template} "
                    f"({picked:,} picked for a second review).",
                )
                return HttpResponseRedirect(review_url(review))
    elif can_write and is_open and fmt == "html":
        form = NewReviewForm(
            initial=_new_review_initial(inspection, datasets), **_form_kwargs(inspection, shipped, datasets)
        )
    reviews = list(inspection.case_reviews.select_related("template", "evidence"))
    for review in reviews:
        review.inspection = inspection
    document = ReviewListPage(
        inspection=inspection_summary(inspection), reviews=[list_row(review) for review in reviews]
    )
    context = {
        "inspection": inspection,
        "can_write": can_write,
        "fieldwork_open": is_open,
        "datasets": datasets,
        "shipped": shipped,
        "reviews": document.reviews,
        "form": form,
        "problems": problems,
    }
    title = f"Case-file reviews of {inspection.reference}"
    filename = f"{inspection.reference}-reviews"
    page = Page("reviews/review_list.html", title, document, context, filename)
    return render_page(request, fmt, page)
