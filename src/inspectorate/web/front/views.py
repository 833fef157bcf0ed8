"""The front page: what is here and where to start."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from inspectorate.web.front.twins import Page, render_page
from inspectorate.web.inspections.access import visible_inspections
from inspectorate.web.inspections.documents import chronological, inspection_summary
from inspectorate.web.registry.models import Force, FrameworkVersion


def home(request: HttpRequest, fmt: str) -> HttpResponse:
    visible = visible_inspections(request.user)
    rows = [inspection_summary(i) for i in reversed(chronological(visible))][:10]
    data = {
        "frameworks": FrameworkVersion.objects.count(),
        "forces": Force.objects.count(),
        "inspections_visible": visible.count(),
        "recent_inspections": rows,
    }
    return render_page(request, fmt, Page("front/home.html", "Inspectorate", data, rows, filename="home"))
