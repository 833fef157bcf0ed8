"""One sampled record of an audit at a time: the incident, the crimes recorded from it, the decision.

Writers answer the five questions and go on to the next undecided record; an impossible combination
of answers is refused with the reason and nothing is saved, as is a save that lost the race with
someone else's (audit_saving.py): the answers typed stay in the form. The rest of the team and staff
see the record and its decision; anyone else gets a 404, even once the inspection is published.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect

from inspectorate.core.cdi.types import QUESTIONS
from inspectorate.web.audits.documents import DecisionDocument, RecordDocument, RecordFacts, record_document
from inspectorate.web.audits.forms import DecisionForm
from inspectorate.web.audits.models import AuditRecord, CdiAudit
from inspectorate.web.audits.saving import StaleRecord, save_decision_if_unchanged
from inspectorate.web.audits.services import DecisionError
from inspectorate.web.audits.views.common import (
    AUDITS,
    audit_url,
    first_undecided,
    progress_counts,
    record_url,
)
from inspectorate.web.fieldwork.access import READ_ONLY, refuse_closed_fieldwork
from inspectorate.web.inspections.locking import LockedRecord
from inspectorate.web.pages.documents import Document, PageDocument
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page

STALE = (
    "Record {number} was saved by someone else since this page was opened, so your answers were not "
    "saved. They are kept in the form, and the answers stored now are shown above it: save again to "
    "replace those with yours, or reload the page to keep them."
)


def _record_for(audit: CdiAudit, number: int) -> AuditRecord:
    record = audit.records.select_related("stratum", "decided_by").filter(number=number).first()
    if record is None:
        raise Http404("No such record in this audit")
    return record


def _save(request: HttpRequest, record: AuditRecord, form: DecisionForm) -> bool:
    """Store the form's decision; False (and the reason on the form) when it is refused.

    Raises StaleRecord when someone else saved the record first, and OperationalError when SQLite
    stayed locked by another save for longer than its timeout.
    """
    if not form.is_valid():
        return False
    user = signed_in(request)
    try:
        save_decision_if_unchanged(record, form.decision(), user, form.cleaned_data["revision"])
    except (DecisionError, LockedRecord) as exc:
        form.add_error(None, str(exc))
        return False
    return True


def _stale_form(request: HttpRequest, record: AuditRecord) -> DecisionForm:
    """The answers typed, now against the revision stored, so that saving again is a choice made
    with the stored answers in view (the page shows them from the refreshed record)."""
    data = request.POST.copy()
    try:
        record.refresh_from_db()
    except OperationalError:
        pass  # the revision sent stays: saving again works once the lock is released
    else:
        data["revision"] = str(record.revision)
    form = DecisionForm(data)
    form.is_valid()
    form.add_error(None, STALE.format(number=record.number))
    return form


def _after_save(request: HttpRequest, audit: CdiAudit, record: AuditRecord) -> HttpResponseRedirect:
    upcoming = first_undecided(audit, after=record.number)
    if upcoming is not None:
        return HttpResponseRedirect(record_url(audit, upcoming.number))
    _, sampled = progress_counts(audit)
    messages.success(request, f"All {sampled:,} records are decided: the results are no longer provisional.")
    return HttpResponseRedirect(audit_url(audit))  # at the top, where the message is


def _error_links(form: DecisionForm | None) -> list[tuple[str, str]]:
    """The refusals to list in the error summary, each linked to the question it names (core's
    messages begin with the question's name) or else to the first question."""
    if form is None:
        return []
    names = [name for name, _ in QUESTIONS]
    links = []
    for error in form.non_field_errors():
        message = str(error)
        named = message.split(":", 1)[0].strip()
        links.append((message, f"#id_{named if named in names else names[0]}_1"))
    return links


class AuditRef(Document):
    reference: str
    code: str


class Progress(Document):
    decided: int
    sampled: int


class RecordRow(DecisionDocument, RecordFacts):
    """The record and its decision as one CSV line."""


class AuditRecordPage(PageDocument):
    ROW = RecordRow
    inspection: str
    """The inspection's reference."""
    audit: AuditRef
    record: RecordDocument
    progress: Progress

    def csv_rows(self) -> Sequence[RecordRow]:
        record = self.record.model_dump(exclude={"crimes", "decision"})
        return [RecordRow(**record, **self.record.decision.model_dump())]


def audit_record(request: HttpRequest, fmt: Fmt, code: UUID, audit_code: UUID, number: int) -> HttpResponse:
    audit, can_write = AUDITS.material_for_user(request, code, audit_code)
    record = _record_for(audit, number)
    form = None
    stale = False
    if request.method == "POST" and fmt == "html":
        if not can_write:
            raise PermissionDenied(READ_ONLY)
        refuse_closed_fieldwork(audit.inspection)
        form = DecisionForm(request.POST)
        try:
            if _save(request, record, form):
                return _after_save(request, audit, record)
        except (StaleRecord, OperationalError):
            form, stale = _stale_form(request, record), True
    elif can_write and fmt == "html":
        form = DecisionForm(initial=DecisionForm.initial_for(record.decision, record.revision))
    decided, sampled = progress_counts(audit)
    document = AuditRecordPage(
        inspection=audit.inspection.reference,
        audit=AuditRef(reference=audit.reference, code=str(audit.code)),
        record=record_document(record),
        progress=Progress(decided=decided, sampled=sampled),
    )
    answers = document.record.decision.model_dump()
    context = {
        "inspection": audit.inspection,
        "audit": audit,
        "record": record,
        "document": document.record.to_json(),
        "can_write": can_write,
        "form": form,
        "stale": stale,
        "decision_errors": _error_links(form),
        "decided": decided,
        "sampled": sampled,
        "previous_url": record_url(audit, number - 1) if number > 1 else None,
        "next_url": record_url(audit, number + 1) if number < sampled else None,
        "answers": [(text, answers[name]) for name, text in QUESTIONS],
    }
    title = f"{audit.reference} record {number}"
    page = Page("audits/audit_record.html", title, document, context, f"{audit.reference}-{number}")
    return render_page(request, fmt, page)
