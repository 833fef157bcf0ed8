"""Bar charts that say what they show: a bar per figure with its full label, shares on an axis to 100,
the force, comparators and target told apart without colour, and an image with a name."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from inspectorate.core.charts.bars import (
    STYLES,
    Bar,
    Target,
    bar_chart_svg,
    chart_spec,
    comparison_bars,
    wrap,
)

SVG = "{http://www.w3.org/2000/svg}"
# Two case-file review questions whose first 34 characters are the same: cut to that length, they
# once became one label and one bar of 102.7 percent.
ALIKE = [
    "Was the victim's needs assessment completed at the first point of contact?",
    "Was the victim's needs assessment completed and reviewed by a supervisor?",
]


def _texts(svg: str) -> list[str]:
    """Each text element's words: a label's lines (its tspans) joined by spaces."""
    texts = []
    for text in ET.fromstring(svg).iter(f"{SVG}text"):
        lines = [span.text or "" for span in text.iter(f"{SVG}tspan")]
        texts.append(" ".join(lines) if lines else text.text or "")
    return texts


def _bar_layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The layers that draw bars (rects placed on the value axis), not the key's swatches."""
    return [
        layer
        for layer in spec["layer"]
        if layer["mark"]["type"] == "rect" and layer["encoding"]["x"].get("field") == "value"
    ]


def _shares(values: list[float]) -> list[Bar]:
    return [
        Bar(f"q{n}", text, value, "force") for n, (text, value) in enumerate(zip(ALIKE, values, strict=True))
    ]


def test_two_questions_that_begin_alike_are_two_bars_each_labelled_in_full() -> None:
    bars = _shares([51.3, 51.4])
    spec = chart_spec(bars, title="Case-file review", unit="percent", share=True, target=None, width=320)
    # Altair keeps each layer's rows once, by name, in the specification's datasets.
    rows = [row for layer in _bar_layers(spec) for row in spec["datasets"][layer["data"]["name"]]]
    assert [(row["key"], row["value"]) for row in rows] == [("q0", 51.3), ("q1", 51.4)]
    svg = bar_chart_svg(bars, title="Case-file review", unit="percent", share=True)
    texts = _texts(svg)
    assert ALIKE[0] in texts and ALIKE[1] in texts


def test_a_share_axis_ends_at_100() -> None:
    spec = chart_spec(_shares([20.0, 30.0]), title="t", unit="percent", share=True, target=None, width=320)
    for layer in _bar_layers(spec):
        assert layer["encoding"]["x"]["scale"]["domain"] == [0.0, 100.0]
    svg = bar_chart_svg(_shares([20.0, 30.0]), title="t", unit="percent", share=True)
    ticks = [t for t in _texts(svg) if re.fullmatch(r"\d+", t)]
    assert ticks[-1] == "100"


def test_a_rate_axis_fits_its_largest_figure_or_target() -> None:
    bars = [Bar("force", "The force", 40.0, "force")]
    spec = chart_spec(
        bars, title="t", unit="per 1,000 people", share=False, target=Target("Target", 70.0), width=320
    )
    assert _bar_layers(spec)[0]["encoding"]["x"]["scale"]["domain"] == [0.0, 70.0]


def test_no_label_is_cut_short_however_long() -> None:
    long_name = "Metropolitan Police Service (SYNTHETIC data) " + "and a great deal more besides " * 4
    bars = [Bar("force", long_name.strip(), 63.9, "force"), *_shares([10.0, 90.0])]
    svg = bar_chart_svg(bars, title="t", unit="percent", share=True, width=320)
    texts = _texts(svg)
    assert long_name.strip() in texts
    assert not [t for t in texts if t.endswith(("…", "..."))]
    # Wrapped within the chart's width rather than run past it: every line is a short one.
    assert all(len(line) <= 320 / 7.2 for line in wrap(long_name, int(320 / 7.2)))
    assert "…" not in svg


def test_the_force_comparators_and_target_differ_in_outline_as_well_as_colour() -> None:
    outlines = {kind: (style.fill, style.dash) for kind, style in STYLES.items() if kind != "comparator"}
    assert len({dash for _, dash in outlines.values()} | {(6, 4)}) >= 3
    assert len(set(outlines.values())) == len(outlines)
    bars, target = comparison_bars(
        "Kent Police",
        63.9,
        [
            ("previous-period", "12 months to 31 March 2020", 60.0),
            ("target", "Target: at least 90%", 90.0),
            ("england-and-wales", "England and Wales", 71.0),
            ("msg", "Most similar group", None),
        ],
    )
    assert [(b.label, b.kind) for b in bars] == [
        ("Kent Police", "force"),
        ("12 months to 31 March 2020", "previous"),
        ("England and Wales", "england-and-wales"),
    ]
    assert target == Target("Target: at least 90%", 90.0)
    svg = bar_chart_svg(bars, title="999 calls", unit="percent", share=True, target=target)
    texts = _texts(svg)
    # A key names each kind of bar, and the target line has its words.
    assert {"This force", "Previous period", "England and Wales", "Target: at least 90%"} <= set(texts)
    assert 'stroke-dasharray="5,3"' in svg.replace(", ", ",")  # the previous period's dashed outline


def test_the_chart_is_an_image_with_a_name_and_every_figure_in_words() -> None:
    bars, target = comparison_bars("Kent Police", 63.9, [("target", "Target: at least 90%", 90.0)])
    svg = bar_chart_svg(
        bars, title="999 calls answered within 10 seconds", unit="percent", share=True, target=target
    )
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "999 calls answered within 10 seconds"
    assert root.get("aria-labelledby") == title.get("id")
    assert (
        desc is not None and desc.text and "Kent Police: 63.9%" in desc.text and "at least 90%" in desc.text
    )
    # It shrinks to a narrow screen in proportion, and no mark inside claims to be an image of its own.
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert "max-width: 100%" in (root.get("style") or "")
    assert 'role="graphics-symbol"' not in svg


def test_bars_must_have_keys_of_their_own() -> None:
    with pytest.raises(ValueError, match="unique"):
        bar_chart_svg([Bar("a", "One", 1.0, "force"), Bar("a", "Two", 2.0, "force")], title="t", unit="ratio")
