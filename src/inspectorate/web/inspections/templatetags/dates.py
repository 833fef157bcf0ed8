"""Dates and times in pages as people write them (20 December 2026; 6 December 2026 at 18:04); the
twins keep ISO 8601. Every app's templates load it (``{% load dates %}``)."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

from inspectorate.web.inspections.changes import long_date

register = template.Library()


@register.filter(name="long_date")
def long_date_filter(raw: str | None) -> str:
    return long_date(raw) if raw else ""


@register.filter(name="long_datetime")
def long_datetime_filter(raw: str | None) -> str:
    if not raw:
        return ""
    try:
        when = datetime.datetime.fromisoformat(raw)
    except ValueError:
        return raw
    if timezone.is_aware(when):
        when = timezone.localtime(when)
    return f"{when.strftime('%-d %B %Y')} at {when.strftime('%H:%M')}"
