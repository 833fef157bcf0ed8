"""/national/<indicator>/: one indicator across all 43 forces for one period.

``?period=YYYY-MM-DD`` (the day the period ends) picks another period, the longer where a year and
a quarter end that day, and ``&start=YYYY-MM-DD`` the other; ``?force=<id>`` picks out a force and
its most similar group as entered. An unknown indicator is a 404; a period not held, or a force
that does not exist, is a 400 naming what is held, so that the reader can pick again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse

from inspectorate.core.forces import all_forces, get_force
from inspectorate.core.national.periods import period_label
from inspectorate.core.national.results import IndicatorPeriod
from inspectorate.core.problems import InputError
from inspectorate.web.national import data
from inspectorate.web.national.charts import chart_title, indicator_chart
from inspectorate.web.national.documents import IndicatorPage, PeriodHeld
from inspectorate.web.national.views.groups import entered_group
from inspectorate.web.pages.twins import Fmt, Page, render_page

Held = tuple[tuple[date, date], ...]


@dataclass(frozen=True)
class Asked:
    """The period and force asked for, or the one line saying what is wrong with them."""

    end: date | None = None
    start: date | None = None
    force: str | None = None
    problem: str | None = None


def _day(field: str, text: str, held: Held) -> date | str:
    try:
        return date.fromisoformat(text)
    except ValueError:
        ends = ", ".join(dict.fromkeys(end.isoformat() for _, end in held)) or "none"
        return f"{field}: {text!r} is not a date like 2019-03-31; held: {ends}"


def asked_for(title: str, held: Held, period: str, start: str, force: str) -> Asked:
    end_day = _day("period", period, held) if period else None
    start_day = _day("start", start, held) if start else None
    for day in (end_day, start_day):
        if isinstance(day, str):
            return Asked(problem=day)
    assert not isinstance(end_day, str) and not isinstance(start_day, str)
    if end_day is not None or start_day is not None:
        matching = [
            (s, e)
            for s, e in held
            if (end_day is None or e == end_day) and (start_day is None or s == start_day)
        ]
        if not matching or end_day is None:
            listed = "; ".join(f"{period_label(s, e)} (ending {e.isoformat()})" for s, e in held) or "none"
            return Asked(problem=f"period: no figures for {title} are held for that period; held: {listed}")
    if force:
        try:
            get_force(force)
        except InputError:
            return Asked(
                problem=f"force: no force has the id {force!r}; the forces page lists every force's id"
            )
    return Asked(end_day, start_day, force or None)


def period_choices(held: Held) -> list[tuple[str, str]]:
    """One choice a day a period ends, newest first, named by the longer period where two end that
    day (the one ``?period=`` alone picks)."""
    choices: dict[str, str] = {}
    for start, end in sorted(held, key=lambda p: (p[1], p[1] - p[0]), reverse=True):
        choices.setdefault(end.isoformat(), period_label(start, end))
    return list(choices.items())


def national_indicator(request: HttpRequest, fmt: Fmt, indicator_id: str) -> HttpResponse:
    """The chart of all forces, then every force's row: rank, figures, outlier, change, revisions."""
    try:
        indicator = data.indicator(indicator_id)
    except InputError as exc:
        raise Http404("No such national indicator") from exc
    held = data.periods(indicator.id)
    period_text = request.GET.get("period", "").strip()
    asked = asked_for(
        indicator.title,
        held,
        period_text,
        request.GET.get("start", "").strip(),
        request.GET.get("force", "").strip(),
    )
    comparison: IndicatorPeriod | None = None
    if asked.problem is None and held:
        comparison = data.comparison(indicator.id, asked.end, asked.start)
    group = entered_group(asked.force)
    document = IndicatorPage(
        indicator=indicator.id,
        periods=[PeriodHeld(period_start=s, period_end=e, label=period_label(s, e)) for s, e in held],
        problem=asked.problem,
        force=asked.force,
        group=list(group.members),
        group_note=group.note,
        comparison=comparison,
    )
    chart = ""
    if fmt == "html" and comparison is not None and any(f.value is not None for f in comparison.forces):
        chart = indicator_chart(comparison, asked.force, group.members)
    context: dict[str, object] = {
        "indicator": indicator,
        "comparison": comparison,
        "rows": document.csv_rows(),
        "forces": sorted((f.name, f.id) for f in all_forces()),
        "ends": period_choices(held),
        "chart": chart,
        "chart_title": chart_title(comparison) if comparison else "",
        "chosen_name": get_force(asked.force).name if asked.force else None,
        "group_names": [get_force(member).name for member in group.members],
        "peer_table": group.table,
        "period_text": comparison.period_end.isoformat() if comparison and period_text else "",
        "difference": _difference(comparison),
    }
    filename = f"national-{indicator.id}" + (f"-{comparison.period_end.isoformat()}" if comparison else "")
    page = Page("national/indicator.html", indicator.title, document, context, filename)
    return render_page(request, fmt, page, status=400 if asked.problem else 200)


def _difference(comparison: IndicatorPeriod | None) -> float | None:
    """The computed England and Wales figure less the published one, where both are held."""
    if comparison is None:
        return None
    computed, published = comparison.england_and_wales, comparison.published_england_and_wales
    if computed is None or published is None:
        return None
    return computed - published
