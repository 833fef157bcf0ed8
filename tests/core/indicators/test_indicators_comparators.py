"""Comparisons with the previous period, targets, England and Wales and the most similar group.

Values are built by hand here, so each comparison's figure and test can be worked out in a comment.
"""

from __future__ import annotations

import json
import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspectorate.core.forces import PeerGroupTable, force_ids
from inspectorate.core.indicators import (
    BreakdownRow,
    ComparatorKind,
    Comparison,
    ForceContext,
    IndicatorResult,
    IndicatorValue,
    MissingData,
    Period,
    PublishedComparator,
    PublishedFigure,
    PublishedFigures,
    compare,
    results_to_json,
    results_to_rows,
    shipped_published,
)
from inspectorate.core.stats.significance import StatTest

CONTEXT = ForceContext("kent", 1000, "made up")
# A period with published England and Wales figures for crime, charge rate and outcomes.
JUNE_2015 = Period.twelve_months_to(date(2015, 6, 30))
MSG = PeerGroupTable(
    label="Test MSG", source="made up for the tests", groups={"kent": ("essex", "sussex", "surrey")}
)


def value(
    indicator_id: str, numerator: float, denominator: float, scale: float, **extra: object
) -> IndicatorValue:
    return IndicatorValue.model_validate(
        {
            "indicator_id": indicator_id,
            "numerator": numerator,
            "denominator": denominator,
            "value": scale * numerator / denominator,
            **extra,
        }
    )


def percent(indicator_id: str, k: int, n: int) -> IndicatorValue:
    return value(indicator_id, k, n, 100)


def per_1000(indicator_id: str, count: int, population: int) -> IndicatorValue:
    return value(indicator_id, count, population, 1000)


def missing(indicator_id: str, reason: str) -> IndicatorValue:
    return IndicatorValue(indicator_id=indicator_id, missing=MissingData.NO_RECORDS, reason=reason)


def one(results: tuple[IndicatorResult, ...], indicator_id: str, kind: ComparatorKind) -> Comparison:
    (result,) = (r for r in results if r.id == indicator_id)
    (comparison,) = (c for c in result.comparisons if c.kind is kind)
    return comparison


def normal_two_sided(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def test_previous_period_for_a_percentage_is_in_points_with_a_two_proportion_test() -> None:
    results = compare(
        {"charge-rate": percent("charge-rate", 40, 200)},
        {"charge-rate": percent("charge-rate", 30, 200)},
        CONTEXT,
        JUNE_2015,
    )
    c = one(results, "charge-rate", ComparatorKind.PREVIOUS_PERIOD)
    # 20% against 15%: 5 points. Pooled p = 70/400; z = 0.05 / sqrt(p(1-p)(2/200)).
    pooled = 70 / 400
    z = 0.05 / math.sqrt(pooled * (1 - pooled) * 2 / 200)
    assert c.label == "12 months to 30 June 2014"
    assert (c.value, c.difference, c.difference_unit) == (15.0, pytest.approx(5.0), "percentage points")
    assert c.test is StatTest.TWO_PROPORTIONS
    assert c.p_value == pytest.approx(normal_two_sided(z), rel=1e-9)
    assert c.significant is False  # z = 1.32


def test_previous_period_for_a_rate_is_a_relative_change_with_a_poisson_test() -> None:
    results = compare(
        {"asb-per-1000": per_1000("asb-per-1000", 84, 1000)},
        {"asb-per-1000": per_1000("asb-per-1000", 80, 1000)},
        CONTEXT,
        JUNE_2015,
    )
    c = one(results, "asb-per-1000", ComparatorKind.PREVIOUS_PERIOD)
    # 84 against 80 per 1,000: up 5%. Equal populations: z = (84 - 80) / sqrt(164).
    assert (c.value, c.difference, c.difference_unit) == (80.0, pytest.approx(5.0), "percent")
    assert c.test is StatTest.POISSON_RATES
    assert c.p_value == pytest.approx(normal_two_sided(4 / math.sqrt(164)), rel=1e-9)


def test_without_previous_values_the_reason_is_given() -> None:
    results = compare({"asb-per-1000": per_1000("asb-per-1000", 84, 1000)}, None, CONTEXT, JUNE_2015)
    c = one(results, "asb-per-1000", ComparatorKind.PREVIOUS_PERIOD)
    assert (c.value, c.significant, c.reason) == (None, None, "no values were given for the previous period")
    previous = {"asb-per-1000": missing("asb-per-1000", "no anti-social behaviour records in the period")}
    c = one(
        compare({"asb-per-1000": per_1000("asb-per-1000", 84, 1000)}, previous, CONTEXT, JUNE_2015),
        "asb-per-1000",
        ComparatorKind.PREVIOUS_PERIOD,
    )
    assert c.reason == "no anti-social behaviour records in the period"


def test_targets_are_met_or_not_with_an_exact_binomial_test() -> None:
    values = {
        "999-answered-within-10s": percent("999-answered-within-10s", 639, 1000),
        "101-abandoned": percent("101-abandoned", 50, 1000),
    }
    results = compare(values, None, CONTEXT, JUNE_2015)
    answered = one(results, "999-answered-within-10s", ComparatorKind.TARGET)
    # 63.9% against at least 90%: 26.1 points short.
    assert (answered.label, answered.value, answered.met) == ("Target: at least 90%", 90.0, False)
    assert answered.difference == pytest.approx(-26.1)
    assert answered.test is StatTest.EXACT_BINOMIAL and answered.significant is True
    abandoned = one(results, "101-abandoned", ComparatorKind.TARGET)
    assert (abandoned.label, abandoned.met, abandoned.difference) == (
        "Target: under 10%",
        True,
        pytest.approx(-5.0),
    )
    assert "PEEL 2021/22" in (abandoned.source or "")
    # Indicators without a target have no target comparison.
    assert not any(
        c.kind is ComparatorKind.TARGET
        for c in compare({"charge-rate": percent("charge-rate", 1, 10)}, None, CONTEXT, JUNE_2015)[
            0
        ].comparisons
    )


def test_a_published_england_and_wales_figure_is_used_when_the_period_matches() -> None:
    values = {"recorded-crime-per-1000": per_1000("recorded-crime-per-1000", 80, 1000)}
    c = one(
        compare(values, None, CONTEXT, JUNE_2015, shipped_published()),
        "recorded-crime-per-1000",
        ComparatorKind.ENGLAND_AND_WALES,
    )
    # 80 against 63.0 per 1,000: 100 * 17 / 63 = 26.98% higher.
    assert c.value == 63.0
    assert c.difference == pytest.approx(100 * 17 / 63)
    assert c.test is StatTest.EXACT_POISSON and c.significant is True
    assert "PEEL: Police effectiveness 2015" in (c.source or "")


def test_without_a_published_figure_or_all_forces_england_and_wales_is_unknown() -> None:
    values = {"recorded-crime-per-1000": per_1000("recorded-crime-per-1000", 80, 1000)}
    year = Period.statistical_year(2021)
    c = one(
        compare(values, None, CONTEXT, year, shipped_published()),
        "recorded-crime-per-1000",
        ComparatorKind.ENGLAND_AND_WALES,
    )
    assert c.value is None
    assert c.reason == (
        "no England and Wales figure (national tables or published report) "
        "for the 12 months to 31 March 2021, "
        "and no values were given for the 43 forces to pool"
    )


def all_forces_satisfaction() -> dict[str, dict[str, IndicatorValue]]:
    # Force number i (0 to 42) has i satisfied answers of 100.
    return {
        force: {"victim-satisfaction": percent("victim-satisfaction", i, 100)}
        for i, force in enumerate(force_ids())
    }


def test_england_and_wales_is_pooled_from_all_43_forces_when_nothing_is_published() -> None:
    forces = all_forces_satisfaction()
    own = forces["kent"]
    c = one(
        compare(own, None, CONTEXT, JUNE_2015, force_values=forces),
        "victim-satisfaction",
        ComparatorKind.ENGLAND_AND_WALES,
    )
    # 0 + 1 + ... + 42 = 903 satisfied of 4,300 answers: 21%.
    assert c.value == pytest.approx(21.0)
    assert c.source == "pooled from all 43 forces' data"
    assert c.test is StatTest.EXACT_BINOMIAL
    del forces["wiltshire"]
    c = one(
        compare(own, None, CONTEXT, JUNE_2015, force_values=forces),
        "victim-satisfaction",
        ComparatorKind.ENGLAND_AND_WALES,
    )
    assert (c.value, c.reason) == (None, "no values were given for wiltshire")


PEERS = {
    "essex": {"victim-satisfaction": percent("victim-satisfaction", 30, 40)},
    "sussex": {"victim-satisfaction": percent("victim-satisfaction", 50, 100)},
    "surrey": {"victim-satisfaction": percent("victim-satisfaction", 20, 60)},
}
OWN = {"victim-satisfaction": percent("victim-satisfaction", 70, 100)}


def test_the_msg_figure_is_pooled_from_the_peers_and_tested_as_two_samples() -> None:
    c = one(
        compare(OWN, None, CONTEXT, JUNE_2015, peer_groups=MSG, force_values=PEERS),
        "victim-satisfaction",
        ComparatorKind.MSG,
    )
    # Peers: 30 + 50 + 20 = 100 satisfied of 40 + 100 + 60 = 200: 50%
    # (a plain mean of 75%, 50% and 33.3% would be 52.8%).
    assert c.label == "Most similar group (Test MSG)"
    assert c.value == pytest.approx(50.0)
    assert c.difference == pytest.approx(20.0)
    # 70 of 100 against 100 of 200: pooled p = 170/300.
    pooled = 170 / 300
    z = 0.2 / math.sqrt(pooled * (1 - pooled) * (1 / 100 + 1 / 200))
    assert c.test is StatTest.TWO_PROPORTIONS
    assert c.p_value == pytest.approx(normal_two_sided(z), rel=1e-9)
    assert c.source is not None and c.source.startswith("made up for the tests")


def test_the_msg_figure_is_unknown_when_a_peer_has_no_value() -> None:
    peers = {**PEERS, "sussex": {"victim-satisfaction": missing("victim-satisfaction", "no survey answers")}}
    c = one(
        compare(OWN, None, CONTEXT, JUNE_2015, peer_groups=MSG, force_values=peers),
        "victim-satisfaction",
        ComparatorKind.MSG,
    )
    assert (c.value, c.reason) == (None, "sussex has no value (no survey answers)")
    del peers["surrey"]
    c = one(
        compare(OWN, None, CONTEXT, JUNE_2015, peer_groups=MSG, force_values=peers),
        "victim-satisfaction",
        ComparatorKind.MSG,
    )
    assert c.reason == "sussex has no value (no survey answers)"


@pytest.mark.parametrize(
    ("peer_groups", "force_values", "reason"),
    [
        (None, PEERS, "no most similar groups were given"),
        (
            PeerGroupTable(label="Empty", source="x", groups={"kent": ()}),
            PEERS,
            "the most similar group of kent is not filled in",
        ),
        (MSG, None, "no values were given for other forces"),
        (MSG, {"essex": PEERS["essex"]}, "no values were given for sussex"),
    ],
)
def test_the_msg_figure_is_unknown_without_a_group_or_peer_values(
    peer_groups: PeerGroupTable | None, force_values: dict[str, dict[str, IndicatorValue]] | None, reason: str
) -> None:
    c = one(
        compare(OWN, None, CONTEXT, JUNE_2015, peer_groups=peer_groups, force_values=force_values),
        "victim-satisfaction",
        ComparatorKind.MSG,
    )
    assert (c.value, c.significant, c.reason) == (None, None, reason)


def test_a_published_msg_figure_is_a_fixed_comparator() -> None:
    published = PublishedFigures(
        (
            PublishedFigure(
                indicator="victim-satisfaction",
                comparator=PublishedComparator.MSG,
                period_end=date(2015, 6, 30),
                value=81.0,
                source="a peer report",
            ),
        )
    )
    c = one(
        compare(OWN, None, CONTEXT, JUNE_2015, published, peer_groups=MSG, force_values=PEERS),
        "victim-satisfaction",
        ComparatorKind.MSG,
    )
    assert (c.value, c.source, c.test) == (81.0, "a peer report", StatTest.EXACT_BINOMIAL)
    assert c.difference == pytest.approx(-11.0)


def outcome_value(k_by_type: dict[str, int], crimes: int) -> IndicatorValue:
    rows = tuple(
        BreakdownRow(
            dimension="outcome-type",
            key=key,
            label=key,
            numerator=k,
            denominator=crimes,
            value=100 * k / crimes,
        )
        for key, k in k_by_type.items()
    )
    return value("outcome-rate", sum(k_by_type.values()), crimes, 100, breakdown=rows)


def test_breakdown_rows_have_their_own_comparisons() -> None:
    values = {"outcome-rate": outcome_value({"1": 150, "4": 5}, 1000)}
    previous = {"outcome-rate": outcome_value({"1": 120, "4": 5}, 1000)}
    (result,) = compare(values, previous, CONTEXT, JUNE_2015, shipped_published())
    tic = next(row for row in result.breakdown if row.key == "4")
    by_kind = {c.kind: c for c in tic.comparisons}
    assert set(by_kind) == {
        ComparatorKind.PREVIOUS_PERIOD,
        ComparatorKind.ENGLAND_AND_WALES,
        ComparatorKind.MSG,
    }
    # Taken into consideration: 0.5% against the published 0.6%.
    assert by_kind[ComparatorKind.ENGLAND_AND_WALES].value == 0.6
    assert by_kind[ComparatorKind.ENGLAND_AND_WALES].difference == pytest.approx(-0.1)
    assert by_kind[ComparatorKind.PREVIOUS_PERIOD].difference == pytest.approx(0.0)
    charged = next(row for row in result.breakdown if row.key == "1")
    assert charged.comparisons[0].difference == pytest.approx(3.0)  # 15% against 12%
    # The whole has no published figure.
    assert one((result,), "outcome-rate", ComparatorKind.ENGLAND_AND_WALES).value is None


def ratio_value(black: tuple[int, int], white: tuple[int, int]) -> IndicatorValue:
    rows = tuple(
        BreakdownRow(
            dimension="ethnic-group",
            key=key,
            label=key,
            numerator=n,
            denominator=residents,
            value=1000 * n / residents,
        )
        for key, (n, residents) in (("White", white), ("Black", black))
    )
    black_rate, white_rate = 1000 * black[0] / black[1], 1000 * white[0] / white[1]
    return IndicatorValue(
        indicator_id="stop-search-disproportionality",
        numerator=black_rate,
        denominator=white_rate,
        value=black_rate / white_rate,
        breakdown=rows,
    )


def test_disproportionality_is_compared_as_a_ratio_of_rates() -> None:
    # Now 30 searches per 500 Black residents against 10 per 1,000 White: 60 / 10 = 6.
    # Before 60 per 1,000 against 40 per 2,000: 60 / 20 = 3.
    values = {"stop-search-disproportionality": ratio_value((30, 500), (10, 1000))}
    previous = {"stop-search-disproportionality": ratio_value((60, 1000), (40, 2000))}
    (result,) = compare(values, previous, CONTEXT, JUNE_2015)
    c = one((result,), "stop-search-disproportionality", ComparatorKind.PREVIOUS_PERIOD)
    assert (result.value, c.value) == (pytest.approx(6.0), pytest.approx(3.0))
    assert (c.difference, c.difference_unit) == (pytest.approx(100.0), "percent")
    z = math.log(6 / 3) / math.sqrt(1 / 30 + 1 / 10 + 1 / 60 + 1 / 40)
    assert c.test is StatTest.LOG_RATE_RATIOS
    assert c.p_value == pytest.approx(normal_two_sided(z), rel=1e-9)
    # Each group's rate per 1,000 is compared as a rate.
    black = next(row for row in result.breakdown if row.key == "Black")
    assert black.comparisons[0].test is StatTest.POISSON_RATES


def test_the_msg_ratio_pools_each_groups_searches_and_residents() -> None:
    peers = {
        "essex": {"stop-search-disproportionality": ratio_value((20, 1000), (10, 1000))},
        "sussex": {"stop-search-disproportionality": ratio_value((40, 1000), (30, 3000))},
        "surrey": {"stop-search-disproportionality": ratio_value((0, 500), (20, 2000))},
    }
    values = {"stop-search-disproportionality": ratio_value((30, 500), (10, 1000))}
    c = one(
        compare(values, None, CONTEXT, JUNE_2015, peer_groups=MSG, force_values=peers),
        "stop-search-disproportionality",
        ComparatorKind.MSG,
    )
    # Black: 60 searches per 2,500 residents = 24 per 1,000; White: 60 per 6,000 = 10 per 1,000. Ratio 2.4.
    assert c.value == pytest.approx(2.4)
    z = math.log(6 / 2.4) / math.sqrt(1 / 30 + 1 / 10 + 1 / 60 + 1 / 60)
    assert c.p_value == pytest.approx(normal_two_sided(z), rel=1e-9)


def test_an_unavailable_value_still_shows_its_comparators() -> None:
    values = {"recorded-crime-per-1000": missing("recorded-crime-per-1000", "no crimes in the period")}
    (result,) = compare(values, None, CONTEXT, JUNE_2015, shipped_published())
    assert (result.value, result.reason) == (None, "no crimes in the period")
    c = one((result,), "recorded-crime-per-1000", ComparatorKind.ENGLAND_AND_WALES)
    assert (c.value, c.difference, c.reason) == (63.0, None, "the force has no value to compare")


peer_counts = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(1, 10_000)).map(lambda kn: (min(kn), max(kn))),
    min_size=1,
    max_size=7,
)


@settings(max_examples=60, deadline=None)
@given(peer_counts)
def test_the_pooled_msg_equals_the_groups_total_over_its_total(counts: list[tuple[int, int]]) -> None:
    peers = tuple(f for f in force_ids() if f != "kent")[: len(counts)]
    table = PeerGroupTable(label="Random", source="hypothesis", groups={"kent": peers})
    forces = {
        peer: {
            "victim-satisfaction": percent("victim-satisfaction", k, n),
            "asb-per-1000": per_1000("asb-per-1000", k, n),
        }
        for peer, (k, n) in zip(peers, counts, strict=True)
    }
    own = {
        "victim-satisfaction": percent("victim-satisfaction", 1, 2),
        "asb-per-1000": per_1000("asb-per-1000", 1, 2),
    }
    results = compare(own, None, CONTEXT, JUNE_2015, peer_groups=table, force_values=forces)
    total_k, total_n = sum(k for k, _ in counts), sum(n for _, n in counts)
    assert one(results, "victim-satisfaction", ComparatorKind.MSG).value == pytest.approx(
        100 * total_k / total_n
    )
    assert one(results, "asb-per-1000", ComparatorKind.MSG).value == pytest.approx(1000 * total_k / total_n)


def test_results_have_json_and_csv_forms_from_the_same_objects() -> None:
    values = {
        "victim-satisfaction": OWN["victim-satisfaction"],
        "outcome-rate": outcome_value({"1": 150, "4": 5}, 1000),
        "101-abandoned": percent("101-abandoned", 50, 1000),
    }
    results = compare(
        values, None, CONTEXT, JUNE_2015, shipped_published(), peer_groups=MSG, force_values=PEERS
    )
    data = results_to_json(results)
    assert [item["id"] for item in data] == ["outcome-rate", "101-abandoned", "victim-satisfaction"]
    assert json.loads(json.dumps(data)) == data
    assert data[2]["period"] == "12 months to 30 June 2015"
    assert data[2]["comparisons"][2]["kind"] == "msg"  # type: ignore[index]
    header, rows = results_to_rows(results)
    assert header[:3] == ("indicator", "title", "period")
    assert all(len(row) == len(header) for row in rows)
    # outcome-rate: the whole and two rows, 3 comparators each; 101: 4 (with its target); satisfaction: 3.
    assert len(rows) == 3 * 3 + 4 + 3
    column = header.index("comparator")
    assert [row[column] for row in rows if row[0] == "101-abandoned"] == [
        "previous-period",
        "target",
        "england-and-wales",
        "msg",
    ]


def test_published_figures_default_to_the_shipped_file_and_need_twelve_months() -> None:
    values = {"charge-rate": percent("charge-rate", 40, 200)}
    c = one(compare(values, None, CONTEXT, JUNE_2015), "charge-rate", ComparatorKind.ENGLAND_AND_WALES)
    assert (c.value, c.difference) == (16.0, pytest.approx(4.0))
    none = PublishedFigures()
    c = one(compare(values, None, CONTEXT, JUNE_2015, none), "charge-rate", ComparatorKind.ENGLAND_AND_WALES)
    assert c.value is None
    # Six months ending on the same day are not the published twelve.
    half = Period(date(2015, 1, 1), date(2015, 7, 1))
    c = one(compare(values, None, CONTEXT, half), "charge-rate", ComparatorKind.ENGLAND_AND_WALES)
    assert c.value is None
