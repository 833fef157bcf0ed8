"""Forces, their populations (or 'unknown'), and the most-similar-group table."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from inspectorate.core.forces.peer_groups import read_peer_groups_csv, write_peer_groups_csv
from inspectorate.core.problems import ProblemsError
from inspectorate.web.front.twins import Page, render_page
from inspectorate.web.inspections.access import visible_inspections
from inspectorate.web.inspections.documents import chronological, inspection_summary
from inspectorate.web.registry.models import Force, ForcePopulation, PeerGroupVersion
from inspectorate.web.registry.peer_groups import current_peer_groups, save_peer_group_version


def _population(figure: ForcePopulation | None) -> dict[str, Any]:
    if figure is None:
        return {"population": None, "population_year": None, "population_source": None}
    return {
        "population": figure.population,
        "population_year": figure.year,
        "population_source": figure.source,
    }


def force_row(force: Force, figure: ForcePopulation | None) -> dict[str, Any]:
    return {
        "id": force.id,
        "name": force.name,
        "home_office_name": force.home_office_name or None,
        "ons_code": force.ons_code or None,
        "country": force.country or None,
        **_population(figure),
    }


def _latest_populations() -> dict[str, ForcePopulation]:
    latest: dict[str, ForcePopulation] = {}
    for figure in ForcePopulation.objects.order_by("force_id", "-year"):
        latest.setdefault(figure.force_id, figure)
    return latest


def force_list(request: HttpRequest, fmt: str) -> HttpResponse:
    populations = _latest_populations()
    rows = [force_row(f, populations.get(f.id)) for f in Force.objects.all()]
    page = Page("registry/force_list.html", "Forces", {"forces": rows}, rows, filename="forces")
    return render_page(request, fmt, page)


def force_detail(request: HttpRequest, fmt: str, force_id: str) -> HttpResponse:
    force = Force.objects.filter(id=force_id).first()
    if force is None:
        raise Http404("No such force")
    figures = list(force.populations.all())
    version, groups = current_peer_groups()
    peers = [Force.objects.get(id=p) for p in groups.get(force.id, [])]
    inspections = [
        inspection_summary(i) for i in chronological(visible_inspections(request.user).filter(force=force))
    ]
    data = {
        **force_row(force, figures[0] if figures else None),
        "populations": [
            {"year": f.year, "population": f.population, "households": f.households, "source": f.source}
            for f in figures
        ],
        "most_similar_group": {
            "version": version.label if version else None,
            "source": version.source if version else None,
            "peers": [p.id for p in peers],
        },
        "inspections": inspections,
    }
    context = {"force": force, "figures": figures, "peers": peers, "msg_version": version}
    page = Page("registry/force_detail.html", force.name, data, inspections, context, force.id)
    return render_page(request, fmt, page)


def peer_groups(request: HttpRequest, fmt: str) -> HttpResponse:
    versions = list(PeerGroupVersion.objects.all())
    chosen_id = request.GET.get("version")
    version = next((v for v in versions if str(v.id) == chosen_id), versions[0] if versions else None)
    groups = version.groups() if version else {}
    names = dict(Force.objects.values_list("id", "name"))
    rows = [{"force": f, "force_name": names[f], "peers": groups.get(f, [])} for f in names]
    data = {
        "version": _version_document(version),
        "versions": [_version_document(v) for v in versions],
        "groups": rows,
    }
    context = {"version": version, "versions": versions, "names": names}
    page = Page(
        "registry/peer_groups.html", "Most similar groups", data, rows, context, "most-similar-groups"
    )
    return render_page(request, fmt, page)


def _version_document(version: PeerGroupVersion | None) -> dict[str, Any] | None:
    if version is None:
        return None
    return {
        "id": version.id,
        "label": version.label,
        "source": version.source,
        "source_date": version.source_date.isoformat() if version.source_date else None,
        "created_at": version.created_at.isoformat(),
        "created_by": version.created_by.get_username() if version.created_by else None,
    }


class PeerGroupForm(forms.Form):
    label = forms.CharField(max_length=120)
    source = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), help_text="Where these groups come from."
    )
    source_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    table = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24, "class": "mono"}),
        help_text="One row per force: force id, then its peers' ids separated by ';'.",
    )


@staff_member_required
def peer_group_new(request: HttpRequest) -> HttpResponse:
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
        _, groups = current_peer_groups()
        table = write_peer_groups_csv(
            {f: tuple(groups.get(f, ())) for f in Force.objects.values_list("id", flat=True)}
        )
        form = PeerGroupForm(initial={"table": table})
    return render(request, "registry/peer_group_form.html", {"form": form})
