"""Recurring findings of a force, among the inspections a user may see (core/recurrence).

Embeddings are computed once per finding text and kept in FindingVector.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

from inspectorate.core.findings import FindingKind
from inspectorate.core.recurrence.encoder import Matrix, default_encoder
from inspectorate.core.recurrence.links import FOLLOWED_KINDS, FindingText, Link, links
from inspectorate.web.inspections.documents import inspection_when
from inspectorate.web.inspections.models import Finding, FindingVector, Inspection


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def followed_findings(inspections: Iterable[Inspection]) -> list[Finding]:
    kinds = [str(kind) for kind in FOLLOWED_KINDS]
    return list(
        Finding.objects.filter(inspection__in=list(inspections), kind__in=kinds)
        .exclude(text="")
        .select_related("inspection", "inspection__force", "inspection__framework", "vector")
        .order_by("inspection_id", "position", "id")
    )


def vectors_for(findings: Sequence[Finding]) -> Matrix:
    """Each finding's unit embedding, computing (and keeping) those not yet stored or stale."""
    stored: dict[int, Matrix] = {}
    stale: list[Finding] = []
    for finding in findings:
        kept = _stored(finding)
        if kept is not None and kept.text_hash == _hash(finding.text):
            stored[finding.pk] = np.frombuffer(bytes(kept.vector), dtype="<f4")
        else:
            stale.append(finding)
    if stale:
        fresh = default_encoder().encode([f.text for f in stale])
        for finding, vector in zip(stale, fresh, strict=True):
            FindingVector.objects.update_or_create(
                finding=finding,
                defaults={"text_hash": _hash(finding.text), "vector": vector.astype("<f4").tobytes()},
            )
            stored[finding.pk] = vector
    if not findings:
        return np.zeros((0, default_encoder().dimension), dtype=np.float32)
    return np.stack([stored[f.pk] for f in findings]).astype(np.float32)


def _stored(finding: Finding) -> FindingVector | None:
    try:
        return finding.vector
    except FindingVector.DoesNotExist:  # a missing one-to-one row raises
        return None


def force_links(inspections: Iterable[Inspection]) -> tuple[list[Finding], list[Link]]:
    """The followed findings of these inspections (one force's) and the recurrences among them."""
    findings = followed_findings(inspections)
    texts = [
        FindingText(
            key=str(f.code),
            inspection=str(f.inspection.code),
            when=inspection_when(f.inspection),
            kind=FindingKind(f.kind),
            text=f.text,
        )
        for f in findings
    ]
    return findings, links(texts, vectors_for(findings))
