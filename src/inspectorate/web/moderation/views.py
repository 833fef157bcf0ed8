"""An inspection's moderation page, the moderator's decision on one area (POST only), and a framework
version's grades across forces.

The team (every role) and staff read an inspection's moderation; its moderator and staff decide, at
moderation only, and anyone else's POST is a 403 saying why. The view across forces shows every
force's drafts, so only staff and the moderators of that framework version's inspections see it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from inspectorate.core.frameworks.spec import Area
from inspectorate.core.problems import InputError
from inspectorate.web.inspections.access import get_inspection_for_user, visible_inspections
from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.moderation.access import (
    across_inspections,
    is_moderator,
    reads_across,
    reads_moderation,
)
from inspectorate.web.moderation.deciding import (
    ModerationError,
    ModerationRefused,
    breach_warnings,
    decide,
    ensure_may_decide,
    grade_label,
    graded_area,
)
from inspectorate.web.moderation.documents import (
    AcrossArea,
    AcrossCell,
    ModerationRow,
    across_document,
    moderation_document,
)
from inspectorate.web.moderation.forms import DecisionForm, decide_url
from inspectorate.web.moderation.models import DecisionKind
from inspectorate.web.moderation.state import judgments_by_area
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.registry.models import FrameworkVersion


def _readable(request: HttpRequest, code: UUID) -> Inspection:
    inspection, _ = get_inspection_for_user(request, code)
    if not reads_moderation(request.user, inspection):
        raise Http404("No such inspection")
    return inspection


def _may_decide(request: HttpRequest, inspection: Inspection) -> bool:
    return inspection.status == Status.MODERATION and is_moderator(request.user, inspection)


def _form(inspection: Inspection, row: ModerationRow, revision: int, data: object = None) -> DecisionForm:
    area = inspection.spec.area(row.area)
    return DecisionForm(
        data,
        spec=inspection.spec,
        area=area,
        proposed=row.proposed_grade or "",
        action=decide_url(inspection.code, area.id),
        initial={"revision": revision},
    )


def moderation_page(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    return _page(request, fmt, _readable(request, code))


def _page(
    request: HttpRequest, fmt: Fmt, inspection: Inspection, sent: DecisionForm | None = None
) -> HttpResponse:
    """The page; ``sent``: one area's form sent back with its errors, shown in its place."""
    document = moderation_document(inspection)
    may_decide = _may_decide(request, inspection)
    revisions = {area_id: j.revision for area_id, j in judgments_by_area(inspection).items()}
    entries = []
    for row in document.areas:
        form = None
        if may_decide and row.proposed_grade:
            form = (
                sent
                if sent is not None and sent.prefix == row.area
                else _form(inspection, row, revisions.get(row.area, 0))
            )
        when = datetime.datetime.fromisoformat(row.decided_at) if row.decided_at else None
        entries.append((row, form, when.strftime("%-d %B %Y %H:%M") if when else ""))
    titles = {area.id: area.title for area in inspection.spec.graded_areas()}
    breaches = [(breach, titles.get(breach.area, breach.area)) for breach in document.breaches]
    context = {
        "inspection": inspection,
        "entries": entries,
        "breaches": breaches,
        "may_decide": may_decide,
        "is_moderator": is_moderator(request.user, inspection),
        "at_moderation": inspection.status == Status.MODERATION,
        "status_label": Status(inspection.status).label,
        "sent": sent,
    }
    if sent is not None:  # shown at the form's address: the twins are the page's own
        page_url = reverse("moderation", kwargs={"code": inspection.code})
        context["twins"] = {"json": f"{page_url}.json", "csv": f"{page_url}.csv"}
    title = f"Moderation: {inspection.reference}"
    page = Page("moderation/moderation.html", title, document, context, f"{inspection.reference}-moderation")
    return render_page(request, fmt, page)


@require_POST
def moderation_decide(request: HttpRequest, code: UUID, area_id: str) -> HttpResponse:
    """The moderator agrees with an area's grade or moderates it; a form with errors comes back on
    the moderation page, in the area's place."""
    inspection = _readable(request, code)
    user = signed_in(request)
    assert user is not None, "a reader of the moderation is signed in"
    try:
        ensure_may_decide(user, inspection)
        area: Area = graded_area(inspection, area_id)
    except ModerationRefused as exc:
        raise PermissionDenied(str(exc)) from None
    except ModerationError:
        raise Http404("No such graded area") from None
    row = next(r for r in moderation_document(inspection).areas if r.area == area.id)
    form = _form(inspection, row, 0, request.POST)
    if form.is_valid():
        try:
            decision = decide(
                inspection,
                area.id,
                user,
                grade=form.grade,
                reason=str(form.cleaned_data.get("reason", "")),
                opened_at=form.cleaned_data["revision"],
            )
        except ModerationRefused as exc:
            raise PermissionDenied(str(exc)) from None
        except InputError as exc:
            form.add_error(None, str(exc))
        else:
            now = grade_label(inspection, area, decision.grade)
            if decision.decision == DecisionKind.AGREED:
                done = f"Agreed: {area.title} is graded {now}."
            else:
                was = grade_label(inspection, area, decision.proposed_grade)
                done = f"Moderated: {area.title} from {was} to {now}."
            messages.success(request, done)
            for warning in breach_warnings(inspection, area, now):
                messages.warning(request, warning)
            url = reverse("moderation", kwargs={"code": inspection.code})
            return HttpResponseRedirect(f"{url}#area-{area.id}")
    return _page(request, "html", inspection, sent=form)


# Across forces ------------------------------------------------------------------------------------


def framework_moderation(request: HttpRequest, fmt: Fmt, framework_id: str) -> HttpResponse:
    framework = FrameworkVersion.objects.filter(id=framework_id).first()
    if framework is None or not reads_across(request.user, framework):
        raise Http404("No such framework")
    inspections = across_inspections(request.user, framework)
    document = across_document(framework, inspections)
    table: list[tuple[AcrossArea, list[AcrossCell]]] = []
    per_area = len(document.inspections)
    for index, area in enumerate(document.areas):
        table.append((area, document.cells[index * per_area : (index + 1) * per_area]))
    context = {"framework": framework, "table": table, "links": _links(request, inspections)}
    title = f"Moderation across forces: {document.framework_title}"
    page = Page(
        "moderation/framework_moderation.html", title, document, context, f"{framework.id}-moderation"
    )
    return render_page(request, fmt, page)


def _links(request: HttpRequest, inspections: Iterable[Inspection]) -> dict[str, str | None]:
    """Where each column's reference leads: the inspection's moderation for those who read it, its
    published record for everyone else once it is out, else nowhere (it would be a 404)."""
    links: dict[str, str | None] = {}
    visible = set(visible_inspections(request.user).values_list("pk", flat=True))
    for inspection in inspections:
        code = {"code": inspection.code}
        if reads_moderation(request.user, inspection):
            links[str(inspection.code)] = reverse("moderation", kwargs=code)
        elif inspection.pk in visible:
            links[str(inspection.code)] = reverse("inspection", kwargs=code)
        else:
            links[str(inspection.code)] = None
    return links
