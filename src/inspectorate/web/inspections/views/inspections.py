"""Inspection list, inspection page and its audit trail."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from inspectorate.web.front.twins import Page, render_page
from inspectorate.web.inspections.access import can_see_history, get_inspection_for_user, visible_inspections
from inspectorate.web.inspections.documents import (
    area_rows,
    chronological,
    inspection_document,
    inspection_summary,
)
from inspectorate.web.inspections.models import Status
from inspectorate.web.reports.publishing import can_publish
from inspectorate.web.reports.versions import version_summary, visible_versions


def inspection_list(request: HttpRequest, fmt: str) -> HttpResponse:
    inspections = visible_inspections(request.user)
    force = request.GET.get("force", "").strip()
    status = request.GET.get("status", "").strip()
    if force:
        inspections = inspections.filter(force_id=force)
    if status:
        inspections = inspections.filter(status=status)
    rows = [inspection_summary(i) for i in chronological(inspections)]
    data = {"filters": {"force": force or None, "status": status or None}, "inspections": rows}
    context = {"statuses": Status.choices, "force": force, "status": status}
    page = Page(
        "inspections/inspection_list.html", "Inspections", data, rows, context, filename="inspections"
    )
    return render_page(request, fmt, page)


def inspection_detail(request: HttpRequest, fmt: str, code: Any) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    rows = area_rows(inspection)
    document = inspection_document(inspection, rows)
    findings_by_area: dict[str, list[dict[str, Any]]] = {}
    for finding in document["findings"]:
        for area_id in finding["areas"]:
            findings_by_area.setdefault(area_id, []).append(finding)
    versions = visible_versions(request.user, inspection)
    document["report_versions"] = [version_summary(v) for v in versions]
    context = {
        "inspection": inspection,
        "can_write": can_write,
        "can_publish": can_publish(request.user, inspection),
        "versions": versions,
        "now": timezone.now(),
        "areas": rows,
        "findings_by_area": findings_by_area,
        "team": inspection.team.select_related("user") if can_write or request.user.is_staff else [],
    }
    page = Page(
        "inspections/inspection_detail.html", inspection.title, document, rows, context, inspection.reference
    )
    return render_page(request, fmt, page)


def _history_row(entry: LogEntry) -> dict[str, Any]:
    extra = entry.additional_data or {}
    changes = entry.changes_dict
    if entry.action == LogEntry.Action.CREATE:
        # A new record had no old values; the log stores the text "None" for them.
        changes = {field: [None, new] for field, (_, new) in changes.items()}
    return {
        "when": entry.timestamp.isoformat(),
        "who": entry.actor.get_username() if entry.actor else None,
        "action": entry.get_action_display().lower(),
        "object": entry.content_type.model,
        "object_repr": entry.object_repr,
        "area": extra.get("area"),
        "changes": changes,
    }


def history_rows(inspection_code: str) -> list[dict[str, Any]]:
    """Every change recorded against this inspection and its judgments, findings and evidence."""
    entries = (
        LogEntry.objects.filter(additional_data__inspection=inspection_code)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )
    return [_history_row(e) for e in entries]


def _flatten_change(row: dict[str, Any]) -> list[dict[str, Any]]:
    changes = row["changes"] or {"": [None, None]}
    return [
        {**{k: v for k, v in row.items() if k != "changes"}, "field": field, "old": old, "new": new}
        for field, (old, new) in changes.items()
    ]


def inspection_history(request: HttpRequest, fmt: str, code: Any) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    # The trail shows draft grades and who set them: for the team and staff only.
    if not can_see_history(request.user, inspection):
        raise Http404("No such inspection")
    rows = history_rows(str(inspection.code))
    data = {"inspection": inspection_summary(inspection), "changes": rows}
    flat = [change for row in rows for change in _flatten_change(row)]
    context = {"inspection": inspection, "can_write": can_write, "changes": rows}
    page = Page(
        "inspections/inspection_history.html",
        f"History of {inspection.reference}",
        data,
        flat,
        context,
        f"{inspection.reference}-history",
    )
    return render_page(request, fmt, page)
