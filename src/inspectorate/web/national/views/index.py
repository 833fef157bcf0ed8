"""/national/: the headline indicators, then the offences, each with its latest period; the editions held."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest, HttpResponse

from inspectorate.core.forces import all_forces
from inspectorate.core.national.figures import Edition
from inspectorate.core.national.results import IndicatorGroup
from inspectorate.web.national import data
from inspectorate.web.national.documents import EditionHeld, IndicatorLatest, NationalIndexPage
from inspectorate.web.national.grouping import depths
from inspectorate.web.pages.twins import Fmt, Page, render_page


@dataclass(frozen=True)
class IndexRow:
    """A line of the index's tables: the indicator, how deep it stands under its groups, the forces."""

    line: IndicatorLatest
    depth: int
    parent_title: str
    with_figure: int
    forces: int
    without_figure: list[str]
    """The names of the forces without a figure for the latest period."""


def editions_held(editions: Sequence[Edition]) -> list[EditionHeld]:
    """Each edition with the next of its series. Editions are ordered by release day; one that
    prints none by its id, which names the period it covers (``ons-pfa-tables-ye-2019-03``)."""
    by_series: dict[str, list[Edition]] = defaultdict(list)
    for edition in editions:
        by_series[edition.series].append(edition)
    following: dict[str, str] = {}
    for members in by_series.values():
        ordered = sorted(members, key=lambda e: (e.published or date.min, e.id))
        following.update({e.id: later.id for e, later in itertools.pairwise(ordered)})
    return [
        EditionHeld(
            id=e.id,
            series=e.series,
            title=e.title,
            publisher=str(e.publisher),
            published=e.published,
            source_file=e.source_file,
            superseded_by=following.get(e.id),
        )
        for e in sorted(editions, key=lambda e: (e.series, e.published or date.min, e.id))
    ]


def national_index_document() -> NationalIndexPage:
    lines = []
    for indicator in sorted(data.indicators(), key=lambda i: i.order):
        held = data.periods(indicator.id)
        latest = data.comparison(indicator.id) if held else None
        lines.append(
            IndicatorLatest(
                indicator=indicator.id,
                title=indicator.title,
                indicator_group=str(indicator.group),
                parent=indicator.parent,
                unit=str(indicator.unit),
                period_start=latest.period_start.isoformat() if latest else None,
                period_end=latest.period_end.isoformat() if latest else None,
                period_label=latest.period_label if latest else None,
                england_and_wales=latest.england_and_wales if latest else None,
                published_england_and_wales=latest.published_england_and_wales if latest else None,
                forces_counted=latest.forces_counted if latest else 0,
                forces_missing=list(latest.forces_missing) if latest else [],
                periods=len(held),
            )
        )
    return NationalIndexPage(indicators=lines, editions=editions_held(data.editions()))


def national_index(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    """The headline indicators in one table and the offences in another, each group followed by its
    subgroups (indented): latest period, the England and Wales figure and the table's own."""
    document = national_index_document()
    depth = depths(data.indicators())
    titles = {i.indicator: i.title for i in document.indicators}
    forces = {force.id: force.name for force in all_forces()}

    def rows(group: IndicatorGroup) -> list[IndexRow]:
        return [
            IndexRow(
                i,
                depth.get(i.indicator, 0),
                titles.get(i.parent or "", ""),
                len(forces) - len(i.forces_missing),
                len(forces),
                [forces.get(f, f) for f in i.forces_missing],
            )
            for i in document.indicators
            if i.indicator_group == group
        ]

    context: dict[str, object] = {
        "headline": rows(IndicatorGroup.HEADLINE),
        "offences": rows(IndicatorGroup.OFFENCES),
    }
    page = Page("national/index.html", "National figures", document, context, "national")
    return render_page(request, fmt, page)
