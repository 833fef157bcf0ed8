"""A national figure printed so that a small rate still reads as itself."""

from __future__ import annotations

import math

from django import template

from inspectorate.web.national import data

register = template.Library()


@register.filter
def figure(value: float | None) -> str:
    """89.49 -> ``89.5`` and 1234.5 -> ``1,234.5`` (one decimal place), but a figure under 1 to two
    significant figures (homicide, 0.0117 per 1,000 people -> ``0.012``), which one decimal place
    would print as 0.0 for every force; empty when there is no figure."""
    if value is None:
        return ""
    number = float(value)
    if number == 0 or abs(number) >= 1 or not math.isfinite(number):
        return f"{number:,.1f}"
    places = 1 - math.floor(math.log10(abs(number)))
    return f"{number:.{places}f}"


@register.filter
def edition_title(edition_id: str | None) -> str:
    """An edition's id as its title, for what a page says."""
    return "" if not edition_id else data.edition_title(edition_id)
