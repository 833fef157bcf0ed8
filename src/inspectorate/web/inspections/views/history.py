"""An inspection's history of changes: every change to its records, in words, grouped by day,
newest first, filtered by kind of change, person and area, a page of 50 at a time.

For the team and staff only: it shows draft grades and who set them.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode
from uuid import UUID

from auditlog.models import LogEntry
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from pydantic import JsonValue

from inspectorate.web.inspections.access import can_see_history, get_inspection_for_user
from inspectorate.web.inspections.changes import ChangeKind, Teller
from inspectorate.web.inspections.documents import InspectionSummary, inspection_summary
from inspectorate.web.inspections.forms import area_choices
from inspectorate.web.inspections.models import Inspection, TeamRole
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.pages.twins import Fmt, Page, render_page

PER_PAGE = 50
NO_ONE = "platform"
"""The person filter's value for changes made with no one signed in (imports, the demo's set-up)."""


class ChangeDetail(Document):
    """One field of a change, as a reader reads it (grade labels, area titles, usernames)."""

    field: str
    label: str
    old: str | None
    new: str | None


class ChangeDocument(Document):
    """One entry of the audit trail: who changed what, when, in words and field by field."""

    when: str
    """The moment of the change, in full (ISO 8601)."""
    day: str
    """The day of the change in UK time (ISO date): the page groups changes by it."""
    time: str
    """The time of the change in UK time, to the minute (14:05)."""
    who: str | None
    """The username of the person who made the change; null when no one was signed in."""
    role: str | None
    """Their role on the inspection (lead inspector, analyst...), or staff."""
    kind: str
    """grades, findings, evidence, status (and publishing), team or fieldwork."""
    text: str
    """The change in words, with who made it."""
    action: str
    """create, update or delete."""
    object: str
    """The kind of record changed: inspection, judgment, finding, evidence..."""
    object_repr: str
    area: str | None
    areas: list[str]
    """The areas the change touches (their ids)."""
    details: list[ChangeDetail]
    """Each field changed, as read."""
    changes: dict[str, list[JsonValue]]
    """Each field changed, as stored: [old, new]."""


class ChangeRow(Row):
    """One field of one change: the CSV twin flattens each change to its fields."""

    when: str
    who: str | None
    action: str
    object: str
    object_repr: str
    area: str | None
    field: str
    old: str | None
    new: str | None
    day: str
    time: str
    kind: str
    role: str | None
    text: str


class HistoryFilters(Document):
    kind: str | None
    """Only changes of this kind (see ChangeDocument.kind)."""
    who: str | None
    """Only changes by this username ("platform": those made with no one signed in)."""
    area: str | None
    """Only changes touching this area (its id)."""


class InspectionHistoryPage(PageDocument):
    ROW = ChangeRow
    inspection: InspectionSummary
    filters: HistoryFilters
    total: int
    """How many changes pass the filters."""
    page: int
    pages: int
    per_page: int
    changes: list[ChangeDocument]
    """This page's changes, newest first."""

    def csv_rows(self) -> Sequence[ChangeRow]:
        return [row for change in self.changes for row in _flatten_change(change)]


def _roles(inspection: Inspection) -> dict[str, str]:
    roles = {
        m.user.get_username(): TeamRole(m.role).label.lower() for m in inspection.team.select_related("user")
    }
    return {name: "moderator" if role.startswith("moderator") else role for name, role in roles.items()}


def _history_entry(entry: LogEntry, teller: Teller, roles: dict[str, str]) -> ChangeDocument:
    extra = entry.additional_data or {}
    changes = entry.changes_dict or {}
    if entry.action == LogEntry.Action.CREATE:
        # A new record had no old values; the log stores the text "None" for them.
        changes = {field: [None, new] for field, (_, new) in changes.items()}
    who = entry.actor.get_username() if entry.actor else None
    role = roles.get(who) if who else None
    if who and role is None and entry.actor is not None and entry.actor.is_staff:
        role = "staff"
    told = teller.tell(entry)
    by = f"{who} ({role})" if who and role else (who or "the platform (no one signed in)")
    local = timezone.localtime(entry.timestamp)
    return ChangeDocument(
        when=entry.timestamp.isoformat(),
        day=local.date().isoformat(),
        time=local.strftime("%H:%M"),
        who=who,
        role=role,
        kind=told.kind.value,
        text=f"{told.headline} by {by}",
        action=entry.get_action_display().lower(),
        object=entry.content_type.model,
        object_repr=entry.object_repr,
        area=extra.get("area"),
        areas=[a for a in told.areas if a],
        details=[ChangeDetail(field=d.field, label=d.label, old=d.old, new=d.new) for d in told.details],
        changes={field: list(values) for field, values in changes.items()},
    )


def history_entries(inspection: Inspection) -> list[ChangeDocument]:
    """Every change recorded against this inspection and its records, newest first."""
    entries = list(
        LogEntry.objects.filter(additional_data__inspection=str(inspection.code))
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )
    teller = Teller.for_inspection(inspection, entries)
    roles = _roles(inspection)
    return [_history_entry(e, teller, roles) for e in entries]


def _text(value: JsonValue) -> str | None:
    return None if value is None else str(value)


def _flatten_change(change: ChangeDocument) -> list[ChangeRow]:
    common = change.model_dump(include=set(ChangeRow.model_fields) - {"field", "old", "new"})
    pairs = change.changes or {"": [None, None]}
    return [
        ChangeRow(**common, field=field, old=_text(old), new=_text(new))
        for field, (old, new) in pairs.items()
    ]


def _passes(change: ChangeDocument, filters: HistoryFilters) -> bool:
    if filters.kind and change.kind != filters.kind:
        return False
    if filters.who and (change.who or NO_ONE) != filters.who:
        return False
    return not (filters.area and filters.area not in change.areas)


def _page_number(request: HttpRequest, pages: int) -> int:
    """?page=N, from 1 to the last page; anything else is a page that does not exist (404)."""
    text = request.GET.get("page", "1").strip() or "1"
    if not text.isdigit() or not 1 <= int(text) <= pages:
        raise Http404("No such page of this history")
    return int(text)


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the ellipsis between distant pages
    url: str
    current: bool


def _page_links(filters: HistoryFilters, page: int, pages: int) -> list[PageLink]:
    """GOV.UK pagination: the first and last pages, and those beside the current one."""
    wanted = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    links: list[PageLink] = []
    for number in wanted:
        if links and links[-1].number is not None and number - links[-1].number > 1:
            links.append(PageLink(None, "", False))
        links.append(PageLink(number, _query(filters, number), number == page))
    return links


def _query(filters: HistoryFilters, page: int) -> str:
    values = {k: v for k, v in filters.model_dump().items() if v}
    if page > 1:
        values["page"] = str(page)
    return "?" + urlencode(values) if values else "?"


@dataclass(frozen=True)
class ShownChange:
    change: ChangeDocument
    kind_label: str
    matters: bool


@dataclass(frozen=True)
class Day:
    heading: str
    changes: list[ShownChange]


def _days(changes: list[ChangeDocument]) -> list[Day]:
    """The changes grouped by their day, under a heading such as "6 December 2026"."""
    days: list[Day] = []
    for change in changes:
        if not days or days[-1].changes[0].change.day != change.day:
            heading = datetime.date.fromisoformat(change.day).strftime("%-d %B %Y")
            days.append(Day(heading, []))
        kind = ChangeKind(change.kind)
        days[-1].changes.append(ShownChange(change, kind.label, kind.matters))
    return days


def inspection_history(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    # The trail shows draft grades and who set them: for the team and staff only.
    if not can_see_history(request.user, inspection):
        raise Http404("No such inspection")
    everything = history_entries(inspection)
    kinds = [k.value for k in ChangeKind]
    people = sorted({c.who or NO_ONE for c in everything})
    areas = dict(area_choices(inspection.spec))
    wanted = {name: request.GET.get(name, "").strip() for name in ("kind", "who", "area")}
    filters = HistoryFilters(
        kind=wanted["kind"] if wanted["kind"] in kinds else None,
        who=wanted["who"] if wanted["who"] in people else None,
        area=wanted["area"] if wanted["area"] in areas else None,
    )
    shown = [c for c in everything if _passes(c, filters)]
    pages = max(1, math.ceil(len(shown) / PER_PAGE))
    page = _page_number(request, pages)
    changes = shown[(page - 1) * PER_PAGE : page * PER_PAGE]
    document = InspectionHistoryPage(
        inspection=inspection_summary(inspection),
        filters=filters,
        total=len(shown),
        page=page,
        pages=pages,
        per_page=PER_PAGE,
        changes=changes,
    )
    context = {
        "inspection": inspection,
        "can_write": can_write,
        "days": _days(changes),
        "kinds": [(k, ChangeKind(k).label) for k in kinds],
        "people": [(p, "The platform (no one signed in)" if p == NO_ONE else p) for p in people],
        "areas": list(areas.items()),
        "filters": filters,
        "filtered": any(filters.model_dump().values()),
        "first_shown": (page - 1) * PER_PAGE + 1,
        "last_shown": (page - 1) * PER_PAGE + len(changes),
        "page_links": _page_links(filters, page, pages) if pages > 1 else [],
        "previous_url": _query(filters, page - 1) if page > 1 else None,
        "next_url": _query(filters, page + 1) if page < pages else None,
    }
    title = f"History of {inspection.reference}"
    name = f"{inspection.reference}-history"
    page_ = Page("inspections/inspection_history.html", title, document, context, name)
    return render_page(request, fmt, page_)
