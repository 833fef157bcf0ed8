"""Precision and recall of recurrence links against labels, over a range of thresholds.

A link joins a later finding to its closest finding in one earlier inspection, so the unit judged
is the pair (later finding, earlier inspection): it is a true case when the labels say some finding
of that inspection raises the same matter, and a link there is right when the finding it chose is
one of those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from inspectorate.core.recurrence.encoder import Matrix
from inspectorate.core.recurrence.links import FindingText, Link, links
from inspectorate.core.recurrence.references import (
    MIN_TOPIC,
    EarlierInspection,
    Similar,
    read_citations,
    resolve,
)

Same = Callable[[FindingText, FindingText], bool]


@dataclass(frozen=True)
class Measure:
    threshold: float
    links: int
    correct: int
    cases: int  # (later finding, earlier inspection) pairs the labels call recurrences

    @property
    def precision(self) -> float | None:
        return self.correct / self.links if self.links else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.cases if self.cases else None


def measure(
    findings: Sequence[FindingText], vectors: Matrix, same: Same, thresholds: Iterable[float]
) -> list[Measure]:
    by_key = {f.key: f for f in findings}
    cases = {
        (later.key, earlier.inspection)
        for later in findings
        for earlier in findings
        if earlier.when < later.when and same(earlier, later)
    }
    result = []
    for threshold in thresholds:
        found = links(findings, vectors, threshold)
        correct = sum(1 for link in found if same(by_key[link.earlier], by_key[link.later]))
        result.append(Measure(threshold, len(found), correct, len(cases)))
    return result


def measure_links(findings: Sequence[FindingText], found: Sequence[Link], same: Same) -> Measure:
    """Precision and recall of given links (stated ones, say, or stated and suggested together),
    judged as ``measure`` judges similarity links: one link per (later finding, earlier inspection)."""
    by_key = {f.key: f for f in findings}
    cases = {
        (later.key, earlier.inspection)
        for later in findings
        for earlier in findings
        if earlier.when < later.when and same(earlier, later)
    }
    unique: dict[tuple[str, str], Link] = {}
    for link in found:
        unique.setdefault((link.later, by_key[link.earlier].inspection), link)
    correct = sum(1 for link in unique.values() if same(by_key[link.earlier], by_key[link.later]))
    return Measure(float("nan"), len(unique), correct, len(cases))


def combined(
    stated: Sequence[Link], suggested: Sequence[Link], findings: Sequence[FindingText]
) -> list[Link]:
    """Stated links, and the similarity links for the (later finding, earlier inspection) pairs no
    stated link covers: what the history shows once both are read."""
    inspection = {f.key: f.inspection for f in findings}
    covered = {(link.later, inspection[link.earlier]) for link in stated}
    return [*stated, *(link for link in suggested if (link.later, inspection[link.earlier]) not in covered)]


@dataclass(frozen=True)
class ReferenceItem:
    """A passage of a later report and what it refers to (``refers`` None: nothing)."""

    id: str
    split: str  # "tune" or "holdout"
    later: str
    later_when: str
    later_programmes: frozenset[str]
    text: str
    refers: str | None
    refers_inspection: str | None
    outcome: str
    trap: str | None


@dataclass(frozen=True)
class StatedMeasure:
    """Stated links on passages labelled with the earlier finding each takes up."""

    passages: int
    links: int  # (passage, earlier inspection) pairs a resolved citation links
    correct: int  # of them, to the labelled finding
    cases: int  # passages that take an earlier finding up
    read: int  # passages in which a citation was read at all
    outcomes_right: int  # of the correct links, those whose outcome is the labelled one

    @property
    def precision(self) -> float | None:
        return self.correct / self.links if self.links else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.cases if self.cases else None


def measure_references(
    items: Sequence[ReferenceItem],
    earlier: Sequence[EarlierInspection],
    *,
    similar: Similar | None = None,
    min_topic: float = MIN_TOPIC,
) -> StatedMeasure:
    links = correct = cases = read = outcomes_right = 0
    for item in items:
        cases += item.refers is not None
        citations = read_citations([item.text])
        read += bool(citations)
        seen: set[str] = set()
        for citation in citations:
            resolution = resolve(
                citation,
                item.later_when,
                earlier,
                similar=similar,
                min_topic=min_topic,
                later_programmes=item.later_programmes,
            )
            if resolution.finding is None or resolution.inspection in seen:
                continue
            seen.add(str(resolution.inspection))
            links += 1
            if resolution.finding == item.refers:
                correct += 1
                outcomes_right += citation.outcome.value == item.outcome
    return StatedMeasure(len(items), links, correct, cases, read, outcomes_right)
