"""An audit's figures and suggested grade, and the evidence record they become.

The suggestion is only that: the grade is recorded by a person on the area's judgment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from pydantic import JsonValue

from inspectorate.core.cdi.compare import PreviousRate
from inspectorate.core.cdi.estimate import ALL, AuditEstimate, PreviousAudit, estimate_audit, percent
from inspectorate.core.cdi.estimate_rows import estimate_rows
from inspectorate.core.cdi.extrapolate import UNRECORDED_FORMULA, round_to_hundreds
from inspectorate.core.cdi.grading import GradeSuggestion, suggest_grade
from inspectorate.core.cdi.types import CRIME_GROUP_LABELS, SEXUAL, VIOLENCE, Stratum
from inspectorate.core.frameworks.spec import Scale
from inspectorate.core.problems import InputError
from inspectorate.core.stats.stratified import RateEstimate
from inspectorate.web.audits.documents import AuditDetail, audit_detail
from inspectorate.web.audits.models import CdiAudit
from inspectorate.web.inspections.locking import ensure_fieldwork_open
from inspectorate.web.inspections.models import Evidence, EvidenceKind
from inspectorate.web.pages.documents import Document, Row

PREVIOUS_SCOPES = ("overall", "violence", "sexual")


class SuggestedGrade(Document):
    area: str
    grade: str | None
    label: str | None
    reasons: list[str]
    note: str


Number = int | float


class EstimateRow(Row):
    """One figure of the estimate. ``kind`` is rate (a proportion) or count (a volume of crimes); for a
    rate, lower and upper are the symmetric "+/-" interval, interval_lower and interval_upper the one
    the platform uses."""

    audit: str
    synthetic: bool
    scope: str
    """all, a crime group, or a stratum."""
    measure: str
    kind: str
    estimate: Number | None
    percent: Number | None
    margin_percent: Number | None
    lower: Number | None
    upper: Number | None
    wilson_lower: Number | None
    wilson_upper: Number | None
    rounded: Number | None
    eligible: Number | None
    decided: Number | None
    hits: Number | None
    method: str | None
    interval_lower: Number | None
    interval_upper: Number | None
    note: str | None


def estimate_table(audit: str, synthetic: bool, estimate: Mapping[str, Any]) -> list[EstimateRow]:
    """The estimate's figures as the CSV rows of the audit's page and of `cdi estimate --csv`."""
    return [EstimateRow(audit=audit, synthetic=synthetic, **row) for row in estimate_rows(estimate)]


class AuditResultsDocument(Document):
    """What `cdi estimate --json` prints."""

    audit: AuditDetail
    estimate: dict[str, JsonValue]
    """Recording rates overall, by measure, crime group and stratum, with their intervals and methods;
    crimes left unrecorded a year; the comparison with the previous audit (docs/cdi.md)."""
    suggested_grade: SuggestedGrade


@dataclass(frozen=True)
class AuditResults:
    audit: CdiAudit
    estimate: AuditEstimate
    suggestion: GradeSuggestion
    grade_label: str | None

    def document(self) -> AuditResultsDocument:
        return AuditResultsDocument(
            audit=audit_detail(self.audit),
            estimate=self.estimate.to_json(),
            suggested_grade=SuggestedGrade(
                area=self.audit.area_id,
                grade=self.suggestion.level_id,
                label=self.grade_label,
                reasons=list(self.suggestion.reasons),
                note="A suggestion from the audit's figures; the grade is a person's decision.",
            ),
        )

    def rows(self) -> list[EstimateRow]:
        return estimate_table(self.audit.reference, self.audit.synthetic, self.estimate.to_json())


def previous_audit(audit: CdiAudit) -> PreviousAudit | None:
    stored = audit.previous or {}
    if not stored:
        return None
    label = str(stored.get("label") or "previous audit")
    rates: dict[str, PreviousRate | None] = {}
    for scope in PREVIOUS_SCOPES:
        given = stored.get(scope)
        rates[scope] = PreviousRate(float(given["rate"]), float(given["margin"]), label) if given else None
    return PreviousAudit(label, rates["overall"], rates["violence"], rates["sexual"])


def previous_from_audit(audit: CdiAudit, earlier: CdiAudit) -> dict[str, JsonValue]:
    """An earlier audit of the same force run here, as the previous figures of ``audit``."""
    if earlier.pk == audit.pk:
        raise InputError(f"{audit.reference} cannot be its own previous audit")
    if earlier.inspection.force_id != audit.inspection.force_id:
        raise InputError(f"{earlier.reference} audited another force")
    if earlier.period_end >= audit.period_start:
        raise InputError(f"{earlier.reference} does not end before {audit.reference} begins")
    estimate = audit_results(earlier).estimate
    if estimate.recording is None:
        raise InputError(f"{earlier.reference} has no recording rate yet")
    if estimate.provisional:
        undecided = f"{estimate.undecided:,} of its records undecided"
        raise InputError(f"{earlier.reference} is not finished ({undecided})")
    rates = {"overall": estimate.recording, "violence": estimate.groups.get(VIOLENCE)}
    rates["sexual"] = estimate.groups.get(SEXUAL)
    label = f"{earlier.reference} ({earlier.period_start:%b %Y} to {earlier.period_end:%b %Y})"
    return {"label": label} | {
        scope: {"rate": rate.rate, "margin": rate.margin} if rate is not None else None
        for scope, rate in rates.items()
    }


def audit_results(audit: CdiAudit) -> AuditResults:
    strata_rows = list(audit.strata.all())
    strata = [Stratum(s.crime_group, s.route, s.frame_size, s.sample_size) for s in strata_rows]
    keys = {s.pk: s.key for s in strata_rows}
    decisions = [(keys[record.stratum_id], record.decision) for record in audit.records.all()]
    estimate = estimate_audit(strata, decisions, audit.recorded_crimes, previous_audit(audit))
    scale = _area_scale(audit)
    level_ids = [level.id for level in scale.levels] if scale is not None else []
    suggestion = suggest_grade(level_ids, estimate)
    label = None
    if scale is not None and suggestion.level_id is not None:
        label = next(level.label for level in scale.levels if level.id == suggestion.level_id)
    return AuditResults(audit, estimate, suggestion, label)


def _area_scale(audit: CdiAudit) -> Scale | None:
    spec = audit.inspection.spec
    for place in spec.walk():
        if place.area.id == audit.area_id and place.area.scale:
            return spec.scale(place.area.scale)
    return None


def _rate_text(rate: RateEstimate) -> str:
    return f"{percent(rate.rate):.1f}% (+/- {percent(rate.margin):.1f} points)"


def results_text(results: AuditResults) -> list[str]:
    """The figures as short lines, in the order the reports give them."""
    audit, estimate = results.audit, results.estimate
    lines = [
        f"{audit.reference}: {estimate.decided:,} of {estimate.decided + estimate.undecided:,} sampled "
        f"records decided, {audit.period_start:%d %b %Y} to {audit.period_end:%d %b %Y}"
        + (" (SYNTHETIC data)" if audit.synthetic else "")
    ]
    if estimate.provisional:
        lines.append("Provisional: the figures will move as the remaining records are decided.")
    overall = estimate.recording
    if overall is None:
        lines.append("No record decided yet as one that should have been a crime: no rate to give.")
        return lines
    lines.append(f"All crime (excluding fraud): {_rate_text(overall)} recorded")
    for group in (VIOLENCE, SEXUAL):
        rate = estimate.groups.get(group)
        if rate is not None:
            lines.append(f"{CRIME_GROUP_LABELS[group]}: {_rate_text(rate)} recorded")
    for scope, comparison in estimate.comparisons.items():
        name = "All crime" if scope == ALL else CRIME_GROUP_LABELS.get(scope, scope)
        lines.append(
            f"{name} against {estimate.previous.label if estimate.previous else 'the previous audit'}: "
            f"{comparison.verdict} ({comparison.test}, p = {comparison.p_value:.3f})"
        )
    if estimate.unrecorded is not None and estimate.recorded_crimes is not None:
        source = audit.recorded_crimes_source or "given"
        lines.append(
            f"Crimes not recorded in a year: about {round_to_hundreds(estimate.unrecorded):,} "
            f"({UNRECORDED_FORMULA}, with R = {estimate.recorded_crimes:,}: {source})"
        )
    if estimate.additional is not None:
        additional = round_to_hundreds(estimate.additional)
        lines.append(f"Additional crimes recorded since the previous audit: about {additional:,}")
    grade = results.grade_label or "none"
    lines.append(f"Suggested grade for {audit.area_id}: {grade}")
    lines.extend(f"  - {reason}" for reason in results.suggestion.reasons)
    return lines


def record_evidence(audit: CdiAudit, user: User | None) -> Evidence:
    """Write (or refresh) the audit's evidence record on its area, with the figures and the suggestion."""
    ensure_fieldwork_open(audit.inspection)
    results = audit_results(audit)
    if results.estimate.recording is None:
        raise InputError(
            f"{audit.reference}: no decided record yet, so there is nothing to record as evidence"
        )
    description = "\n".join(results_text(results))
    with transaction.atomic():
        evidence = audit.evidence or Evidence(inspection=audit.inspection, kind=EvidenceKind.AUDIT)
        evidence.title = f"Crime data integrity audit {audit.reference}"
        evidence.description = description
        evidence.area_ids = [audit.area_id]
        evidence.collected_on = timezone.localdate()
        evidence.date_label = f"{audit.period_start:%b %Y} to {audit.period_end:%b %Y}"
        evidence.attributed_to = "Crime data integrity audit (sample of incident records)"
        if evidence.created_by is None:
            evidence.created_by = user
        evidence.save()
        if audit.evidence_id != evidence.pk:
            audit.evidence = evidence
            audit.save(update_fields=["evidence"])
    return evidence
