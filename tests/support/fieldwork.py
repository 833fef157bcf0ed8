"""Fieldwork the web tests make (answers to the shipped case-file review template), and what they read
of its forms."""

from __future__ import annotations

import datetime
import re

from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.published import answers_reproducing
from support.dates import date_fields

__all__ = ["REVIEW_ANSWERS", "checked", "date_fields", "offered", "shown_date"]

# One complete first review that every question the shipped template shows accepts.
REVIEW_ANSWERS = answers_reproducing(get_template("peel-2021-victim-service"), {}, 1)[0]


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
