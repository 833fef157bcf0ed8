"""The front page: what is here and where to start; for a signed-in user, their own desk too."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse

from inspectorate.web.front.desk import Awaiting, MyInspection, awaiting, my_inspections
from inspectorate.web.inspections.access import listed_inspections
from inspectorate.web.inspections.documents import InspectionSummary, chronological
from inspectorate.web.inspections.setup import may_create
from inspectorate.web.pages.documents import PageDocument
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.registry.models import Force, FrameworkVersion
from inspectorate.web.reports.record import summary_for


class HomePage(PageDocument):
    ROW = InspectionSummary
    frameworks: int
    """Framework versions stored in this workspace."""
    forces: int
    inspections_visible: int
    """Inspections this user may see."""
    recent_inspections: list[InspectionSummary]
    """The ten most recent of them."""
    mine: list[MyInspection] | None
    """Signed in: the inspections they are on the team of, and their force's as its liaison, with
    their role. Null for a visitor who is not signed in."""
    awaiting: list[Awaiting] | None
    """Signed in: what awaits them (front/desk.py says what, for whom). Null for a visitor who is not
    signed in."""

    def csv_rows(self) -> Sequence[InspectionSummary]:
        return self.recent_inspections


def home(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    visible = listed_inspections(request.user)
    user = signed_in(request)
    document = HomePage(
        frameworks=FrameworkVersion.objects.count(),
        forces=Force.objects.count(),
        inspections_visible=visible.count(),
        recent_inspections=[
            summary_for(request.user, i)
            for i in list(reversed(chronological(visible.prefetch_related("report_versions"))))[:10]
        ],
        mine=my_inspections(user) if user else None,
        awaiting=awaiting(user) if user else None,
    )
    context = {"may_start": may_create(request.user)}
    return render_page(
        request, fmt, Page("front/home.html", "Inspectorate", document, context, filename="home")
    )
