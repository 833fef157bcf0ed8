"""The report's charts, drawn offline (Altair and vl-convert) as SVG that goes into HTML and PDF.

Each bar is labelled with its measure as the report prints it, in full: the report's own tables
beside the charts give the same figures as text.
"""

from __future__ import annotations

from inspectorate.core.charts.bars import Bar, bar_chart_svg, comparison_bars
from inspectorate.core.reports.context import ForceInNumbers, ReportFigure


def cdi_chart(figures: list[ReportFigure]) -> str | None:
    """Each recording rate as a bar: this inspection's in the force's colour, earlier ones apart."""
    rates = [f for f in figures if f.percent is not None]
    if not rates:
        return None
    bars = [
        Bar(
            f"figure-{n}",
            f"{f.measure}{f' ({f.period})' if f.period else ''}",
            f.percent or 0.0,
            "previous" if f.period else "force",
        )
        for n, f in enumerate(rates)
    ]
    unit = "percent of crimes recorded"
    return bar_chart_svg(bars, title="Crime recording rates", unit=unit, share=True)


def case_review_chart(figures: list[ReportFigure]) -> str | None:
    """Each "N of M" count as the share of applicable cases, in percent: a bar for each question,
    however alike two questions' words begin."""
    counts = [f for f in figures if f.n is not None and f.m]
    if not counts:
        return None
    bars = [
        Bar(f"question-{n}", f.measure, round(100 * (f.n or 0) / (f.m or 1), 1), "force")
        for n, f in enumerate(counts)
    ]
    unit = "percent of applicable cases"
    return bar_chart_svg(bars, title="Case-file review: cases meeting each standard", unit=unit, share=True)


def number_charts(numbers: ForceInNumbers | None, force_name: str = "The force") -> dict[str, str]:
    """Indicator id -> the force against its comparators (a target as a dashed line)."""
    if numbers is None:
        return {}
    force = f"{force_name} (SYNTHETIC data)" if numbers.synthetic else force_name
    charts = {}
    for line in numbers.lines:
        if line.value is None:
            continue
        compared = [(c.kind, c.label, c.value) for c in line.comparisons]
        bars, target = comparison_bars(force, line.value, compared)
        title = f"{line.title}, {line.period}"
        share = line.unit == "percent"
        charts[line.indicator] = bar_chart_svg(bars, title=title, unit=line.unit, share=share, target=target)
    return charts
