"""The moderator's decisions: agree with the grade the team proposed, or moderate it to another level
of the area's scale with a reason. The page, its form and the CLI all come through here.

A moderated grade is recorded through ``recording.record_judgment``, like every grade, so that the
judgment's history and revisions stay in one place; the decision then stands while the grade is the
one it decided (state.py). A decision is made against the revision the moderator saw: when the team
has changed the grade since, it is refused, so that nobody moderates a grade they have not read.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from inspectorate.core.frameworks.spec import Area, ScaleLevel
from inspectorate.core.problems import InputError
from inspectorate.web.inspections.documents import breaches_for
from inspectorate.web.inspections.models import Inspection, Judgment, Status
from inspectorate.web.inspections.recording import record_judgment
from inspectorate.web.moderation.access import is_moderator
from inspectorate.web.moderation.models import Decision, DecisionKind
from inspectorate.web.moderation.state import stands


class ModerationRefused(InputError):
    """A decision at the wrong status, or by someone who is not the inspection's moderator."""


class ModerationError(InputError):
    """A decision that cannot be recorded as given: its area, grade, reason, or a changed grade."""


def ensure_may_decide(user: User, inspection: Inspection) -> None:
    if inspection.status != Status.MODERATION:
        status = Status(inspection.status).label.lower()
        raise ModerationRefused(
            f"{inspection.reference} is at {status}: its grades are moderated only while it is at moderation"
        )
    if not is_moderator(user, inspection):
        raise ModerationRefused(
            f"{user.get_username()} is not the moderator of {inspection.reference}: "
            "only its moderator (or staff) decides its grades"
        )


def graded_area(inspection: Inspection, typed: str) -> Area:
    """A graded area of the inspection's framework, by its id or its code as printed (1A)."""
    areas = inspection.spec.graded_areas()
    wanted = typed.strip()
    found = next((a for a in areas if a.id == wanted), None) or next(
        (a for a in areas if a.code and a.code.lower() == wanted.lower()), None
    )
    if found is None:
        known = ", ".join(a.id for a in areas)
        where = f"{inspection.reference}: {inspection.framework_id}"
        raise ModerationError(f"{where} has no graded area {typed!r} (graded areas: {known})")
    return found


def scale_level(inspection: Inspection, area: Area, typed: str) -> ScaleLevel:
    """A level of the area's scale, by its id (requires-improvement) or its label."""
    assert area.scale is not None, "a graded area has a scale"
    scale = inspection.spec.scale(area.scale)
    wanted = typed.strip().lower()
    level = next((lv for lv in scale.levels if wanted in (lv.id, lv.label.lower())), None)
    if level is None:
        allowed = ", ".join(lv.id for lv in scale.levels)
        where = f"{inspection.reference}, {area.title}"
        raise ModerationError(f"{where}: {typed!r} is not a grade on {scale.name} (allowed: {allowed})")
    return level


def grade_label(inspection: Inspection, area: Area, grade: str) -> str:
    if not grade or area.scale is None:
        return grade
    level = inspection.spec.scale(area.scale).level(grade)
    return level.label if level else grade


def proposed_grade(decision: Decision | None, judgment: Judgment | None) -> str:
    """The grade the team proposes: the one a standing decision was made on (a moderator deciding
    again decides on the team's grade, not their own), else the judgment's grade as it is now."""
    if decision is not None and stands(decision, judgment):
        return decision.proposed_grade
    return judgment.grade if judgment is not None else ""


def decide(
    inspection: Inspection,
    area_id: str,
    moderator: User,
    *,
    grade: str | None = None,
    reason: str = "",
    opened_at: int | None = None,
) -> Decision:
    """Agree with the proposed grade (``grade`` None) or moderate it to ``grade`` with ``reason``.
    ``opened_at``: the judgment's revision the moderator's page showed (None: as it is now, for the
    CLI). The caller sets the audit trail's actor (the request's user, or ``set_actor``)."""
    ensure_may_decide(moderator, inspection)
    area = graded_area(inspection, area_id)
    reason = reason.strip()
    target = None if grade is None else scale_level(inspection, area, grade)
    where = f"{inspection.reference}, {area.title}"
    if target is not None and not reason:
        raise ModerationError(f"{where}: a moderated grade needs its reason")
    with transaction.atomic():
        judgment = Judgment.objects.select_for_update().filter(inspection=inspection, area_id=area.id).first()
        revision = judgment.revision if judgment is not None else 0
        if opened_at is not None and opened_at != revision:
            now = grade_label(inspection, area, judgment.grade if judgment else "") or "not graded"
            raise ModerationError(
                f"{where}: the team changed this grade since you opened the page (it is now {now}): "
                "read it and decide again"
            )
        latest = Decision.objects.filter(inspection=inspection, area_id=area.id).order_by("-id").first()
        proposed = proposed_grade(latest, judgment)
        if judgment is None or not proposed:
            raise ModerationError(
                f"{where}: the team has proposed no grade yet; an area is graded before it is moderated"
            )
        if target is not None and target.id == proposed:
            label = grade_label(inspection, area, proposed)
            raise ModerationError(f"{where}: {label} is the grade the team proposed: agree with it instead")
        decided = proposed if target is None else target.id
        if judgment.grade != decided:  # a moderation, or an agreement after an earlier moderation
            judgment = record_judgment(
                inspection,
                area.id,
                grade=decided,
                direction=judgment.direction,
                summary=judgment.summary,
                source=judgment.source,
                revision=judgment.revision,
            )
        return Decision.objects.create(
            inspection=inspection,
            area_id=area.id,
            proposed_grade=proposed,
            decision=DecisionKind.AGREED if target is None else DecisionKind.MODERATED,
            grade=decided,
            reason=reason,
            moderator=moderator,
            judgment_revision=judgment.revision,
        )


def breach_warnings(inspection: Inspection, area: Area, grade_label: str) -> list[str]:
    """After a decision, each grading rule the area's grade now breaches, in a sentence: moderation
    is not closed while one stands, so the team must add what the rule asks for (a finding, most
    often), or the moderator reconsider."""
    return [
        f"{area.title} graded {grade_label} now breaches the rule {breach.rule_id}: {breach.message}. "
        "The team must add what the rule asks for (such as the finding), or the moderator reconsider "
        "the decision: moderation cannot be closed while it stands."
        for breach in breaches_for(inspection)
        if breach.area_id == area.id
    ]
