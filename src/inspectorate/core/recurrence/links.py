"""Recurring findings: a later inspection's finding that takes up the matter an earlier one raised.

Two findings are linked when their texts' embeddings are at least ``THRESHOLD`` alike (cosine).
Each finding is linked to at most one finding of each earlier inspection, its closest, so that a
matter raised in several overlapping words once is not linked many times over. Only findings that
something should change (or that say how it stands) are followed; strengths and good practice are
not matters to close. The threshold was measured on a labelled set (docs/recurrence.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from inspectorate.core.findings import FindingKind
from inspectorate.core.recurrence.encoder import Matrix

# Chosen from the measurements in docs/recurrence.md.
THRESHOLD = 0.65
FOLLOWED_KINDS = frozenset(
    {
        FindingKind.CAUSE_OF_CONCERN,
        FindingKind.RECOMMENDATION,
        FindingKind.AREA_FOR_IMPROVEMENT,
        FindingKind.WORK_IN_PROGRESS,
        FindingKind.MAIN_FINDING,
    }
)


@dataclass(frozen=True)
class FindingText:
    key: str  # the finding's stable id
    inspection: str  # the inspection's stable id
    when: str  # sortable: ISO date (or year) of the inspection; earlier inspections sort first
    kind: FindingKind
    text: str


@dataclass(frozen=True)
class Link:
    earlier: str  # finding keys
    later: str
    similarity: float
    status: str = "suggested"  # or "confirmed", by a person


def decided(
    suggested: Sequence[Link],
    confirmed: Sequence[tuple[str, str, float]],
    rejected: set[tuple[str, str]],
) -> list[Link]:
    """The links that stand once people have decided: suggestions they rejected are dropped, and
    pairs they confirmed (``(earlier, later, similarity)``) stand, suggested or not."""
    sure = {(earlier, later) for earlier, later, _ in confirmed}
    kept = [
        link
        for link in suggested
        if (link.earlier, link.later) not in rejected and (link.earlier, link.later) not in sure
    ]
    kept += [Link(earlier, later, round(score, 4), "confirmed") for earlier, later, score in confirmed]
    return kept


def followed(findings: Sequence[FindingText]) -> list[FindingText]:
    return [f for f in findings if f.kind in FOLLOWED_KINDS and f.text.strip()]


def links(findings: Sequence[FindingText], vectors: Matrix, threshold: float = THRESHOLD) -> list[Link]:
    """Every recurrence among ``findings`` (row i of ``vectors`` is finding i's unit embedding)."""
    if len(findings) != len(vectors):
        raise ValueError(f"{len(findings)} findings but {len(vectors)} vectors")
    similarity = vectors @ vectors.T if len(findings) else np.zeros((0, 0), dtype=np.float32)
    by_inspection: dict[str, list[int]] = defaultdict(list)
    when: dict[str, str] = {}
    for i, finding in enumerate(findings):
        by_inspection[finding.inspection].append(i)
        when[finding.inspection] = finding.when
    found: list[Link] = []
    for later_index, later in enumerate(findings):
        for inspection, members in by_inspection.items():
            # Only an earlier inspection: two of the same date (a report imported twice, say) are
            # not a matter raised again.
            if when[inspection] >= later.when:
                continue
            best = max(members, key=lambda i: float(similarity[later_index, i]))
            score = float(similarity[later_index, best])
            if score >= threshold:
                found.append(Link(findings[best].key, later.key, round(score, 4)))
    return found


def lineage(key: str, every_link: Sequence[Link]) -> tuple[list[Link], list[Link]]:
    """The links that lead back from a finding (to what it takes up) and on from it (to what
    takes it up later), following links as far as they go."""
    back: dict[str, list[Link]] = defaultdict(list)
    on: dict[str, list[Link]] = defaultdict(list)
    for link in every_link:
        back[link.later].append(link)
        on[link.earlier].append(link)
    return _reach(key, back, lambda link: link.earlier), _reach(key, on, lambda link: link.later)


def _reach(key: str, step: dict[str, list[Link]], towards: Callable[[Link], str]) -> list[Link]:
    seen: set[str] = {key}
    reached: list[Link] = []
    frontier = [key]
    while frontier:
        current = frontier.pop()
        for link in step.get(current, []):
            reached.append(link)
            target = towards(link)
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    return reached
