"""Frameworks stored in this workspace, and each one as a tree."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from inspectorate.core.frameworks.outline import framework_summary
from inspectorate.core.frameworks.spec import Framework
from inspectorate.web.front.twins import Page, render_page
from inspectorate.web.registry.models import FrameworkVersion


def stored_summary(stored: FrameworkVersion) -> dict[str, Any]:
    return {**framework_summary(stored.spec), "inspections": stored.inspections.count()}


def framework_area_rows(spec: Framework) -> list[dict[str, Any]]:
    return [
        {
            "area": p.area.id,
            "code": p.area.code,
            "level": p.area.level,
            "title": p.area.title,
            "question": p.area.question or None,
            "parent": p.parent_id,
            "depth": p.depth,
            "scale": p.area.scale,
            "direction_scale": p.area.direction_scale,
            "key_issues": list(p.area.key_issues),
            "note": p.area.note or None,
        }
        for p in spec.walk()
    ]


def framework_list(request: HttpRequest, fmt: str) -> HttpResponse:
    stored = list(FrameworkVersion.objects.all())
    summaries = [stored_summary(fw) for fw in sorted(stored, key=lambda fw: (fw.spec.in_use, fw.id))]
    rows = [{k: v for k, v in s.items() if k != "scales"} for s in summaries]
    page = Page(
        "registry/framework_list.html", "Frameworks", {"frameworks": summaries}, rows, filename="frameworks"
    )
    return render_page(request, fmt, page)


def framework_detail(request: HttpRequest, fmt: str, framework_id: str) -> HttpResponse:
    stored = FrameworkVersion.objects.filter(id=framework_id).first()
    if stored is None:
        raise Http404("No such framework")
    spec = stored.spec
    data = {
        **stored_summary(stored),
        "description": spec.description or None,
        "source": spec.source or None,
        "finding_kinds": [k.value for k in spec.finding_kinds],
        "scales": [s.model_dump(mode="json") for s in spec.scales],
        "rules": [r.model_dump(mode="json") for r in spec.rules],
        "tree": [a.model_dump(mode="json", exclude_defaults=True) for a in spec.areas],
    }
    page = Page(
        "registry/framework_detail.html",
        spec.title,
        data,
        framework_area_rows(spec),
        context={"spec": spec, "places": list(spec.walk())},
        filename=spec.id,
    )
    return render_page(request, fmt, page)
