"""A force's inspection history and a finding's lineage across inspections."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from inspectorate.web.history.documents import ForceHistoryPage, force_history
from inspectorate.web.history.lineage_page import finding_lineage
from inspectorate.web.history.recurrence import decide_link
from inspectorate.web.inspections.access import (
    get_inspection_for_user,
    sees_working_copy,
    visible_inspections,
)
from inspectorate.web.inspections.recording import RecordingError
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.registry.models import Force


def force_history_page(request: HttpRequest, fmt: Fmt, force_id: str) -> HttpResponse:
    force = Force.objects.filter(id=force_id).first()
    if force is None:
        raise Http404("No such force")
    document = force_history(force, request.user)
    context = {"force": force, **history_grid(document)}
    title = f"{force.name}: inspection history"
    page = Page("history/force_history.html", title, document, context, f"{force.id}-history")
    return render_page(request, fmt, page)


def history_grid(document: ForceHistoryPage) -> dict[str, Any]:
    """The grades table as the template walks it: each column's pages as (reference, code) pairs
    and its date as printed, and each grade with the pages it was read from (named when the
    column has more than one page)."""
    records = {i.reference: i for i in document.inspections}
    columns = []
    for published in document.published:
        first = records[published.pages[0]]
        columns.append(
            {
                "published": published,
                "pages": list(zip(published.pages, published.page_codes, strict=True)),
                "several": len(published.pages) > 1,
                "date": first.published or first.period or first.when,
            }
        )
    grid = [
        (
            row,
            [
                [(a, list(zip(a.pages, a.page_codes, strict=True)), column["several"]) for a in cell.areas]
                for column, cell in zip(columns, row.cells, strict=True)
            ],
        )
        for row in document.rows
    ]
    return {"columns": columns, "grid": grid}


def finding_lineage_page(request: HttpRequest, fmt: Fmt, code: UUID, finding_code: UUID) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    finding = inspection.findings.filter(code=finding_code).first()
    if finding is None:
        raise Http404("No such finding")
    try:
        document = finding_lineage(finding, request.user)
    except LookupError:
        raise Http404("No such finding") from None
    sides = [
        ("earlier", document.earlier, "Raised before", "No earlier inspection raised this matter."),
        ("later", document.later, "Raised again", "No later inspection has taken this matter up."),
    ]
    context = {
        "inspection": inspection,
        "finding": finding,
        "sides": sides,
        # Links are the history's, not the report's: deciding them is open after publication.
        "can_write": can_write,
        "is_team": sees_working_copy(request.user, inspection),
    }
    page = Page("history/finding_lineage.html", "Lineage of a finding", document, context, "lineage")
    return render_page(request, fmt, page)


@require_POST
def finding_link_decide(request: HttpRequest, code: UUID, finding_code: UUID) -> HttpResponse:
    """Confirm or reject a link from an earlier finding to this one, or withdraw the decision.
    Only those who may change this finding's inspection decide its links."""
    inspection, can_write = get_inspection_for_user(request, code)
    finding = inspection.findings.filter(code=finding_code).first()
    if finding is None:
        raise Http404("No such finding")
    if not can_write:
        raise PermissionDenied("You may read this inspection but not change it.")
    visible = visible_inspections(request.user).filter(force_id=inspection.force_id)
    try:
        with transaction.atomic():
            decide_link(
                finding,
                request.POST.get("earlier", ""),
                request.POST.get("decision", ""),
                visible=visible,
                user=signed_in(request),
                note=request.POST.get("note", ""),
            )
    except RecordingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Link decision saved.")
    return HttpResponseRedirect(
        reverse("finding-lineage", kwargs={"code": code, "finding_code": finding_code})
    )
