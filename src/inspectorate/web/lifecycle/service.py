"""Moving an inspection through its stages: the facts gathered, the move checked (core/lifecycle.py
decides) and made under the inspection's row lock, so that two moves at once give one, and recorded
with who made it, when and why.

Two moves are made elsewhere and recorded here: publishing the first version of the report under
embargo (web/reports/publishing.py asks, through its ``first_version`` signal, before it freezes the
version) and the embargo's end (``settle``, whenever the inspection's progress is read or moved).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from auditlog.context import set_actor
from django.contrib.auth.models import User
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from inspectorate.core.lifecycle import (
    Actor,
    Condition,
    Facts,
    Move,
    MoveRefused,
    Stage,
    Way,
    check,
    find_move,
    moves_from,
)
from inspectorate.web.factcheck.state import unanswered_comments
from inspectorate.web.inspections.access import on_team
from inspectorate.web.inspections.documents import breaches_for
from inspectorate.web.inspections.models import Inspection, Origin, TeamRole
from inspectorate.web.lifecycle.models import StatusMove
from inspectorate.web.moderation.state import awaiting_moderation, changed_since_moderation
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.plan.state import outstanding_requests
from inspectorate.web.reports.publishing import first_version

_publishing = find_move(Stage.FACTUAL_ACCURACY, Stage.EMBARGOED)
assert _publishing is not None
PUBLISHING: Move = _publishing


class MovedSince(MoveRefused):
    """The inspection left the stage the mover saw: someone else moved it meanwhile."""


def stage_of(inspection: Inspection) -> Stage:
    return Stage(inspection.status)


def actors_of(user: AnyUser | None, inspection: Inspection) -> frozenset[Actor]:
    """The places from which the user may move the inspection: its lead, its moderator, staff."""
    if user is None or not user.is_authenticated:
        return frozenset()
    actors = {Actor.STAFF} if user.is_staff else set()
    # Places that count: while the person is of the inspectorate and active (inspections/access.py).
    roles = {r for r in (TeamRole.LEAD, TeamRole.REVIEWER) if on_team(user, inspection, (r,))}
    if TeamRole.LEAD in roles:
        actors.add(Actor.LEAD)
    if TeamRole.REVIEWER in roles:
        actors.add(Actor.MODERATOR)
    return frozenset(actors)


def ungraded_areas(inspection: Inspection) -> int:
    graded = set(inspection.judgments.exclude(grade="").values_list("area_id", flat=True))
    return sum(1 for area in inspection.spec.graded_areas() if area.id not in graded)


def gather_facts(inspection: Inspection, conditions: Iterable[Condition] | None = None) -> Facts:
    """What holds of the inspection now, for ``conditions`` (by default, those of the moves out of
    its stage): only what those conditions read is gathered, the rest left at its default."""
    wanted = set(conditions) if conditions is not None else _conditions_of(moves_from(stage_of(inspection)))
    team = set(inspection.team.values_list("role", flat=True))
    versions = inspection.report_versions
    found: dict[str, Any] = {}
    if Condition.LEAD_APPOINTED in wanted:
        found["lead_appointed"] = TeamRole.LEAD in team
    if Condition.MODERATOR_APPOINTED in wanted:
        found["moderator_appointed"] = TeamRole.REVIEWER in team
    if Condition.ALL_GRADED in wanted:
        found["ungraded_areas"] = ungraded_areas(inspection)
    if Condition.NO_BREACH in wanted:
        found["breaches"] = len(breaches_for(inspection))
    if Condition.NO_REQUEST_OUTSTANDING in wanted:
        found["outstanding_requests"] = outstanding_requests(inspection)
    if Condition.NOTHING_AWAITING_MODERATION in wanted:
        found["awaiting_moderation"] = awaiting_moderation(inspection)
    if Condition.GRADES_AS_MODERATED in wanted:
        found["unmoderated_grades"] = changed_since_moderation(inspection)
    if Condition.ALL_COMMENTS_ANSWERED in wanted:
        found["unanswered_comments"] = unanswered_comments(inspection)
    if Condition.EMBARGO_SET in wanted:
        found["embargo_set"] = versions.exists()
    if Condition.EMBARGO_ENDED in wanted:
        found["embargo_ended"] = versions.filter(embargo_until__lte=timezone.now()).exists()
    return Facts(**found)


def _conditions_of(moves: Iterable[Move]) -> set[Condition]:
    return {condition for move in moves for condition in move.conditions}


def move(
    inspection: Inspection,
    user: User | None,
    target: Stage,
    reason: str = "",
    *,
    expected: Stage | None = None,
) -> StatusMove:
    """Move the inspection to ``target``, as ``user``, for ``reason`` (a move back needs one).
    ``expected``: the stage the mover saw; a move from any other (someone moved it meanwhile) is
    refused, so that two moves at once give one. Refused with every reason (``MoveRefused``)."""
    settle(inspection)
    with transaction.atomic(), set_actor(user):
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        source = stage_of(locked)
        if expected is not None and source != expected:
            moved = f"{locked.reference} has moved to {source.label.lower()} since: not moved again."
            raise MovedSince([moved])
        if source == target:
            raise MoveRefused([f"{locked.reference} is already at {target.label.lower()}."])
        chosen = check(source, target, actors_of(user, locked), gather_facts(locked), reason)
        locked.status = target.value
        locked.save(update_fields=["status", "updated_at"])
        made = StatusMove.objects.create(
            inspection=locked,
            from_status=chosen.source.value,
            to_status=chosen.target.value,
            by=user,
            reason=reason.strip(),
        )
    inspection.refresh_from_db()
    return made


def settle(inspection: Inspection) -> StatusMove | None:
    """Record the embargo's end: an embargoed inspection whose version is out of embargo is published,
    moved by the platform at the moment the embargo ended. None when there is nothing to record."""
    if stage_of(inspection) is not Stage.EMBARGOED:
        return None
    with transaction.atomic(), set_actor(None):
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if stage_of(locked) is not Stage.EMBARGOED:
            return None
        try:
            chosen = check(Stage.EMBARGOED, Stage.PUBLISHED, (), gather_facts(locked), way=Way.EMBARGO_END)
        except MoveRefused:  # still under embargo
            return None
        ended = locked.report_versions.filter(embargo_until__lte=timezone.now()).order_by("number").first()
        assert ended is not None  # the move's conditions hold
        locked.status = chosen.target.value
        locked.save(update_fields=["status", "updated_at"])
        made = StatusMove.objects.create(
            inspection=locked,
            from_status=chosen.source.value,
            to_status=chosen.target.value,
            by=None,
            at=ended.embargo_until,
            reason=f"The embargo of version {ended.number} ended.",
        )
    inspection.refresh_from_db()
    return made


@receiver(first_version, dispatch_uid="lifecycle-first-version")
def publishing_first_version(
    sender: object,
    inspection: Inspection,
    user: User | None,
    embargo_until: datetime.datetime,
    **kwargs: Any,
) -> StatusMove | None:
    """The gate on publishing a first version of an inspection run here: only at the factual-accuracy
    check, by its lead or staff, every comment answered and no rule breached; the move to embargoed is
    recorded. Called by publishing under the inspection's row lock, inside its transaction: a refusal
    (``MoveRefused``) publishes nothing. Imported and recorded reports are not run here: no gate."""
    if inspection.origin != Origin.RUN_HERE:
        return None
    source = stage_of(inspection)
    if source is not Stage.FACTUAL_ACCURACY:
        raise MoveRefused(
            [
                f"A first version is published at the factual-accuracy check, and {inspection.reference} "
                f"is at {source.label.lower()}: see its progress."
            ]
        )
    facts = gather_facts(inspection, _conditions_of([PUBLISHING]))
    # No user: the platform publishing (a script), not a person; the conditions still hold it back.
    actors = actors_of(user, inspection) if user is not None else frozenset(Actor)
    chosen = check(source, Stage.EMBARGOED, actors, facts, way=Way.PUBLISHING)
    when = timezone.localtime(embargo_until).strftime("%-d %B %Y %H:%M")
    return StatusMove.objects.create(
        inspection=inspection,
        from_status=chosen.source.value,
        to_status=chosen.target.value,
        by=user,
        reason=f"Version 1 of the report published, under embargo until {when}.",
    )


def log(inspection: Inspection) -> list[StatusMove]:
    """Every move of the inspection, oldest first."""
    return list(StatusMove.objects.filter(inspection=inspection).select_related("by").order_by("at", "id"))
