"""The report of an inspection as the workspace records it now: one snapshot (core/reports/snapshot.py)
taken from the records, and the report core builds from it.

Figures come from the inspection's published figures (read from a report or recorded with it), then
from the crime data integrity audits and case-file reviews run here, each naming its method and
where it can be checked. The earlier findings it reviewed are those it gave its verdict on
(web/followup/earlier.py), each as its own report published it.
"""

from __future__ import annotations

from inspectorate.core.findings import FindingKind
from inspectorate.core.reports.context import ReportContext
from inspectorate.core.reports.snapshot import (
    FindingSnapshot,
    InspectionSnapshot,
    JudgmentSnapshot,
    build_report,
)
from inspectorate.web.followup.earlier import earlier_items
from inspectorate.web.inspections.documents import iso_date
from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.reports.figures import inspection_figures
from inspectorate.web.reports.numbers import force_in_numbers


def snapshot_of(inspection: Inspection, *, with_numbers: bool = True) -> InspectionSnapshot:
    """The inspection as recorded now; ``with_numbers=False`` leaves out the force in numbers
    (computed from the data store)."""
    findings = inspection.findings.select_related("parent").order_by("position", "id")
    return InspectionSnapshot(
        reference=inspection.reference,
        title=inspection.title,
        force_id=inspection.force_id,
        force_name=inspection.force.name,
        framework=inspection.spec,
        status=str(inspection.status),
        period=inspection.period_label or None,
        published=inspection.published_label or iso_date(inspection.published_on),
        summary=inspection.summary or None,
        source=inspection.source or None,
        judgments=tuple(
            JudgmentSnapshot(j.area_id, j.grade, j.direction, j.summary) for j in inspection.judgments.all()
        ),
        findings=tuple(
            FindingSnapshot(
                code=str(f.code),
                kind=FindingKind(f.kind),
                text=f.text,
                area_ids=tuple(f.area_ids),
                parent=str(f.parent.code) if f.parent else None,
            )
            for f in findings
        ),
        figures=tuple(inspection_figures(inspection)),
        numbers=force_in_numbers(inspection) if with_numbers else None,
        draft=inspection.status != Status.PUBLISHED,
        exercise=inspection.exercise,
        earlier_findings=earlier_items(inspection),
    )


def report_context(inspection: Inspection, *, with_numbers: bool = True) -> ReportContext:
    """The report as the inspection stands; ``with_numbers=False`` leaves out the force in numbers."""
    return build_report(snapshot_of(inspection, with_numbers=with_numbers))
