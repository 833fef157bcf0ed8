"""The public site: published reports, grades by force and year, and open data. The same for
everyone, signed in or not: only what has been published is here (web/public/reports.py)."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse

from inspectorate.core.frameworks.library import library
from inspectorate.core.reports.context import GradeLine
from inspectorate.web.history.when import history_when
from inspectorate.web.inspections.documents import inspection_when
from inspectorate.web.inspections.models import FigureSection
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.public.across import ComparabilityNote, comparability
from inspectorate.web.public.followup_documents import followed_findings
from inspectorate.web.public.paging import paged
from inspectorate.web.public.reports import (
    FigureRow,
    GradeRow,
    PublicReport,
    ReportSummary,
    figure_rows,
    grade_rows,
    public_reports,
)
from inspectorate.web.registry.models import Force

FILTERS = ("framework", "force", "year", "area")
# Long lists are shown a page at a time; their twins carry them whole.
REPORTS_PER_PAGE = 50
DATASET_ROWS_PER_PAGE = 100
LONG_VALUE = 40


def _filters(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET.get(key, "").strip() for key in FILTERS}


def _matching(reports: list[PublicReport], filters: dict[str, str]) -> list[PublicReport]:
    """The reports of the chosen programme, force and year (each when chosen)."""
    return [
        r
        for r in reports
        if (not filters["framework"] or r.inspection.framework_id == filters["framework"])
        and (not filters["force"] or r.inspection.force_id == filters["force"])
        and (not filters["year"] or r.year == filters["year"])
    ]


def _choices(reports: list[PublicReport], *, graded: bool = False) -> dict[str, object]:
    """The programmes, forces and years to filter by; with ``graded``, only programmes with a
    published grade, oldest programme first."""
    frameworks = library()
    shown = {
        r.inspection.framework_id
        for r in reports
        if r.inspection.framework_id in frameworks and (not graded or any(g.grade for g in r.report.grades))
    }
    return {
        "frameworks": [(fid, spec.title) for fid, spec in frameworks.items() if fid in shown],
        "forces": sorted(
            {(r.inspection.force_id, r.inspection.force.name) for r in reports}, key=lambda f: f[1]
        ),
        "years": sorted({r.year for r in reports}),
    }


class ReportFilters(Document):
    framework: str | None
    force: str | None
    year: str | None


class PublishedReportsPage(PageDocument):
    ROW = ReportSummary
    filters: ReportFilters
    reports: list[ReportSummary]
    """Every published report that matches the filters, oldest first by force."""

    def csv_rows(self) -> Sequence[ReportSummary]:
        return self.reports


def published_reports(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    filters = _filters(request)
    everything = public_reports()
    document = PublishedReportsPage(
        filters=ReportFilters(**{k: v or None for k, v in filters.items() if k != "area"}),
        reports=[r.summary() for r in _matching(everything, filters)],
    )
    context = {
        "filters": filters,
        "filtered": any(filters.values()),
        "total": len(everything),
        **_choices(everything),
        **paged(request, document.reports, REPORTS_PER_PAGE),
    }
    page = Page("public/public_reports.html", "Published reports", document, context, "published-reports")
    return render_page(request, fmt, page)


class GradesFilters(ReportFilters):
    area: str | None


class AreaHead(Document):
    """A graded area of the programme: one column of the table."""

    area: str
    code: str
    title: str


class GradeCell(Document):
    grade: str | None
    label: str | None
    direction: str | None
    """The direction of travel's label, where the programme gave one."""


class GradesTableRow(Document):
    """One published inspection: a row of the table."""

    force: str
    force_name: str
    inspection: str
    code: str
    year: str
    grades: dict[str, GradeCell]
    """By area id; an area the inspection did not grade has an empty cell."""


class GradesPage(PageDocument):
    ROW = GradeRow
    filters: GradesFilters
    comparability: list[ComparabilityNote]
    """The inspectorate's own warnings that this programme's grades do not compare with earlier ones."""
    areas: list[AreaHead]
    rows: list[GradesTableRow]
    grades: list[GradeRow]
    """The same grades, one per line, as the CSV twin and open data give them."""

    def csv_rows(self) -> Sequence[GradeRow]:
        return self.grades


def grades_table(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    """One row per published inspection of a programme, one column per graded area."""
    filters = _filters(request)
    everything = public_reports()
    choices = _choices(everything, graded=True)
    framework_id = filters["framework"] or _latest_framework(everything)
    filters["framework"] = framework_id
    # By force, each force's reports in order of publication (an imported report's printed day).
    chosen = sorted(
        _matching(everything, filters),
        key=lambda r: (r.inspection.force.name, history_when(r.inspection), r.inspection.reference),
    )
    spec = library().get(framework_id)
    graded = [p.area for p in (spec.walk() if spec else []) if p.area.graded]
    areas = [
        AreaHead(area=a.id, code=a.code, title=a.title)
        for a in graded
        if not filters["area"] or a.id == filters["area"]
    ]
    table = []
    for r in chosen:
        by_area = {g.area_id: g for g in r.report.grades}
        table.append(
            GradesTableRow(
                force=r.inspection.force_id,
                force_name=r.inspection.force.name,
                inspection=r.inspection.reference,
                code=str(r.inspection.code),
                year=r.year,
                grades={a.area: _cell(by_area.get(a.area)) for a in areas},
            )
        )
    wanted = {a.area for a in areas}
    document = GradesPage(
        filters=GradesFilters(**{k: v or None for k, v in filters.items()}),
        comparability=comparability(spec) if spec else [],
        areas=areas,
        rows=table,
        grades=[row for row in grade_rows(chosen) if row.area in wanted],
    )
    all_areas = [(a.id, a.title) for a in graded]
    context = {
        "filters": filters,
        "filtered": any(v for k, v in filters.items() if k != "framework"),
        "programme": spec.title if spec else framework_id,
        "comparability": comparability(spec) if spec else [],
        "table": table,
        "areas": areas,
        "all_areas": all_areas,
        **choices,
    }
    title = f"Grades by force and year: {spec.title if spec else framework_id}"
    page = Page("public/grades_table.html", title, document, context, f"grades-{framework_id}")
    return render_page(request, fmt, page)


def _cell(line: GradeLine | None) -> GradeCell:
    """One area's grade in the table: empty when the inspection did not grade it."""
    if line is None:
        return GradeCell(grade=None, label=None, direction=None)
    return GradeCell(grade=line.grade, label=line.grade_label, direction=line.direction_label)


def _latest_framework(reports: list[PublicReport]) -> str:
    """The programme of the most recent published report with grades: the table opens on the current
    round (a later report that states no grade, such as a press release, does not count)."""
    graded = [r for r in reports if any(g.grade for g in r.report.grades)] or reports
    if not graded:
        return "peel-2021"
    return max(graded, key=lambda r: inspection_when(r.inspection)).inspection.framework_id


class OpenDataset(Row):
    name: str
    title: str
    rows: int


class OpenDataPage(PageDocument):
    ROW = OpenDataset
    datasets: list[OpenDataset]
    forces: int

    def csv_rows(self) -> Sequence[OpenDataset]:
        return self.datasets


def open_data(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    reports = public_reports()
    datasets = [
        OpenDataset(name="grades", title="Every published grade", rows=len(grade_rows(reports))),
        OpenDataset(
            name="figures",
            title="Every published figure, with its method and source",
            rows=len(figure_rows(reports)),
        ),
        OpenDataset(name="reports", title="Every published report", rows=len(reports)),
        OpenDataset(
            name="recommendations",
            title="Every cause of concern, recommendation and area for improvement, with where it stands",
            rows=len(followed_findings(reports)),
        ),
    ]
    document = OpenDataPage(datasets=datasets, forces=Force.objects.count())
    page = Page("public/open_data.html", "Open data", document, {"datasets": datasets}, "open-data")
    return render_page(request, fmt, page)


class OpenGradesPage(PageDocument):
    ROW = GradeRow
    grades: list[GradeRow]
    """Every published grade."""

    def csv_rows(self) -> Sequence[GradeRow]:
        return self.grades


class OpenFiguresPage(PageDocument):
    ROW = FigureRow
    figures: list[FigureRow]
    """Every published figure, with its method and source."""

    def csv_rows(self) -> Sequence[FigureRow]:
        return self.figures


def open_grades(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    document = OpenGradesPage(grades=grade_rows(public_reports()))
    return _open_dataset(request, fmt, document, "grades", "every published grade")


def open_figures(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    document = OpenFiguresPage(figures=figure_rows(public_reports()))
    return _open_dataset(request, fmt, document, "figures", "every published figure")


# What a dataset's page shows of each row, in words: its ids (force, framework, area, grade) are
# the twins', for those who join the data to other data.
GRADE_COLUMNS = ("Force", "Inspection", "Year", "Version", "Area", "Grade", "Direction of travel")
FIGURE_COLUMNS = (
    "Force",
    "Inspection",
    "Year",
    "Version",
    "Section",
    "Measure",
    "Figure",
    "Period",
    "Method",
    "Source",
)


def _in_words(row: Row) -> list[str]:
    where = [getattr(row, "force_name", ""), getattr(row, "inspection", ""), getattr(row, "year", "")]
    version = getattr(row, "version", None)
    where.append(str(version) if version is not None else "")
    if isinstance(row, GradeRow):
        area = f"{row.area_code} {row.area_title}" if row.area_code else row.area_title
        return [*where, area, row.grade_label or "Not graded", row.direction_label or ""]
    if isinstance(row, FigureRow):
        section = dict(FigureSection.choices).get(row.section, row.section)
        return [*where, section, row.measure, row.figure, row.period or "", row.method, row.source]
    raise TypeError(f"no columns in words for {type(row).__name__}")


def _open_dataset(
    request: HttpRequest, fmt: Fmt, document: PageDocument, name: str, what: str
) -> HttpResponse:
    """A dataset's page shows its rows in words, a page at a time; its twins carry them all, ids and
    all."""
    rows = document.csv_rows()
    paging = paged(request, rows, DATASET_ROWS_PER_PAGE)
    page_rows = [_in_words(row) for row in paging["shown"]]
    columns = GRADE_COLUMNS if name == "grades" else FIGURE_COLUMNS
    context = {
        "columns": columns,
        "page_rows": page_rows,
        # Columns of sentences (a measure, a method, a source) are given room to read as lines.
        "long_columns": {n for row in page_rows for n, v in enumerate(row) if len(v) > LONG_VALUE},
        "total": len(rows),
        **paging,
    }
    page = Page("public/open_dataset.html", f"Open data: {what}", document, context, name)
    return render_page(request, fmt, page)
