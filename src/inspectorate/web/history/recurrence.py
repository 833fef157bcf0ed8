"""Recurring findings of a force, among the inspections a user may see (core/recurrence).

Only embeddings already stored are used: they are made by a background job when findings are
saved (web/inspections/vectors.py), never here. A finding whose embedding is not made yet is left
out of the suggestions, and counted as waiting so that the page can say the links are being prepared.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
from django.contrib.auth.models import User

from inspectorate.core.findings import FindingKind
from inspectorate.core.recurrence.links import FindingText, Link, decided, links
from inspectorate.web.history.when import history_when
from inspectorate.web.inspections.models import Finding, FindingLink, Inspection, LinkDecision
from inspectorate.web.inspections.vectors import current_vector, followed

if TYPE_CHECKING:
    from inspectorate.core.recurrence.encoder import Matrix

STATED = "stated"
# all-MiniLM-L6-v2's width: the shape of no vectors at all.
DIMENSION = 384


def followed_findings(inspections: Iterable[Inspection]) -> list[Finding]:
    return list(
        followed(inspections)
        .select_related("inspection", "inspection__force", "inspection__framework", "vector")
        .order_by("inspection_id", "position", "id")
    )


def _embedded(findings: Iterable[Finding]) -> tuple[list[Finding], Matrix, int]:
    """The findings whose embedding is stored and current, their vectors, and how many others wait."""
    kept: list[tuple[Finding, Matrix]] = []
    waiting = 0
    for finding in findings:
        vector = current_vector(finding)
        if vector is None:
            waiting += 1
        else:
            kept.append((finding, vector))
    if not kept:
        return [], np.zeros((0, DIMENSION), dtype=np.float32), waiting
    return [f for f, _ in kept], np.stack([v for _, v in kept]).astype(np.float32), waiting


@dataclass(frozen=True)
class ForceLinks:
    """The followed findings of some inspections of one force, their vectors, and the links that
    stand among them (suggested by similarity, then people's decisions applied)."""

    findings: list[Finding]
    vectors: Matrix
    links: list[Link]
    waiting: int
    """Followed findings left out because their embedding is not made yet (being prepared)."""

    @cached_property
    def _row(self) -> dict[int, int]:
        return {f.pk: i for i, f in enumerate(self.findings)}

    def similarity(self, earlier: Finding, later: Finding) -> float:
        return _cosine(self.vectors, self._row, earlier.pk, later.pk)


def _cosine(vectors: Matrix, row: dict[int, int], first: int, second: int) -> float:
    """The similarity of two findings (by primary key): their unit vectors' dot product."""
    return float(vectors[row[first]] @ vectors[row[second]])


def force_links(inspections: Iterable[Inspection]) -> ForceLinks:
    findings, vectors, waiting = _embedded(followed_findings(inspections))
    texts = [
        FindingText(
            key=str(f.code),
            inspection=str(f.inspection.code),
            when=history_when(f.inspection),
            kind=FindingKind(f.kind),
            text=f.text,
        )
        for f in findings
    ]
    position = {f.pk: i for i, f in enumerate(findings)}
    confirmed: list[tuple[str, str, float]] = []
    rejected: set[tuple[str, str]] = set()
    stated: set[tuple[str, str]] = set()
    for decision in FindingLink.objects.filter(earlier__in=findings, later__in=findings).select_related(
        "earlier", "later"
    ):
        pair = (str(decision.earlier.code), str(decision.later.code))
        if decision.decision in (LinkDecision.CONFIRMED, LinkDecision.STATED):
            score = _cosine(vectors, position, decision.earlier_id, decision.later_id)
            confirmed.append((*pair, score))
            if decision.decision == LinkDecision.STATED:
                stated.add(pair)
        else:
            rejected.add(pair)
    # A stated link stands as a confirmed one does: the later report itself says so.
    standing = [
        replace(link, status=STATED) if (link.earlier, link.later) in stated else link
        for link in decided(links(texts, vectors), confirmed, rejected)
    ]
    return ForceLinks(findings, vectors, standing, waiting)


def candidates(finding: Finding, found: ForceLinks, how_many: int = 5) -> list[tuple[Finding, float]]:
    """The earlier findings most like this one, whatever their similarity, that no link or
    rejection already joins to it: what a person may link it to by hand."""
    if finding not in found.findings:
        return []
    when = history_when(finding.inspection)
    joined = {link.earlier for link in found.links if link.later == str(finding.code)}
    joined |= {
        str(code)
        for code in FindingLink.objects.filter(later=finding, decision=LinkDecision.REJECTED).values_list(
            "earlier__code", flat=True
        )
    }
    earlier = [f for f in found.findings if history_when(f.inspection) < when and str(f.code) not in joined]
    scored = [(f, found.similarity(f, finding)) for f in earlier]
    return sorted(scored, key=lambda pair: -pair[1])[:how_many]


UNDO = "undo"


def decide_link(
    later: Finding,
    earlier_code: str,
    decision: str,
    *,
    visible: Iterable[Inspection],
    user: User | None,
    note: str = "",
) -> FindingLink | None:
    """Record (or, with "undo", withdraw) a person's decision on the link from an earlier finding,
    one of the ``visible`` inspections' followed findings, to ``later``."""
    from inspectorate.web.inspections.recording import RecordingError

    if decision not in {LinkDecision.CONFIRMED, LinkDecision.REJECTED, UNDO}:
        # "stated" is read from the later report, never posted by a person.
        raise RecordingError(f"{decision!r} is not a decision (confirmed, rejected or undo)")
    code = _uuid(earlier_code)
    earlier = (
        None if code is None else followed(visible).filter(code=code).select_related("inspection").first()
    )
    if earlier is None or earlier.inspection.force_id != later.inspection.force_id:
        raise RecordingError("no such earlier finding of this force")
    if history_when(earlier.inspection) >= history_when(later.inspection):
        raise RecordingError(
            f"{earlier.inspection.reference} is not earlier than {later.inspection.reference}"
        )
    if decision == UNDO:
        FindingLink.objects.filter(earlier=earlier, later=later).delete()
        return None
    link, _ = FindingLink.objects.update_or_create(
        earlier=earlier,
        later=later,
        defaults={"decision": decision, "note": note.strip(), "decided_by": user},
    )
    return link


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None
