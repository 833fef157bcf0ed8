"""One snapshot of an inspection, and the report built from it.

The web takes the snapshot from what the workspace records, at one moment; everything the report
says (grades with their labels, findings by area in each programme's order, figures, the force in
numbers) is decided here, from the snapshot alone. A published version is this report, frozen: what
the public reads never depends on anything computed after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.spec import Framework
from inspectorate.core.reports.context import (
    AreaSection,
    EarlierFinding,
    FindingItem,
    ForceInNumbers,
    GradeLine,
    ReportContext,
    ReportFigure,
    earlier_findings,
)
from inspectorate.core.reports.layouts import layout_for

# Findings are listed in this order within an area, as each programme's reports list them: PEEL
# opens with what is wrong, the 2006 baseline with strengths.
KIND_ORDER = (
    FindingKind.MAIN_FINDING,
    FindingKind.CAUSE_OF_CONCERN,
    FindingKind.AREA_FOR_IMPROVEMENT,
    FindingKind.STRENGTH,
    FindingKind.WORK_IN_PROGRESS,
    FindingKind.GOOD_PRACTICE,
)
KIND_ORDERS = {
    "ba-2006": (
        FindingKind.STRENGTH,
        FindingKind.WORK_IN_PROGRESS,
        FindingKind.AREA_FOR_IMPROVEMENT,
        FindingKind.GOOD_PRACTICE,
    ),
}


@dataclass(frozen=True)
class JudgmentSnapshot:
    area_id: str
    grade: str = ""
    direction: str = ""
    summary: str = ""


@dataclass(frozen=True)
class FindingSnapshot:
    code: str
    kind: FindingKind
    text: str
    area_ids: tuple[str, ...] = ()
    parent: str | None = None
    """The cause of concern a recommendation answers (its code)."""


@dataclass(frozen=True)
class InspectionSnapshot:
    """What the workspace records of an inspection, at one moment, in the order it keeps it."""

    reference: str
    title: str
    force_id: str
    force_name: str
    framework: Framework
    status: str
    period: str | None
    published: str | None
    summary: str | None
    source: str | None
    judgments: tuple[JudgmentSnapshot, ...] = ()
    findings: tuple[FindingSnapshot, ...] = ()
    figures: tuple[ReportFigure, ...] = ()
    numbers: ForceInNumbers | None = None
    draft: bool = True
    exercise: bool = False
    """Run on synthetic data for practice: marked as such on every page, never listed with real reports."""
    earlier_findings: tuple[EarlierFinding, ...] = ()
    """The force's earlier findings this inspection gave its verdict on, each as it was published."""


def level_label(framework: Framework, scale_id: str | None, level_id: str) -> str | None:
    if not scale_id or not level_id:
        return None
    level = framework.scale(scale_id).level(level_id)
    return level.label if level else level_id


def grade_lines(framework: Framework, judgments: Sequence[JudgmentSnapshot]) -> list[GradeLine]:
    """One line per framework area, in tree order, with its judgment where there is one."""
    by_area = {j.area_id: j for j in judgments}
    lines = []
    for place in framework.walk():
        area = place.area
        judgment = by_area.get(area.id, JudgmentSnapshot(area.id))
        lines.append(
            GradeLine(
                area_id=area.id,
                code=area.code,
                title=area.title,
                level=area.level,
                depth=place.depth,
                grade=judgment.grade or None,
                grade_label=level_label(framework, area.scale, judgment.grade),
                direction=judgment.direction or None,
                direction_label=level_label(framework, area.direction_scale, judgment.direction),
                summary=judgment.summary or None,
            )
        )
    return lines


def _items(findings: Sequence[FindingSnapshot], layout: str) -> list[FindingItem]:
    """Top-level findings with their recommendations, in the programme's order of kinds."""
    recommendations: dict[str, list[FindingSnapshot]] = {}
    for finding in findings:
        if finding.parent is not None:
            recommendations.setdefault(finding.parent, []).append(finding)
    order = {kind: n for n, kind in enumerate(KIND_ORDERS.get(layout, KIND_ORDER))}
    top = sorted((f for f in findings if f.parent is None), key=lambda f: order.get(f.kind, len(order)))
    return [
        FindingItem(
            code=finding.code,
            kind=finding.kind.value,
            kind_label=finding.kind.label,
            text=finding.text,
            areas=finding.area_ids,
            recommendations=tuple(r.text for r in recommendations.get(finding.code, ())),
            recommendation_codes=tuple(r.code for r in recommendations.get(finding.code, ())),
        )
        for finding in top
    ]


def build_report(snapshot: InspectionSnapshot) -> ReportContext:
    """The report of the inspection as the snapshot has it."""
    spec = snapshot.framework
    layout = layout_for(spec.id)
    lines = grade_lines(spec, snapshot.judgments)
    items = _items(snapshot.findings, layout)
    areas = tuple(
        AreaSection(grade=line, findings=tuple(i for i in items if i.areas and i.areas[0] == line.area_id))
        for line in lines
    )
    annex = tuple(
        (place.area.title, place.area.question or place.area.description)
        for place in spec.walk()
        if place.area.graded and (place.area.question or place.area.description)
    )
    return ReportContext(
        layout=layout,
        reference=snapshot.reference,
        title=snapshot.title,
        force_id=snapshot.force_id,
        force_name=snapshot.force_name,
        framework_id=spec.id,
        framework_title=spec.title,
        framework_version=spec.version,
        status=snapshot.status,
        draft=snapshot.draft,
        exercise=snapshot.exercise,
        period=snapshot.period,
        published=snapshot.published,
        summary=snapshot.summary,
        source=snapshot.source,
        grades=tuple(line for line in lines if line.grade or line.direction),
        areas=areas,
        observations=tuple(i for i in items if not i.areas),
        figures=snapshot.figures,
        annex=annex,
        numbers=snapshot.numbers,
        earlier_findings=earlier_findings(snapshot.earlier_findings),
    )
