"""Every page has .json and .csv twins made from the same object as its HTML.

A view builds a ``Page`` (its data, the rows for CSV, and what only the HTML needs) and
``render_page`` turns it into the format the URL asked for.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_safe

from inspectorate.core.csvrows import csv_safe

FORMATS = ("html", "json", "csv")


def twin_paths(route: str, view: Callable[..., HttpResponse], name: str) -> list[URLPattern]:
    """The HTML route and its .json and .csv twins, named name, name.json and name.csv.

    The twins come first: ids may contain dots (``q1.1.a``), and the HTML route's converter
    would otherwise swallow the ``.json`` suffix. The site root's twins are /index.json and /index.csv.
    """
    stem = route or "index"
    # A twin is a read-only view of the page: it answers GET and HEAD, nothing else.
    read_only = require_safe(view)
    return [
        path(f"{stem}.json", read_only, {"fmt": "json"}, name=f"{name}.json"),
        path(f"{stem}.csv", read_only, {"fmt": "csv"}, name=f"{name}.csv"),
        path(route, view, {"fmt": "html"}, name=name),
    ]


@dataclass
class Page:
    template: str
    title: str
    data: dict[str, Any]
    rows: list[dict[str, Any]]
    context: dict[str, Any] = field(default_factory=dict)
    filename: str = "page"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return str(csv_safe(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(_cell(v) for v in value)
    return str(value)


def rows_to_csv(rows: list[dict[str, Any]]) -> str:
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _twin_urls(request: HttpRequest, fmt: str) -> dict[str, str]:
    base = request.path
    if fmt != "html":
        base = base.removesuffix(f".{fmt}")
    if base.endswith("/"):
        base += "index"
    query = request.META.get("QUERY_STRING", "")
    suffix = f"?{query}" if query else ""
    return {"json": f"{base}.json{suffix}", "csv": f"{base}.csv{suffix}"}


def render_page(request: HttpRequest, fmt: str, page: Page, status: int = 200) -> HttpResponse:
    if fmt == "json":
        return JsonResponse(page.data, status=status, json_dumps_params={"indent": 2, "ensure_ascii": False})
    if fmt == "csv":
        response = HttpResponse(rows_to_csv(page.rows), content_type="text/csv; charset=utf-8", status=status)
        response["Content-Disposition"] = f'inline; filename="{page.filename}.csv"'
        return response
    context = {"page": page, "data": page.data, "twins": _twin_urls(request, fmt), **page.context}
    return render(request, page.template, context, status=status)
