"""A report context rendered to HTML (in its programme's layout), PDF, JSON or CSV.

The report itself (``body``: its cover and its layout's sections) is made once and put in two frames:
the site's pages (reports/site.html, with the site's header, navigation and a way back) and paper
(reports/paper.html: a document of its own with the print styles, printed to PDF or written to a file).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from inspectorate.core.reports.context import NumberLine, ReportContext, ReportFigure, csv_rows
from inspectorate.core.reports.glossary import BASELINE_GLOSSARY
from inspectorate.web.pages.twins import rows_to_csv
from inspectorate.web.reports.charts import case_review_chart, cdi_chart, number_charts
from inspectorate.web.reports.figures import CASE_REVIEW, CDI

FORMATS = ("html", "pdf", "json", "csv")


def body(
    report: ReportContext,
    *,
    charts: bool = True,
    commenting: str | None = None,
    comment_labels: Mapping[str, str] | None = None,
) -> str:
    """The report itself, in its programme's layout: the HTML both the site and the paper frame.
    ``commenting``: the factual-accuracy check's address, for a "Comment on this" link beside each
    paragraph, finding, judgment and figure (the liaison's draft, never a rendition kept), each
    naming its part in words (``comment_labels``, by reference: web/factcheck/targets.py)."""
    cdi, reviews = report.figures_of(CDI), report.figures_of(CASE_REVIEW)
    context: dict[str, Any] = {
        "report": report,
        "cdi_figures": cdi,
        "review_figures": reviews,
        "charts": {"cdi": cdi_chart(cdi), "case_review": case_review_chart(reviews)} if charts else {},
        "notes": {"cdi": _shared_note(cdi), "case_review": _shared_note(reviews)},
        "numbers_items": _numbers_items(report, charts),
        "glossary": BASELINE_GLOSSARY,
        "commenting": commenting,
        "comment_labels": comment_labels or {},
    }
    return render_to_string(f"reports/{report.layout}.html", context)


def paper(report: ReportContext, made: str) -> str:
    """The report's body as a document of its own, with its print styles: what the PDF prints."""
    # The body is the layout templates' own output, escaped where it holds text.
    return render_to_string("reports/paper.html", {"report": report, "body": mark_safe(made)})


def html(report: ReportContext, *, charts: bool = True) -> str:
    """The report as a document of its own (a file, the PDF's source)."""
    return paper(report, body(report, charts=charts))


def print_pdf(report: ReportContext, made: str) -> bytes:
    """The PDF of the report's body (as ``body`` made it), printed on paper."""
    return _printed(paper(report, made))


def _printed(page: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=page).write_pdf())


# The layouts that print the force in numbers with a chart per indicator, as PEEL 2015 did; the
# others print the figures as a table.
NUMBER_CHART_LAYOUTS = frozenset({"peel-2015"})


def _numbers_items(report: ReportContext, charts: bool) -> list[tuple[NumberLine, str | None]]:
    if report.numbers is None:
        return []
    drawn = (
        number_charts(report.numbers, report.force_name)
        if charts and report.layout in NUMBER_CHART_LAYOUTS
        else {}
    )
    return [(line, drawn.get(line.indicator)) for line in report.numbers.lines]


def _shared_note(figures: list[ReportFigure]) -> str | None:
    """The method and source, said once under the table when every figure has the same."""
    notes = {f"{f.method}{'; ' + f.source if f.source else ''}" for f in figures}
    return notes.pop() if len(notes) == 1 else None


def csv(report: ReportContext) -> str:
    return rows_to_csv(csv_rows(report))


def render_all(report: ReportContext, formats: list[str]) -> dict[str, bytes]:
    """Several formats at once; the PDF is printed from the HTML made for it, charts drawn once."""
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r} (one of {', '.join(FORMATS)})")
    page = html(report) if {"html", "pdf"} & set(formats) else ""
    rendered: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "html":
            rendered[fmt] = page.encode("utf-8")
        elif fmt == "pdf":
            rendered[fmt] = _printed(page)
        elif fmt == "json":
            document = json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
            rendered[fmt] = document.encode("utf-8")
        else:
            rendered[fmt] = csv(report).encode("utf-8")
    return rendered


def render(report: ReportContext, fmt: str) -> bytes:
    return render_all(report, [fmt])[fmt]
