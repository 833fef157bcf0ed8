"""An inspection's crime data integrity audits: the list with the form to start one.

Whoever may see the inspection sees its audits, their design, results and twins. The records
themselves (incident and crime ids, auditors' notes) and the worksheet are working material for the
team and staff only (web/fieldwork/access.py). Writers start audits; a POST from anyone else who may
see the inspection is refused with 403, as on the other editing pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from inspectorate.core.cdi.frame import default_audit_period
from inspectorate.core.data.store import Dataset, DataStore, default_dataset
from inspectorate.core.problems import InputError
from inspectorate.web.audits.documents import AuditFacts, AuditSummary, audit_summary
from inspectorate.web.audits.forms import NewAuditForm
from inspectorate.web.audits.models import CdiAudit
from inspectorate.web.audits.services import create_audit
from inspectorate.web.audits.views.common import audit_url
from inspectorate.web.fieldwork.access import READ_ONLY, fieldwork_open, refuse_closed_fieldwork
from inspectorate.web.inspections.access import get_inspection_for_user
from inspectorate.web.inspections.documents import InspectionSummary, inspection_summary
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.documents import PageDocument
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.workspace import data_store


def _new_audit_initial(store: DataStore, datasets: list[Dataset]) -> dict[str, Any]:
    chosen = default_dataset(datasets)
    if chosen is None:
        return {}
    initial: dict[str, Any] = {"dataset": chosen.name}
    # A dataset without incidents has no default period: the form says what is wrong when it is sent.
    with suppress(InputError):
        initial["start"], initial["end"] = default_audit_period(store, chosen)
    return initial


def _start_audit(request: HttpRequest, inspection: Inspection, form: NewAuditForm) -> CdiAudit:
    data = form.cleaned_data
    return create_audit(
        inspection,
        dataset_name=data["dataset"],
        design=form.design(),
        start=data["start"],
        end=data["end"],
        user=signed_in(request),
        include_asb=data["include_asb"],
    )


class AuditListRow(AuditFacts):
    """An audit as one CSV line: without its design and previous figures, but with the design's seed
    and target margin."""

    seed: int | None
    margin: float | None


class AuditListPage(PageDocument):
    ROW = AuditListRow
    inspection: InspectionSummary
    audits: list[AuditSummary]

    def csv_rows(self) -> Sequence[AuditListRow]:
        scalar = set(AuditFacts.model_fields)
        return [
            AuditListRow(
                **audit.model_dump(include=scalar),
                seed=_number(audit.design.get("seed")),
                margin=_number(audit.design.get("margin")),
            )
            for audit in self.audits
        ]


def _number(value: object) -> int | float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def audit_list(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    is_open = fieldwork_open(inspection)
    store = data_store()
    datasets = store.datasets(inspection.force_id)
    form = None
    if request.method == "POST" and fmt == "html":
        if not can_write:
            raise PermissionDenied(READ_ONLY)
        refuse_closed_fieldwork(inspection)
        form = NewAuditForm(request.POST, datasets=datasets)
        if form.is_valid():
            try:
                audit = _start_audit(request, inspection, form)
            except InputError as exc:
                form.add_error(None, " ".join(str(exc).split()))
            else:
                drawn = audit.records.count()
                messages.success(
                    request, f"{audit.reference}: drew {drawn:,} records from {audit.frame_size:,}."
                )
                return HttpResponseRedirect(audit_url(audit))
    elif can_write and is_open and datasets and fmt == "html":
        form = NewAuditForm(initial=_new_audit_initial(store, datasets), datasets=datasets)
    summaries = [audit_summary(audit) for audit in inspection.cdi_audits.all()]
    document = AuditListPage(inspection=inspection_summary(inspection), audits=summaries)
    context = {
        "inspection": inspection,
        "can_write": can_write,
        "fieldwork_open": is_open,
        "datasets": datasets,
        "audits": summaries,
        "form": form,
    }
    title = f"Crime data integrity audits of {inspection.reference}"
    page = Page("audits/audit_list.html", title, document, context, f"{inspection.reference}-cdi")
    return render_page(request, fmt, page)
