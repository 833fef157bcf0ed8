"""An inspection's report: HTML in its programme's layout, PDF, and the JSON and CSV twins.

Whoever may see the inspection may see its report, so a draft's report is its team's alone; a
report that is not yet published says so on every page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from inspectorate.web.inspections.access import get_inspection_for_user
from inspectorate.web.reports.build import report_context
from inspectorate.web.reports.render import render

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
}


def inspection_report(request: HttpRequest, fmt: str, code: Any) -> HttpResponse:
    inspection, _ = get_inspection_for_user(request, code)
    response = HttpResponse(render(report_context(inspection), fmt), content_type=CONTENT_TYPES[fmt])
    if fmt in ("pdf", "csv"):
        disposition = "attachment" if fmt == "pdf" else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{inspection.reference}-report.{fmt}"'
    return response
