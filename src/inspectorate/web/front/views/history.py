"""A force's inspection history and a finding's lineage across inspections."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from inspectorate.web.front.twins import Page, render_page
from inspectorate.web.inspections.access import get_inspection_for_user
from inspectorate.web.inspections.history import (
    finding_lineage,
    force_history,
    history_csv_rows,
    lineage_csv_rows,
)
from inspectorate.web.registry.models import Force


def force_history_page(request: HttpRequest, fmt: str, force_id: str) -> HttpResponse:
    force = Force.objects.filter(id=force_id).first()
    if force is None:
        raise Http404("No such force")
    document = force_history(force, request.user)
    context = {"force": force}
    title = f"{force.name}: inspection history"
    page = Page(
        "front/force_history.html",
        title,
        document,
        history_csv_rows(document),
        context,
        f"{force.id}-history",
    )
    return render_page(request, fmt, page)


def finding_lineage_page(request: HttpRequest, fmt: str, code: Any, finding_code: Any) -> HttpResponse:
    inspection, _ = get_inspection_for_user(request, code)
    finding = inspection.findings.filter(code=finding_code).first()
    if finding is None:
        raise Http404("No such finding")
    document = finding_lineage(finding, request.user)
    sides = [
        ("earlier", document["earlier"], "Raised before", "No earlier inspection raised this matter."),
        ("later", document["later"], "Raised again", "No later inspection has taken this matter up."),
    ]
    context = {"inspection": inspection, "finding": finding, "sides": sides}
    page = Page(
        "front/finding_lineage.html",
        "Lineage of a finding",
        document,
        lineage_csv_rows(document),
        context,
        "lineage",
    )
    return render_page(request, fmt, page)
