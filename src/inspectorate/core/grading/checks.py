"""The grading checks run: for each check a framework may name (``frameworks.rules``), the function
that lists an inspection's breaches of it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.rules import CheckParams, FindingBan, FindingRequirement, WeakestCap
from inspectorate.core.frameworks.spec import Framework, Rule


@dataclass(frozen=True)
class JudgmentState:
    """What an inspection has recorded for one area."""

    area_id: str
    grade: str | None = None
    direction: str | None = None


@dataclass(frozen=True)
class FindingState:
    """A finding as the rules see it: its kind, the areas it is linked to, and the finding it
    belongs to (a recommendation's cause of concern)."""

    finding_id: str
    kind: FindingKind
    area_ids: tuple[str, ...] = field(default_factory=tuple)
    parent_id: str | None = None


@dataclass(frozen=True)
class Breach:
    """A rule that the current grades and findings do not satisfy."""

    rule_id: str
    area_id: str
    message: str
    finding_id: str | None = None


@dataclass(frozen=True)
class GradingContext:
    framework: Framework
    judgments: Mapping[str, JudgmentState]
    findings: tuple[FindingState, ...]

    def findings_on(self, area_id: str, *, with_descendants: bool) -> Iterator[FindingState]:
        covered = {area_id}
        if with_descendants:
            covered |= {p.area.id for p in self.framework.walk() if area_id in p.ancestor_ids}
        return (f for f in self.findings if covered.intersection(f.area_ids))


CheckFunction = Callable[[Rule, CheckParams, GradingContext], Iterable[Breach]]

# Check name -> the function that runs it; the names are those of frameworks.rules.RULE_CHECKS.
RUNS: dict[str, CheckFunction] = {}


def runs(name: str) -> Callable[[CheckFunction], CheckFunction]:
    def decorate(run: CheckFunction) -> CheckFunction:
        RUNS[name] = run
        return run

    return decorate


def _grade_label(ctx: GradingContext, area_id: str, grade: str) -> str:
    scale_id = ctx.framework.area(area_id).scale
    level = ctx.framework.scale(scale_id).level(grade) if scale_id else None
    return level.label if level else grade


@runs("requires-finding")
def _requires_finding(rule: Rule, params: CheckParams, ctx: GradingContext) -> Iterator[Breach]:
    assert isinstance(params, FindingRequirement)
    kinds = " or ".join(k.label.lower() for k in params.kinds)
    for judgment in ctx.judgments.values():
        if judgment.grade not in params.grades:
            continue
        found = ctx.findings_on(judgment.area_id, with_descendants=params.include_descendants)
        if not any(f.kind in params.kinds for f in found):
            label = _grade_label(ctx, judgment.area_id, judgment.grade)
            yield Breach(rule.id, judgment.area_id, f"graded {label} but carries no {kinds}")


@runs("forbids-finding")
def _forbids_finding(rule: Rule, params: CheckParams, ctx: GradingContext) -> Iterator[Breach]:
    assert isinstance(params, FindingBan)
    for finding in ctx.findings:
        if finding.kind not in params.kinds:
            continue
        for area_id in finding.area_ids:
            judgment = ctx.judgments.get(area_id)
            if judgment and judgment.grade in params.grades:
                label = _grade_label(ctx, area_id, judgment.grade)
                message = f"a {finding.kind.label.lower()} sits on an area graded {label}"
                yield Breach(rule.id, area_id, message, finding.finding_id)


@runs("requires-direction")
def _requires_direction(rule: Rule, params: CheckParams, ctx: GradingContext) -> Iterator[Breach]:
    for judgment in ctx.judgments.values():
        area = ctx.framework.area(judgment.area_id)
        if judgment.grade and area.direction_scale and not judgment.direction:
            yield Breach(rule.id, judgment.area_id, "graded but has no direction of travel")


@runs("requires-recommendation")
def _requires_recommendation(rule: Rule, params: CheckParams, ctx: GradingContext) -> Iterator[Breach]:
    answered = {f.parent_id for f in ctx.findings if f.kind is FindingKind.RECOMMENDATION and f.parent_id}
    for finding in ctx.findings:
        if finding.kind is FindingKind.CAUSE_OF_CONCERN and finding.finding_id not in answered:
            area_id = finding.area_ids[0] if finding.area_ids else ""
            yield Breach(rule.id, area_id, "a cause of concern without a recommendation", finding.finding_id)


@runs("capped-at-weakest")
def _capped_at_weakest(rule: Rule, params: CheckParams, ctx: GradingContext) -> Iterator[Breach]:
    assert isinstance(params, WeakestCap)
    for area_id in params.areas:
        area = ctx.framework.area(area_id)
        judgment = ctx.judgments.get(area_id)
        if area.scale is None or judgment is None or not judgment.grade:
            continue
        scale = ctx.framework.scale(area.scale)
        rank = _rank(ctx, area_id, judgment.grade)
        children = [
            (child, ctx.judgments.get(child.id)) for child in area.children if child.scale == area.scale
        ]
        graded = [(child, j.grade, _rank(ctx, child.id, j.grade)) for child, j in children if j and j.grade]
        ranked = [(child, grade, r) for child, grade, r in graded if r is not None]
        if rank is None or not ranked:
            continue
        weakest, grade, worst = max(ranked, key=lambda item: item[2])
        if rank < worst:
            level = scale.level(grade)
            yield Breach(
                rule.id,
                area_id,
                f"graded {_grade_label(ctx, area_id, judgment.grade)} but its weakest part, "
                f"{weakest.title}, is graded {level.label if level else grade}",
            )


def _rank(ctx: GradingContext, area_id: str, grade: str) -> int | None:
    """A grade's place on its area's scale, 0 the best; None for a level that is not a grade."""
    scale_id = ctx.framework.area(area_id).scale
    if scale_id is None:
        return None
    try:
        return ctx.framework.scale(scale_id).rank(grade)
    except KeyError:
        return None
