"""The site's two places and their navigation: the public pages (what was published, for everyone)
and the team's tools (inspections being worked on, fieldwork, templates), each with its own service
navigation so that nobody mistakes a working copy for the record.

A page is in the team's place when its address is one of the team's and the reader works on
inspections (staff, or on an inspection's team). An inspection's page read by anyone else (the public,
a force's liaison) is the published record, so it stays in the public place; a signed-in reader who is
on no team has a link to their own page ("Your work") instead of the team's tools. The
current page is marked in its navigation (``aria-current``), by the longest item address that starts
the page's address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from inspectorate.web.accounts.roles import is_inspectorate

# Address beginnings of the team's pages: what is worked on, not what was published.
TEAM_PREFIXES = (
    "/inspections",
    "/review-templates",
    "/most-similar-groups",
    "/imports",
    "/people",
    "/organisations",
)


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool = False


@dataclass(frozen=True)
class Navigation:
    place: str  # "public" or "team"
    items: list[NavItem]
    signed_in: bool
    # The way to the other place, for those who have one.
    other: NavItem | None


def _public_items() -> list[NavItem]:
    return [
        NavItem("Reports", reverse("published-reports")),
        NavItem("Grades", reverse("grades")),
        NavItem("Forces", reverse("forces")),
        NavItem("National figures", reverse("national")),
        NavItem("Recommendations", reverse("recommendations")),
        NavItem("Monitoring", reverse("monitoring")),
        NavItem("Frameworks", reverse("frameworks")),
        NavItem("Open data", reverse("open-data")),
    ]


def _team_items(request: HttpRequest) -> list[NavItem]:
    items = [
        NavItem("Your work", reverse("home")),
        NavItem("Inspections", reverse("inspections")),
        NavItem("Review templates", reverse("review-templates")),
        NavItem("Most similar groups", reverse("peer-groups")),
        NavItem("Imported reports", reverse("report-upload")),
    ]
    if getattr(request.user, "is_staff", False):
        items.append(NavItem("People", reverse("people")))
        items.append(NavItem("Admin", reverse("admin:index")))
    return items


def _mark_current(items: list[NavItem], path: str) -> list[NavItem]:
    def matches(item: NavItem) -> bool:
        if item.href == "/":
            return path == "/"
        within = path.startswith((item.href.rstrip("/") + "/", item.href + "."))
        return path == item.href or within

    best = max((item for item in items if matches(item)), key=lambda item: len(item.href), default=None)
    return [NavItem(item.text, item.href, item is best) for item in items]


def place_of(path: str, works_on_inspections: bool) -> str:
    if works_on_inspections and (path == "/" or path.startswith(TEAM_PREFIXES)):
        return "team"
    return "public"


def _works_on_inspections(user: Any) -> bool:
    """Staff and the inspectorate's people: those who may start an inspection or be on its team
    (a place on a team counts only while its holder is of the inspectorate)."""
    if user is None or not user.is_authenticated:
        return False
    return is_inspectorate(user)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``nav``, the place this page belongs to and its navigation."""
    path = getattr(request, "path", "/")
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    team = _works_on_inspections(user)
    place = place_of(path, team)
    other: NavItem | None
    if place == "team":
        items = _mark_current(_team_items(request), path)
        other = NavItem("Published reports", reverse("published-reports"))
    else:
        items = _mark_current(_public_items(), path)
        other = None
        if signed_in:
            other = NavItem("Team tools" if team else "Your work", reverse("home"))
    return {"nav": Navigation(place, items, signed_in, other)}
