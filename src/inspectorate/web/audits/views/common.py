"""What every audit page needs: the audits as fieldwork, their addresses, and their progress."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from inspectorate.web.audits.models import AuditRecord, CdiAudit
from inspectorate.web.fieldwork.access import Fieldwork

AUDITS = Fieldwork[CdiAudit](
    of=lambda inspection: inspection.cdi_audits.all(),
    missing="No such audit",
    material_missing="No such record",
)


def audit_url(audit: CdiAudit, anchor: str = "", name: str = "audit") -> str:
    url = reverse(name, kwargs={"code": audit.inspection.code, "audit_code": audit.code})
    return f"{url}#{anchor}" if anchor else url


def record_url(audit: CdiAudit, number: int) -> str:
    kwargs = {"code": audit.inspection.code, "audit_code": audit.code, "number": number}
    return reverse("audit-record", kwargs=kwargs)


def first_undecided(audit: CdiAudit, after: int = 0) -> AuditRecord | None:
    """The next record nobody has decided, after ``after`` in the working order and then from the start."""
    undecided = audit.records.filter(should_record="").order_by("number")
    return undecided.filter(number__gt=after).first() or undecided.first()


def progress_counts(audit: CdiAudit) -> tuple[int, int]:
    """(decided, sampled)."""
    counts = audit.records.aggregate(sampled=Count("id"), decided=Count("id", filter=~Q(should_record="")))
    return counts["decided"], counts["sampled"]
