"""Findings' sentence embeddings (core/recurrence/encoder), made by a background job, never in a request.

Saving a finding queues a job once its transaction commits (``embed_after_commit``); the job
computes the embedding of each finding whose stored one is missing or no longer matches its text,
and keeps it in FindingVector. Pages read only what is stored (``current_vector``): a finding
without a current embedding waits, and its page says so. The job is idempotent, so queueing it
twice, or for findings already done, costs a lookup.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
from django.db import transaction
from django.db.models import QuerySet
from django_tasks import task

from inspectorate.core.recurrence.links import FOLLOWED_KINDS
from inspectorate.web.inspections.models import Finding, FindingVector, Inspection

if TYPE_CHECKING:
    from inspectorate.core.recurrence.encoder import Matrix

# Findings per job when the sweep queues every waiting finding: a job stopped halfway loses little.
SWEEP_CHUNK = 64


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def followed(inspections: Iterable[Inspection] | None = None) -> QuerySet[Finding]:
    """The findings followed across inspections (not strengths), of these inspections or of all."""
    found = Finding.objects.filter(kind__in=[str(kind) for kind in FOLLOWED_KINDS]).exclude(text="")
    return found if inspections is None else found.filter(inspection__in=list(inspections))


def current_vector(finding: Finding) -> Matrix | None:
    """The finding's stored unit embedding if it was made from its present text, else None.
    Select ``vector`` with the finding to read it without another query."""
    try:
        kept = finding.vector
    except FindingVector.DoesNotExist:  # a missing one-to-one row raises
        return None
    if kept.text_hash != text_hash(finding.text):
        return None
    vector: Matrix = np.frombuffer(bytes(kept.vector), dtype="<f4")
    return vector


def embed(findings: Sequence[Finding]) -> int:
    """Compute and keep the embedding of each finding whose stored one is missing or stale; how many
    were computed. Slow (the encoder): only the background job and the demo's build call it."""
    from inspectorate.core.recurrence.encoder import default_encoder

    stale = [f for f in findings if current_vector(f) is None]
    if not stale:
        return 0
    fresh = default_encoder().encode([f.text for f in stale])
    with transaction.atomic():
        for finding, vector in zip(stale, fresh, strict=True):
            FindingVector.objects.update_or_create(
                finding=finding,
                defaults={"text_hash": text_hash(finding.text), "vector": vector.astype("<f4").tobytes()},
            )
    return len(stale)


@task()
def embed_findings(finding_ids: list[int]) -> int:
    """The background job: embed those of these findings that are followed and not yet (or no longer)
    embedded. Findings deleted since it was queued are skipped."""
    return embed(list(followed().filter(pk__in=finding_ids).select_related("vector").order_by("pk")))


def _enqueue(finding_ids: list[int]) -> None:
    embed_findings.enqueue(sorted(set(finding_ids)))


# Findings saved inside ``one_job``: queued together when it ends, rather than a job each.
_batch: ContextVar[list[int] | None] = ContextVar("findings to embed", default=None)


def embed_after_commit(findings: Iterable[Finding]) -> None:
    """Queue the embedding of these findings once the transaction that saved them commits (at once
    outside a transaction), so that the job never looks for a finding not yet stored."""
    ids = [f.pk for f in findings]
    batch = _batch.get()
    if batch is not None:
        batch.extend(ids)
    elif ids:
        transaction.on_commit(partial(_enqueue, ids))


@contextmanager
def one_job() -> Iterator[None]:
    """Findings saved inside are embedded by one job (an imported report's dozens of findings),
    queued when the transaction commits. Nothing is queued if the block raises."""
    batch: list[int] = []
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    if batch:
        transaction.on_commit(partial(_enqueue, batch))


def waiting(inspections: Iterable[Inspection] | None = None) -> list[int]:
    """The followed findings (of these inspections, else all) whose embedding is missing or stale."""
    found = followed(inspections).select_related("vector").order_by("pk")
    return [f.pk for f in found if current_vector(f) is None]


def queue_waiting() -> int:
    """Queue jobs for every finding still waiting for its embedding: what a job that failed, or was
    stopped with its worker, left undone, and workspaces made before jobs existed. How many wait."""
    ids = waiting()
    for first in range(0, len(ids), SWEEP_CHUNK):
        _enqueue(ids[first : first + SWEEP_CHUNK])
    return len(ids)
