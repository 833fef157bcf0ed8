"""The report context of an inspection (core/reports), built from what the workspace records.

Figures come from the inspection's published figures (read from a report or recorded with it),
then from the crime data integrity audits and case-file reviews run here, each figure naming its
method and where it can be checked.
"""

from __future__ import annotations

from inspectorate.core.findings import FindingKind
from inspectorate.core.reports.context import AreaSection, FindingItem, GradeLine, ReportContext
from inspectorate.core.reports.layouts import layout_for
from inspectorate.web.inspections.documents import AreaRow, area_rows, iso_date
from inspectorate.web.inspections.models import Finding, Inspection, Status
from inspectorate.web.reports.figures import inspection_figures
from inspectorate.web.reports.numbers import force_in_numbers

# Findings are listed in this order within an area, as each programme's reports list them: PEEL
# opens with what is wrong, the 2006 baseline with strengths.
KIND_ORDER = [
    FindingKind.MAIN_FINDING,
    FindingKind.CAUSE_OF_CONCERN,
    FindingKind.AREA_FOR_IMPROVEMENT,
    FindingKind.STRENGTH,
    FindingKind.WORK_IN_PROGRESS,
    FindingKind.GOOD_PRACTICE,
]
KIND_ORDERS = {
    "ba-2006": [
        FindingKind.STRENGTH,
        FindingKind.WORK_IN_PROGRESS,
        FindingKind.AREA_FOR_IMPROVEMENT,
        FindingKind.GOOD_PRACTICE,
    ],
}


def _item(finding: Finding) -> FindingItem:
    return FindingItem(
        kind=finding.kind,
        kind_label=FindingKind(finding.kind).label,
        text=finding.text,
        recommendations=tuple(r.text for r in finding.recommendations.all()),
    )


def _grade_line(row: AreaRow) -> GradeLine:
    """An area row of the inspection page (documents.area_rows) as the report's grade line."""
    return GradeLine(
        area_id=row.area,
        code=row.code,
        title=row.title,
        level=row.level,
        depth=row.depth,
        grade=row.grade,
        grade_label=row.grade_label,
        direction=row.direction,
        direction_label=row.direction_label,
        summary=row.summary,
    )


def report_context(inspection: Inspection, *, with_numbers: bool = True) -> ReportContext:
    """The report as the inspection stands; ``with_numbers=False`` leaves out the force in numbers
    (computed from the data store), for pages that show only grades and figures."""
    spec = inspection.spec
    lines = [_grade_line(row) for row in area_rows(inspection)]
    top_level = inspection.findings.filter(parent__isnull=True).prefetch_related("recommendations")
    findings = list(top_level.order_by("position", "id"))
    layout = layout_for(inspection.framework_id)
    order = {kind.value: n for n, kind in enumerate(KIND_ORDERS.get(layout, KIND_ORDER))}
    findings.sort(key=lambda f: order.get(f.kind, len(order)))
    areas = tuple(
        AreaSection(
            grade=line,
            findings=tuple(_item(f) for f in findings if f.area_ids and f.area_ids[0] == line.area_id),
        )
        for line in lines
    )
    observations = tuple(_item(f) for f in findings if not f.area_ids)
    annex = tuple(
        (place.area.title, place.area.question or place.area.description)
        for place in spec.walk()
        if place.area.graded and (place.area.question or place.area.description)
    )
    return ReportContext(
        layout=layout,
        reference=inspection.reference,
        title=inspection.title,
        force_id=inspection.force_id,
        force_name=inspection.force.name,
        framework_id=inspection.framework_id,
        framework_title=spec.title,
        framework_version=spec.version,
        status=inspection.status,
        draft=inspection.status != Status.PUBLISHED,
        period=inspection.period_label or None,
        published=inspection.published_label or iso_date(inspection.published_on),
        summary=inspection.summary or None,
        source=inspection.source or None,
        grades=tuple(line for line in lines if line.grade or line.direction),
        areas=areas,
        observations=observations,
        figures=tuple(inspection_figures(inspection)),
        annex=annex,
        numbers=force_in_numbers(inspection) if with_numbers else None,
    )
