"""The chart of one indicator across all forces (core/charts/national.py): bars highest first, the
force and its group said in words as well as drawn, the lines named. Made-up figures."""

from __future__ import annotations

import pytest

from inspectorate.core.charts.national import Lines, force_bars, national_chart_spec, national_description

VALUES = [
    ("kent", "Kent Police", 60.0),
    ("essex", "Essex Police", 75.5),
    ("surrey", "Surrey Police", None),
    ("dorset", "Dorset Police", 60.0),
    ("metropolitan", "Metropolitan Police Service", 90.25),
]


def test_bars_run_highest_first_with_ties_by_name_and_no_bar_without_a_value():
    bars = force_bars(VALUES, "metropolitan", ("kent",))
    assert [(b.force_id, b.kind) for b in bars] == [
        ("metropolitan", "force"),
        ("essex", "other"),
        ("dorset", "other"),
        ("kent", "group"),
    ]
    assert bars[0].label == "Metropolitan Police Service (this force)"
    assert bars[3].label == "Kent Police (most similar group)"


def test_the_description_names_the_picked_out_bars_and_the_lines():
    bars = force_bars(VALUES, "metropolitan", ("kent",))
    text = national_description(bars, unit="per 1,000 people", lines=Lines(70.0, 55.0, 85.0))
    assert text == (
        "Bar chart, per 1,000 people, 4 forces highest first; highest Metropolitan Police Service 90.2; "
        "lowest Kent Police 60.0; Metropolitan Police Service (this force): 90.2, bar 1 of 4; "
        "Kent Police (most similar group): 60.0, bar 4 of 4; England and Wales (70.0); "
        "Outlier line (55.0); Outlier line (85.0)."
    )


def test_the_spec_holds_each_bar_once_in_order_and_draws_the_three_lines():
    bars = force_bars(VALUES, None)
    spec = national_chart_spec(
        bars, title="t", unit="per 1,000 people", lines=Lines(70.0, 55.0, 85.0), compact=False, width=640
    )
    bar_layer, *rest = spec["layer"]

    def values(layer):  # Altair keeps each layer's rows under a name in "datasets"
        return spec["datasets"][layer["data"]["name"]]

    assert [row["label"] for row in values(bar_layer)] == [b.label for b in bars]
    assert bar_layer["encoding"]["y"]["sort"] == [b.label for b in bars]
    rules = [layer for layer in rest if layer["mark"]["type"] == "rule"]
    assert sorted(row["value"] for layer in rules for row in values(layer)) == [55.0, 70.0, 85.0]
    dotted = [layer for layer in rules if layer["mark"].get("strokeDash")]
    assert [row["value"] for row in values(dotted[0])] == [55.0, 85.0]


def test_two_forces_with_one_label_are_refused():
    bars = force_bars([("a", "Same", 1.0), ("b", "Same", 2.0)], None)
    with pytest.raises(ValueError, match="unique"):
        national_chart_spec(bars, title="t", unit="count", lines=Lines(), compact=True, width=320)
