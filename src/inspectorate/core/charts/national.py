"""One indicator across all forces, as a horizontal bar chart in SVG: every force's bar, highest
first, the chosen force and its most similar group picked out, the England and Wales figure as a
solid line and the outlier lines (one standard deviation either side of the forces' mean, the
inspectorate's 2021/22 convention) as two dotted lines.

What a bar is is said by its label as well as its fill and outline ("(this force)", "(most similar
group)"), never by colour alone, and a key above the bars names each kind. A ``compact`` chart (a
force's page, one per indicator) leaves out the forces' names and keeps the key and the lines.
The SVG is an image with a name and a description that states the figures it picks out; the
pages show every figure in a table beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from inspectorate.core.charts.bars import FONT, FONT_SIZE, INK, accessible, number

NationalKind = Literal["force", "group", "other"]

# Fill and outline by kind: the force GOV.UK blue, its group white with a dark outline, the rest
# grey, so that the three are told apart in greyscale too.
FILLS: dict[NationalKind, str] = {"force": "#1d70b8", "group": "#ffffff", "other": "#b1b4b6"}
STROKES: dict[NationalKind, str] = {"force": INK, "group": INK, "other": "#b1b4b6"}
NAMES: dict[NationalKind, str] = {
    "force": "This force",
    "group": "Most similar group",
    "other": "Other forces",
}
SUFFIXES: dict[NationalKind, str] = {"force": " (this force)", "group": " (most similar group)", "other": ""}
ENGLAND_AND_WALES_COLOUR, BAND_COLOUR = INK, "#d4351c"
BAND_DASH = (2, 3)

FULL_ROW, COMPACT_ROW = 14, 4


@dataclass(frozen=True)
class ForceBar:
    force_id: str
    name: str
    value: float
    kind: NationalKind

    @property
    def label(self) -> str:
        return self.name + SUFFIXES[self.kind]


@dataclass(frozen=True)
class Lines:
    """The lines drawn across the bars: England and Wales, and the outlier band's two lines."""

    england_and_wales: float | None = None
    band_low: float | None = None
    band_high: float | None = None


def force_bars(
    values: Iterable[tuple[str, str, float | None]], force_id: str | None, group: Sequence[str] = ()
) -> list[ForceBar]:
    """A bar for each (force id, name, value) with a value, highest first (ties by name)."""

    def kind(fid: str) -> NationalKind:
        if fid == force_id:
            return "force"
        return "group" if fid in group else "other"

    bars = [ForceBar(fid, name, value, kind(fid)) for fid, name, value in values if value is not None]
    return sorted(bars, key=lambda bar: (-bar.value, bar.name))


def national_chart_svg(
    bars: list[ForceBar], *, title: str, unit: str, lines: Lines, compact: bool = False, width: int = 640
) -> str:
    """The chart as an accessible SVG (see the module's docstring)."""
    spec = national_chart_spec(bars, title=title, unit=unit, lines=lines, compact=compact, width=width)
    import vl_convert

    svg: str = vl_convert.vegalite_to_svg(spec)
    return accessible(svg, title, national_description(bars, unit=unit, lines=lines))


def _line_rows(lines: Lines, unit: str) -> list[dict[str, Any]]:
    rows = []
    if lines.england_and_wales is not None:
        text = f"England and Wales ({number(lines.england_and_wales, unit)})"
        rows.append({"value": lines.england_and_wales, "kind": "england-and-wales", "text": text})
    for value in (lines.band_low, lines.band_high):
        if value is not None:
            rows.append({"value": value, "kind": "band", "text": f"Outlier line ({number(value, unit)})"})
    return rows


def national_chart_spec(
    bars: list[ForceBar], *, title: str, unit: str, lines: Lines, compact: bool, width: int
) -> dict[str, Any]:
    """The Vega-Lite specification: one band of the y scale per force, in the bars' order."""
    import altair as alt

    labels = [bar.label for bar in bars]
    if len(set(labels)) != len(labels):
        raise ValueError(f"force labels must be unique in a chart: {labels}")
    rows = [{"label": bar.label, "value": bar.value, "kind": NAMES[bar.kind], "text": number(bar.value, unit)}
            for bar in bars]  # fmt: skip
    ruled = _line_rows(lines, unit)
    top = max([bar.value for bar in bars] + [row["value"] for row in ruled] + [0.0]) or 1.0
    low = min([bar.value for bar in bars] + [0.0])
    kinds = [kind for kind in FILLS if any(bar.kind == kind for bar in bars)]
    height = max(len(bars), 1) * (COMPACT_ROW if compact else FULL_ROW)
    x = alt.X(
        "value:Q",
        title=unit,
        scale=alt.Scale(domain=[low, top], nice=True, zero=True),
        axis=alt.Axis(grid=False, tickCount=5, labelFontSize=FONT_SIZE - 1, titleFontSize=FONT_SIZE),
    )
    y = alt.Y(
        "label:N",
        sort=labels,
        title=None,
        axis=None
        if compact
        else alt.Axis(labelFontSize=FONT_SIZE - 1, labelLimit=270, ticks=False, domain=False),
        scale=alt.Scale(paddingInner=0.15),
    )
    colour = alt.Color(
        "kind:N",
        title=None,
        scale=alt.Scale(domain=[NAMES[k] for k in kinds], range=[FILLS[k] for k in kinds]),
        legend=alt.Legend(
            orient="top", direction="horizontal", labelFontSize=FONT_SIZE - 1, symbolType="square"
        ),
    )
    stroke = alt.Stroke(
        "kind:N",
        scale=alt.Scale(domain=[NAMES[k] for k in kinds], range=[STROKES[k] for k in kinds]),
        legend=None,
    )
    layers: list[alt.Chart] = [
        alt.Chart(_data(rows)).mark_bar(strokeWidth=1).encode(x=x, y=y, color=colour, stroke=stroke)
    ]
    if not compact:
        # The value at the end of each bar, so that a printed chart can be read without the table.
        layers.append(
            alt.Chart(_data(rows))
            .mark_text(align="left", baseline="middle", dx=3, fontSize=FONT_SIZE - 2, color=INK)
            .encode(x=x, y=y, text="text:N")
        )
    for kind, dash, colour_of in (
        ("england-and-wales", (), ENGLAND_AND_WALES_COLOUR),
        ("band", BAND_DASH, BAND_COLOUR),
    ):
        own = [row for row in ruled if row["kind"] == kind]
        if not own:
            continue
        layers.append(
            alt.Chart(_data(own)).mark_rule(strokeWidth=2, strokeDash=list(dash), color=colour_of).encode(x=x)
        )
    if ruled and not compact:
        # Each line's words run up along it from the axis, so that two close lines never overwrite
        # each other's words.
        layers.append(
            alt.Chart(_data(ruled))
            .mark_text(
                align="left", baseline="bottom", angle=270, dx=4, dy=-3, fontSize=FONT_SIZE - 3, color=INK
            )
            .encode(x=x, y=alt.value(height), text="text:N")
        )
    plot = width - (0 if compact else 280)
    chart = (
        alt.layer(*layers)
        .properties(width=max(plot, 160), height=height, description=title)
        .configure(font=FONT, aria=False)
        .configure_view(stroke=None)
    )
    result: dict[str, Any] = chart.to_dict()
    return result


def _data(values: list[dict[str, Any]]) -> dict[str, Any]:
    return {"values": values}


def national_description(bars: list[ForceBar], *, unit: str, lines: Lines) -> str:
    """The chart in words: how many forces, the highest and lowest, the ones picked out, the lines."""
    if not bars:
        return f"Bar chart, {unit}: no force has a figure."
    parts = [
        f"Bar chart, {unit}, {len(bars)} forces highest first",
        f"highest {bars[0].name} {number(bars[0].value, unit)}",
        f"lowest {bars[-1].name} {number(bars[-1].value, unit)}",
    ]
    for rank, bar in enumerate(bars, start=1):
        if bar.kind != "other":
            parts.append(f"{bar.label}: {number(bar.value, unit)}, bar {rank} of {len(bars)}")
    parts += [row["text"] for row in _line_rows(lines, unit)]
    return "; ".join(parts) + "."
