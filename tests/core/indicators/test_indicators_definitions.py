"""The indicator registry: every id in the definitions, specific method text, targets, unknown ids."""

from __future__ import annotations

import pytest

from inspectorate.core.data.schema import TABLES
from inspectorate.core.indicators import (
    DEFINITIONS,
    Definition,
    Direction,
    Measure,
    Unit,
    UnknownIndicator,
    get_indicator,
    indicator_ids,
)

# The ids of the shared indicator definitions (notes/indicator-definitions.md), in its order.
DEFINED_IDS = (
    "calls-per-1000",
    "recorded-crime-per-1000",
    "victim-based-crime-per-1000",
    "asb-per-1000",
    "domestic-abuse-share",
    "outcome-rate",
    "charge-rate",
    "999-answered-within-10s",
    "101-abandoned",
    "attendance-within-target",
    "stop-search-per-1000",
    "stop-search-disproportionality",
    "victim-satisfaction",
)


def test_every_defined_indicator_is_registered_once_in_order() -> None:
    assert indicator_ids() == DEFINED_IDS


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda d: d.id)
def test_each_definition_says_what_is_counted_over_what(definition: Definition) -> None:
    d = get_indicator(definition.id)
    assert d is definition
    assert d.title and d.description
    assert "in the period" in d.method
    assert len(d.method) > 80
    assert set(d.tables) <= {table.name for table in TABLES}


def test_units_and_measures_follow_the_definitions() -> None:
    per_1000 = {d.id for d in DEFINITIONS if d.unit is Unit.PER_1000}
    assert per_1000 == {
        "calls-per-1000",
        "recorded-crime-per-1000",
        "victim-based-crime-per-1000",
        "asb-per-1000",
        "stop-search-per-1000",
    }
    assert all(d.measure is Measure.RATE for d in DEFINITIONS if d.unit is Unit.PER_1000)
    assert all(d.measure is Measure.PROPORTION for d in DEFINITIONS if d.unit is Unit.PERCENT)
    ratio = get_indicator("stop-search-disproportionality")
    assert (ratio.unit, ratio.measure) == (Unit.RATIO, Measure.RATE_RATIO)
    assert ratio.tables == ("stop_search", "population")


def test_call_handling_targets() -> None:
    answered = get_indicator("999-answered-within-10s").target
    abandoned = get_indicator("101-abandoned").target
    assert answered is not None and abandoned is not None
    assert (answered.value, answered.direction) == (90.0, Direction.AT_LEAST)
    assert (abandoned.value, abandoned.direction) == (10.0, Direction.BELOW)
    assert answered.met(90.0) and not answered.met(89.9)
    assert abandoned.met(9.9) and not abandoned.met(10.0)
    assert answered.label == "Target: at least 90%"
    assert abandoned.label == "Target: under 10%"
    assert "PEEL 2021/22" in answered.source
    assert [d.id for d in DEFINITIONS if d.target] == ["999-answered-within-10s", "101-abandoned"]


def test_breakdowns() -> None:
    assert [b.dimension for b in get_indicator("recorded-crime-per-1000").breakdowns] == [
        "crime-type",
        "offence-group",
    ]
    outcome = get_indicator("outcome-rate")
    assert outcome.breakdown("outcome-type").label_of("8") == "Community resolution"
    assert outcome.breakdown("outcome-group").label_of("out-of-court-formal") == "Out-of-court (formal)"
    assert outcome.knows_breakdown_key("22") and not outcome.knows_breakdown_key("23")
    # An open list (response grades differ between forces) accepts any key.
    assert get_indicator("attendance-within-target").knows_breakdown_key("P1")
    with pytest.raises(KeyError, match="no breakdown 'crime-type'"):
        outcome.breakdown("crime-type")


def test_an_unknown_indicator_is_refused_with_the_nearest_id() -> None:
    message = r"^unknown indicator 'charge-rates' \(did you mean 'charge-rate'\?\)$"
    with pytest.raises(UnknownIndicator, match=message):
        get_indicator("charge-rates")


def test_an_unknown_indicator_with_no_near_id_lists_the_known_ones() -> None:
    with pytest.raises(UnknownIndicator, match=r"unknown indicator 'xyz' \(known: calls-per-1000, "):
        get_indicator("xyz")
