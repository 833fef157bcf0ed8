"""Offline worksheets: export an audit's sample to CSV or XLSX, and take decisions back.

An import is checked whole before anything is saved (unknown records, impossible answers,
duplicate rows, decisions changed here since the export), then applied in one transaction:
either every decision in the file is stored or none is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from inspectorate.core.cdi.worksheet import (
    ImportPlan,
    WorksheetRow,
    crimes_text,
    plan_import,
    read_worksheet,
    write_csv,
    write_xlsx,
)
from inspectorate.core.problems import Problem, ProblemsError
from inspectorate.web.audits.models import AuditRecord, CdiAudit
from inspectorate.web.inspections.locking import ensure_fieldwork_open

WORKSHEET_FORMATS = ("csv", "xlsx")


def worksheet_rows(audit: CdiAudit) -> list[WorksheetRow]:
    records = audit.records.select_related("stratum").order_by("number")
    return [
        WorksheetRow(
            number=record.number,
            incident_id=record.incident_id,
            stratum=record.stratum.key,
            opened_at=record.opened_at,
            route=record.stratum.route,
            incident_offence_group=record.incident_offence_group,
            crimes=crimes_text(record.crimes),
            decision=record.decision,
            revision=record.revision,
        )
        for record in records
    ]


def export_worksheet(audit: CdiAudit, path: Path, fmt: str) -> int:
    rows = worksheet_rows(audit)
    if fmt == "csv":
        write_csv(path, str(audit.code), rows)
    elif fmt == "xlsx":
        write_xlsx(path, str(audit.code), rows)
    else:
        raise ValueError(f"unknown worksheet format {fmt!r}")
    return len(rows)


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    source: str

    def summary(self) -> str:
        return f"{self.source}: {self.plan.summary()}"


def import_worksheet(audit: CdiAudit, path: Path, user: User | None, source_name: str = "") -> ImportResult:
    """Check a worksheet against the audit and store its decisions, all or nothing."""
    ensure_fieldwork_open(audit.inspection)
    name = source_name or path.name
    records = {record.incident_id: record for record in audit.records.all()}
    known = {incident: (record.number, record.revision) for incident, record in records.items()}
    imported = read_worksheet(path, str(audit.code), known, source_name=name)
    current = {incident: (record.decision, record.revision) for incident, record in records.items()}
    plan = plan_import(imported, current, name)
    now = timezone.now()
    with transaction.atomic():
        for row in plan.changes:
            record = AuditRecord.objects.select_for_update().get(pk=records[row.incident_id].pk)
            if record.revision != row.revision:
                # Saved by someone else between reading the file and now: refuse the whole import.
                raise ProblemsError(
                    [
                        Problem(
                            name,
                            row.line,
                            "revision",
                            f"{row.incident_id!r} changed while importing: try again",
                        )
                    ]
                )
            record.set_decision(row.decision)
            record.revision += 1
            record.decided_by = user
            record.decided_at = now
            record.save()
    return ImportResult(plan, name)
