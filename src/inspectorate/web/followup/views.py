"""The follow-up's pages: an inspection's followed findings, one followed finding with its log and
forms, the actions those forms post to, and the download of a file sent with an update."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from inspectorate.core.problems import InputError
from inspectorate.web.accounts.models import Body
from inspectorate.web.followup.access import FollowAccess, get_follow_access, refuse_unless
from inspectorate.web.followup.documents import FILTERS, detail_page, list_page
from inspectorate.web.followup.forms import DetailsForm, ReopenForm, UpdateForm, VerdictForm
from inspectorate.web.followup.models import FollowUp, UpdateFile
from inspectorate.web.followup.services import (
    FollowUpInputError,
    Upload,
    follow_up_for,
    followed_items,
    force_moves,
    give_verdict,
    may_reopen,
    post_update,
    reopen,
    set_details,
    verdicts_from,
)
from inspectorate.web.inspections.documents import FindingDocument
from inspectorate.web.inspections.evidence_files import SizeLimit, describe_size
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.stored_files import stored_path


def follow_ups(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    access = get_follow_access(request, code)
    inspection = access.inspection
    wanted = request.GET.get("status") or None
    document = list_page(
        inspection, access.record, wanted if wanted in FILTERS else None, inspectorate=access.team
    )
    page = Page(
        "followup/follow_ups.html",
        f"Findings followed up: {inspection.reference}",
        document,
        {"inspection": inspection, "access": access},
        f"{inspection.reference}-follow-up",
    )
    return render_page(request, fmt, page)


def _followed(access: FollowAccess, finding_code: UUID) -> tuple[FollowUp, FindingDocument]:
    """The followed finding and its words in the version the reader reads; 404 when there is none."""
    follow_up = follow_up_for(access.inspection, finding_code)
    item = next((i for i in followed_items(access.record) if i.code == str(finding_code)), None)
    if follow_up is None or item is None:
        raise Http404("No such followed finding")
    return follow_up, item


def _url(access: FollowAccess, finding_code: UUID | str, name: str = "follow-up-finding") -> str:
    return reverse(name, kwargs={"code": access.inspection.code, "finding_code": finding_code})


def _owners(access: FollowAccess) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, affiliation__body=Body.FORCE, affiliation__force_id=access.inspection.force_id
        ).order_by("last_name", "first_name", "username")
    )


def _page(
    request: HttpRequest,
    fmt: Fmt,
    access: FollowAccess,
    follow_up: FollowUp,
    item: FindingDocument,
    *,
    update_form: UpdateForm | None = None,
    details_form: DetailsForm | None = None,
    verdict_form: VerdictForm | None = None,
    reopen_form: ReopenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    current = follow_up.follow_status
    finding_code = item.code
    context: dict[str, Any] = {"inspection": access.inspection, "access": access}
    if fmt == "html" and access.force:
        context["update_form"] = update_form or UpdateForm(
            moves=force_moves(current), action=_url(access, finding_code, "follow-up-post")
        )
    if fmt == "html" and access.judges:
        context["details_form"] = details_form or DetailsForm(
            initial={
                "addressee": follow_up.addressee,
                "addressee_name": follow_up.addressee_name,
                "timescale": follow_up.timescale,
                "owner": follow_up.owner.get_username() if follow_up.owner else "",
                "owner_title": follow_up.owner_title,
            },
            owners=_owners(access),
            action=_url(access, finding_code, "follow-up-details"),
        )
        context["verdict_form"] = verdict_form or VerdictForm(
            verdicts=verdicts_from(current), action=_url(access, finding_code, "follow-up-verdict")
        )
        if may_reopen(current):
            context["reopen_form"] = reopen_form or ReopenForm(
                action=_url(access, finding_code, "follow-up-reopen")
            )
    page = Page(
        "followup/follow_up.html",
        f"{item.kind_label}: {access.inspection.reference}",
        detail_page(follow_up, item, access.record, inspectorate=access.team),
        context,
        f"{access.inspection.reference}-follow-up-finding",
    )
    return render_page(request, fmt, page, status=status)


def follow_up(request: HttpRequest, fmt: Fmt, code: UUID, finding_code: UUID) -> HttpResponse:
    access = get_follow_access(request, code)
    found, item = _followed(access, finding_code)
    return _page(request, fmt, access, found, item)


def _refused(form: forms.Form, exc: InputError) -> None:
    """The service's refusal on the form: in the field it names, else above the form."""
    if isinstance(exc, FollowUpInputError) and exc.field in form.fields:
        form.add_error(exc.field, str(exc).removeprefix(f"{exc.field}: "))
    else:
        form.add_error(None, str(exc))


class UpdateSizeLimit(SizeLimit):
    """Evidence files' limit, streamed (inspections/evidence_files.py), said of an update's file."""

    def problem(self) -> str | None:
        if self.refused is None:
            return None
        limit = describe_size(self.limit)
        return f"{self.refused} is more than {limit}: a file sent with an update may be at most {limit}"


@csrf_exempt  # checked below, once the size limit is in place: the check reads the upload
@require_POST
def post(request: HttpRequest, code: UUID, finding_code: UUID) -> HttpResponse:
    limit = UpdateSizeLimit(request)
    request.upload_handlers.insert(0, limit)
    return _post(request, code, finding_code, limit)


@csrf_protect
def _post(request: HttpRequest, code: UUID, finding_code: UUID, limit: UpdateSizeLimit) -> HttpResponse:
    access = get_follow_access(request, code)
    refuse_unless(access.force, "post updates: people of the inspected force do")
    found, item = _followed(access, finding_code)
    action = _url(access, finding_code, "follow-up-post")
    form = UpdateForm(request.POST, request.FILES, moves=force_moves(found.follow_status), action=action)
    too_big = limit.problem()
    if too_big:
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error("file", too_big)
    elif form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        files = [Upload(upload.name, upload.chunks())] if upload is not None else []
        user = signed_in(request)
        assert user is not None
        try:
            post_update(found, text=data["text"], status=data["status"] or "", files=files, by=user)
        except InputError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "Update posted.")
            return HttpResponseRedirect(_url(access, finding_code) + "#log")
    return _page(request, "html", access, found, item, update_form=form)


def _judging(
    request: HttpRequest, code: UUID, finding_code: UUID
) -> tuple[FollowAccess, FollowUp, FindingDocument]:
    access = get_follow_access(request, code)
    refuse_unless(access.judges, "change it: the inspectorate does")
    found, item = _followed(access, finding_code)
    return access, found, item


@require_POST
def details(request: HttpRequest, code: UUID, finding_code: UUID) -> HttpResponse:
    access, found, item = _judging(request, code, finding_code)
    form = DetailsForm(
        request.POST, owners=_owners(access), action=_url(access, finding_code, "follow-up-details")
    )
    if form.is_valid():
        data = form.cleaned_data
        user = signed_in(request)
        assert user is not None
        try:
            set_details(
                found,
                by=user,
                addressee=data["addressee"],
                addressee_name=data["addressee_name"],
                timescale=data["timescale"],
                owner=data["owner"],
                owner_title=data["owner_title"],
            )
        except InputError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "Details saved.")
            return HttpResponseRedirect(_url(access, finding_code))
    return _page(request, "html", access, found, item, details_form=form)


@require_POST
def verdict(request: HttpRequest, code: UUID, finding_code: UUID) -> HttpResponse:
    access, found, item = _judging(request, code, finding_code)
    form = VerdictForm(
        request.POST,
        verdicts=verdicts_from(found.follow_status),
        action=_url(access, finding_code, "follow-up-verdict"),
    )
    if form.is_valid():
        user = signed_in(request)
        assert user is not None
        try:
            give_verdict(
                found, verdict=form.cleaned_data["verdict"], reasons=form.cleaned_data["reasons"], by=user
            )
        except InputError as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"Verdict given: {found.follow_status.label.lower()}.")
            return HttpResponseRedirect(_url(access, finding_code))
    return _page(request, "html", access, found, item, verdict_form=form)


@require_POST
def reopen_view(request: HttpRequest, code: UUID, finding_code: UUID) -> HttpResponse:
    access, found, item = _judging(request, code, finding_code)
    form = ReopenForm(request.POST, action=_url(access, finding_code, "follow-up-reopen"))
    if form.is_valid():
        user = signed_in(request)
        assert user is not None
        try:
            reopen(found, reasons=form.cleaned_data["reasons"], by=user)
        except InputError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "Reopened: the force holds it again.")
            return HttpResponseRedirect(_url(access, finding_code))
    return _page(request, "html", access, found, item, reopen_form=form)


@require_safe
def download(request: HttpRequest, code: UUID, finding_code: UUID, file_code: UUID) -> HttpResponseBase:
    """A file sent with an update, as it was kept, to whoever reads the follow-up: found by its
    code, never by a path; 404 to anyone else."""
    access = get_follow_access(request, code)
    found, _ = _followed(access, finding_code)
    kept = UpdateFile.objects.filter(update__follow_up=found, code=file_code).first()
    if kept is None:
        raise Http404("No such file")
    try:
        handle = stored_path(kept.sha256).open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The file is no longer in the workspace") from None
    response = FileResponse(
        handle, as_attachment=True, filename=kept.original_name, content_type="application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
