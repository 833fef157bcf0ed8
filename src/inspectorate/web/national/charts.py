"""An indicator's chart across all forces, drawn once per process for each thing it shows."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from inspectorate.core.charts.national import Lines, force_bars, national_chart_svg
from inspectorate.core.national.results import IndicatorPeriod

# Drawing a 43-bar chart takes most of a second; the figures change only with a new edition, so a
# chart drawn is kept, keyed on everything it shows. A bound keeps a long-running process small.
KEPT_CHARTS = 512
_lock = threading.Lock()
_drawn: dict[tuple[object, ...], str] = {}


def chart_title(period: IndicatorPeriod) -> str:
    return f"{period.indicator.title}, {period.period_label}"


def indicator_chart(
    period: IndicatorPeriod, force_id: str | None, group: Sequence[str] = (), *, compact: bool = False
) -> str:
    """The SVG: every ranked force, highest first, the force and its group picked out."""
    # A force shown but not ranked (the City of London per resident) would stretch the scale
    # past every other bar; it is drawn only when it is the force picked out.
    drawn = (f for f in period.forces if f.rank is not None or f.force_id == force_id)
    bars = force_bars(((f.force_id, f.force_name, f.value) for f in drawn), force_id, group)
    band = period.band
    lines = Lines(
        england_and_wales=period.england_and_wales,
        band_low=band.low if band else None,
        band_high=band.high if band else None,
    )
    title = chart_title(period)
    unit = str(period.indicator.unit)
    key = (tuple(bars), title, unit, lines, compact)
    with _lock:
        if key in _drawn:
            return _drawn[key]
    svg = national_chart_svg(
        bars, title=title, unit=unit, lines=lines, compact=compact, width=320 if compact else 640
    )
    with _lock:
        if len(_drawn) >= KEPT_CHARTS:
            _drawn.clear()
        _drawn[key] = svg
    return svg
