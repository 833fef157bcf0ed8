"""Template filters for an audit's figures, printed as the reports print them."""

from __future__ import annotations

from django import template

from inspectorate.core.cdi.estimate import percent as percent_of

register = template.Library()


@register.filter
def percent(proportion: float | str | None) -> str:
    """0.9165 -> ``91.7``: percent to one decimal place, halves up; empty when there is no figure."""
    if proportion is None or proportion == "":
        return ""
    return f"{percent_of(float(proportion)):.1f}"
