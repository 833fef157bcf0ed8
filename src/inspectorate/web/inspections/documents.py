"""An inspection as one plain document: the web page, its JSON and CSV twins and the CLI share it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.spec import Framework
from inspectorate.core.grading import Breach, FindingState, JudgmentState, check_rules
from inspectorate.web.inspections.models import Evidence, Finding, Inspection, Judgment, Status


def breaches_for(inspection: Inspection) -> list[Breach]:
    judgments = [
        JudgmentState(j.area_id, j.grade or None, j.direction or None) for j in inspection.judgments.all()
    ]
    findings = [
        FindingState(str(f.code), FindingKind(f.kind), tuple(f.area_ids)) for f in inspection.findings.all()
    ]
    return check_rules(inspection.spec, judgments, findings)


def inspection_when(inspection: Inspection) -> str:
    """A sortable date: many published reports give no exact dates, so an undated inspection
    sorts by the years its framework was in use."""
    if inspection.period_start:
        return inspection.period_start.isoformat()
    return inspection.spec.in_use or "9999"


def chronological(inspections: Iterable[Inspection]) -> list[Inspection]:
    """Oldest first, by force; the same order on every database."""
    return sorted(inspections, key=lambda i: (i.force.name, inspection_when(i), i.reference))


def effective_status(inspection: Inspection) -> str:
    """The status, except that an embargoed inspection whose report's embargo has ended is published."""
    if (
        inspection.status == Status.EMBARGOED
        and inspection.report_versions.filter(embargo_until__lte=timezone.now()).exists()
    ):
        return Status.PUBLISHED.value
    return str(inspection.status)


def inspection_summary(inspection: Inspection) -> dict[str, Any]:
    """The short form used in lists."""
    return {
        "code": str(inspection.code),
        "reference": inspection.reference,
        "title": inspection.title,
        "force": inspection.force_id,
        "force_name": inspection.force.name,
        "framework": inspection.framework_id,
        "status": effective_status(inspection),
        "period": inspection.period_label or None,
        "period_start": _date(inspection.period_start),
        "period_end": _date(inspection.period_end),
        "published": inspection.published_label or None,
        "published_on": _date(inspection.published_on),
        "origin": inspection.origin,
    }


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _level_label(spec: Framework, scale_id: str | None, level_id: str) -> str | None:
    if not scale_id or not level_id:
        return None
    level = spec.scale(scale_id).level(level_id)
    return level.label if level else level_id


def area_rows(inspection: Inspection) -> list[dict[str, Any]]:
    """One row per framework area, in tree order, with its judgment where there is one."""
    spec = inspection.spec
    judgments: dict[str, Judgment] = {j.area_id: j for j in inspection.judgments.all()}
    findings = list(inspection.findings.all())
    rows = []
    for place in spec.walk():
        area = place.area
        judgment = judgments.get(area.id)
        grade = judgment.grade if judgment else ""
        direction = judgment.direction if judgment else ""
        rows.append(
            {
                "area": area.id,
                "code": area.code,
                "title": area.title,
                "level": area.level,
                "depth": place.depth,
                "graded": area.graded,
                "grade": grade or None,
                "grade_label": _level_label(spec, area.scale, grade),
                "direction": direction or None,
                "direction_label": _level_label(spec, area.direction_scale, direction),
                "summary": (judgment.summary if judgment else "") or None,
                "findings": sum(1 for f in findings if area.id in f.area_ids),
            }
        )
    return rows


def finding_document(finding: Finding) -> dict[str, Any]:
    return {
        "code": str(finding.code),
        "kind": finding.kind,
        "kind_label": FindingKind(finding.kind).label,
        "areas": list(finding.area_ids),
        "text": finding.text,
        "note": finding.note or None,
        "parent": str(finding.parent.code) if finding.parent_id and finding.parent else None,
    }


def evidence_document(evidence: Evidence) -> dict[str, Any]:
    return {
        "code": str(evidence.code),
        "kind": evidence.kind,
        "title": evidence.title,
        "description": evidence.description or None,
        "areas": list(evidence.area_ids),
        "date": evidence.date_label or _date(evidence.collected_on),
        "attributed_to": evidence.attributed_to or None,
    }


def inspection_document(inspection: Inspection, rows: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Everything about an inspection that its page shows; ``rows`` saves recomputing area_rows."""
    spec = inspection.spec
    rows = area_rows(inspection) if rows is None else rows
    findings = inspection.findings.select_related("parent")
    evidence = inspection.evidence.all()
    return {
        **inspection_summary(inspection),
        "framework_title": spec.title,
        "framework_hash": inspection.framework.content_hash,
        "source": inspection.source or None,
        "summary": inspection.summary or None,
        "judgments": [row for row in rows if row["grade"] or row["direction"] or row["summary"]],
        "findings": [finding_document(f) for f in findings],
        "evidence": [evidence_document(e) for e in evidence],
        "breaches": [
            {"rule": b.rule_id, "area": b.area_id, "message": b.message, "finding": b.finding_id}
            for b in breaches_for(inspection)
        ],
    }
