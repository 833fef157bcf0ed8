"""Grades and the rules that keep them consistent with findings."""

from __future__ import annotations

from collections.abc import Iterable

from inspectorate.core.frameworks.rules import RULE_CHECKS
from inspectorate.core.frameworks.spec import Framework
from inspectorate.core.grading.checks import (
    RUNS,
    Breach,
    FindingState,
    GradingContext,
    JudgmentState,
)

__all__ = ["Breach", "FindingState", "JudgmentState", "check_rules", "judgment_errors"]


def check_rules(
    framework: Framework, judgments: Iterable[JudgmentState], findings: Iterable[FindingState]
) -> list[Breach]:
    """Every breach of the framework's grading rules, in rule order then area order."""
    ctx = GradingContext(framework, {j.area_id: j for j in judgments}, tuple(findings))
    order = {place.area.id: n for n, place in enumerate(framework.walk())}
    breaches: list[Breach] = []
    for rule in framework.rules:
        params = RULE_CHECKS[rule.check].params.model_validate(rule.params)
        found = RUNS[rule.check](rule, params, ctx)
        breaches.extend(sorted(found, key=lambda b: (order.get(b.area_id, -1), b.finding_id or "")))
    return breaches


def judgment_errors(
    framework: Framework, area_id: str, grade: str | None, direction: str | None
) -> list[str]:
    """Why a grade or direction cannot be recorded for this area; empty when it can."""
    try:
        area = framework.area(area_id)
    except KeyError:
        return [f"{framework.id} has no area {area_id!r}"]
    errors: list[str] = []
    for value, scale_id, what in (
        (grade, area.scale, "grade"),
        (direction, area.direction_scale, "direction"),
    ):
        if not value:
            continue
        if scale_id is None:
            errors.append(f"{area.title} takes no {what}")
            continue
        scale = framework.scale(scale_id)
        if scale.level(value) is None:
            allowed = ", ".join(lv.id for lv in scale.levels)
            errors.append(f"{value!r} is not a {what} on {scale.name} (allowed: {allowed})")
    return errors
