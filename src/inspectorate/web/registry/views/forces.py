"""Forces, their populations (or 'unknown'), and the most-similar-group table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from inspectorate.core.forces.peer_groups import read_peer_groups_csv, write_peer_groups_csv
from inspectorate.core.problems import ProblemsError
from inspectorate.web.inspections.access import listed_inspections
from inspectorate.web.inspections.documents import InspectionSummary, chronological
from inspectorate.web.monitoring.documents import MonitoringStatus, force_status
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.pages.requests import AuthenticatedHttpRequest
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.registry.forms import PeerGroupForm
from inspectorate.web.registry.models import Force, ForcePopulation, PeerGroupVersion
from inspectorate.web.registry.peer_groups import current_peer_groups, save_peer_group_version
from inspectorate.web.reports.record import summary_for


class ForceRow(Row):
    id: str
    """The force's police.uk id, e.g. metropolitan."""
    name: str
    home_office_name: str | None
    ons_code: str | None
    country: str | None
    population: int | None
    """The latest population figure held, or none when unknown."""
    population_year: int | None
    population_source: str | None


def force_row(force: Force, figure: ForcePopulation | None) -> ForceRow:
    return ForceRow(
        id=force.id,
        name=force.name,
        home_office_name=force.home_office_name or None,
        ons_code=force.ons_code or None,
        country=force.country or None,
        population=figure.population if figure else None,
        population_year=figure.year if figure else None,
        population_source=figure.source if figure else None,
    )


def _latest_populations() -> dict[str, ForcePopulation]:
    latest: dict[str, ForcePopulation] = {}
    for figure in ForcePopulation.objects.order_by("force_id", "-year"):
        latest.setdefault(figure.force_id, figure)
    return latest


class ForceListPage(PageDocument):
    ROW = ForceRow
    forces: list[ForceRow]

    def csv_rows(self) -> Sequence[ForceRow]:
        return self.forces


def force_list(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    populations = _latest_populations()
    document = ForceListPage(forces=[force_row(f, populations.get(f.id)) for f in Force.objects.all()])
    return render_page(request, fmt, Page("registry/force_list.html", "Forces", document, filename="forces"))


class PopulationFigure(Document):
    year: int
    population: int
    households: int | None
    source: str


class MostSimilarGroup(Document):
    version: str | None
    """The label of the most-similar-group table's latest version, or none before one is filled in."""
    source: str | None
    peers: list[str]


class ForcePage(ForceRow, PageDocument):
    ROW = InspectionSummary
    populations: list[PopulationFigure]
    most_similar_group: MostSimilarGroup
    inspections: list[InspectionSummary]
    """The force's inspections this user may see."""
    monitoring: MonitoringStatus
    """Its status in the inspectorate's monitoring process today (its history: /forces/ID/monitoring)."""

    def csv_rows(self) -> Sequence[InspectionSummary]:
        return self.inspections


def force_detail(request: HttpRequest, fmt: Fmt, force_id: str) -> HttpResponse:
    force = Force.objects.filter(id=force_id).first()
    if force is None:
        raise Http404("No such force")
    figures = list(force.populations.all())
    version, groups = current_peer_groups()
    peers = [Force.objects.get(id=p) for p in groups.get(force.id, [])]
    # Each inspection's versions at once: its published record is read from them.
    visible = listed_inspections(request.user).filter(force=force).prefetch_related("report_versions")
    document = ForcePage(
        **dict(force_row(force, figures[0] if figures else None)),
        populations=[
            PopulationFigure(year=f.year, population=f.population, households=f.households, source=f.source)
            for f in figures
        ],
        most_similar_group=MostSimilarGroup(
            version=version.label if version else None,
            source=version.source if version else None,
            peers=[p.id for p in peers],
        ),
        inspections=[summary_for(request.user, i) for i in chronological(visible)],
        monitoring=force_status(force),
    )
    context = {"force": force, "figures": figures, "peers": peers, "msg_version": version}
    page = Page("registry/force_detail.html", force.name, document, context, force.id)
    return render_page(request, fmt, page)


class PeerGroupVersionDocument(Document):
    id: int
    label: str
    source: str
    source_date: str | None
    created_at: str
    created_by: str | None


class PeerGroupRow(Row):
    force: str
    force_name: str
    peers: list[str]
    """Its most similar forces' ids, closest first."""


class PeerGroupsPage(PageDocument):
    ROW = PeerGroupRow
    version: PeerGroupVersionDocument | None
    """The version shown: the latest, or the one asked for with ?version=ID."""
    versions: list[PeerGroupVersionDocument]
    groups: list[PeerGroupRow]

    def csv_rows(self) -> Sequence[PeerGroupRow]:
        return self.groups


def peer_groups(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    versions = list(PeerGroupVersion.objects.all())
    chosen_id = request.GET.get("version")
    version = next((v for v in versions if str(v.id) == chosen_id), versions[0] if versions else None)
    groups = version.groups() if version else {}
    names = dict(Force.objects.values_list("id", "name"))
    document = PeerGroupsPage(
        version=_version_document(version) if version else None,
        versions=[_version_document(v) for v in versions],
        groups=[PeerGroupRow(force=f, force_name=names[f], peers=groups.get(f, [])) for f in names],
    )
    named = [(g.force, g.force_name, [names.get(p, p) for p in g.peers]) for g in document.groups]
    context = {"version": version, "versions": versions, "names": names, "named_groups": named}
    page = Page("registry/peer_groups.html", "Most similar groups", document, context, "most-similar-groups")
    return render_page(request, fmt, page)


def _version_document(version: PeerGroupVersion) -> PeerGroupVersionDocument:
    return PeerGroupVersionDocument(
        id=version.id,
        label=version.label,
        source=version.source,
        source_date=version.source_date.isoformat() if version.source_date else None,
        created_at=version.created_at.isoformat(),
        created_by=version.created_by.get_username() if version.created_by else None,
    )


def _staff_only(
    view: Callable[[AuthenticatedHttpRequest], HttpResponse],
) -> Callable[[AuthenticatedHttpRequest], HttpResponse]:
    """Staff's page: someone not signed in is asked to sign in (the site's page, not the admin's);
    anyone else gets the site's 403, which says who may do this."""

    @wraps(view)
    def staff_view(request: AuthenticatedHttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied(
                "Only staff enter most similar groups: ask an administrator to enter a new table."
            )
        return view(request)

    return staff_view


@_staff_only
def peer_group_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PeerGroupForm(request.POST)
        if form.is_valid():
            try:
                groups = read_peer_groups_csv(form.cleaned_data["table"], "table")
            except ProblemsError as exc:
                for problem in exc.problems:
                    form.add_error("table", str(problem))
            else:
                fields = {k: v for k, v in form.cleaned_data.items() if k != "table"}
                version = save_peer_group_version(groups, created_by=request.user, **fields)
                messages.success(request, f"Saved most similar groups '{version.label}'.")
                return HttpResponseRedirect(reverse("peer-groups") + f"?version={version.id}")
    else:
        _, current = current_peer_groups()
        table = write_peer_groups_csv(
            {f: tuple(current.get(f, [])) for f in Force.objects.values_list("id", flat=True)}
        )
        form = PeerGroupForm(initial={"table": table})
    return render(request, "registry/peer_group_form.html", {"form": form})
