"""Results per question as "N of M applicable cases", reproducing the published Metropolitan counts."""

from __future__ import annotations

import pytest
from statsmodels.stats.proportion import proportion_confint

from inspectorate.core.casereview.aggregate import aggregate
from inspectorate.core.casereview.answers import read_answers
from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.published import (
    MPS_2021_CASES,
    MPS_2021_CONTEXT,
    MPS_2021_COUNTS,
    answers_reproducing,
)

VSA = get_template("peel-2021-victim-service")


def readings(answer_sets: list[dict[str, str]], complete: bool = True) -> list:
    return [read_answers(VSA, answers, complete=complete) for answers in answer_sets]


def published_results():
    sets = answers_reproducing(VSA, MPS_2021_COUNTS | MPS_2021_CONTEXT, MPS_2021_CASES)
    found = readings(sets)
    assert all(reading.is_complete() for reading in found)
    return aggregate(VSA, found)


@pytest.mark.parametrize(("name", "counts"), sorted(MPS_2021_COUNTS.items()))
def test_the_published_counts_are_reproduced(name: str, counts: tuple[int, int]) -> None:
    result = published_results().question(name)
    assert (result.met, result.applicable) == counts
    assert result.text == f"{counts[0]} of {counts[1]}"


def test_not_applicable_hidden_and_missing_are_kept_apart_and_out_of_m() -> None:
    results = published_results()
    thrive = results.question("thrive_applied")
    assert (thrive.not_applicable, thrive.skipped, thrive.missing) == (MPS_2021_CASES - 107, 0, 0)
    accurate = results.question("thrive_accurate")
    assert (accurate.applicable, accurate.skipped) == (21, MPS_2021_CASES - 21)
    recorded = results.question("repeat_victim_recorded")
    assert (recorded.applicable, recorded.skipped, recorded.not_applicable) == (27, MPS_2021_CASES - 27, 0)
    # A draft with a shown question left blank counts it as missing, never in M.
    draft = aggregate(VSA, readings([{"thrive_applied": "yes"}, {}], complete=False))
    assert (draft.question("thrive_applied").applicable, draft.question("thrive_applied").missing) == (1, 1)


def test_each_rate_has_the_wilson_interval_statsmodels_gives() -> None:
    for name, (met, applicable) in MPS_2021_COUNTS.items():
        interval = published_results().question(name).interval
        lower, upper = proportion_confint(met, applicable, alpha=0.05, method="wilson")
        assert interval is not None
        assert (interval.lower, interval.upper) == pytest.approx((lower, upper), abs=1e-12)


def test_a_question_that_is_not_yes_or_no_gets_a_count_per_answer() -> None:
    sets = [{"outcome_type": "charge"}, {"outcome_type": "caution"}, {"outcome_type": "charge"}]
    result = aggregate(VSA, readings(sets, complete=False)).question("outcome_type")
    assert not result.counts_met and result.interval is None and result.rate is None
    assert result.answers == {"charge": 2, "caution": 1}
    assert result.text == "charge: 2, caution: 1"


def test_an_area_pools_the_checks_of_its_questions() -> None:
    results = published_results()
    prevention = next(rollup for rollup in results.areas if rollup.area == "prevention")
    assert prevention.questions == ("prevention_advice",) and (prevention.met, prevention.applicable) == (
        31,
        43,
    )
    responding = next(rollup for rollup in results.areas if rollup.area == "responding")
    members = [results.question(name) for name in responding.questions]
    assert responding.met == sum(m.met for m in members) and responding.applicable == sum(
        m.applicable for m in members
    )
    assert "repeat_victim" not in responding.questions  # a fact about the case is not a check


def test_counts_that_cannot_be_met_are_refused() -> None:
    with pytest.raises(ValueError, match="thrive_applied: 21 of 300 cannot be met in 165 shown cases"):
        answers_reproducing(VSA, {"thrive_applied": (21, 300)}, MPS_2021_CASES)
    with pytest.raises(ValueError, match="repeat_victim: shown in 165 cases but applicable in only 27"):
        answers_reproducing(VSA, {"repeat_victim": (10, 27)}, MPS_2021_CASES)
