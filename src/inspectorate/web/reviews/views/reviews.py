"""An inspection's case-file reviews: the list with the form to start one, and each review's page.

Whoever may see the inspection sees its reviews and their aggregate results ("N of M applicable
cases", area roll-ups, agreement) with their twins. The cases themselves (their references, the
reviewers' answers) and the answer sheet are working material for the team and staff only
(``get_review_cases_for_user``): anyone else gets a 404, even once the inspection is published, as
for an audit's records. Writers start reviews, import answer sheets and record the results as
evidence; a POST from anyone else who may see the inspection is refused with 403.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from inspectorate.core.casereview.cases import CaseFile, default_period, draw_review_cases, read_case_list
from inspectorate.core.casereview.compile import compile_workbook
from inspectorate.core.casereview.library import templates
from inspectorate.core.casereview.sheets import read_xlsx, read_yaml
from inspectorate.core.casereview.spec import Template
from inspectorate.core.data.store import Dataset, DataStore
from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.web.audits.services import data_store
from inspectorate.web.front.twins import Page, render_page
from inspectorate.web.front.uploads import (
    SHEET_TYPES,
    import_upload,
    safe_name,
    saved_upload,
    written_download,
)
from inspectorate.web.inspections.access import can_see_audit_records, get_inspection_for_user
from inspectorate.web.inspections.documents import inspection_summary
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.reviews.documents import review_summary
from inspectorate.web.reviews.forms import DATASET, FILE, AnswerSheetUploadForm, NewReviewForm
from inspectorate.web.reviews.models import AnswerStatus, CaseAnswers, CaseReview, ReviewCase, Role
from inspectorate.web.reviews.results import (
    outcome_json,
    outcome_rows,
    record_evidence,
    review_outcome,
    review_progress,
)
from inspectorate.web.reviews.services import create_review, next_reference
from inspectorate.web.reviews.sheets import export_sheet, import_sheet

READ_ONLY = "You may read this inspection but not change it."


def get_review_for_user(request: HttpRequest, code: Any, review_code: Any) -> tuple[CaseReview, bool]:
    """The review and whether this user may change it; 404 unless it belongs to an inspection they see."""
    inspection, can_write = get_inspection_for_user(request, code)
    review = inspection.case_reviews.select_related("template", "evidence").filter(code=review_code).first()
    if review is None:
        raise Http404("No such review")
    review.inspection = inspection  # already fetched with its force and framework
    return review, can_write


def can_see_cases(user: User | AnonymousUser, inspection: Inspection) -> bool:
    # Case references and answers are working material, as an audit's records are: the same rule.
    return can_see_audit_records(user, inspection)


def get_review_cases_for_user(request: HttpRequest, code: Any, review_code: Any) -> tuple[CaseReview, bool]:
    """As ``get_review_for_user``, for the cases and the answer sheet: 404 unless the team or staff."""
    review, can_write = get_review_for_user(request, code, review_code)
    if not can_see_cases(request.user, review.inspection):
        raise Http404("No such case")
    return review, can_write


def writable_review(request: HttpRequest, code: Any, review_code: Any, *, cases: bool = False) -> CaseReview:
    """The review, for a writer; ``cases`` for a change that shows cases (404 before 403)."""
    lookup = get_review_cases_for_user if cases else get_review_for_user
    review, can_write = lookup(request, code, review_code)
    if not can_write:
        raise PermissionDenied(READ_ONLY)
    return review


def review_url(review: CaseReview, name: str = "review", anchor: str = "") -> str:
    url = reverse(name, kwargs={"code": review.inspection.code, "review_code": review.code})
    return f"{url}#{anchor}" if anchor else url


def case_url(review: CaseReview, number: int, role: str = Role.FIRST) -> str:
    name = "review-case-second" if role == Role.SECOND else "review-case"
    return reverse(
        name, kwargs={"code": review.inspection.code, "review_code": review.code, "number": number}
    )


def signed_in(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def next_case(review: CaseReview, role: str, user: User | None, after: int = 0) -> ReviewCase | None:
    """The next case whose review in ``role`` is not complete, after ``after`` and then from the start.

    A second review is looked for only among the cases picked for one and not first reviewed by ``user``.
    """
    answers = CaseAnswers.objects.filter(case__review=review)
    cases = review.cases.exclude(
        pk__in=answers.filter(role=role, status=AnswerStatus.COMPLETE).values("case_id")
    )
    if role == Role.SECOND:
        cases = cases.filter(second_review=True)
        if user is not None:
            cases = cases.exclude(pk__in=answers.filter(role=Role.FIRST, reviewer=user).values("case_id"))
    cases = cases.order_by("number")
    return cases.filter(number__gt=after).first() or cases.first()


# The list, and starting a review -------------------------------------------------------------------


def shipped_for(inspection: Inspection) -> dict[str, Template]:
    return {key: t for key, t in templates().items() if t.framework == inspection.framework_id}


def _default_dataset(datasets: list[Dataset]) -> Dataset | None:
    # As on the numbers page: real data first, a synthetic dataset only when it is all there is.
    real = [d for d in datasets if not d.synthetic]
    return (real or datasets or [None])[0]


def _new_review_initial(inspection: Inspection, datasets: list[Dataset]) -> dict[str, Any]:
    initial: dict[str, Any] = {"reference": next_reference(inspection)}
    shipped = shipped_for(inspection)
    if shipped:
        initial["template"] = next(iter(shipped))
    chosen = _default_dataset(datasets)
    if chosen is not None:
        initial["dataset"] = chosen.name
        period = default_period(chosen)
        if period is not None:
            initial["start"], initial["end"] = period
    return initial


def compile_upload(upload: Any) -> Template:
    """A template from an uploaded workbook or YAML file; ProblemsError lists every located problem."""
    from inspectorate.core.casereview.export import to_xform

    content = upload.read()
    if upload.name.lower().endswith(".xlsx"):
        workbook = read_xlsx(content, upload.name)
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ProblemsError(
                [Problem(upload.name, None, "", f"is not UTF-8 text (byte {exc.start})")]
            ) from exc
        workbook = read_yaml(text, upload.name)
    template = compile_workbook(workbook)
    try:
        to_xform(template)  # XLSForm's own compiler must take it too, as the CLI checks
    except Exception as exc:  # pyxform raises its own error types, each with a message
        raise ProblemsError([Problem(upload.name, None, "", f"XLSForm compiler (pyxform): {exc}")]) from None
    return template


def _drawn_cases(
    store: DataStore, inspection: Inspection, data: dict[str, Any], seed: int
) -> tuple[list[CaseFile], str, bool]:
    dataset = store.dataset(inspection.force_id, data["dataset"])
    if dataset is None:
        raise InputError(f"{inspection.force.name} has no dataset {data['dataset']!r}")
    drawn = draw_review_cases(
        store, dataset, data["count"], seed, data["start"], data["end"], data["offence_groups"]
    )
    return drawn.cases, drawn.source, drawn.synthetic


def _start_review(
    request: HttpRequest, inspection: Inspection, form: NewReviewForm, store: DataStore
) -> CaseReview:
    """Raises ProblemsError with every problem of both files sent, InputError for anything else."""
    data = form.cleaned_data
    seed = data["seed"] if data["seed"] is not None else secrets.randbelow(2**31)
    problems: list[Problem] = []
    template: Template | None = None
    template_source = "shipped with Inspectorate"
    if data["template_from"] == FILE:
        template_source = data["template_file"].name
        try:
            template = compile_upload(data["template_file"])
        except ProblemsError as exc:
            problems.extend(exc.problems)
    else:
        template = shipped_for(inspection).get(data["template"])
        if template is None:
            raise InputError(f"no shipped template {data['template']!r} for {inspection.framework_id}")
    cases: list[CaseFile] = []
    if data["cases_from"] == DATASET:
        if problems:  # the template's problems first: a draw's own error would hide them
            raise ProblemsError(problems)
        cases, source, synthetic = _drawn_cases(store, inspection, data, seed)
    else:
        upload = data["case_file"]
        source, synthetic = f"case list {upload.name}", False
        with saved_upload(upload, "inspectorate-cases-") as path:
            try:
                cases = read_case_list(path, upload.name)
            except ProblemsError as exc:
                problems.extend(exc.problems)
    if problems or template is None:
        raise ProblemsError(problems)
    return create_review(
        inspection,
        template,
        cases,
        source=source,
        template_source=template_source,
        synthetic=synthetic,
        second_share=data["second_share"] / 100,
        seed=seed,
        reference=data["reference"],
        user=signed_in(request),
    )


def _evidence_behind(review: CaseReview) -> bool:
    """Whether answers were saved after the evidence was last written, so it tells an old story."""
    if review.evidence is None:
        return False
    latest = CaseAnswers.objects.filter(case__review=review).aggregate(latest=Max("saved_at"))["latest"]
    return latest is not None and latest > review.evidence.updated_at


def list_row(review: CaseReview) -> dict[str, Any]:
    summary = review_summary(review)
    row = {key: value for key, value in summary.items() if not isinstance(value, dict)}
    template = summary["template"]
    row["template"] = f"{template['id']}@{template['version']}"
    return {**row, **review_progress(review).to_json()}


def review_list(request: HttpRequest, fmt: str, code: Any) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    store = data_store()
    datasets = store.datasets(inspection.force_id)
    shipped = shipped_for(inspection)
    form, problems = None, []
    if request.method == "POST" and fmt == "html":
        if not can_write:
            raise PermissionDenied(READ_ONLY)
        form = NewReviewForm(request.POST, request.FILES, templates=shipped, datasets=datasets)
        if form.is_valid():
            try:
                review = _start_review(request, inspection, form, store)
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
    elif can_write and fmt == "html":
        form = NewReviewForm(
            initial=_new_review_initial(inspection, datasets), templates=shipped, datasets=datasets
        )
    reviews = list(inspection.case_reviews.select_related("template", "evidence"))
    for review in reviews:
        review.inspection = inspection
    rows = [list_row(review) for review in reviews]
    data = {"inspection": inspection_summary(inspection), "reviews": rows}
    context = {
        "inspection": inspection,
        "can_write": can_write,
        "datasets": datasets,
        "shipped": shipped,
        "reviews": rows,
        "form": form,
        "problems": problems,
    }
    title = f"Case-file reviews of {inspection.reference}"
    page = Page("reviews/review_list.html", title, data, rows, context, f"{inspection.reference}-reviews")
    return render_page(request, fmt, page)


# One review ----------------------------------------------------------------------------------------


def _sections(template: Template, questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The question rows grouped by section, in the template's order, each answer with its label."""
    rows = {row["question"]: row for row in questions}
    groups: list[dict[str, Any]] = []
    for question in template.questions:
        if question.name not in rows:
            continue
        if not groups or groups[-1]["name"] != question.section:
            section = template.section(question.section)
            groups.append({"name": question.section, "label": section.label if section else "", "rows": []})
        labels = {choice.name: choice.label for choice in template.choices_of(question)}
        row = rows[question.name]
        answers = [(labels.get(answer, answer), count) for answer, count in (row["answers"] or {}).items()]
        groups[-1]["rows"].append({**row, "answer_labels": answers})
    return groups


def case_rows(review: CaseReview) -> list[dict[str, Any]]:
    """Each case with the state of its reviews: for the team's case list only."""
    sets = {
        (a.case_id, a.role): a
        for a in CaseAnswers.objects.filter(case__review=review).select_related("reviewer")
    }

    def state(answers: CaseAnswers | None) -> dict[str, Any]:
        if answers is None:
            return {"status": "not started", "reviewer": None}
        return {"status": answers.status, "reviewer": answers.reviewer.username if answers.reviewer else None}

    rows = []
    for case in review.cases.all():
        first = state(sets.get((case.pk, Role.FIRST)))
        second = state(sets.get((case.pk, Role.SECOND))) if case.second_review else None
        rows.append(
            {
                "number": case.number,
                "case_ref": case.case_ref,
                "offence": case.offence,
                "reported_on": case.reported_on,
                "second_review": case.second_review,
                "first": first,
                "second": second,
            }
        )
    return rows


def review_page(
    request: HttpRequest,
    fmt: str,
    review: CaseReview,
    can_write: bool,
    *,
    upload_form: AnswerSheetUploadForm | None = None,
    upload_problems: list[str] | None = None,
) -> HttpResponse:
    """The review's page; the answer-sheet import shows it again with its problems."""
    outcome = review_outcome(review)
    results, rows = outcome_json(outcome), outcome_rows(outcome)
    see_cases = can_see_cases(request.user, review.inspection)
    data: dict[str, Any] = {"summary": review_summary(review), "results": results}
    if see_cases:
        data["cases"] = case_rows(review)
    context: dict[str, Any] = {
        "inspection": review.inspection,
        "review": review,
        "can_write": can_write,
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
            "summary": data["summary"],
            "progress": results["progress"],
            "sections": _sections(template, results["questions"]),
            "areas": results["areas"],
            "agreement": [row for row in results["agreement"] if row["pairs"]],
            "results": results,
            "cases": data.get("cases", []),
            "continue_url": case_url(review, upcoming.number) if upcoming else None,
            "second_url": case_url(review, second.number, Role.SECOND) if second else None,
            "upload_form": upload_form or AnswerSheetUploadForm(),
            "upload_problems": upload_problems or [],
            "evidence": review.evidence,
            "evidence_behind": _evidence_behind(review),
        }
    page = Page("reviews/review_detail.html", review.reference, data, rows, context, review.reference)
    return render_page(request, fmt, page)


@require_safe
def review_detail(request: HttpRequest, fmt: str, code: Any, review_code: Any) -> HttpResponse:
    review, can_write = get_review_for_user(request, code, review_code)
    return review_page(request, fmt, review, can_write)


@require_POST
def review_evidence(request: HttpRequest, code: Any, review_code: Any) -> HttpResponse:
    review = writable_review(request, code, review_code)
    try:
        evidence = record_evidence(review, signed_in(request))
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Recorded the review's results as evidence: {evidence.title}.")
    return HttpResponseRedirect(review_url(review, anchor="evidence"))


# The answer sheet: downloads, not twins, as it is the cases to fill in, not a view of the page ------


@require_safe
def answer_sheet(request: HttpRequest, code: Any, review_code: Any, fmt: str) -> HttpResponse:
    review, can_write = get_review_cases_for_user(request, code, review_code)
    filename = f"{safe_name(review.reference)}-answers.{fmt}"
    # The blind second review holds in the sheet too: what this person may not see is withheld.
    user = signed_in(request)
    return written_download(
        filename, SHEET_TYPES[fmt], lambda path: export_sheet(review, path, user, can_write)
    )


@require_POST
def answer_sheet_import(request: HttpRequest, code: Any, review_code: Any) -> HttpResponse:
    review = writable_review(request, code, review_code, cases=True)
    form = AnswerSheetUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return review_page(request, "html", review, True, upload_form=form)
    upload = form.cleaned_data["sheet"]

    def run(path: Path) -> str:
        return import_sheet(review, path, signed_in(request), source_name=upload.name).summary()

    problems = import_upload(request, upload, "answer sheet", run)
    if not problems:
        return HttpResponseRedirect(review_url(review))
    return review_page(request, "html", review, True, upload_form=form, upload_problems=problems)
