"""The access rules the web tests check every view against (inspections/access.py,
docs/permissions.md), and the URLs of an inspection's pages for the cast's inspections."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

ROLES = ("writer", "reader", "outsider", "liaison", "anonymous", "staff")
INSPECTIONS = ("draft", "factual", "published")
FORMATS = ("html", "json", "csv")

# Who sees which inspection (the cast: writer leads and reader reviews all three; outsider is
# affiliated to Kent, liaison to the Metropolitan Police Service, whose inspections these are, and
# invited as its liaison to the one at the factual-accuracy check).
SEES = {
    "writer": {"draft", "factual", "published"},
    "reader": {"draft", "factual", "published"},
    "staff": {"draft", "factual", "published"},
    "liaison": {"factual", "published"},
    "outsider": {"published"},
    "anonymous": {"published"},
}
WRITES = {"writer", "staff"}
TEAM = {"writer", "reader", "staff"}  # the team, of any role, and staff
# Working material: the history of changes, evidence, an audit's records, a review's cases.
TEAM_ONLY_ROUTES = (
    "inspection-history",
    "evidence",
    "audit-record",
    "review-case",
    "inspection-team",
    "inspection-progress",
)
# Published, with no correction open: its record is locked, so even a writer's change is refused.
LOCKED = {"published"}


def may_change(role: str, key: str) -> bool:
    return role in WRITES and key not in LOCKED


def named(name: str, fmt: str) -> str:
    return name if fmt == "html" else f"{name}.{fmt}"


def inspection_url(
    cast: Any, key: str, route: str, fmt: str = "html", audits: Any = None, reviews: Any = None
) -> str:
    inspection = cast.inspection(key)
    kwargs: dict[str, Any] = {"code": inspection.code}
    if route.startswith("audit"):
        kwargs["audit_code"] = audits[key].code
        if route == "audit-record":
            kwargs["number"] = 1
    if route.startswith("review"):
        kwargs["review_code"] = reviews[key].code
        if route == "review-case":
            kwargs["number"] = 1
    if route == "area":
        kwargs["area_id"] = "prevention"
    elif route in ("finding", "finding-delete", "finding-lineage"):
        kwargs["finding_code"] = cast.findings[key].code
    elif route in ("evidence", "evidence-delete"):
        kwargs["evidence_code"] = cast.evidence[key].code
    return reverse(named(route, fmt), kwargs=kwargs)


def expected_read(role: str, key: str, route: str) -> int:
    if key not in SEES[role]:
        return 404
    if route in TEAM_ONLY_ROUTES:
        return 200 if role in TEAM else 404
    return 200


# The pages of an inspection every role is tried on, in every format.
READ_ROUTES = (
    "inspection",
    "inspection-history",
    "inspection-team",
    "inspection-progress",
    "inspection-numbers",
    "inspection-report",
    "area",
    "finding",
    "finding-lineage",
    "evidence",
    "inspection-audits",
    "audit",
    "audit-record",
    "inspection-reviews",
    "review",
    "review-case",
)
