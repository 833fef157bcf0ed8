"""What the public site shows: every published report, its grades and its figures, as published.

Only what anyone may see is here, whoever asks: inspections published outright (an imported report)
and those whose report's embargo has ended. Where a report has published versions, its grades and
figures are the latest public version's, not the working copy's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from inspectorate.core.reports.context import ReportContext
from inspectorate.web.inspections.access import visible_inspections
from inspectorate.web.inspections.documents import InspectionRef, chronological, inspection_when
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.documents import Row
from inspectorate.web.reports.record import public_record


class ReportSummary(InspectionRef):
    """A published report as the public list shows it."""

    year: str
    """The inspection's period as published, else its framework's version."""
    when: str
    published: str | None
    version: int
    """The published version shown: the latest out of embargo."""
    origin: str


@dataclass(frozen=True)
class PublicReport:
    inspection: Inspection
    report: ReportContext
    version: int

    @property
    def year(self) -> str:
        return self.report.period or self.report.framework_version

    def summary(self) -> ReportSummary:
        i = self.inspection
        return ReportSummary(
            code=str(i.code),
            reference=i.reference,
            title=self.report.title,
            force=i.force_id,
            force_name=i.force.name,
            framework=i.framework_id,
            framework_title=self.report.framework_title,
            year=self.year,
            when=inspection_when(i),
            published=self.report.published,
            version=self.version,
            origin=i.origin,
        )


def public_reports() -> list[PublicReport]:
    """Every published report (the latest version out of embargo of each), oldest first by force.
    An exercise (practice on synthetic data) is never listed with the real reports."""
    inspections = (
        visible_inspections(AnonymousUser()).filter(exercise=False).prefetch_related("report_versions")
    )
    found = []
    for inspection in chronological(inspections):
        record = public_record(inspection)
        if record is not None:
            context, version = record
            found.append(PublicReport(inspection, context, version.number))
    return found


class Where(Row):
    """Which report a published grade or figure comes from."""

    force: str
    force_name: str
    inspection: str
    framework: str
    year: str
    version: int | None


class GradeRow(Where):
    """One published grade (or direction of travel)."""

    area: str
    area_code: str | None
    area_title: str
    grade: str | None
    grade_label: str | None
    direction: str | None
    direction_label: str | None


class FigureRow(Where):
    """One published figure, with its method and source."""

    section: str
    measure: str
    figure: str
    """The figure as printed: 89.5% (+/- 1.6), 21 of 107, 50,800."""
    percent: float | None
    ci_plus_minus: float | None
    n: int | None
    m: int | None
    value: int | None
    period: str | None
    method: str
    source: str


def grade_rows(reports: list[PublicReport]) -> list[GradeRow]:
    return [
        GradeRow(
            **dict(_where(r)),
            area=g.area_id,
            area_code=g.code or None,
            area_title=g.title,
            grade=g.grade,
            grade_label=g.grade_label,
            direction=g.direction,
            direction_label=g.direction_label,
        )
        for r in reports
        for g in r.report.grades
    ]


def figure_rows(reports: list[PublicReport]) -> list[FigureRow]:
    return [
        FigureRow(
            **dict(_where(r)),
            section=f.section,
            measure=f.measure,
            figure=f.text,
            percent=f.percent,
            ci_plus_minus=f.ci_plus_minus,
            n=f.n,
            m=f.m,
            value=f.value,
            period=f.period,
            method=f.method,
            source=f.source,
        )
        for r in reports
        for f in r.report.figures
    ]


def _where(r: PublicReport) -> Where:
    return Where(
        force=r.inspection.force_id,
        force_name=r.inspection.force.name,
        inspection=r.inspection.reference,
        framework=r.inspection.framework_id,
        year=r.year,
        version=r.version,
    )
