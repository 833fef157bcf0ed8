"""Areas named by their titles, as readers know them, never by their ids."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def titled(area_id: str, titles: Mapping[str, str]) -> str:
    """``{{ area|titled:area_titles }}``: the area's title, else its id when the framework lacks it."""
    return titles.get(area_id, area_id)
