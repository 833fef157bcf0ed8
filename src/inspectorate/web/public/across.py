"""Grades across programmes: one row per force, one column per programme (oldest first), holding
the headline grades of the force's latest published inspection of that programme, as published.

An inspection the inspectorate published as several pages (an overview, a page per pillar, a
press release), each imported as a record of its own, is one inspection here
(web/history/published.py): its grades are the union of its pages', each naming the pages it was
read from, and where two pages grade one area differently both are shown and marked, never one
picked. A programme run over several years (crime data integrity, 2016 to 2020) shows the latest
inspection's grades: the year printed tells them apart.

Headline grades are those of a programme's top graded level: PEEL's pillars (and an overall grade
where one was given), 2021/22's and later areas, a crime data integrity inspection's judgment, a
baseline assessment's frameworks. Every grade stays on its own programme's scale: a 2006 "Fair"
and a 2016 "Requires improvement" are never put on one scale, and where the inspectorate said a
programme's grades do not compare with earlier ones, its words are shown with the programme.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse

from inspectorate.core.frameworks.library import library
from inspectorate.core.frameworks.spec import Area, Framework
from inspectorate.core.reports.context import GradeLine
from inspectorate.web.history.published import Gathered, PageGrade, gather, merge_grades
from inspectorate.web.history.when import history_when
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.public.reports import PublicReport, public_reports


class ComparabilityNote(Document):
    """The inspectorate's own warning that a programme's grades are not comparable with earlier ones."""

    text: str
    source: str | None


class HeadlineArea(Document):
    area: str
    code: str
    title: str


class ProgrammeColumn(Document):
    """A programme with published headline grades: one column of the table."""

    framework: str
    title: str
    in_use: str
    areas: list[HeadlineArea]
    """Its headline areas, in the framework's order."""
    scale: list[str]
    """The labels of its headline areas' grade scale, best first."""
    comparability: list[ComparabilityNote]


class PublishedGrade(Document):
    area: str
    title: str
    grade: str
    label: str
    """As published, on the programme's own scale."""
    inspection: str
    """The reference of the first page (record) it was read from."""
    code: str
    pages: list[str]
    """The references of every page of the inspection that states it."""
    page_codes: list[str]
    differs: bool
    """Another page of the same inspection grades this area differently: both grades are shown."""


class ForceAcross(Document):
    force: str
    force_name: str
    programmes: dict[str, list[PublishedGrade]]
    """By framework id, every programme's column: the headline grades of the force's latest
    published inspection of it; empty where none is published."""
    inspections: dict[str, str]
    """By framework id, the published inspection the column shows ("PEEL 2016 (from 3 published
    pages)"); only programmes with grades."""


class AcrossRow(Row):
    """One published headline grade of one force."""

    force: str
    force_name: str
    framework: str
    framework_title: str
    in_use: str
    area: str
    area_title: str
    grade: str
    grade_label: str
    inspection: str
    published_as: str
    """The published inspection the grade belongs to, as the column names it."""
    pages: list[str]
    differs: bool


class AcrossProgrammesPage(PageDocument):
    ROW = AcrossRow
    programmes: list[ProgrammeColumn]
    """Oldest programme first."""
    forces: list[ForceAcross]
    """Every force with a published headline grade, by name."""

    def csv_rows(self) -> Sequence[AcrossRow]:
        columns = {p.framework: p for p in self.programmes}
        return [
            AcrossRow(
                force=force.force,
                force_name=force.force_name,
                framework=framework,
                framework_title=columns[framework].title,
                in_use=columns[framework].in_use,
                area=grade.area,
                area_title=grade.title,
                grade=grade.grade,
                grade_label=grade.label,
                inspection=grade.inspection,
                published_as=force.inspections[framework],
                pages=grade.pages,
                differs=grade.differs,
            )
            for force in self.forces
            for framework, grades in force.programmes.items()
            for grade in grades
        ]


def headline_areas(spec: Framework) -> list[Area]:
    """The framework's graded areas at its top graded level (the shallowest depth any is graded)."""
    graded = [place for place in spec.walk() if place.area.graded]
    if not graded:
        return []
    top = min(place.depth for place in graded)
    return [place.area for place in graded if place.depth == top]


def comparability(spec: Framework) -> list[ComparabilityNote]:
    # Not every framework states any; older library versions have no such field at all.
    notes = getattr(spec, "comparability", ())
    return [ComparabilityNote(text=note.text, source=getattr(note, "source", None) or None) for note in notes]


def _column(spec: Framework, areas: list[Area]) -> ProgrammeColumn:
    scales = dict.fromkeys(area.scale for area in areas if area.scale)
    labels = [level.label for scale in scales for level in spec.scale(scale).levels]
    return ProgrammeColumn(
        framework=spec.id,
        title=spec.title,
        in_use=spec.in_use,
        areas=[HeadlineArea(area=a.id, code=a.code, title=a.title) for a in areas],
        scale=list(dict.fromkeys(labels)),
        comparability=comparability(spec),
    )


def _grades(inspection: Gathered[PublicReport], wanted: set[str]) -> list[PublishedGrade]:
    """The union of the pages' headline grades, each with the pages that state it."""
    lines: dict[tuple[str, str], GradeLine] = {}
    stated = []
    for report in inspection.pages:
        for line in report.report.grades:
            if line.area_id in wanted and line.grade:
                lines.setdefault((line.area_id, line.grade), line)
                stated.append(PageGrade(line.area_id, line.grade, None, report.inspection))
    return [
        PublishedGrade(
            area=merged.area,
            title=lines[(merged.area, merged.grade or "")].title,
            grade=merged.grade or "",
            label=lines[(merged.area, merged.grade or "")].grade_label or merged.grade or "",
            inspection=merged.pages[0].reference,
            code=str(merged.pages[0].code),
            pages=[page.reference for page in merged.pages],
            page_codes=[str(page.code) for page in merged.pages],
            differs=merged.differs,
        )
        for merged in merge_grades(stated)
    ]


def across_programmes(reports: list[PublicReport]) -> AcrossProgrammesPage:
    frameworks = library()
    headlines = {fid: headline_areas(spec) for fid, spec in frameworks.items()}
    latest: dict[str, dict[str, tuple[str, list[PublishedGrade], str]]] = {}
    names: dict[str, str] = {}
    # In order of publication, so that each force's latest inspection of a programme comes last.
    ordered = sorted(reports, key=lambda r: (history_when(r.inspection), r.inspection.reference))
    for inspection in gather(ordered, lambda report: report.inspection):
        framework = inspection.first.framework_id
        grades = _grades(inspection, {area.id for area in headlines.get(framework, [])})
        if not grades:
            continue
        force = inspection.first.force_id
        names[force] = inspection.first.force.name
        when = history_when(inspection.first)
        shown = latest.setdefault(force, {}).get(framework)
        if shown is None or shown[0] <= when:
            latest[force][framework] = (when, grades, inspection.heading)
    used = {framework for columns in latest.values() for framework in columns}
    programmes = [_column(spec, headlines[fid]) for fid, spec in frameworks.items() if fid in used]
    order = {area.id: n for areas in headlines.values() for n, area in enumerate(areas)}
    forces = [
        ForceAcross(
            force=force,
            force_name=names[force],
            programmes={
                p.framework: sorted(
                    latest[force][p.framework][1] if p.framework in latest[force] else [],
                    key=lambda g: order.get(g.area, 0),
                )
                for p in programmes
            },
            inspections={framework: shown[2] for framework, shown in latest[force].items()},
        )
        for force in sorted(latest, key=lambda f: names[f])
    ]
    return AcrossProgrammesPage(programmes=programmes, forces=forces)


def _cell(
    force: ForceAcross, framework: str
) -> tuple[str, list[tuple[PublishedGrade, list[tuple[str, str]]]]]:
    """The inspection a cell shows and its grades, each with its pages as (reference, code) pairs."""
    grades = force.programmes[framework]
    pages = [(g, list(zip(g.pages, g.page_codes, strict=True))) for g in grades]
    return force.inspections.get(framework, ""), pages


def grades_across_programmes(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    """Every force's headline grades, programme by programme, each on its own scale."""
    document = across_programmes(public_reports())
    page = Page(
        "public/grades_across.html",
        "Grades across programmes",
        document,
        {
            "programmes": document.programmes,
            "table": [(f, [_cell(f, p.framework) for p in document.programmes]) for f in document.forces],
        },
        "grades-across-programmes",
    )
    return render_page(request, fmt, page)
