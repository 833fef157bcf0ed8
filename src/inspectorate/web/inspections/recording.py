"""Recording judgments, findings and evidence, checked against the inspection's framework.

Views, the admin, the demo loader and the CLI all come through here, so a grade that is not on the
area's scale, or a finding on an area the framework does not have, is refused the same way.

Two people may edit the same record at once. A form carries the revision it was opened at; a save
from an older revision is refused with ``EditConflict`` (holding what is stored now), so that the
second writer chooses between the two instead of silently replacing the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import suppress
from typing import Any, TypeVar
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F, Max

from inspectorate.core.findings import FindingKind
from inspectorate.core.grading import judgment_errors
from inspectorate.core.problems import InputError
from inspectorate.web.inspections.locking import ensure_open
from inspectorate.web.inspections.models import (
    Evidence,
    EvidenceKind,
    Finding,
    Inspection,
    Judgment,
    RevisedRecord,
)
from inspectorate.web.inspections.vectors import embed_after_commit


class RecordingError(InputError):
    """A refused value; ``field`` names what was wrong (``criteria``, ``findings``, ``file``), so that
    a form shows it beside its field and the CLI names its option."""

    def __init__(self, message: str, *, field: str = "") -> None:
        self.field = field
        super().__init__(message)


class EditConflict(RecordingError):
    """Someone else saved the record after the writer opened it; ``stored`` is the record as it is now."""

    def __init__(self, stored: RevisedRecord) -> None:
        self.stored = stored
        super().__init__(
            "someone else saved this since you opened it: compare their values with yours, "
            "then save again to keep yours"
        )


Revised = TypeVar("Revised", bound=RevisedRecord)

# Two new findings at once may both read the same last place; the loser of the race tries again.
POSITION_ATTEMPTS = 5


def next_revision(record: Revised, opened_at: int | None) -> None:
    """Take the record's next revision, inside the caller's transaction and before it saves.

    ``opened_at`` is the revision the writer's form was opened at (None: no form, e.g. an import,
    whose save still moves the revision on so that open forms learn of it). The conditional UPDATE
    is atomic: on PostgreSQL it holds the row until the caller commits, and a second writer from
    the same revision then finds no row to claim, on SQLite the write transaction does the same.
    """
    rows = type(record)._default_manager.filter(pk=record.pk)
    claimed = rows if opened_at is None else rows.filter(revision=opened_at)
    if not claimed.update(revision=F("revision") + 1):
        raise EditConflict(rows.get())
    record.revision = rows.values_list("revision", flat=True).get()


def check_judgment(inspection: Inspection, area_id: str, grade: str, direction: str) -> None:
    """A grade and direction on the area's scales, or a RecordingError saying why not."""
    errors = judgment_errors(inspection.spec, area_id, grade or None, direction or None)
    if errors:
        raise RecordingError("; ".join(errors))


def record_judgment(
    inspection: Inspection,
    area_id: str,
    *,
    grade: str = "",
    direction: str = "",
    summary: str = "",
    source: str = "",
    revision: int | None = None,
) -> Judgment:
    """``source`` says where an imported grade was read: for the team, never the public record.
    ``revision``: the one the writer's form was opened at (0 for an area not judged yet)."""
    ensure_open(inspection)
    check_judgment(inspection, area_id, grade, direction)
    with transaction.atomic():
        judgment, _ = Judgment.objects.get_or_create(inspection=inspection, area_id=area_id)
        next_revision(judgment, revision)
        judgment.grade, judgment.direction, judgment.summary = grade, direction, summary.strip()
        judgment.source = source
        judgment.save()
    return judgment


def check_area_ids(inspection: Inspection, area_ids: Iterable[str]) -> list[str]:
    known = {place.area.id for place in inspection.spec.walk()}
    chosen = list(dict.fromkeys(area_ids))
    unknown = [a for a in chosen if a not in known]
    if unknown:
        raise RecordingError(f"{inspection.framework_id} has no area {', '.join(map(repr, unknown))}")
    return chosen


def check_criterion_ids(inspection: Inspection, criterion_ids: Iterable[str]) -> list[str]:
    """The framework's criteria, each once in the order given; an unknown id is refused."""
    spec = inspection.spec
    known = {criterion.id for _, criterion in spec.criteria()}
    chosen = list(dict.fromkeys(criterion_ids))
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise RecordingError(
            f"{inspection.framework_id} has no criterion {', '.join(map(repr, unknown))}", field="criteria"
        )
    return chosen


def findings_of(inspection: Inspection, codes: Iterable[str | UUID]) -> list[Finding]:
    """The inspection's findings with these codes, in the order given; a code that is not one of its
    findings (another inspection's, or none) is refused."""
    chosen = list(dict.fromkeys(str(code).strip() for code in codes))
    parsed: dict[str, UUID] = {}
    for code in chosen:
        with suppress(ValueError):
            parsed[code] = UUID(code)
    stored = {f.code: f for f in inspection.findings.filter(code__in=list(parsed.values()))}
    unknown = [code for code in chosen if parsed.get(code) not in stored]
    if unknown:
        raise RecordingError(f"{inspection.reference} has no finding {', '.join(unknown)}", field="findings")
    return [stored[parsed[code]] for code in chosen]


def check_finding_kind(inspection: Inspection, kind: str) -> FindingKind:
    try:
        finding_kind = FindingKind(kind)
    except ValueError:
        raise RecordingError(f"{kind!r} is not a kind of finding") from None
    if finding_kind not in inspection.spec.finding_kinds:
        allowed = ", ".join(k.value for k in inspection.spec.finding_kinds)
        raise RecordingError(f"{inspection.framework_id} does not record {kind!r} (allowed: {allowed})")
    return finding_kind


def save_finding(
    inspection: Inspection,
    *,
    kind: str,
    area_ids: Sequence[str],
    text: str,
    note: str = "",
    parent: Finding | None = None,
    finding: Finding | None = None,
    revision: int | None = None,
    criterion_ids: Sequence[str] | None = None,
) -> Finding:
    """A new finding (``finding`` None) takes the next place; an edit keeps its place.
    ``revision``: the one the writer's form was opened at. ``criterion_ids``: the framework's
    criteria it is marked against (None: as they are)."""
    ensure_open(inspection)
    finding_kind = check_finding_kind(inspection, kind)
    areas = check_area_ids(inspection, area_ids)
    criteria = None if criterion_ids is None else check_criterion_ids(inspection, criterion_ids)
    if not text.strip():
        raise RecordingError("a finding needs its text")
    if finding_kind is FindingKind.RECOMMENDATION:
        if (
            parent is None
            or parent.kind != FindingKind.CAUSE_OF_CONCERN
            or parent.inspection_id != inspection.id
        ):
            raise RecordingError("a recommendation must belong to a cause of concern of this inspection")
    elif parent is not None:
        raise RecordingError("only a recommendation belongs to a cause of concern")
    if finding is not None and finding.pk is not None:
        if parent is not None and parent.pk == finding.pk:
            raise RecordingError("a finding cannot belong to itself")
        if finding_kind is not FindingKind.CAUSE_OF_CONCERN and finding.recommendations.exists():
            raise RecordingError(
                "this cause of concern has recommendations, so it must stay a cause of concern "
                "(delete its recommendations or move them to another cause of concern first)"
            )
    adding = finding is None or finding.pk is None
    finding = finding or Finding(inspection=inspection)
    with transaction.atomic():
        if not adding:
            next_revision(finding, revision)
        finding.kind, finding.area_ids, finding.text = finding_kind.value, areas, text.strip()
        finding.note, finding.parent = note, parent
        if criteria is not None:
            finding.criterion_ids = criteria
        if adding:
            _add_finding(inspection, finding)
        else:
            finding.save()
    # Its embedding (for recurring findings) is made in the background, never in this request.
    embed_after_commit([finding])
    return finding


def _add_finding(inspection: Inspection, finding: Finding) -> None:
    """Save a new finding in the next place after the inspection's last. The inspection's row is
    locked while the place is taken (PostgreSQL; SQLite's write transaction serialises writers), and
    the unique place backs it: a writer who still loses the race takes the next place and tries again."""
    for attempt in range(1, POSITION_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                Inspection.objects.select_for_update().get(pk=inspection.pk)
                last = inspection.findings.aggregate(last=Max("position"))["last"]
                finding.position = 0 if last is None else last + 1
                finding.save(force_insert=True)
            return
        except IntegrityError:
            finding.pk = None
            if attempt == POSITION_ATTEMPTS:
                raise


def save_evidence(
    inspection: Inspection,
    *,
    evidence: Evidence | None = None,
    area_ids: Sequence[str] = (),
    revision: int | None = None,
    criterion_ids: Sequence[str] | None = None,
    finding_codes: Sequence[str | UUID] | None = None,
    **fields: Any,
) -> Evidence:
    """``revision``: the one the writer's form was opened at, when an existing item is edited.
    ``criterion_ids``: the framework's criteria it is marked against; ``finding_codes``: the
    inspection's findings it supports (None: either as it is)."""
    ensure_open(inspection)
    kind = fields.get("kind", evidence.kind if evidence else "")
    if kind not in EvidenceKind.values:
        raise RecordingError(
            f"{kind!r} is not a kind of evidence (allowed: {', '.join(EvidenceKind.values)})"
        )
    if not str(fields.get("title", evidence.title if evidence else "")).strip():
        raise RecordingError("evidence needs a title")
    area_ids = check_area_ids(inspection, area_ids)
    criteria = None if criterion_ids is None else check_criterion_ids(inspection, criterion_ids)
    findings = None if finding_codes is None else findings_of(inspection, finding_codes)
    with transaction.atomic():
        if evidence is None:
            evidence = Evidence(inspection=inspection)
        else:
            next_revision(evidence, revision)
        evidence.area_ids = area_ids
        if criteria is not None:
            evidence.criterion_ids = criteria
        for name, value in fields.items():
            setattr(evidence, name, value)
        evidence.save()
        if findings is not None:
            evidence.findings.set(findings)
    return evidence
