"""Where a followed finding stands, and who may move it where.

The force works on a finding (open, in progress, ready for review); only the inspectorate gives a
verdict (met, partly met, not met, superseded), always with its reasons, and may reopen a finding
it has judged. A finding is overdue while the force still holds it after its due date: once the
force says it is ready for review, the wait is the inspectorate's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum


class FollowStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    READY_FOR_REVIEW = "ready-for-review"
    MET = "met"
    PARTLY_MET = "partly-met"
    NOT_MET = "not-met"
    SUPERSEDED = "superseded"
    REOPENED = "reopened"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_verdict(self) -> bool:
        return self in VERDICTS

    @property
    def closed(self) -> bool:
        """No more is asked of the force: met, or overtaken by a later finding."""
        return self in (FollowStatus.MET, FollowStatus.SUPERSEDED)


_LABELS = {
    FollowStatus.OPEN: "Open",
    FollowStatus.IN_PROGRESS: "In progress",
    FollowStatus.READY_FOR_REVIEW: "Ready for review",
    FollowStatus.MET: "Met",
    FollowStatus.PARTLY_MET: "Partly met",
    FollowStatus.NOT_MET: "Not met",
    FollowStatus.SUPERSEDED: "Superseded",
    FollowStatus.REOPENED: "Reopened",
}

VERDICTS = frozenset(
    {FollowStatus.MET, FollowStatus.PARTLY_MET, FollowStatus.NOT_MET, FollowStatus.SUPERSEDED}
)
# The force still holds these: a due date passed in one of them is overdue.
WITH_THE_FORCE = frozenset({FollowStatus.OPEN, FollowStatus.IN_PROGRESS, FollowStatus.REOPENED})


class Actor(StrEnum):
    FORCE = "force"
    INSPECTORATE = "inspectorate"


@dataclass(frozen=True)
class Move:
    to: FollowStatus
    by: Actor
    needs_reason: bool


def moves_from(status: FollowStatus) -> tuple[Move, ...]:
    """Every move a followed finding may make from ``status``, with who may make it."""
    moves: list[Move] = []
    if status in WITH_THE_FORCE and status is not FollowStatus.IN_PROGRESS:
        moves.append(Move(FollowStatus.IN_PROGRESS, Actor.FORCE, needs_reason=False))
    if status in WITH_THE_FORCE:
        moves.append(Move(FollowStatus.READY_FOR_REVIEW, Actor.FORCE, needs_reason=False))
    if status is FollowStatus.READY_FOR_REVIEW:
        # The force takes it back to do more before the inspectorate has judged it.
        moves.append(Move(FollowStatus.IN_PROGRESS, Actor.FORCE, needs_reason=False))
    if not status.is_verdict:
        moves.extend(Move(verdict, Actor.INSPECTORATE, needs_reason=True) for verdict in _VERDICT_ORDER)
    else:
        moves.extend(
            Move(verdict, Actor.INSPECTORATE, needs_reason=True)
            for verdict in _VERDICT_ORDER
            if verdict is not status
        )
        moves.append(Move(FollowStatus.REOPENED, Actor.INSPECTORATE, needs_reason=True))
    return tuple(moves)


_VERDICT_ORDER = (FollowStatus.MET, FollowStatus.PARTLY_MET, FollowStatus.NOT_MET, FollowStatus.SUPERSEDED)


class MoveRefused(ValueError):
    """A move this status does not allow, by this actor, or without the reason it needs."""


def check_move(status: FollowStatus, to: FollowStatus, by: Actor, reason: str) -> Move:
    """The move from ``status`` to ``to`` by ``by``, or ``MoveRefused`` saying why not."""
    for move in moves_from(status):
        if move.to is to and move.by is by:
            if move.needs_reason and not reason.strip():
                raise MoveRefused(f"{to.label}: give the reasons for this verdict")
            return move
    if any(move.to is to for move in moves_from(status)):
        who = "the inspectorate" if by is Actor.FORCE else "the force"
        raise MoveRefused(f"only {who} may move a finding from {status.label.lower()} to {to.label.lower()}")
    raise MoveRefused(f"a finding cannot move from {status.label.lower()} to {to.label.lower()}")


def is_overdue(status: FollowStatus, due_on: datetime.date | None, today: datetime.date) -> bool:
    """Past its due date while the force still holds it."""
    return due_on is not None and today > due_on and status in WITH_THE_FORCE
