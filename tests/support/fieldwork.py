"""Fieldwork the web tests make (answers to the shipped case-file review template), and what they read
of its forms."""

from __future__ import annotations

import datetime
import re

from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.published import answers_reproducing

# One complete first review that every question the shipped template shows accepts.
REVIEW_ANSWERS = answers_reproducing(get_template("peel-2021-victim-service"), {}, 1)[0]


def date_fields(name: str, value: str | datetime.date) -> dict[str, str]:
    """A date as a GOV.UK date input sends it: NAME_day, NAME_month and NAME_year ("2021-01-05" or a
    date gives 5, 1, 2021)."""
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def shown_date(page: str, name: str) -> datetime.date | None:
    """The date a page's GOV.UK date input NAME shows, or None when its boxes are empty."""
    values = {i["name"]: i.get("value", "") for i in _inputs(page) if i.get("name", "").startswith(name)}
    parts = [values.get(f"{name}_{part}", "") for part in ("year", "month", "day")]
    return datetime.date(*map(int, parts)) if all(parts) else None


def _inputs(page: str) -> list[dict[str, str]]:
    """Every <input> of a page, as its attributes (a bare attribute such as ``checked`` maps to "")."""
    return [
        {name: value for name, _, value in re.findall(r'([\w-]+)(="([^"]*)")?', tag)}
        for tag in re.findall(r"<input\b([^>]*)>", page, re.S)
    ]


def offered(page: str) -> set[tuple[str, str]]:
    """The (name, value) of every radio and checkbox a page offers."""
    return {(i["name"], i["value"]) for i in _inputs(page) if i.get("type") in ("radio", "checkbox")}


def checked(page: str) -> set[tuple[str, str]]:
    """The (name, value) of every radio and checkbox a page shows checked."""
    return {
        (i["name"], i["value"])
        for i in _inputs(page)
        if i.get("type") in ("radio", "checkbox") and "checked" in i
    }
