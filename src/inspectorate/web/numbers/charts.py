"""One SVG chart per indicator (force against its comparators), cached on disk by its content."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from inspectorate.core.charts.bars import Bar, Target, bar_chart_svg, comparison_bars
from inspectorate.core.data.store import DataStore
from inspectorate.core.indicators.definitions import Unit
from inspectorate.core.numbers import ForceNumbers

# Part of every cached chart's name: a new version draws every chart again.
CHART_VERSION = "3"


def force_label(force_name: str, synthetic: bool) -> str:
    return f"{force_name} (SYNTHETIC data)" if synthetic else force_name


def indicator_charts(store: DataStore, numbers: ForceNumbers, force_name: str) -> dict[str, str]:
    """Indicator id -> SVG text, for each indicator that has a value."""
    label = force_label(force_name, numbers.synthetic)
    charts: dict[str, str] = {}
    for result in numbers.results:
        if result.value is None:
            continue
        compared = [(str(c.kind), c.label, c.value) for c in result.comparisons]
        bars, target = comparison_bars(label, result.value, compared)
        title = f"{result.title}, {result.period}"
        charts[result.id] = _cached(store, bars, title, result.unit, target)
    return charts


def _cached(store: DataStore, bars: list[Bar], title: str, unit: Unit, target: Target | None) -> str:
    drawn = [CHART_VERSION, [asdict(b) for b in bars], title, unit.label, target and asdict(target)]
    spec = json.dumps(drawn, sort_keys=True)
    path = store.root / "charts" / f"{hashlib.sha256(spec.encode()).hexdigest()[:32]}.svg"
    if path.exists():
        return path.read_text(encoding="utf-8")
    svg = bar_chart_svg(bars, title=title, unit=unit.label, share=unit is Unit.PERCENT, target=target)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(svg, encoding="utf-8")
    temporary.replace(path)
    return svg
