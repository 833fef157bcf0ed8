"""Every page has .json and .csv twins made from the same document as its HTML.

A view builds a ``Page`` (its typed document, and what only the HTML needs) and ``render_page``
turns it into the format the URL asked for. ``twin_paths`` registers each page's route with its
document type, so that the twins' contract can be tested and documented (docs/pages.md).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_safe

from inspectorate.core.sheets.escaping import csv_safe
from inspectorate.web.pages.documents import PageDocument, Row

Fmt = Literal["html", "json", "csv"]
FORMATS: tuple[Fmt, ...] = ("html", "json", "csv")


@dataclass(frozen=True)
class TwinRoute:
    """A page registered with ``twin_paths``: its route, URL name and the document it shows."""

    route: str
    name: str
    document: type[PageDocument]


# Filled as the URL modules are imported: every page with twins, for the contract test and the docs.
TWIN_ROUTES: dict[str, TwinRoute] = {}


def twin_paths(
    route: str, view: Callable[..., HttpResponse], name: str, document: type[PageDocument]
) -> list[URLPattern]:
    """The HTML route and its .json and .csv twins, named name, name.json and name.csv.

    The twins come first: ids may contain dots (``q1.1.a``), and the HTML route's converter
    would otherwise swallow the ``.json`` suffix. The site root's twins are /index.json and /index.csv.
    """
    TWIN_ROUTES[name] = TwinRoute(route, name, document)
    stem = route or "index"
    # A twin is a read-only view of the page: it answers GET and HEAD, nothing else.
    read_only = require_safe(view)
    return [
        path(f"{stem}.json", read_only, {"fmt": "json"}, name=f"{name}.json"),
        path(f"{stem}.csv", read_only, {"fmt": "csv"}, name=f"{name}.csv"),
        path(route, view, {"fmt": "html"}, name=name),
    ]


@dataclass(frozen=True)
class Page:
    template: str
    title: str
    document: PageDocument
    context: Mapping[str, object] = field(default_factory=dict)
    filename: str = "page"


Cell = str | int | float | bool | None | list[str] | list[int]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return str(csv_safe(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(_cell(v) for v in value)
    return str(value)


def rows_to_csv(rows: Sequence[Row | Mapping[str, object]]) -> str:
    """CSV of the rows, one column per field in order of first appearance. A row type whose fields
    have defaults (a report's rows differ by section) writes only the fields each row sets."""
    records = [
        row.model_dump(mode="json", exclude_unset=True) if isinstance(row, Row) else dict(row) for row in rows
    ]
    columns: list[str] = []
    for record in records:
        columns.extend(key for key in record if key not in columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(c)) for c in columns])
    return out.getvalue()


def _twin_urls(request: HttpRequest, fmt: Fmt) -> dict[str, str]:
    base = request.path
    if fmt != "html":
        base = base.removesuffix(f".{fmt}")
    if base.endswith("/"):
        base += "index"
    query = request.META.get("QUERY_STRING", "")
    suffix = f"?{query}" if query else ""
    return {"json": f"{base}.json{suffix}", "csv": f"{base}.csv{suffix}"}


def render_page(request: HttpRequest, fmt: Fmt, page: Page, status: int = 200) -> HttpResponse:
    if fmt == "json":
        data = page.document.to_json()
        return JsonResponse(data, status=status, json_dumps_params={"indent": 2, "ensure_ascii": False})
    if fmt == "csv":
        text = rows_to_csv(page.document.csv_rows())
        response = HttpResponse(text, content_type="text/csv; charset=utf-8", status=status)
        response["Content-Disposition"] = f'inline; filename="{page.filename}.csv"'
        return response
    context = {
        "page": page,
        "data": page.document.to_json(),
        "twins": _twin_urls(request, fmt),
        **page.context,
    }
    return render(request, page.template, context, status=status)
