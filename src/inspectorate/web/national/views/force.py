"""/national/forces/<force>/: a force's national figures, a few screens long.

The headline indicators each have the chart of their latest period and a table of every period;
the offences share one table of each one's latest period, linking to its page where every force and
period is. The .json and .csv twins hold every period of every indicator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse

from inspectorate.core.forces import get_force
from inspectorate.core.national.results import ForceIndicatorPeriod, IndicatorGroup, NationalIndicator
from inspectorate.core.problems import InputError
from inspectorate.web.national import data
from inspectorate.web.national.charts import chart_title, indicator_chart
from inspectorate.web.national.documents import ForceNationalPage
from inspectorate.web.national.grouping import depths
from inspectorate.web.national.views.groups import entered_group
from inspectorate.web.pages.twins import Fmt, Page, render_page


@dataclass(frozen=True)
class IndicatorHistory:
    """A headline indicator's periods for the force, newest first, and the chart of its latest."""

    indicator: NationalIndicator
    periods: list[ForceIndicatorPeriod]
    chart: str
    chart_title: str

    @property
    def revised(self) -> bool:
        return any(p.force.revisions for p in self.periods)

    @property
    def census_fallback(self) -> bool:
        return any(p.force.denominator and p.force.denominator.census_fallback for p in self.periods)


@dataclass(frozen=True)
class OffenceLatest:
    """An offence's latest period for the force, and where it stands under its groups."""

    indicator: NationalIndicator
    latest: ForceIndicatorPeriod
    depth: int
    parent_title: str


def _newest_first(entries: Sequence[ForceIndicatorPeriod]) -> list[ForceIndicatorPeriod]:
    # Where a year and a quarter end the same day, the year is the latest, as on the indicator's page.
    return sorted(entries, key=lambda e: (e.period_end, e.period_end - e.period_start), reverse=True)


def _by_indicator(history: Sequence[ForceIndicatorPeriod]) -> list[list[ForceIndicatorPeriod]]:
    """Each indicator's periods, newest first, the indicators in their order."""
    found: dict[str, list[ForceIndicatorPeriod]] = {}
    for entry in history:
        found.setdefault(entry.indicator.id, []).append(entry)
    ordered = sorted(found.values(), key=lambda entries: entries[0].indicator.order)
    return [_newest_first(entries) for entries in ordered]


def headline_histories(
    history: Sequence[ForceIndicatorPeriod], force_id: str, group: Sequence[str], charts: bool
) -> list[IndicatorHistory]:
    shown = []
    for periods in _by_indicator(history):
        latest = periods[0]
        if latest.indicator.group is not IndicatorGroup.HEADLINE:
            continue
        chart, title = "", ""
        if charts and latest.force.value is not None:
            comparison = data.comparison(latest.indicator.id, latest.period_end, latest.period_start)
            chart = indicator_chart(comparison, force_id, group, compact=True)
            title = chart_title(comparison)
        shown.append(IndicatorHistory(latest.indicator, periods, chart, title))
    return shown


def offences_latest(history: Sequence[ForceIndicatorPeriod]) -> list[OffenceLatest]:
    latest = [periods[0] for periods in _by_indicator(history)]
    offences = [entry for entry in latest if entry.indicator.group is IndicatorGroup.OFFENCES]
    depth = depths(entry.indicator for entry in offences)
    titles = {entry.indicator.id: entry.indicator.title for entry in offences}
    return [
        OffenceLatest(
            entry.indicator,
            entry,
            depth[entry.indicator.id],
            titles.get(entry.indicator.parent or "", ""),
        )
        for entry in offences
    ]


def national_force(request: HttpRequest, fmt: Fmt, force_id: str) -> HttpResponse:
    """The headline indicators period by period, with a chart each; the offences' latest periods."""
    try:
        force = get_force(force_id)
    except InputError as exc:
        raise Http404("No such force") from exc
    group = entered_group(force.id)
    groups = dict(group.table.groups) if group.table is not None else None
    history = data.history(force.id, groups)
    document = ForceNationalPage(
        force=force.id,
        force_name=force.name,
        group=list(group.members),
        group_note=group.note,
        history=list(history),
    )
    context: dict[str, object] = {
        "force": force,
        "headline": headline_histories(history, force.id, group.members, charts=fmt == "html"),
        "offences": offences_latest(history) if fmt == "html" else [],
        "group_names": [get_force(member).name for member in group.members],
        "peer_table": group.table,
    }
    title = f"{force.name}: national figures"
    page = Page("national/force.html", title, document, context, f"national-{force.id}")
    return render_page(request, fmt, page)
