"""Dates in the monitoring pages as people write them (28 June 2022); the twins keep ISO 8601."""

from __future__ import annotations

from django import template

from inspectorate.web.inspections.changes import long_date

register = template.Library()


@register.filter(name="long_date")
def long_date_filter(raw: str | None) -> str:
    return long_date(raw) if raw else ""
