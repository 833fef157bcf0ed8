"""One SVG chart per indicator (force against its comparators), cached on disk by its content."""

from __future__ import annotations

import hashlib
import json

from inspectorate.core.charts.bars import Bar, bar_chart_svg
from inspectorate.core.data.store import DataStore
from inspectorate.core.indicators.results import ComparatorKind, IndicatorResult
from inspectorate.core.numbers import ForceNumbers

CHART_VERSION = "1"


def indicator_charts(store: DataStore, numbers: ForceNumbers, force_name: str) -> dict[str, str]:
    """Indicator id -> SVG text, for each indicator that has a value."""
    label = f"{force_name} (synthetic)" if numbers.synthetic else force_name
    charts: dict[str, str] = {}
    for result in numbers.results:
        if result.value is None:
            continue
        bars, target = _bars(result, label)
        charts[result.id] = _cached(store, bars, result.unit.label, target)
    return charts


def _bars(result: IndicatorResult, force_label: str) -> tuple[list[Bar], float | None]:
    assert result.value is not None
    bars = [Bar(force_label, result.value, "force")]
    target = None
    for comparison in result.comparisons:
        if comparison.value is None:
            continue
        if comparison.kind == ComparatorKind.TARGET:
            target = comparison.value
        elif comparison.kind == ComparatorKind.PREVIOUS_PERIOD:
            bars.append(Bar(comparison.label, comparison.value, "previous"))
        else:
            bars.append(Bar(comparison.label, comparison.value, "comparator"))
    return bars, target


def _cached(store: DataStore, bars: list[Bar], unit: str, target: float | None) -> str:
    spec = json.dumps([CHART_VERSION, [b.__dict__ for b in bars], unit, target], sort_keys=True)
    path = store.root / "charts" / f"{hashlib.sha256(spec.encode()).hexdigest()[:32]}.svg"
    if path.exists():
        return path.read_text(encoding="utf-8")
    svg = bar_chart_svg(bars, unit=unit, target=target)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(svg, encoding="utf-8")
    temporary.replace(path)
    return svg
