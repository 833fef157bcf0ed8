"""Frameworks stored in this workspace, and each one as a tree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from pydantic import field_serializer

from inspectorate.core.frameworks.outline import FrameworkIdentity, FrameworkSummary, framework_summary
from inspectorate.core.frameworks.spec import Area, AreaPlace, Criterion, Framework, Rule, Scale
from inspectorate.web.inspections.access import listed_inspections
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.documents import PageDocument, Row
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.registry.models import FrameworkVersion


class StoredFramework(FrameworkSummary):
    inspections: int
    """How many inspections in this workspace use it, among those the reader may see listed."""


class FrameworkRow(FrameworkIdentity, Row):
    """A stored framework without its scales."""

    inspections: int


def inspection_counts(user: AnyUser) -> dict[str, int]:
    """How many inspections use each framework, counted as the inspections list lists them for this
    user: a draft they may not see is not counted, so a count never tells of one."""
    listed = Inspection.objects.filter(pk__in=listed_inspections(user).values("pk"))
    return dict(listed.order_by().values_list("framework_id").annotate(n=Count("pk")))


def stored_summary(stored: FrameworkVersion, counts: dict[str, int]) -> StoredFramework:
    return StoredFramework(**dict(framework_summary(stored.spec)), inspections=counts.get(stored.id, 0))


class FrameworkListPage(PageDocument):
    ROW = FrameworkRow
    frameworks: list[StoredFramework]
    """Those in use now first, then by id."""

    def csv_rows(self) -> Sequence[FrameworkRow]:
        fields = set(FrameworkRow.model_fields)
        return [FrameworkRow(**f.model_dump(include=fields)) for f in self.frameworks]


def framework_list(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    stored = sorted(FrameworkVersion.objects.all(), key=lambda fw: (fw.spec.in_use, fw.id))
    counts = inspection_counts(request.user)
    document = FrameworkListPage(frameworks=[stored_summary(fw, counts) for fw in stored])
    page = Page("registry/framework_list.html", "Frameworks", document, filename="frameworks")
    return render_page(request, fmt, page)


class AreaLine(Row):
    """One area of the tree, in tree order."""

    area: str
    code: str
    level: str
    title: str
    question: str | None
    parent: str | None
    depth: int
    scale: str | None
    direction_scale: str | None
    key_issues: list[str]
    note: str | None
    criteria: list[str]
    """What the area is judged against, each as "id: text", with in brackets the grade it describes
    and "dominant" where the programme flags it so."""


def criterion_line(criterion: Criterion) -> str:
    marks = [f"grade: {criterion.grade}"] * bool(criterion.grade) + ["dominant"] * criterion.dominant
    bracket = f" ({', '.join(marks)})" if marks else ""
    return f"{criterion.id}{bracket}: {criterion.text}"


def framework_area_rows(areas: Sequence[Area], parent: str | None = None, depth: int = 0) -> list[AreaLine]:
    """Every area under ``areas``, depth first, in document order (as ``Framework.walk``)."""
    rows: list[AreaLine] = []
    for area in areas:
        rows.append(
            AreaLine(
                area=area.id,
                code=area.code,
                level=area.level,
                title=area.title,
                question=area.question or None,
                parent=parent,
                depth=depth,
                scale=area.scale,
                direction_scale=area.direction_scale,
                key_issues=list(area.key_issues),
                note=area.note or None,
                criteria=[criterion_line(c) for c in area.criteria],
            )
        )
        rows.extend(framework_area_rows(area.children, area.id, depth + 1))
    return rows


class FrameworkPage(FrameworkRow, PageDocument):
    ROW = AreaLine
    description: str | None
    source: str | None
    finding_kinds: list[str]
    scales: list[Scale]
    rules: list[Rule]
    """The grading rules: each a named check with its parameters."""
    tree: list[Area]
    """The areas as a tree, each with its children."""

    @field_serializer("tree")
    def _tree(self, tree: list[Area]) -> list[dict[str, Any]]:
        # As the framework's YAML writes them: what an area leaves at its default is not repeated.
        return [area.model_dump(mode="json", exclude_defaults=True) for area in tree]

    def csv_rows(self) -> Sequence[AreaLine]:
        return framework_area_rows(self.tree)


def framework_detail(request: HttpRequest, fmt: Fmt, framework_id: str) -> HttpResponse:
    stored = FrameworkVersion.objects.filter(id=framework_id).first()
    if stored is None:
        raise Http404("No such framework")
    spec = stored.spec
    summary = stored_summary(stored, inspection_counts(request.user))
    document = FrameworkPage(
        **summary.model_dump(include=set(FrameworkRow.model_fields)),
        description=spec.description or None,
        source=spec.source or None,
        finding_kinds=[k.value for k in spec.finding_kinds],
        scales=list(spec.scales),
        rules=list(spec.rules),
        tree=list(spec.areas),
    )
    context = {"spec": spec, "places": [(place, _criteria_shown(spec, place)) for place in spec.walk()]}
    page = Page("registry/framework_detail.html", spec.title, document, context, spec.id)
    return render_page(request, fmt, page)


def _criteria_shown(spec: Framework, place: AreaPlace) -> list[tuple[Criterion, str]]:
    """An area's criteria, each with the label of the grade it describes ('' for none)."""
    scale = spec.scale(place.area.scale) if place.area.scale else None
    shown = []
    for criterion in place.area.criteria:
        level = scale.level(criterion.grade) if scale and criterion.grade else None
        shown.append((criterion, level.label if level else criterion.grade))
    return shown
