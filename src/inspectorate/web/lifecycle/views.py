"""An inspection's progress page: where it stands, the moves open from there with each condition met
or not, the form that makes a move, and the log of moves.

For the team (of any role) and staff; the lead, the moderator and staff make the moves each may make
(403 for anyone else of the team); anyone else, a 404, as for the inspection's history.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from inspectorate.core.lifecycle import Move, MoveRefused, Stage, Way, find_move, moves_from, who_may
from inspectorate.web.inspections.access import can_see_history, get_inspection_for_user
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.lifecycle.documents import MoveOption, MoveRow, ProgressPage, progress_page
from inspectorate.web.lifecycle.forms import MoveForm
from inspectorate.web.lifecycle.service import MovedSince, actors_of, settle, stage_of
from inspectorate.web.lifecycle.service import move as make_move
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page


def _readable(request: HttpRequest, code: UUID) -> Inspection:
    inspection, _ = get_inspection_for_user(request, code)
    # The progress shows draft counts (breaches, grades awaiting moderation): the team's and staff's.
    if not can_see_history(request.user, inspection):
        raise Http404("No such inspection")
    return inspection


def inspection_progress(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    inspection = _readable(request, code)
    settle(inspection)
    return _page(request, fmt, inspection)


@dataclass(frozen=True)
class ShownMove:
    option: MoveOption
    form: MoveForm | None
    who: str


@dataclass(frozen=True)
class ShownRow:
    row: MoveRow
    at: datetime.datetime
    from_label: str
    to_label: str


def _action(inspection: Inspection) -> str:
    return reverse("inspection-progress-move", kwargs={"code": inspection.code})


def _page(
    request: HttpRequest, fmt: Fmt, inspection: Inspection, sent: MoveForm | None = None, status: int = 200
) -> HttpResponse:
    document: ProgressPage = progress_page(inspection, actors_of(request.user, inspection))
    shown = []
    for option, move in zip(document.moves, moves_from(stage_of(inspection)), strict=True):
        form = None
        if option.yours and move.way is Way.MOVE:
            same = sent is not None and sent.move == move
            form = sent if same else MoveForm(move=move, action=_action(inspection))
        shown.append(ShownMove(option, form, who_may(move.by)))
    log = [
        ShownRow(
            row,
            datetime.datetime.fromisoformat(row.at),
            Stage(row.from_status).label,
            Stage(row.to_status).label,
        )
        for row in reversed(document.log)
    ]
    context = {
        "inspection": inspection,
        "moves": shown,
        "log": log,
        "sent": sent,
        "stage_label": Stage(document.status).label,
    }
    if sent is not None:  # shown at the form's address: the twins are the page's own
        page_url = reverse("inspection-progress", kwargs={"code": inspection.code})
        context["twins"] = {"json": f"{page_url}.json", "csv": f"{page_url}.csv"}
    title = f"Progress of {inspection.reference}"
    page = Page("lifecycle/progress.html", title, document, context, f"{inspection.reference}-progress")
    return render_page(request, fmt, page, status=status)


@require_POST
def progress_move(request: HttpRequest, code: UUID) -> HttpResponse:
    """Make a move: the lead, the moderator or staff, each the moves theirs to make (403 otherwise).
    A move refused (a condition unmet, a move back without its reason, someone else's move first)
    comes back on the page with every reason at the top of its form."""
    inspection = _readable(request, code)
    settle(inspection)
    chosen = _posted_move(request)
    if chosen is None:
        return HttpResponseBadRequest("No such move: to_status and from_status name no move.")
    if chosen.way is not Way.MOVE or not chosen.by & actors_of(request.user, inspection):
        raise PermissionDenied("This move is not yours to make.")
    form = MoveForm(request.POST, move=chosen, action=_action(inspection))
    if not form.is_valid():
        return _page(request, "html", inspection, sent=form)
    try:
        made = make_move(
            inspection,
            signed_in(request),
            chosen.target,
            form.cleaned_data.get("reason", ""),
            expected=chosen.source,
        )
    except MoveRefused as exc:
        for reason in exc.reasons:
            form.add_error(None, f"Not moved: {reason}")
        status = 409 if isinstance(exc, MovedSince) else 200
        return _page(request, "html", inspection, sent=form, status=status)
    messages.success(request, f"{inspection.reference} moved to {Stage(made.to_status).label.lower()}.")
    return HttpResponseRedirect(reverse("inspection-progress", kwargs={"code": inspection.code}))


def _posted_move(request: HttpRequest) -> Move | None:
    try:
        source = Stage(request.POST.get("from_status", ""))
        target = Stage(request.POST.get("to_status", ""))
    except ValueError:
        return None
    return find_move(source, target)
