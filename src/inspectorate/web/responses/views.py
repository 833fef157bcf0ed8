"""The responses' pages: the national list, a report's response, and the forms that record them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from inspectorate.core.problems import InputError
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.reports.record import public_record
from inspectorate.web.responses.access import ResponseAccess, get_response_for_user, refuse_unless_recorder
from inspectorate.web.responses.documents import inspection_response_page, responses_page
from inspectorate.web.responses.forms import ResponseForm, StatementForm
from inspectorate.web.responses.services import (
    ResponseInputError,
    body_name,
    followed_findings,
    record_response,
    record_statement,
    response_of,
    today,
)


def responses(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    overdue_only = request.GET.get("overdue", "") in ("1", "true", "yes")
    document = responses_page(today(), overdue_only=overdue_only)
    page = Page(
        "responses/responses.html",
        "Responses of local policing bodies",
        document,
        {"overdue_only": overdue_only},
        "responses-overdue" if overdue_only else "responses",
    )
    return render_page(request, fmt, page)


def _title(access: ResponseAccess) -> str:
    found = public_record(access.inspection)
    return found[0].title if found else access.inspection.title


def inspection_response(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    access = get_response_for_user(request.user, code)
    inspection = access.inspection
    document = inspection_response_page(inspection, _title(access), today())
    page = Page(
        "responses/response.html",
        f"Response to {inspection.reference}",
        document,
        {"inspection": inspection, "access": access},
        f"{inspection.reference}-response",
    )
    return render_page(request, fmt, page)


def _response_url(access: ResponseAccess) -> str:
    return reverse("inspection-response", kwargs={"code": access.inspection.code})


def _recorder(request: HttpRequest, code: UUID) -> ResponseAccess | None:
    """The response for a recorder's form; None for a visitor not signed in (sent to sign in). A
    report not public is a 404 before anything else; a reader is refused (403)."""
    access = get_response_for_user(request.user, code)
    if not request.user.is_authenticated:
        return None
    refuse_unless_recorder(access)
    return access


def _refused(form: forms.Form, exc: InputError) -> None:
    field = exc.field if isinstance(exc, ResponseInputError) and exc.field in form.fields else None
    form.add_error(field, str(exc))


def _context(access: ResponseAccess, **more: Any) -> dict[str, Any]:
    return {"inspection": access.inspection, "body": body_name(access.inspection), **more}


def response_record(request: HttpRequest, code: UUID) -> HttpResponse:
    access = _recorder(request, code)
    if access is None:
        return redirect_to_login(request.get_full_path())
    existing = response_of(access.inspection)
    initial = (
        {"published_on": existing.published_on, "address": existing.address, "summary": existing.summary}
        if existing
        else None
    )
    form = ResponseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_response(
                access.inspection,
                published_on=data["published_on"],
                address=data["address"],
                summary=data["summary"],
                by=signed_in(request),
            )
        except InputError as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"Response recorded for {access.inspection.reference}.")
            return HttpResponseRedirect(_response_url(access))
    return render(request, "responses/record_form.html", _context(access, form=form, existing=existing))


def statement_new(request: HttpRequest, code: UUID) -> HttpResponse:
    access = _recorder(request, code)
    if access is None:
        return redirect_to_login(request.get_full_path())
    response = response_of(access.inspection)
    choices = [(f.code, f"{f.kind_label}: {f.text[:120]}") for f in followed_findings(access.inspection)]
    wanted = request.GET.get("finding", "")
    form = StatementForm(
        request.POST if request.method == "POST" else None,
        findings=choices,
        initial={"finding": wanted} if wanted else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_statement(
                access.inspection,
                data["finding"],
                stance=data["stance"],
                statement=data["statement"],
                by=signed_in(request),
            )
        except InputError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "Statement recorded.")
            return HttpResponseRedirect(_response_url(access))
    context = _context(access, form=form, response=response, findings=choices)
    return render(request, "responses/statement_form.html", context)
