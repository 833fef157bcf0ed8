"""The front page: what is here and where to start."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse

from inspectorate.web.inspections.access import visible_inspections
from inspectorate.web.inspections.documents import InspectionSummary, chronological, inspection_summary
from inspectorate.web.pages.documents import PageDocument
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.registry.models import Force, FrameworkVersion


class HomePage(PageDocument):
    ROW = InspectionSummary
    frameworks: int
    """Framework versions stored in this workspace."""
    forces: int
    inspections_visible: int
    """Inspections this user may see."""
    recent_inspections: list[InspectionSummary]
    """The ten most recent of them."""

    def csv_rows(self) -> Sequence[InspectionSummary]:
        return self.recent_inspections


def home(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    visible = visible_inspections(request.user)
    document = HomePage(
        frameworks=FrameworkVersion.objects.count(),
        forces=Force.objects.count(),
        inspections_visible=visible.count(),
        recent_inspections=[inspection_summary(i) for i in reversed(chronological(visible))][:10],
    )
    return render_page(request, fmt, Page("front/home.html", "Inspectorate", document, filename="home"))
