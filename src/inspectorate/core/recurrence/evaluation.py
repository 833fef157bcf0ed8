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
from inspectorate.core.recurrence.links import FindingText, links

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
