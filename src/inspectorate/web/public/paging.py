"""A long list shown a page at a time in HTML (its twins carry it whole), with GOV.UK pagination."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def page_numbers(current: int, last: int) -> list[int | None]:
    """The page links to show: the first, the last, the current one and its neighbours; None where
    pages are left out."""
    wanted = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    shown: list[int | None] = []
    for number in wanted:
        if shown and number - (shown[-1] or 0) > 1:
            shown.append(None)
        shown.append(number)
    return shown


def paged(request: HttpRequest, items: Sequence[Any], per_page: int) -> dict[str, Any]:
    """The page asked for (?page=N, the last one when N is past it) and what the pagination needs:
    ``shown`` (a Django Page), ``page_numbers`` and ``page_query`` (the other fields of the query)."""
    paginator = Paginator(items, per_page)
    shown: Page[Any] = paginator.get_page(request.GET.get("page"))
    others = request.GET.copy()
    others.pop("page", None)
    query = others.urlencode()
    return {
        "shown": shown,
        "page_numbers": page_numbers(shown.number, paginator.num_pages),
        "page_query": f"{query}&" if query else "",
    }
