"""The earlier findings an inspection reviews: the team's worklist, and the form that records the
inspection's verdict on one of them.

Who: the inspection's team (of any role) and staff read the worklist; its lead, inspectors,
analysts and auditors and staff record verdicts while the inspection is in planning or fieldwork.
Everyone else (the force's liaison, its local policing body, other users, the public) gets 404:
the worklist is the team's working material. A reader's change is 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import VERDICT_LABELS
from inspectorate.web.followup.earlier import (
    REASONS_MAX,
    VerdictInputError,
    practice_only,
    record_verdict,
    worklist,
    worklist_open,
)
from inspectorate.web.followup.earlier_documents import EarlierRow, earlier_findings_page
from inspectorate.web.followup.models import FollowUp
from inspectorate.web.inspections.access import can_see_history, can_write
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page


@dataclass(frozen=True)
class WorklistAccess:
    inspection: Inspection
    writes: bool
    """Staff and the team's writers: they record verdicts while the worklist is open."""

    @property
    def open(self) -> bool:
        return worklist_open(self.inspection)

    @property
    def may_record(self) -> bool:
        return self.writes and self.open


def get_worklist_for_user(request: HttpRequest, code: UUID) -> WorklistAccess:
    """The inspection's worklist as this user may see it; 404 when they may not know of it."""
    inspection = Inspection.objects.select_related("force", "framework").filter(code=code).first()
    if inspection is None or not can_see_history(request.user, inspection):
        raise Http404("No such inspection")
    return WorklistAccess(inspection, can_write(request.user, inspection))


def _refuse_unless_recording(access: WorklistAccess) -> None:
    if access.may_record:
        return
    if access.writes:
        raise PermissionDenied(
            f"{access.inspection.reference} is past its fieldwork: verdicts on earlier findings are "
            "no longer recorded here."
        )
    raise PermissionDenied("You may read this worklist but not record verdicts.")


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        choices=list(VERDICT_LABELS.items()),
        widget=forms.RadioSelect,
        label="This inspection's verdict",
        error_messages={"required": "Select a verdict"},
    )
    reasons = forms.CharField(
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Reasons",
        help_text="What the inspection found that supports the verdict; the report prints them.",
        error_messages={"required": "Enter the reasons for the verdict"},
    )

    def __init__(self, *args: Any, action: str, form_id: str = "verdict-form", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = form_id
        self.helper.form_action = action
        self.helper.layout = Layout(
            Field.radios("verdict", legend_size="s", inline=True),
            Field.textarea("reasons", rows=4),
            Submit("save", "Record the verdict"),
        )


def _verdict_url(inspection: Inspection, row_code: str | UUID) -> str:
    return reverse("earlier-finding-verdict", kwargs={"code": inspection.code, "follow_up_code": row_code})


def _worklist_url(inspection: Inspection) -> str:
    return reverse("earlier-findings", kwargs={"code": inspection.code})


def earlier_findings(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    access = get_worklist_for_user(request, code)
    inspection = access.inspection
    document = earlier_findings_page(inspection)
    forms_by_row: dict[str, VerdictForm] = {}
    # An exercise reads a real report's findings but never judges them (earlier.practice_only).
    practice = (
        {str(f.code) for f in worklist(inspection) if practice_only(inspection, f)}
        if inspection.exercise
        else set()
    )
    if access.may_record:
        for row in document.findings:
            if row.code in practice:
                continue
            initial = {"verdict": row.verdict_here, "reasons": row.verdict_reasons or ""}
            forms_by_row[row.code] = VerdictForm(
                initial=initial, action=_verdict_url(inspection, row.code), form_id=f"verdict-{row.code}"
            )
    page = Page(
        "followup/earlier.html",
        f"Earlier findings: {inspection.reference}",
        document,
        {
            "inspection": inspection,
            "access": access,
            "items": [(row, forms_by_row.get(row.code)) for row in document.findings],
            "practice": bool(practice),
        },
        f"{inspection.reference}-earlier-findings",
    )
    return render_page(request, fmt, page)


def _under_review(access: WorklistAccess, follow_up_code: UUID) -> tuple[FollowUp, EarlierRow]:
    """A finding the inspection reviews, and its row; 404 for any other."""
    document = earlier_findings_page(access.inspection)
    row = next((r for r in document.findings if r.code == str(follow_up_code)), None)
    follow_up = next((f for f in worklist(access.inspection) if str(f.code) == str(follow_up_code)), None)
    if row is None or follow_up is None:
        raise Http404("No such finding under review")
    return follow_up, row


def earlier_finding_verdict(request: HttpRequest, code: UUID, follow_up_code: UUID) -> HttpResponse:
    """The form for one finding's verdict (shown again with its errors), and where it posts."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access = get_worklist_for_user(request, code)
    _refuse_unless_recording(access)
    follow_up, row = _under_review(access, follow_up_code)
    action = _verdict_url(access.inspection, follow_up_code)
    if request.method != "POST":
        form = VerdictForm(
            initial={"verdict": row.verdict_here, "reasons": row.verdict_reasons or ""}, action=action
        )
    else:
        form = VerdictForm(request.POST, action=action)
        if form.is_valid():
            try:
                record_verdict(
                    follow_up,
                    access.inspection,
                    form.cleaned_data["verdict"],
                    form.cleaned_data["reasons"],
                    signed_in(request),
                )
            except InputError as exc:
                field = exc.field if isinstance(exc, VerdictInputError) and exc.field in form.fields else None
                form.add_error(field, str(exc))
            else:
                label = VERDICT_LABELS[form.cleaned_data["verdict"]].lower()
                messages.success(request, f"Recorded: {row.report}, {row.kind_label.lower()} {label}.")
                return HttpResponseRedirect(f"{_worklist_url(access.inspection)}#finding-{row.code}")
    context = {"inspection": access.inspection, "access": access, "row": row, "form": form}
    return render(request, "followup/earlier_verdict.html", context)
