"""The grading rules a framework may name: each check's name, what it means and its parameters.

A framework's ``rules`` refer to these checks by name from YAML; the names and parameters are
validated when the framework loads (see ``semantics``), so an unknown check or parameter is refused
then, not when an inspection is graded. The vocabulary lives with the frameworks that use it; the
engine that runs each check on an inspection's grades and findings is ``inspectorate.core.grading``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from inspectorate.core.findings import FindingKind


class CheckParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FindingRequirement(CheckParams):
    """Areas graded at one of ``grades`` must carry a finding of one of ``kinds``."""

    grades: tuple[str, ...] = Field(min_length=1)
    kinds: tuple[FindingKind, ...] = Field(min_length=1)
    # Findings linked to sub-areas count too (an overall grade explained by its questions).
    include_descendants: bool = False


class FindingBan(CheckParams):
    """A finding of one of ``kinds`` may not sit on an area graded at one of ``grades``."""

    grades: tuple[str, ...] = Field(min_length=1)
    kinds: tuple[FindingKind, ...] = Field(min_length=1)


class DirectionRequirement(CheckParams):
    """An area that has a grade must also have a direction of travel (which may be 'not graded')."""


class RecommendationRequirement(CheckParams):
    """Every cause of concern must carry at least one recommendation (a finding whose parent it is)."""


class WeakestCap(CheckParams):
    """Each of ``areas`` may be graded no better than the worst grade among its graded children
    (2006's Protecting Vulnerable People: "capped at the level of the weakest area of performance").
    Children not yet graded do not count: an imported report may grade the whole area only."""

    areas: tuple[str, ...] = Field(min_length=1)


@dataclass(frozen=True)
class RuleCheck:
    name: str
    params: type[CheckParams]
    summary: str


RULE_CHECKS: dict[str, RuleCheck] = {
    check.name: check
    for check in (
        RuleCheck(
            "requires-finding",
            FindingRequirement,
            "an area graded at these grades must carry such a finding",
        ),
        RuleCheck(
            "forbids-finding",
            FindingBan,
            "such a finding may not sit on an area graded at these grades",
        ),
        RuleCheck(
            "requires-direction",
            DirectionRequirement,
            "a graded area must also carry a direction of travel",
        ),
        RuleCheck(
            "requires-recommendation",
            RecommendationRequirement,
            "every cause of concern must carry at least one recommendation",
        ),
        RuleCheck(
            "capped-at-weakest",
            WeakestCap,
            "these areas may be graded no better than their weakest graded child",
        ),
    )
}
