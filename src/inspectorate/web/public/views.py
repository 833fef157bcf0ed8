"""The public site: published reports, grades by force and year, and open data. The same for
everyone, signed in or not: only what has been published is here (web/public/reports.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from inspectorate.core.frameworks.library import library
from inspectorate.core.reports.context import GradeLine
from inspectorate.web.front.twins import Page, render_page
from inspectorate.web.inspections.documents import inspection_when
from inspectorate.web.public.reports import PublicReport, figure_rows, grade_rows, public_reports
from inspectorate.web.registry.models import Force


def _filters(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET.get(key, "").strip() for key in ("framework", "force", "year", "area")}


def _matching(reports: list[PublicReport], filters: dict[str, str]) -> list[PublicReport]:
    """The reports of the chosen programme, force and year (each when chosen)."""
    return [
        r
        for r in reports
        if (not filters["framework"] or r.inspection.framework_id == filters["framework"])
        and (not filters["force"] or r.inspection.force_id == filters["force"])
        and (not filters["year"] or r.year == filters["year"])
    ]


def _choices(reports: list[PublicReport]) -> dict[str, Any]:
    frameworks = library()
    return {
        "frameworks": sorted(
            {
                (r.inspection.framework_id, frameworks[r.inspection.framework_id].title)
                for r in reports
                if r.inspection.framework_id in frameworks
            }
        ),
        "forces": sorted(
            {(r.inspection.force_id, r.inspection.force.name) for r in reports}, key=lambda f: f[1]
        ),
        "years": sorted({r.year for r in reports}),
    }


def published_reports(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = _filters(request)
    everything = public_reports()
    chosen = _matching(everything, filters)
    rows = [r.summary() for r in chosen]
    data = {"filters": {k: v or None for k, v in filters.items() if k != "area"}, "reports": rows}
    context = {"filters": filters, **_choices(everything)}
    page = Page("public/public_reports.html", "Published reports", data, rows, context, "published-reports")
    return render_page(request, fmt, page)


def grades_table(request: HttpRequest, fmt: str) -> HttpResponse:
    """One row per published inspection of a programme, one column per graded area."""
    filters = _filters(request)
    everything = public_reports()
    choices = _choices(everything)
    framework_id = filters["framework"] or _latest_framework(everything)
    filters["framework"] = framework_id
    chosen = _matching(everything, filters)
    spec = library().get(framework_id)
    areas = [
        {"area": p.area.id, "code": p.area.code, "title": p.area.title}
        for p in (spec.walk() if spec else [])
        if p.area.graded and (not filters["area"] or p.area.id == filters["area"])
    ]
    table = []
    for r in chosen:
        by_area = {g.area_id: g for g in r.report.grades}
        table.append(
            {
                "force": r.inspection.force_id,
                "force_name": r.inspection.force.name,
                "inspection": r.inspection.reference,
                "code": str(r.inspection.code),
                "year": r.year,
                "grades": {a["area"]: _cell(by_area.get(a["area"])) for a in areas},
            }
        )
    wanted = {a["area"] for a in areas}
    csv_rows = [row for row in grade_rows(chosen) if row["area"] in wanted]
    data = {"filters": {k: v or None for k, v in filters.items()}, "areas": areas, "rows": table}
    all_areas = [(p.area.id, p.area.title) for p in (spec.walk() if spec else []) if p.area.graded]
    context = {"filters": filters, "table": table, "areas": areas, "all_areas": all_areas, **choices}
    title = f"Grades by force and year: {spec.title if spec else framework_id}"
    page = Page("public/grades_table.html", title, data, csv_rows, context, f"grades-{framework_id}")
    return render_page(request, fmt, page)


def _cell(line: GradeLine | None) -> dict[str, str | None]:
    """One area's grade in the table: empty when the inspection did not grade it."""
    if line is None:
        return {"grade": None, "label": None, "direction": None}
    return {"grade": line.grade, "label": line.grade_label, "direction": line.direction_label}


def _latest_framework(reports: list[PublicReport]) -> str:
    """The programme of the most recent published report: the table opens on the current round."""
    if not reports:
        return "peel-2021"
    return max(reports, key=lambda r: inspection_when(r.inspection)).inspection.framework_id


def open_data(request: HttpRequest, fmt: str) -> HttpResponse:
    reports = public_reports()
    datasets = [
        {"name": "grades", "title": "Every published grade", "rows": len(grade_rows(reports))},
        {
            "name": "figures",
            "title": "Every published figure, with its method and source",
            "rows": len(figure_rows(reports)),
        },
        {"name": "reports", "title": "Every published report", "rows": len(reports)},
    ]
    data = {"datasets": datasets, "forces": Force.objects.count()}
    page = Page("public/open_data.html", "Open data", data, datasets, {"datasets": datasets}, "open-data")
    return render_page(request, fmt, page)


def open_grades(request: HttpRequest, fmt: str) -> HttpResponse:
    return _open_dataset(request, fmt, "grades", "every published grade", grade_rows(public_reports()))


def open_figures(request: HttpRequest, fmt: str) -> HttpResponse:
    return _open_dataset(request, fmt, "figures", "every published figure", figure_rows(public_reports()))


def _open_dataset(
    request: HttpRequest, fmt: str, name: str, what: str, rows: list[dict[str, Any]]
) -> HttpResponse:
    """A dataset's page shows its first rows; its twins carry them all."""
    context = {"rows": rows[:200], "total": len(rows)}
    page = Page("public/open_dataset.html", f"Open data: {what}", {name: rows}, rows, context, name)
    return render_page(request, fmt, page)
