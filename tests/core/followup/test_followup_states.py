"""Where a followed finding stands and who may move it where (core/followup/states.py)."""

from __future__ import annotations

import datetime

import pytest

from inspectorate.core.followup.states import (
    VERDICTS,
    Actor,
    FollowStatus,
    MoveRefused,
    check_move,
    is_overdue,
    moves_from,
)

S = FollowStatus
FORCE, INSPECTORATE = Actor.FORCE, Actor.INSPECTORATE
JUDGED = (S.MET, S.PARTLY_MET, S.NOT_MET, S.SUPERSEDED)

# Every move there is, by whom: (from, to) -> actor. Anything not here is refused.
MOVES = {
    **{(s, S.IN_PROGRESS): FORCE for s in (S.OPEN, S.REOPENED, S.READY_FOR_REVIEW)},
    **{(s, S.READY_FOR_REVIEW): FORCE for s in (S.OPEN, S.IN_PROGRESS, S.REOPENED)},
    **{(s, v): INSPECTORATE for s in (S.OPEN, S.IN_PROGRESS, S.READY_FOR_REVIEW, S.REOPENED) for v in JUDGED},
    **{(s, v): INSPECTORATE for s in JUDGED for v in JUDGED if v is not s},
    **{(s, S.REOPENED): INSPECTORATE for s in JUDGED},
}


def test_the_moves_are_exactly_the_table():
    made = {(status, move.to): move.by for status in S for move in moves_from(status)}
    assert made == MOVES


@pytest.mark.parametrize("start", list(S))
@pytest.mark.parametrize("target", list(S))
@pytest.mark.parametrize("actor", list(Actor))
def test_check_move_allows_the_table_and_refuses_the_rest(start, target, actor):
    allowed = MOVES.get((start, target)) is actor
    if allowed:
        assert check_move(start, target, actor, "because").to is target
    else:
        with pytest.raises(MoveRefused):
            check_move(start, target, actor, "because")


@pytest.mark.parametrize("verdict", sorted(VERDICTS))
def test_a_verdict_needs_its_reasons(verdict):
    with pytest.raises(MoveRefused, match="give the reasons"):
        check_move(S.READY_FOR_REVIEW, verdict, INSPECTORATE, "  ")


def test_the_force_is_told_only_the_inspectorate_gives_verdicts():
    with pytest.raises(MoveRefused, match="only the inspectorate"):
        check_move(S.READY_FOR_REVIEW, S.MET, FORCE, "done")


def test_the_force_cannot_move_a_judged_finding():
    with pytest.raises(MoveRefused):
        check_move(S.MET, S.IN_PROGRESS, FORCE, "")


DUE = datetime.date(2023, 3, 31)


@pytest.mark.parametrize(
    ("status", "today", "expected"),
    [
        (S.OPEN, DUE, False),  # due today: not yet overdue
        (S.OPEN, DUE + datetime.timedelta(days=1), True),
        (S.IN_PROGRESS, DUE + datetime.timedelta(days=1), True),
        (S.REOPENED, DUE + datetime.timedelta(days=1), True),
        (S.READY_FOR_REVIEW, DUE + datetime.timedelta(days=1), False),  # the wait is the inspectorate's
        (S.NOT_MET, DUE + datetime.timedelta(days=1), False),
        (S.MET, DUE + datetime.timedelta(days=400), False),
    ],
)
def test_overdue_only_while_the_force_holds_it_past_its_date(status, today, expected):
    assert is_overdue(status, DUE, today) is expected


def test_no_due_date_is_never_overdue():
    assert is_overdue(S.OPEN, None, datetime.date(2099, 1, 1)) is False


def test_labels_and_closed():
    assert S.PARTLY_MET.label == "Partly met"
    assert {s for s in S if s.closed} == {S.MET, S.SUPERSEDED}
    assert {s for s in S if s.is_verdict} == set(JUDGED)
