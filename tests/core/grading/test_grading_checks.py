"""The checks a framework may name, and the engine that runs them."""

from __future__ import annotations

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks import Framework, parse_framework
from inspectorate.core.frameworks.rules import RULE_CHECKS
from inspectorate.core.grading import FindingState, JudgmentState, check_rules
from inspectorate.core.grading.checks import RUNS


def test_every_check_a_framework_may_name_is_run_by_the_engine() -> None:
    assert set(RUNS) == set(RULE_CHECKS)


SMALL = """\
id: small
programme: Small
title: Small
version: "1"
finding_kinds: [cause-of-concern, recommendation, area-for-improvement]
scales:
  - id: grades
    name: Grades
    levels:
      - {id: good, label: Good}
      - {id: fair, label: Fair}
      - {id: poor, label: Poor}
      - {id: none, label: Not graded, graded: false}
areas:
  - id: whole
    level: area
    title: The whole
    scale: grades
    children:
      - {id: first, level: component, title: First part, scale: grades}
      - {id: second, level: component, title: Second part, scale: grades}
  - id: elsewhere
    level: area
    title: Elsewhere
    scale: grades
rules:
  - id: capped
    check: capped-at-weakest
    params: {areas: [whole]}
  - id: answered
    check: requires-recommendation
"""


def _small() -> Framework:
    return parse_framework(SMALL, "small.yaml")


def _found(
    judgments: list[JudgmentState], findings: tuple[FindingState, ...] = ()
) -> list[tuple[str, str, str]]:
    return [(b.rule_id, b.area_id, b.message) for b in check_rules(_small(), judgments, findings)]


def test_an_area_graded_better_than_its_weakest_part_breaches_the_cap() -> None:
    judged = [JudgmentState("whole", "good"), JudgmentState("first", "good"), JudgmentState("second", "fair")]
    assert _found(judged) == [
        ("capped", "whole", "graded Good but its weakest part, Second part, is graded Fair")
    ]


def test_an_area_graded_at_or_below_its_weakest_part_is_within_the_cap() -> None:
    parts = [JudgmentState("first", "good"), JudgmentState("second", "fair")]
    assert _found([JudgmentState("whole", "fair"), *parts]) == []
    assert _found([JudgmentState("whole", "poor"), *parts]) == []


def test_parts_not_graded_do_not_cap_and_an_ungraded_area_is_not_capped() -> None:
    assert _found([JudgmentState("whole", "good")]) == []
    assert _found([JudgmentState("whole", "good"), JudgmentState("first", "none")]) == []
    assert _found([JudgmentState("first", "poor")]) == []
    assert _found([JudgmentState("elsewhere", "good"), JudgmentState("first", "poor")]) == []


def test_a_cause_of_concern_without_its_own_recommendation_breaches() -> None:
    cause = FindingState("c1", FindingKind.CAUSE_OF_CONCERN, ("elsewhere",))
    stray = FindingState("r0", FindingKind.RECOMMENDATION, ("elsewhere",))
    assert _found([], (cause, stray)) == [
        ("answered", "elsewhere", "a cause of concern without a recommendation")
    ]
    answer = FindingState("r1", FindingKind.RECOMMENDATION, ("elsewhere",), parent_id="c1")
    assert _found([], (cause, answer)) == []
    # A finding of another kind is never asked for a recommendation.
    assert _found([], (FindingState("a1", FindingKind.AREA_FOR_IMPROVEMENT, ("elsewhere",)),)) == []
