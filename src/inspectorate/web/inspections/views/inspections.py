"""Inspection list, inspection page and its audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from auditlog.models import LogEntry
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from pydantic import JsonValue

from inspectorate.core.reports.context import context_from_json
from inspectorate.web.inspections.access import can_see_history, get_inspection_for_user, listed_inspections
from inspectorate.web.inspections.documents import (
    AreaRow,
    InspectionDocument,
    InspectionSummary,
    area_rows,
    chronological,
    inspection_document,
    inspection_summary,
    record_document,
    record_rows,
)
from inspectorate.web.inspections.locking import is_locked, is_published
from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.reports.build import report_context
from inspectorate.web.reports.documents import VersionSummary, version_summary
from inspectorate.web.reports.publishing import can_publish
from inspectorate.web.reports.record import differences, record_for, summary_for, visible_versions


class ListFilters(Document):
    force: str | None
    status: str | None


class InspectionListPage(PageDocument):
    ROW = InspectionSummary
    filters: ListFilters
    inspections: list[InspectionSummary]
    """The inspections this user may see, oldest first by force."""

    def csv_rows(self) -> Sequence[InspectionSummary]:
        return self.inspections


def inspection_list(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    inspections = listed_inspections(request.user)
    force = request.GET.get("force", "").strip()
    status = request.GET.get("status", "").strip()
    if force:
        inspections = inspections.filter(force_id=force)
    if status:
        inspections = inspections.filter(status=status)
    document = InspectionListPage(
        filters=ListFilters(force=force or None, status=status or None),
        inspections=[summary_for(request.user, i) for i in chronological(inspections)],
    )
    context = {"statuses": Status.choices, "force": force, "status": status}
    page = Page("inspections/inspection_list.html", "Inspections", document, context, "inspections")
    return render_page(request, fmt, page)


class InspectionPage(InspectionDocument, PageDocument):
    ROW = AreaRow
    areas: list[AreaRow]
    """Every area of the framework in tree order, graded or not: the CSV twin's rows."""
    report_versions: list[VersionSummary]
    """The published versions of the report this user may see."""

    def csv_rows(self) -> Sequence[AreaRow]:
        return self.areas


def inspection_detail(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    versions = visible_versions(request.user, inspection)
    record = record_for(request.user, inspection)
    team = can_see_history(request.user, inspection)
    if record is None:  # the working copy: the team's, or the force's at the factual-accuracy check
        rows = area_rows(inspection)
        inspection_doc = inspection_document(inspection, rows)
        if not team:  # evidence and the rule checks are the team's working material
            inspection_doc = inspection_doc.model_copy(update={"evidence": [], "breaches": []})
    else:
        rows = record_rows(inspection.spec, record)
        inspection_doc = record_document(inspection, record, rows)
    document = InspectionPage(
        **dict(inspection_doc), areas=rows, report_versions=[version_summary(v) for v in versions]
    )
    findings_by_area: dict[str, list[object]] = {}
    for finding in document.findings:
        for area_id in finding.areas:
            findings_by_area.setdefault(area_id, []).append(finding)
    published = is_published(inspection)
    context = {
        "inspection": inspection,
        "is_team": team,
        "status_label": dict(Status.choices).get(document.status, document.status),
        "can_write": can_write and not is_locked(inspection),
        "can_publish": can_publish(request.user, inspection),
        "locked": is_locked(inspection),
        "correction": inspection.correction_reason,
        "differences": _differences(inspection) if team and published else [],
        "versions": versions,
        "now": timezone.now(),
        "areas": rows,
        "area_titles": {row.area: row.title for row in rows},
        "findings_by_area": findings_by_area,
        "team": inspection.team.select_related("user") if team else [],
    }
    template = "inspections/inspection_detail.html"
    page = Page(template, document.title, document, context, inspection.reference)
    return render_page(request, fmt, page)


def _differences(inspection: Inspection) -> list[str]:
    """Where the working copy differs from the latest version published (under embargo or not)."""
    latest = inspection.report_versions.order_by("-number").first()
    if latest is None:
        return []
    working = report_context(inspection, with_numbers=False)
    return differences(working, context_from_json(latest.context))


class ChangeDocument(Document):
    """One entry of the audit trail: who changed what, when."""

    when: str
    who: str | None
    action: str
    """create, update or delete."""
    object: str
    """The kind of record changed: inspection, judgment, finding, evidence..."""
    object_repr: str
    area: str | None
    changes: dict[str, list[JsonValue]]
    """Each field changed, as [old, new]."""


class ChangeRow(Row):
    """One field of one change: the CSV twin flattens each change to its fields."""

    when: str
    who: str | None
    action: str
    object: str
    object_repr: str
    area: str | None
    field: str
    old: str | None
    new: str | None


class InspectionHistoryPage(PageDocument):
    ROW = ChangeRow
    inspection: InspectionSummary
    changes: list[ChangeDocument]
    """Newest first."""

    def csv_rows(self) -> Sequence[ChangeRow]:
        return [row for change in self.changes for row in _flatten_change(change)]


def _history_entry(entry: LogEntry) -> ChangeDocument:
    extra = entry.additional_data or {}
    changes = entry.changes_dict
    if entry.action == LogEntry.Action.CREATE:
        # A new record had no old values; the log stores the text "None" for them.
        changes = {field: [None, new] for field, (_, new) in changes.items()}
    return ChangeDocument(
        when=entry.timestamp.isoformat(),
        who=entry.actor.get_username() if entry.actor else None,
        action=entry.get_action_display().lower(),
        object=entry.content_type.model,
        object_repr=entry.object_repr,
        area=extra.get("area"),
        changes={field: list(values) for field, values in changes.items()},
    )


def history_entries(inspection_code: str) -> list[ChangeDocument]:
    """Every change recorded against this inspection and its judgments, findings and evidence."""
    entries = (
        LogEntry.objects.filter(additional_data__inspection=inspection_code)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )
    return [_history_entry(e) for e in entries]


def _text(value: JsonValue) -> str | None:
    return None if value is None else str(value)


def _flatten_change(change: ChangeDocument) -> list[ChangeRow]:
    common = change.model_dump(exclude={"changes"})
    pairs = change.changes or {"": [None, None]}
    return [
        ChangeRow(**common, field=field, old=_text(old), new=_text(new))
        for field, (old, new) in pairs.items()
    ]


def inspection_history(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    # The trail shows draft grades and who set them: for the team and staff only.
    if not can_see_history(request.user, inspection):
        raise Http404("No such inspection")
    document = InspectionHistoryPage(
        inspection=inspection_summary(inspection), changes=history_entries(str(inspection.code))
    )
    context = {"inspection": inspection, "can_write": can_write, "changes": document.changes}
    title = f"History of {inspection.reference}"
    page = Page(
        "inspections/inspection_history.html", title, document, context, f"{inspection.reference}-history"
    )
    return render_page(request, fmt, page)
