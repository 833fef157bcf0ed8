"""A force's figure beside its comparators, as one small horizontal bar chart in SVG.

The same SVG goes into web pages and printed reports. Colours say what a bar is (the force, a
comparator, the previous period); a target is a dashed line, so it never reads as a measurement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BarKind = Literal["force", "comparator", "previous"]
# Colour-blind-safe pairs from the Okabe-Ito palette.
COLOURS: dict[BarKind, str] = {"force": "#0072B2", "comparator": "#999999", "previous": "#E69F00"}


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    kind: BarKind


def bar_chart_svg(bars: list[Bar], *, unit: str, target: float | None = None, width: int = 360) -> str:
    """An SVG bar per figure (with its value printed), and the target as a dashed rule."""
    import altair as alt
    import vl_convert

    values = [{"label": b.label, "value": b.value, "kind": b.kind, "text": _number(b.value)} for b in bars]
    kinds = list(COLOURS)
    encoding = {
        "y": alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=180)),
        "x": alt.X("value:Q", title=unit, scale=alt.Scale(zero=True)),
    }
    chart = (
        alt.Chart({"values": values})
        .mark_bar()
        .encode(
            **encoding,
            color=alt.Color(
                "kind:N", scale=alt.Scale(domain=kinds, range=list(COLOURS.values())), legend=None
            ),
        )
    )
    text = alt.Chart({"values": values}).mark_text(align="left", dx=3).encode(**encoding, text="text:N")
    layers = [chart, text]
    if target is not None:
        layers.append(
            alt.Chart({"values": [{"target": target}]})
            .mark_rule(strokeDash=[4, 3], color="#D55E00")
            .encode(x="target:Q")
        )
    # The font is named so that labels are measured as they will be drawn (browsers and WeasyPrint
    # alike); with the renderer's default, long labels overran the chart's left edge in PDFs.
    combined = (
        alt.layer(*layers)
        .properties(width=width, height=22 * max(len(bars), 1))
        .configure(font="DejaVu Sans")
    )
    svg: str = vl_convert.vegalite_to_svg(combined.to_json())
    return svg


def _number(value: float) -> str:
    return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"
