"""Recording judgments, findings and evidence, checked against the inspection's framework.

Views, the demo loader and the CLI all come through here, so a grade that is not on the
area's scale, or a finding on an area the framework does not have, is refused the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from inspectorate.core.findings import FindingKind
from inspectorate.core.grading import judgment_errors
from inspectorate.core.problems import InputError
from inspectorate.web.inspections.locking import ensure_open
from inspectorate.web.inspections.models import Evidence, EvidenceKind, Finding, Inspection, Judgment
from inspectorate.web.inspections.vectors import embed_after_commit


class RecordingError(InputError):
    pass


def record_judgment(
    inspection: Inspection,
    area_id: str,
    *,
    grade: str = "",
    direction: str = "",
    summary: str = "",
    source: str = "",
) -> Judgment:
    """``source`` says where an imported grade was read: for the team, never the public record."""
    ensure_open(inspection)
    errors = judgment_errors(inspection.spec, area_id, grade or None, direction or None)
    if errors:
        raise RecordingError("; ".join(errors))
    judgment, _ = Judgment.objects.get_or_create(inspection=inspection, area_id=area_id)
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
) -> Finding:
    ensure_open(inspection)
    finding_kind = check_finding_kind(inspection, kind)
    areas = check_area_ids(inspection, area_ids)
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
    if finding is None:
        finding = Finding(inspection=inspection, position=inspection.findings.count())
    finding.kind, finding.area_ids, finding.text, finding.note = finding_kind.value, areas, text.strip(), note
    finding.parent = parent
    finding.save()
    # Its embedding (for recurring findings) is made in the background, never in this request.
    embed_after_commit([finding])
    return finding


def save_evidence(
    inspection: Inspection, *, evidence: Evidence | None = None, area_ids: Sequence[str] = (), **fields: Any
) -> Evidence:
    ensure_open(inspection)
    kind = fields.get("kind", evidence.kind if evidence else "")
    if kind not in EvidenceKind.values:
        raise RecordingError(
            f"{kind!r} is not a kind of evidence (allowed: {', '.join(EvidenceKind.values)})"
        )
    if not str(fields.get("title", evidence.title if evidence else "")).strip():
        raise RecordingError("evidence needs a title")
    evidence = evidence or Evidence(inspection=inspection)
    evidence.area_ids = check_area_ids(inspection, area_ids)
    for name, value in fields.items():
        setattr(evidence, name, value)
    evidence.save()
    return evidence
