"""/national/forces/<force>/: a force's national figures, indicator by indicator and period by period."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse

from inspectorate.core.forces import get_force
from inspectorate.core.national.results import ForceIndicatorPeriod, NationalIndicator
from inspectorate.core.problems import InputError
from inspectorate.web.national import data
from inspectorate.web.national.charts import chart_title, indicator_chart
from inspectorate.web.national.documents import ForceNationalPage
from inspectorate.web.national.views.groups import entered_group
from inspectorate.web.pages.twins import Fmt, Page, render_page


@dataclass(frozen=True)
class IndicatorHistory:
    """One indicator's periods for the force, newest first, and the chart of its latest period."""

    indicator: NationalIndicator
    periods: list[ForceIndicatorPeriod]
    chart: str
    chart_title: str


def _by_indicator(
    history: Sequence[ForceIndicatorPeriod], force_id: str, group: Sequence[str], charts: bool
) -> list[IndicatorHistory]:
    order: dict[str, list[ForceIndicatorPeriod]] = {}
    for entry in history:
        order.setdefault(entry.indicator.id, []).append(entry)
    shown = []
    for entries in order.values():
        newest = sorted(entries, key=lambda e: e.period_end, reverse=True)
        latest = newest[0]
        chart, title = "", ""
        if charts and latest.force.value is not None:
            comparison = data.comparison(latest.indicator.id, latest.period_end, latest.period_start)
            chart = indicator_chart(comparison, force_id, group, compact=True)
            title = chart_title(comparison)
        shown.append(IndicatorHistory(latest.indicator, newest, chart, title))
    return shown


def national_force(request: HttpRequest, fmt: Fmt, force_id: str) -> HttpResponse:
    """Every national indicator for the force: value, rank of N, England and Wales, its group."""
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
        "indicators": _by_indicator(history, force.id, group.members, charts=fmt == "html"),
        "group_names": [get_force(member).name for member in group.members],
        "peer_table": group.table,
    }
    title = f"{force.name}: national figures"
    page = Page("national/force.html", title, document, context, f"national-{force.id}")
    return render_page(request, fmt, page)
