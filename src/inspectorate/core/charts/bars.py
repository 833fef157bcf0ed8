"""A force's figure beside its comparators, as one small horizontal bar chart in SVG.

The same SVG goes into web pages and printed reports. Each bar has its full label written above it,
wrapped onto as many lines as it needs, so that no label is cut and a narrow screen can shrink the
chart without losing its words. What a bar is (the force, its previous period, England and Wales,
its most similar group) is said by its label and by its fill and outline (solid, dashed, dotted),
never by colour alone, and a key above the bars names each; a target is a dashed line with its
own words, so it never reads as a measurement. Shares run on an axis from 0 to 100.

The SVG is an image with a name (role="img", a title) that states every figure; pages show the
figures as a table beside it as well.
"""

from __future__ import annotations

import hashlib
import html
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

BarKind = Literal["force", "previous", "england-and-wales", "msg", "comparator"]


@dataclass(frozen=True)
class Style:
    name: str  # what the key calls it
    fill: str
    dash: tuple[int, ...]  # the outline: () solid


# The force stands out (GOV.UK blue, solid); comparators are grey or white with outlines of their own,
# so that they are told apart in greyscale and by those who do not see the colours.
STYLES: dict[BarKind, Style] = {
    "force": Style("This force", "#1d70b8", ()),
    "previous": Style("Previous period", "#ffffff", (5, 3)),
    "england-and-wales": Style("England and Wales", "#b1b4b6", ()),
    "msg": Style("Most similar group", "#dddddd", (1, 2)),
    "comparator": Style("Comparator", "#b1b4b6", ()),
}
TARGET_COLOUR, TARGET_DASH = "#d4351c", (6, 4)
INK = "#0b0c0c"

FONT, FONT_SIZE, LINE = "DejaVu Sans, Arial, sans-serif", 12, 15
# DejaVu Sans, the widest font the SVG may be drawn in, averages about 0.55 em a character in words;
# wrapping at 0.6 em leaves room, so a label never runs past the chart's width.
CHAR_WIDTH = 0.6 * FONT_SIZE
BAR, GAP, VALUE_ROOM = 18, 12, 56


@dataclass(frozen=True)
class Bar:
    key: str  # unique in its chart: two bars with the same label stay two bars
    label: str  # the full text, never shortened
    value: float
    kind: BarKind


@dataclass(frozen=True)
class Target:
    label: str  # "Target: at least 90%"
    value: float


# Comparator kinds as the indicator engine names them (core/indicators/results.py, ComparatorKind).
COMPARATOR_BARS: dict[str, BarKind] = {
    "previous-period": "previous",
    "england-and-wales": "england-and-wales",
    "msg": "msg",
}


def comparison_bars(
    force_label: str, value: float, compared: Iterable[tuple[str, str, float | None]]
) -> tuple[list[Bar], Target | None]:
    """The force's bar and one for each comparator with a figure, from (kind, label, value); a
    target becomes the chart's target line."""
    bars = [Bar("force", force_label, value, "force")]
    target = None
    for n, (kind, label, figure) in enumerate(compared):
        if figure is None:
            continue
        if kind == "target":
            target = Target(label, figure)
        else:
            bars.append(Bar(f"{kind}-{n}", label, figure, COMPARATOR_BARS.get(kind, "comparator")))
    return bars, target


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, broken between words (a longer word gets a line of its own)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def bar_chart_svg(
    bars: list[Bar],
    *,
    title: str,
    unit: str,
    share: bool = False,
    target: Target | None = None,
    width: int = 320,
) -> str:
    """An SVG bar per figure, its value written at its end, under a key; ``share``: an axis to 100."""
    keys = [bar.key for bar in bars]
    if len(set(keys)) != len(keys):
        raise ValueError(f"bar keys must be unique in a chart: {keys}")
    spec = chart_spec(bars, title=title, unit=unit, share=share, target=target, width=width)
    import vl_convert

    svg: str = vl_convert.vegalite_to_svg(spec)
    return accessible(svg, title, description(bars, unit=unit, target=target))


def chart_spec(
    bars: list[Bar], *, title: str, unit: str, share: bool, target: Target | None, width: int
) -> dict[str, Any]:
    """The Vega-Lite specification: rows laid out here, in pixels from the top, so that each label
    takes the lines it needs above its bar."""
    import altair as alt

    plot = width - VALUE_ROOM
    per_line = max(int(width / CHAR_WIDTH), 12)
    kinds = [kind for kind in STYLES if any(bar.kind == kind for bar in bars)]
    y = 0
    key_rows: list[dict[str, Any]] = []
    # A key of one entry says nothing the labels do not.
    for kind in kinds if len(kinds) > 1 or target is not None else []:
        key_rows.append({"kind": STYLES[kind].name, "y": y, "mid": y + LINE / 2, "text": STYLES[kind].name})
        y += LINE + 2
    if target is not None:
        key_rows.append({"kind": "Target", "y": y, "mid": y + LINE / 2, "text": target.label})
        y += LINE + 2
    y += GAP if key_rows else 0
    rows: list[dict[str, Any]] = []
    for bar in bars:
        lines = wrap(bar.label, per_line)
        label_y = y
        y += LINE * len(lines) + 3
        rows.append(
            {
                "key": bar.key,
                "kind": STYLES[bar.kind].name,
                "label": "\n".join(lines),
                "label_y": label_y,
                "y": y,
                "y2": y + BAR,
                "mid": y + BAR / 2,
                "value": bar.value,
                "text": number(bar.value, unit),
            }
        )
        y += BAR + GAP
    height = y - GAP + 4
    top_value = max([bar.value for bar in bars] + [target.value if target else 0.0])
    domain = [0.0, max(100.0, top_value)] if share else [min(0.0, *(b.value for b in bars)), top_value or 1.0]
    x = alt.X(
        "value:Q",
        title=unit,
        scale=alt.Scale(domain=domain, nice=not share, zero=True),
        axis=alt.Axis(grid=False, tickCount=5, labelFontSize=FONT_SIZE - 1, titleFontSize=FONT_SIZE),
    )
    pixels = alt.Scale(domain=[0, height], range=[0, height], zero=False, nice=False)

    def at(field: str) -> alt.Y:
        return alt.Y(f"{field}:Q", scale=pixels, axis=None)

    def text(values: list[dict[str, Any]], **mark: Any) -> alt.Chart:
        chart: alt.Chart = alt.Chart(_data(values)).mark_text(fontSize=FONT_SIZE, color=INK, **mark)
        return chart

    layers: list[alt.Chart] = []
    for kind in kinds:
        style = STYLES[kind]
        outline: dict[str, Any] = {
            "stroke": INK,
            "strokeWidth": 1,
            "strokeDash": list(style.dash),
            "fill": style.fill,
        }
        own = [row for row in rows if row["kind"] == style.name]
        layers.append(
            alt.Chart(_data(own)).mark_rect(**outline).encode(x=x, x2=alt.datum(0), y=at("y"), y2="y2:Q")
        )
        swatch = [row for row in key_rows if row["kind"] == style.name]
        layers.append(
            alt.Chart(_data(swatch))
            .mark_rect(**outline)
            .encode(x=alt.value(0), x2=alt.value(22), y=at("y"), y2=alt.Y2("bottom:Q"))
            .transform_calculate(bottom=f"datum.y + {LINE - 3}")
        )
    layers += [
        text(rows, align="left", baseline="middle", dx=4).encode(x=x, y=at("mid"), text="text:N"),
        text(rows, align="left", baseline="top", lineBreak="\n", lineHeight=LINE).encode(
            x=alt.value(0), y=at("label_y"), text="label:N"
        ),
        text(key_rows, align="left", baseline="middle", dx=30).encode(
            x=alt.value(0), y=at("mid"), text="text:N"
        ),
    ]
    if target is not None:
        line: dict[str, Any] = {"strokeDash": list(TARGET_DASH), "color": TARGET_COLOUR, "strokeWidth": 2}
        # A dashed stroke across each bar, not one line through the labels.
        across = [{"value": target.value, "y": row["y"] - 4, "y2": row["y2"] + 4} for row in rows]
        layers.append(alt.Chart(_data(across)).mark_rule(**line).encode(x=x, y=at("y"), y2="y2:Q"))
        mid = key_rows[-1]["mid"]
        layers.append(
            alt.Chart(_data([{"y": mid}]))
            .mark_rule(**line)
            .encode(x=alt.value(0), x2=alt.value(22), y=at("y"))
        )
    chart = (
        alt.layer(*layers)
        .properties(width=plot, height=height, description=title)
        # The font is named so that labels are measured as they will be drawn (browsers and
        # WeasyPrint alike); with the renderer's default, long labels overran the chart's edge in PDFs.
        .configure(font=FONT, aria=False)
        .configure_view(stroke=None)
    )
    result: dict[str, Any] = chart.to_dict()
    return result


def _data(values: list[dict[str, Any]]) -> dict[str, Any]:
    return {"values": values}


def description(bars: list[Bar], *, unit: str, target: Target | None) -> str:
    """Every figure in words, for those who do not see the chart."""
    parts = [f"{bar.label}: {number(bar.value, unit)}" for bar in bars]
    if target is not None:
        parts.append(target.label)
    return f"Bar chart, {unit}. " + "; ".join(parts) + "."


_ROOT = re.compile(r"<svg\b[^>]*>")
# The renderer's own roles for marks (graphics-symbol...): inside an image they would be images
# without names; the image's name and description say it all.
_MARK_ROLES = re.compile(r' (role="graphics-[a-z-]+"|aria-roledescription="[^"]*"|aria-label="[^"]*")')


def accessible(svg: str, title: str, text: str) -> str:
    """The SVG as an image with a name: role="img", a title and a description, and a size that
    shrinks to a narrow screen (its viewBox keeps the drawing in proportion)."""
    root = _ROOT.search(svg)
    if root is None:
        raise ValueError("not an SVG")
    size = re.search(r'width="([\d.]+)" height="([\d.]+)"', root.group(0))
    width, height = (size.group(1), size.group(2)) if size else ("100%", "auto")
    ident = "chart-" + hashlib.sha256((title + text).encode()).hexdigest()[:12]
    opening = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
        f'class="app-chart-svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'style="max-width: 100%; height: auto" role="img" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">'
        f'<title id="{ident}-title">{html.escape(title)}</title>'
        f'<desc id="{ident}-desc">{html.escape(text)}</desc>'
    )
    return svg[: root.start()] + opening + _MARK_ROLES.sub("", svg[root.end() :])


def number(value: float, unit: str = "") -> str:
    text = f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"
    return f"{text}%" if unit.startswith("percent") else text
