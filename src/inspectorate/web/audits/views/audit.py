"""One audit's page, with its twins: design, progress, figures and the suggested grade. Writers set
the figures the estimates need and record the results as evidence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST, require_safe

from inspectorate.web.audits.documents import AuditDetail, audit_detail
from inspectorate.web.audits.figures import design_sizes, figures_shown
from inspectorate.web.audits.forms import FiguresForm, WorksheetUploadForm
from inspectorate.web.audits.models import CdiAudit
from inspectorate.web.audits.results import (
    AuditResultsDocument,
    EstimateRow,
    audit_results,
    estimate_table,
    record_evidence,
)
from inspectorate.web.audits.views.common import AUDITS, audit_url, first_undecided, record_url
from inspectorate.web.fieldwork.access import fieldwork_open
from inspectorate.web.fieldwork.views import evidence_behind, record_as_evidence
from inspectorate.web.inspections.access import can_see_audit_records
from inspectorate.web.inspections.locking import LockedRecord, ensure_fieldwork_open
from inspectorate.web.pages.documents import PageDocument
from inspectorate.web.pages.twins import Fmt, Page, render_page


class AuditPage(PageDocument):
    ROW = EstimateRow
    summary: AuditDetail
    results: AuditResultsDocument

    def csv_rows(self) -> Sequence[EstimateRow]:
        return estimate_table(self.summary.reference, self.summary.synthetic, self.results.estimate)


def audit_page(
    request: HttpRequest,
    fmt: Fmt,
    audit: CdiAudit,
    can_write: bool,
    *,
    upload_form: WorksheetUploadForm | None = None,
    upload_problems: list[str] | None = None,
    figures_form: FiguresForm | None = None,
) -> HttpResponse:
    """The audit's page; the worksheet and figures views show it again with their form's errors."""
    results = audit_results(audit)
    document = AuditPage(summary=audit_detail(audit), results=results.document())
    summary = document.summary
    context: dict[str, Any] = {
        "inspection": audit.inspection,
        "audit": audit,
        # Its forms are offered while they may be sent: to a writer, until the report is published.
        "can_write": can_write and fieldwork_open(audit.inspection),
        "fieldwork_open": fieldwork_open(audit.inspection),
        "can_see_records": can_see_audit_records(request.user, audit.inspection),
        # Named here, as the worksheet and figures views show this page at their own URLs.
        "twins": {twin: audit_url(audit, name=f"audit.{twin}") for twin in ("json", "csv")},
    }
    if fmt == "html":
        sampled, decided = summary.sampled, summary.decided
        upcoming = first_undecided(audit) if context["can_see_records"] else None
        context |= {
            "summary": summary,
            "results": document.results.to_json(),
            "figures": figures_shown(results.estimate.to_json(), audit),
            "design_sizes": design_sizes(summary),
            "sampled": sampled,
            "decided": decided,
            "continue_url": record_url(audit, upcoming.number) if upcoming else None,
            "first_url": record_url(audit, 1) if sampled and context["can_see_records"] else None,
            "upload_form": upload_form or WorksheetUploadForm(),
            "upload_problems": upload_problems or [],
            "figures_form": figures_form or FiguresForm(initial=FiguresForm.initial_for(audit)),
            "evidence": audit.evidence,
            "evidence_behind": evidence_behind(
                audit.evidence, audit.records.aggregate(latest=Max("decided_at"))["latest"]
            ),
        }
    page = Page("audits/audit_detail.html", audit.reference, document, context, audit.reference)
    return render_page(request, fmt, page)


@require_safe
def audit_detail_page(request: HttpRequest, fmt: Fmt, code: UUID, audit_code: UUID) -> HttpResponse:
    audit, can_write = AUDITS.for_user(request, code, audit_code)
    return audit_page(request, fmt, audit, can_write)


@require_POST
def audit_figures(request: HttpRequest, code: UUID, audit_code: UUID) -> HttpResponse:
    """R (the force's recorded crimes for the year) and the previous audit's published figures."""
    audit = AUDITS.writable(request, code, audit_code)
    try:
        ensure_fieldwork_open(audit.inspection)
    except LockedRecord as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(audit_url(audit, "figures"))
    form = FiguresForm(request.POST)
    if not form.is_valid():
        return audit_page(request, "html", audit, True, figures_form=form)
    form.apply(audit)
    audit.save(update_fields=["recorded_crimes", "recorded_crimes_source", "previous", "updated_at"])
    messages.success(request, "Saved the figures the estimates use.")
    return HttpResponseRedirect(audit_url(audit, "figures"))


@require_POST
def audit_evidence(request: HttpRequest, code: UUID, audit_code: UUID) -> HttpResponse:
    audit = AUDITS.writable(request, code, audit_code)
    record = lambda user: record_evidence(audit, user)  # noqa: E731
    return record_as_evidence(request, record, "audit", audit_url(audit, "suggestion"))
