"""Inspection list and inspection page."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from inspectorate.core.reports.context import context_from_json
from inspectorate.web.inspections.access import can_see_history, get_inspection_for_user, listed_inspections
from inspectorate.web.inspections.documents import (
    AreaRow,
    InspectionDocument,
    InspectionSummary,
    area_rows,
    chronological,
    inspection_document,
    record_document,
    record_rows,
)
from inspectorate.web.inspections.locking import is_locked, is_published
from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.inspections.setup import may_create
from inspectorate.web.pages.documents import Document, PageDocument
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.reports.build import report_context
from inspectorate.web.reports.documents import VersionSummary, version_summary
from inspectorate.web.reports.forms import CorrectionForm, PublishForm
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
    context = {
        "statuses": Status.choices,
        "force": force,
        "status": status,
        "may_start": may_create(request.user),
    }
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
    return inspection_page(request, fmt, inspection, can_write)


PublishingForm = PublishForm | CorrectionForm


def publishing_form(request: HttpRequest, inspection: Inspection) -> PublishingForm | None:
    """The lead's form on the inspection page: open a correction of a locked (published) record,
    else publish the report (or the open correction) as its next version. A first version is
    published from the factual-accuracy check only (web/lifecycle): before, there is no form."""
    if not can_publish(request.user, inspection):
        return None
    code = {"code": inspection.code}
    if is_locked(inspection):
        return CorrectionForm(action=reverse("report-correction", kwargs=code))
    correcting = inspection.report_versions.exists()
    if not correcting and inspection.status != Status.FACTUAL_ACCURACY:
        return None
    return PublishForm(
        correcting=correcting,
        action=reverse("report-publish", kwargs=code),
        initial={"reason": inspection.correction_reason},
    )


def inspection_page(
    request: HttpRequest,
    fmt: Fmt,
    inspection: Inspection,
    can_write: bool,
    publishing: PublishingForm | None = None,
) -> HttpResponse:
    """The inspection page; ``publishing``: a publishing form sent back with its errors."""
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
        # The force's liaison reading the draft at the factual-accuracy check (the working copy).
        "checks_draft": not team and record is None,
        "status_label": dict(Status.choices).get(document.status, document.status),
        "can_write": can_write and not is_locked(inspection),
        "can_publish": can_publish(request.user, inspection),
        "publishing": publishing or publishing_form(request, inspection),
        "locked": is_locked(inspection),
        "correction": inspection.correction_reason,
        "differences": _differences(inspection) if team and published else [],
        "versions": versions,
        "now": timezone.now(),
        "areas": rows,
        "area_titles": {row.area: row.title for row in rows},
        "findings_by_area": findings_by_area,
        "team": inspection.team.select_related("user") if team else [],
        # Fieldwork closes at publication: a published inspection links to the fieldwork it had, not
        # to empty lists (the reverse relations keep this app from importing the fieldwork apps).
        "shows_audits": not published or inspection.cdi_audits.exists(),
        "shows_reviews": not published or inspection.case_reviews.exists(),
    }
    if publishing is not None:  # shown at the form's address: the twins are the page's own
        page_url = reverse("inspection", kwargs={"code": inspection.code})
        context["twins"] = {"json": f"{page_url}.json", "csv": f"{page_url}.csv"}
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
