"""The report's charts, drawn offline (Altair and vl-convert) as SVG that goes into HTML and PDF."""

from __future__ import annotations

from inspectorate.core.charts.bars import Bar, bar_chart_svg
from inspectorate.core.reports.context import ForceInNumbers, ReportFigure


def cdi_chart(figures: list[ReportFigure]) -> str | None:
    """Each recording rate as a bar: this inspection's in the force's colour, earlier ones apart."""
    rates = [f for f in figures if f.percent is not None]
    if not rates:
        return None
    bars = [
        Bar(
            f"{f.measure.removeprefix('Recording rate, ')}{f' ({f.period})' if f.period else ''}",
            f.percent or 0.0,
            "previous" if f.period else "force",
        )
        for f in rates
    ]
    return bar_chart_svg(bars, unit="percent of crimes recorded")


def case_review_chart(figures: list[ReportFigure]) -> str | None:
    """Each "N of M" count as the share of applicable cases, in percent."""
    counts = [f for f in figures if f.n is not None and f.m]
    if not counts:
        return None
    bars = [Bar(_short(f.measure), round(100 * (f.n or 0) / (f.m or 1), 1), "force") for f in counts]
    return bar_chart_svg(bars, unit="percent of applicable cases")


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def number_charts(numbers: ForceInNumbers | None) -> dict[str, str]:
    """Indicator id -> the force against its comparators (a target as a dashed line)."""
    if numbers is None:
        return {}
    force = "Force (SYNTHETIC data)" if numbers.synthetic else "Force"
    charts = {}
    for line in numbers.lines:
        if line.value is None:
            continue
        bars = [Bar(force, line.value, "force")]
        target = None
        for compared in line.comparisons:
            if compared.value is None:
                continue
            if compared.kind == "target":
                target = compared.value
            else:
                bars.append(
                    Bar(
                        _short(compared.label),
                        compared.value,
                        "previous" if compared.kind == "previous-period" else "comparator",
                    )
                )
        charts[line.indicator] = bar_chart_svg(bars, unit=line.unit, target=target, width=300)
    return charts
