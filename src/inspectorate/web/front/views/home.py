"""The front page: what is here and where to start."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from inspectorate.web.front.twins import Page, render_page
from inspectorate.web.inspections.access import visible_inspections
from inspectorate.web.inspections.documents import inspection_summary
from inspectorate.web.registry.models import Force, FrameworkVersion


def home(request: HttpRequest, fmt: str) -> HttpResponse:
    inspections = visible_inspections(request.user).order_by("-period_start", "reference")[:10]
    rows = [inspection_summary(i) for i in inspections]
    data = {
        "frameworks": FrameworkVersion.objects.count(),
        "forces": Force.objects.count(),
        "inspections_visible": visible_inspections(request.user).count(),
        "recent_inspections": rows,
    }
    return render_page(request, fmt, Page("front/home.html", "Inspectorate", data, rows, filename="home"))
