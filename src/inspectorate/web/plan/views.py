"""The plan's pages: the plan, a request (with the force's answers and the team's decisions) and an
activity; the forms that add them; and the actions a request's forms post to."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from inspectorate.core.data.schema import TABLES
from inspectorate.core.problems import InputError
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.pages.uploads import saved_upload
from inspectorate.web.plan.access import PlanAccess, get_plan_for_user, refuse_unless
from inspectorate.web.plan.documents import activity_page, plan_page, request_page
from inspectorate.web.plan.forms import ActivityForm, AnswerForm, DecideForm, RequestForm, WithdrawForm
from inspectorate.web.plan.models import Activity, ForceRequest, Outcome, RequestAnswer, RequestKind
from inspectorate.web.plan.services import (
    AnswerRefused,
    PlanInputError,
    RequestStatus,
    add_activity,
    add_request,
    answer_request,
    change_activity,
    decide_latest,
    request_status,
    withdraw_request,
)
from inspectorate.web.stored_files import stored_path


def _plan_url(inspection: Inspection) -> str:
    return reverse("plan", kwargs={"code": inspection.code})


def _request_url(force_request: ForceRequest) -> str:
    return reverse(
        "plan-request", kwargs={"code": force_request.inspection.code, "request_code": force_request.code}
    )


def _activity_url(activity: Activity) -> str:
    return reverse("plan-activity", kwargs={"code": activity.inspection.code, "activity_code": activity.code})


def _context(access: PlanAccess, **more: Any) -> dict[str, Any]:
    return {"inspection": access.inspection, "access": access, **more}


def _refused(form: forms.Form, exc: InputError) -> None:
    """The service's refusal on the form: in the field it names, else above the form."""
    field = exc.field if isinstance(exc, PlanInputError) and exc.field in form.fields else None
    form.add_error(field, str(exc))


def plan(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    access = get_plan_for_user(request, code)
    inspection = access.inspection
    document = plan_page(inspection, activities_shown=access.team, open=access.open)
    page = Page(
        "plan/plan.html",
        f"Plan: {inspection.reference}",
        document,
        _context(access),
        f"{inspection.reference}-plan",
    )
    return render_page(request, fmt, page)


def _writable(request: HttpRequest, code: UUID) -> PlanAccess | None:
    """The plan for a writer's form; None for a visitor not signed in (sent to sign in)."""
    if not request.user.is_authenticated:
        return None
    access = get_plan_for_user(request, code)
    refuse_unless(access.may_change, access)
    return access


def request_new(request: HttpRequest, code: UUID) -> HttpResponse:
    access = _writable(request, code)
    if access is None:
        return redirect_to_login(request.get_full_path())
    form = RequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            force_request = add_request(
                access.inspection,
                kind=data["kind"],
                title=data["title"],
                detail=data["detail"],
                due_on=data["due_on"],
                by=signed_in(request),
            )
        except InputError as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"Request sent to the force: {force_request.title}.")
            return HttpResponseRedirect(_request_url(force_request))
    return render(request, "plan/request_form.html", _context(access, form=form))


def activity_new(request: HttpRequest, code: UUID) -> HttpResponse:
    access = _writable(request, code)
    if access is None:
        return redirect_to_login(request.get_full_path())
    form = ActivityForm(request.POST if request.method == "POST" else None, inspection=access.inspection)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = add_activity(
                access.inspection,
                kind=data["kind"],
                title=data["title"],
                on=data["on"],
                place=data["place"],
                area_ids=data["areas"],
                notes=data["notes"],
                by=signed_in(request),
            )
        except InputError as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"Activity added: {activity.title}.")
            return HttpResponseRedirect(_activity_url(activity))
    return render(request, "plan/activity_form.html", _context(access, form=form, activity=None))


# A request ------------------------------------------------------------------------------------


def _request_for(access: PlanAccess, request_code: UUID) -> ForceRequest:
    found = (
        ForceRequest.objects.select_related("inspection__force", "created_by")
        .prefetch_related("answers")
        .filter(inspection=access.inspection, code=request_code)
        .first()
    )
    if found is None:
        raise Http404("No such request")
    return found


def _request_page(
    request: HttpRequest,
    fmt: Fmt,
    access: PlanAccess,
    force_request: ForceRequest,
    *,
    answer_form: AnswerForm | None = None,
    refused: list[str] | None = None,
    decide_form: DecideForm | None = None,
    withdraw_form: WithdrawForm | None = None,
) -> HttpResponse:
    status = request_status(force_request)
    taking_answers = status not in (RequestStatus.ACCEPTED, RequestStatus.WITHDRAWN)
    codes = {"code": access.inspection.code, "request_code": force_request.code}
    may_answer = access.may_answer and taking_answers
    may_decide = access.may_change and status == RequestStatus.ANSWERED
    may_withdraw = access.may_change and taking_answers
    data_return = force_request.kind == RequestKind.DATA_RETURN
    context = _context(
        access,
        force_request=force_request,
        return_tables=RETURN_TABLES if data_return else (),
        refused=refused or [],
        answer_form=(
            answer_form
            or AnswerForm(data_return=data_return, action=reverse("plan-request-answer", kwargs=codes))
        )
        if may_answer
        else None,
        decide_form=(decide_form or DecideForm(action=reverse("plan-request-decide", kwargs=codes)))
        if may_decide
        else None,
        withdraw_form=(withdraw_form or WithdrawForm(action=reverse("plan-request-withdraw", kwargs=codes)))
        if may_withdraw
        else None,
    )
    page = Page(
        "plan/request.html",
        force_request.title,
        request_page(force_request),
        context,
        f"{access.inspection.reference}-request",
    )
    return render_page(request, fmt, page)


# The data return's format, in brief, beside its upload form: each table's columns, in order.
RETURN_TABLES = tuple((spec.name, spec.title, ", ".join(c.name for c in spec.columns)) for spec in TABLES)


def request_detail(request: HttpRequest, fmt: Fmt, code: UUID, request_code: UUID) -> HttpResponse:
    access = get_plan_for_user(request, code)
    return _request_page(request, fmt, access, _request_for(access, request_code))


@require_POST
def request_answer(request: HttpRequest, code: UUID, request_code: UUID) -> HttpResponse:
    access = get_plan_for_user(request, code)
    refuse_unless(access.may_answer, access)
    force_request = _request_for(access, request_code)
    codes = {"code": code, "request_code": request_code}
    form = AnswerForm(
        request.POST,
        request.FILES,
        data_return=force_request.kind == RequestKind.DATA_RETURN,
        action=reverse("plan-request-answer", kwargs=codes),
    )
    if not form.is_valid():
        return _request_page(request, "html", access, force_request, answer_form=form)
    upload = form.cleaned_data["file"]
    try:
        with saved_upload(upload, "inspectorate-answer-") as path:
            answer = answer_request(
                force_request,
                path,
                name=path.name,
                by=signed_in(request),
                content_type=upload.content_type or "",
                replace=bool(form.cleaned_data.get("replace")),
            )
    except AnswerRefused as exc:
        refused = list(exc.refusal.lines)
        force_request = _request_for(access, request_code)  # its log now holds the refusal
        return _request_page(request, "html", access, force_request, answer_form=form, refused=refused)
    except InputError as exc:
        form.add_error("file", str(exc))
        return _request_page(request, "html", access, force_request, answer_form=form)
    if answer.outcome == Outcome.LOADED:
        months = f"{answer.months[0]} to {answer.months[-1]}" if answer.months else "no new months"
        messages.success(
            request, f"{answer.original_name}: loaded {answer.rows:,} rows into {answer.dataset} ({months})."
        )
    else:
        messages.success(request, f"{answer.original_name}: received.")
    return HttpResponseRedirect(_request_url(force_request))


@require_safe
def answer_download(
    request: HttpRequest, code: UUID, request_code: UUID, answer_code: UUID
) -> HttpResponseBase:
    """A file the force sent, as it was kept, to whoever reads the request (the team, staff, the
    invited liaison): found by the answer's code, never by a path; 404 to anyone else, and for a
    refused data return (its bytes were not kept)."""
    access = get_plan_for_user(request, code)
    force_request = _request_for(access, request_code)
    answer = RequestAnswer.objects.filter(request=force_request, code=answer_code).exclude(sha256="").first()
    if answer is None:
        raise Http404("No such file")
    try:
        handle = stored_path(answer.sha256).open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The file is no longer in the workspace") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=answer.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def request_decide(request: HttpRequest, code: UUID, request_code: UUID) -> HttpResponse:
    access = get_plan_for_user(request, code)
    refuse_unless(access.may_change, access)
    force_request = _request_for(access, request_code)
    codes = {"code": code, "request_code": request_code}
    form = DecideForm(request.POST, action=reverse("plan-request-decide", kwargs=codes))
    if form.is_valid():
        try:
            answer = decide_latest(
                force_request, form.cleaned_data["decision"], form.cleaned_data["note"], signed_in(request)
            )
        except InputError as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"{answer.original_name}: {answer.get_decision_display().lower()}.")
            return HttpResponseRedirect(_request_url(force_request))
    return _request_page(request, "html", access, force_request, decide_form=form)


@require_POST
def request_withdraw(request: HttpRequest, code: UUID, request_code: UUID) -> HttpResponse:
    access = get_plan_for_user(request, code)
    refuse_unless(access.may_change, access)
    force_request = _request_for(access, request_code)
    codes = {"code": code, "request_code": request_code}
    form = WithdrawForm(request.POST, action=reverse("plan-request-withdraw", kwargs=codes))
    if form.is_valid():
        try:
            withdraw_request(force_request, form.cleaned_data["reason"], signed_in(request))
        except InputError as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"Request withdrawn: {force_request.title}.")
            return HttpResponseRedirect(_request_url(force_request))
    return _request_page(request, "html", access, force_request, withdraw_form=form)


# An activity ----------------------------------------------------------------------------------


def _activity_values(activity: Activity) -> dict[str, Any]:
    return {
        "kind": activity.kind,
        "title": activity.title,
        "on": activity.on,
        "place": activity.place,
        "areas": activity.area_ids,
        "notes": activity.notes,
    }


def activity_detail(request: HttpRequest, fmt: Fmt, code: UUID, activity_code: UUID) -> HttpResponse:
    access = get_plan_for_user(request, code)
    if not access.team:
        raise Http404("No such activity")  # the team's alone: it may name people and places
    activity = (
        Activity.objects.select_related("inspection__force", "created_by")
        .filter(inspection=access.inspection, code=activity_code)
        .first()
    )
    if activity is None:
        raise Http404("No such activity")
    form = None
    if request.method == "POST" and fmt == "html":
        refuse_unless(access.may_change, access)
        form = ActivityForm(request.POST, inspection=access.inspection, submit="Save the activity")
        if form.is_valid():
            data = form.cleaned_data
            try:
                change_activity(
                    activity,
                    kind=data["kind"],
                    title=data["title"],
                    on=data["on"],
                    place=data["place"],
                    area_ids=data["areas"],
                    notes=data["notes"],
                )
            except InputError as exc:
                _refused(form, exc)
            else:
                messages.success(request, f"Activity saved: {activity.title}.")
                return HttpResponseRedirect(_activity_url(activity))
    elif access.may_change:
        form = ActivityForm(
            initial=_activity_values(activity), inspection=access.inspection, submit="Save the activity"
        )
    area_titles = {place.area.id: place.area.title for place in access.inspection.spec.walk()}
    page = Page(
        "plan/activity.html",
        activity.title,
        activity_page(activity),
        _context(access, activity=activity, form=form, area_titles=area_titles),
        f"{access.inspection.reference}-activity",
    )
    return render_page(request, fmt, page)
