"""An inspection as typed documents: its pages, their JSON and CSV twins and the CLI share them."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from django.utils import timezone

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.spec import Framework
from inspectorate.core.grading import Breach, FindingState, JudgmentState, check_rules
from inspectorate.core.reports.context import FindingItem, ReportContext
from inspectorate.core.reports.dates import publication_day
from inspectorate.web.inspections.models import (
    Evidence,
    EvidenceFile,
    Finding,
    Inspection,
    Judgment,
    Status,
)
from inspectorate.web.pages.documents import Document, Row


def breaches_for(inspection: Inspection) -> list[Breach]:
    judgments = [
        JudgmentState(j.area_id, j.grade or None, j.direction or None) for j in inspection.judgments.all()
    ]
    findings = [
        FindingState(
            str(f.code), FindingKind(f.kind), tuple(f.area_ids), str(f.parent.code) if f.parent else None
        )
        for f in inspection.findings.select_related("parent")
    ]
    return check_rules(inspection.spec, judgments, findings)


def inspection_when(inspection: Inspection) -> str:
    """A sortable date: the period's start; else the publication date the report prints (an
    imported report seldom has a period, but orders by its date: a 2018 crime data integrity
    report after a 2016 one of the same programme); else the year its period names ("2018",
    "2021/22": an undated press release of a report sits with it); else the years its framework
    was in use. Every page sorts by this, so they all order alike."""
    if inspection.period_start:
        return inspection.period_start.isoformat()
    day = publication_day(inspection.published_label)
    if day is not None:
        return day.isoformat()
    year = _PERIOD_YEAR.match(inspection.period_label.strip())
    if year is not None:
        return year.group(0)
    return inspection.spec.in_use or "9999"


# The first year a period names: "2018", "2021/22", "2023-25".
_PERIOD_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")


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


def iso_date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


class InspectionRef(Row):
    """Which inspection: its code, name, force and framework."""

    code: str
    reference: str
    """A short name, e.g. MPS-PEEL-2021."""
    title: str
    force: str
    """The force's police.uk id."""
    force_name: str
    framework: str
    """The framework version the inspection is run against."""
    framework_title: str


class InspectionSummary(InspectionRef):
    """An inspection as lists show it."""

    status: str
    """planning, fieldwork, moderation, factual-accuracy, embargoed or published; an embargoed
    inspection whose report is out of embargo is published."""
    period: str | None
    period_start: str | None
    period_end: str | None
    published: str | None
    """The publication date as the report states it, where it gives no day."""
    published_on: str | None
    origin: str
    """run-here, imported (from a published report) or fixture (the demo's)."""


def inspection_summary(inspection: Inspection) -> InspectionSummary:
    return InspectionSummary(
        code=str(inspection.code),
        reference=inspection.reference,
        title=inspection.title,
        force=inspection.force_id,
        force_name=inspection.force.name,
        framework=inspection.framework_id,
        framework_title=inspection.spec.title,
        status=effective_status(inspection),
        period=inspection.period_label or None,
        period_start=iso_date(inspection.period_start),
        period_end=iso_date(inspection.period_end),
        published=inspection.published_label or None,
        published_on=iso_date(inspection.published_on),
        origin=inspection.origin,
    )


def _level_label(spec: Framework, scale_id: str | None, level_id: str) -> str | None:
    if not scale_id or not level_id:
        return None
    level = spec.scale(scale_id).level(level_id)
    return level.label if level else level_id


class AreaRow(Row):
    """One framework area of an inspection, with its judgment where there is one."""

    area: str
    """The area's stable id in the framework."""
    code: str
    """The area's code as the programme prints it (1A, q1.1), if it has one."""
    title: str
    level: str
    depth: int
    graded: bool
    grade: str | None
    grade_label: str | None
    direction: str | None
    direction_label: str | None
    summary: str | None
    findings: int
    """How many findings are linked to the area."""


def area_rows(inspection: Inspection) -> list[AreaRow]:
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
            AreaRow(
                area=area.id,
                code=area.code,
                title=area.title,
                level=area.level,
                depth=place.depth,
                graded=area.graded,
                grade=grade or None,
                grade_label=_level_label(spec, area.scale, grade),
                direction=direction or None,
                direction_label=_level_label(spec, area.direction_scale, direction),
                summary=(judgment.summary if judgment else "") or None,
                findings=sum(1 for f in findings if area.id in f.area_ids),
            )
        )
    return rows


class FindingDocument(Row):
    code: str
    kind: str
    """cause-of-concern, recommendation, area-for-improvement, strength, and so on."""
    kind_label: str
    areas: list[str]
    text: str
    note: str | None
    parent: str | None
    """The cause of concern a recommendation belongs to (its code)."""
    criteria: list[str]
    """The framework's criteria (ids) the team marked it against; none in a published record."""


def finding_document(finding: Finding) -> FindingDocument:
    return FindingDocument(
        code=str(finding.code),
        kind=finding.kind,
        kind_label=FindingKind(finding.kind).label,
        areas=list(finding.area_ids),
        text=finding.text,
        note=finding.note or None,
        parent=str(finding.parent.code) if finding.parent_id and finding.parent else None,
        criteria=list(finding.criterion_ids),
    )


class EvidenceDocument(Row):
    code: str
    kind: str
    title: str
    description: str | None
    areas: list[str]
    date: str | None
    """The day it was collected, or the date as stated where no day is known."""
    attributed_to: str | None
    criteria: list[str]
    """The framework's criteria (ids) it is marked against."""
    findings: list[str]
    """The findings it supports (their codes)."""
    files: int
    """How many files are kept with it."""


def evidence_document(evidence: Evidence) -> EvidenceDocument:
    return EvidenceDocument(
        code=str(evidence.code),
        kind=evidence.kind,
        title=evidence.title,
        description=evidence.description or None,
        areas=list(evidence.area_ids),
        date=evidence.date_label or iso_date(evidence.collected_on),
        attributed_to=evidence.attributed_to or None,
        criteria=list(evidence.criterion_ids),
        findings=[str(f.code) for f in evidence.findings.all()],
        files=len(evidence.files.all()),
    )


class EvidenceFileDocument(Row):
    """A file kept with a piece of evidence: the team's working material, never published."""

    code: str
    name: str
    """The name it was sent with, made safe."""
    sha256: str
    """The SHA-256 of its bytes: the file is stored, and can be checked, by it."""
    size: int
    """Its size in bytes."""
    content_type: str
    effective_on: str | None
    """The date the file speaks for (a policy's date, a data extract's), where given."""
    uploaded_by: str | None
    uploaded_at: str


def evidence_file_document(evidence_file: EvidenceFile) -> EvidenceFileDocument:
    return EvidenceFileDocument(
        code=str(evidence_file.code),
        name=evidence_file.original_name,
        sha256=evidence_file.sha256,
        size=evidence_file.size,
        content_type=evidence_file.content_type,
        effective_on=iso_date(evidence_file.effective_on),
        uploaded_by=evidence_file.uploaded_by.get_username() if evidence_file.uploaded_by else None,
        uploaded_at=evidence_file.created_at.isoformat(),
    )


class EvidenceListed(EvidenceDocument):
    """A piece of evidence with its files: `inspectorate evidence list --json` prints them."""

    kept_files: list[EvidenceFileDocument]


def evidence_listing(inspection: Inspection) -> list[EvidenceListed]:
    return [
        EvidenceListed(
            **dict(evidence_document(evidence)),
            kept_files=[evidence_file_document(f) for f in evidence.files.all()],
        )
        for evidence in inspection.evidence.prefetch_related("findings", "files__uploaded_by")
    ]


class CriterionDocument(Document):
    """One of an area's criteria, with what bears on it."""

    id: str
    area: str
    text: str
    """The framework's own words."""
    dominant: bool
    """A criterion that on its own can decide the grade."""
    grade: str | None
    """The grade it describes, where the framework writes its criteria per grade."""
    grade_label: str | None
    findings: list[str]
    """The findings marked against it (their codes), as this reader sees them."""
    evidence: list[str]
    """The evidence marked against it (its codes): the team's working material, empty for everyone else."""


def criterion_documents(
    spec: Framework, area_id: str, findings: Iterable[FindingDocument], evidence: Iterable[EvidenceDocument]
) -> list[CriterionDocument]:
    """The area's criteria in the framework's order, each with the findings and evidence marked against it."""
    area = spec.area(area_id)
    findings, evidence = list(findings), list(evidence)
    return [
        CriterionDocument(
            id=criterion.id,
            area=area.id,
            text=criterion.text,
            dominant=criterion.dominant,
            grade=criterion.grade or None,
            grade_label=_level_label(spec, area.scale, criterion.grade),
            findings=[f.code for f in findings if criterion.id in f.criteria],
            evidence=[e.code for e in evidence if criterion.id in e.criteria],
        )
        for criterion in area.criteria
    ]


class BreachDocument(Document):
    """A grading rule the grades and findings do not satisfy."""

    rule: str
    area: str
    message: str
    finding: str | None


class InspectionDocument(InspectionSummary):
    """Everything about an inspection: `inspections show --json` prints it."""

    framework_hash: str
    source: str | None
    summary: str | None
    judgments: list[AreaRow]
    """The areas with a grade, a direction of travel or a summary."""
    findings: list[FindingDocument]
    evidence: list[EvidenceDocument]
    breaches: list[BreachDocument]


def inspection_document(inspection: Inspection, rows: list[AreaRow] | None = None) -> InspectionDocument:
    """Everything about an inspection that its page shows; ``rows`` saves recomputing area_rows."""
    rows = area_rows(inspection) if rows is None else rows
    findings = inspection.findings.select_related("parent")
    return InspectionDocument(
        **inspection_summary(inspection).model_dump(),
        framework_hash=inspection.framework.content_hash,
        source=inspection.source or None,
        summary=inspection.summary or None,
        judgments=[row for row in rows if row.grade or row.direction or row.summary],
        findings=[finding_document(f) for f in findings],
        evidence=[evidence_document(e) for e in inspection.evidence.prefetch_related("findings", "files")],
        breaches=[
            BreachDocument(rule=b.rule_id, area=b.area_id, message=b.message, finding=b.finding_id)
            for b in breaches_for(inspection)
        ],
    )


# The published record, read as the same documents: what everyone outside the team sees ----------


def record_rows(spec: Framework, record: ReportContext) -> list[AreaRow]:
    """The record's areas as area rows: its grades, and how many of its findings are on each area."""
    graded = {place.area.id: place.area.graded for place in spec.walk()}
    findings = list(record_findings(record))
    return [
        AreaRow(
            area=section.grade.area_id,
            code=section.grade.code,
            title=section.grade.title,
            level=section.grade.level,
            depth=section.grade.depth,
            graded=graded.get(section.grade.area_id, False),
            grade=section.grade.grade,
            grade_label=section.grade.grade_label,
            direction=section.grade.direction,
            direction_label=section.grade.direction_label,
            summary=section.grade.summary,
            findings=sum(1 for f in findings if section.grade.area_id in f.areas),
        )
        for section in record.areas
    ]


def _items(record: ReportContext) -> list[FindingItem]:
    return [*record.observations, *(item for section in record.areas for item in section.findings)]


def record_findings(record: ReportContext) -> list[FindingDocument]:
    """Every finding the record prints, each recommendation after its cause of concern."""
    documents = []
    for item in _items(record):
        areas = list(item.areas) if item.areas else []
        documents.append(
            FindingDocument(
                code=item.code or "",
                kind=item.kind,
                kind_label=item.kind_label,
                areas=areas,
                text=item.text,
                note=None,
                parent=None,
                criteria=[],
            )
        )
        codes = item.recommendation_codes or ("",) * len(item.recommendations)
        documents += [
            FindingDocument(
                code=code,
                kind=FindingKind.RECOMMENDATION.value,
                kind_label=FindingKind.RECOMMENDATION.label,
                areas=areas,
                text=text,
                note=None,
                parent=item.code,
                criteria=[],
            )
            for code, text in zip(codes, item.recommendations, strict=True)
        ]
    return documents


def record_summary(inspection: Inspection, record: ReportContext) -> InspectionSummary:
    """The inspection as its published record names it; a copy read under embargo is embargoed."""
    return InspectionSummary(
        code=str(inspection.code),
        reference=record.reference,
        title=record.title,
        force=record.force_id,
        force_name=record.force_name,
        framework=record.framework_id,
        framework_title=record.framework_title,
        # A copy read under embargo is not yet published (web/reports/record.py, as_read_by).
        status=Status.EMBARGOED.value if record.embargo_notice else Status.PUBLISHED.value,
        period=record.period,
        period_start=iso_date(inspection.period_start),
        period_end=iso_date(inspection.period_end),
        published=None if record.embargo_notice else record.published,
        published_on=None if record.embargo_notice else iso_date(inspection.published_on),
        origin=inspection.origin,
    )


def record_document(inspection: Inspection, record: ReportContext, rows: list[AreaRow]) -> InspectionDocument:
    """The inspection as its published record has it: no working material (evidence, rule checks)."""
    return InspectionDocument(
        **record_summary(inspection, record).model_dump(),
        framework_hash=inspection.framework.content_hash,
        source=record.source,
        summary=record.summary,
        judgments=[row for row in rows if row.grade or row.direction or row.summary],
        findings=record_findings(record),
        evidence=[],
        breaches=[],
    )
