"""An inspection's progress as a typed document: its stages, the moves out of the current one with
each condition met or not, and the log of moves made. The page, its twins and the CLI share it."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from inspectorate.core.lifecycle import ORDER, Actor, Condition, Facts, Move, Stage, Way, moves_from
from inspectorate.web.inspections.documents import InspectionSummary, inspection_summary
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.lifecycle.models import StatusMove
from inspectorate.web.lifecycle.service import gather_facts, log, stage_of
from inspectorate.web.pages.documents import Document, PageDocument, Row


class StageItem(Document):
    stage: str
    """planning, fieldwork, moderation, factual-accuracy, embargoed or published."""
    label: str
    current: bool
    done: bool
    """A stage the inspection has passed."""


class ConditionState(Document):
    """One condition of a move, met or not."""

    condition: str
    """Its id, e.g. all-graded, no-breach, no-request-outstanding."""
    label: str
    """What must hold, in words."""
    met: bool
    count: int
    """How many things stand in the way (0 when met)."""
    unmet: str | None
    """The condition as unmet, a sentence with its count; null when met."""
    link: str
    """Where the work that meets it is done."""


class MoveOption(Document):
    """A move out of the current stage."""

    to_status: str
    label: str
    back: bool
    """A move back: it needs a reason."""
    way: str
    """move (on this page), publishing (by publishing the report under embargo) or embargo-end (made
    by the platform when the embargo ends)."""
    who: list[str]
    """Who may make it: lead, moderator, staff."""
    yours: bool
    """Whether this reader may make it (on this page, or by publishing)."""
    ready: bool
    """Whether every condition is met now."""
    conditions: list[ConditionState]


class MoveRow(Row):
    """One move made: the CSV twin's rows."""

    at: str
    """When (ISO 8601)."""
    from_status: str
    to_status: str
    by: str | None
    """The username of who made it; null for the platform (the embargo's end)."""
    back: bool
    reason: str


class ProgressPage(PageDocument):
    """An inspection's progress: the stage it is at, each move from there with its conditions met or
    not, and every move made, with who made it, when and why."""

    ROW = MoveRow
    inspection: InspectionSummary
    status: str
    """The stage the inspection is at (as stored: embargoed until the embargo's end is recorded)."""
    stages: list[StageItem]
    moves: list[MoveOption]
    """The moves out of the current stage, forward first, each with its conditions."""
    log: list[MoveRow]
    """Every move made, oldest first."""

    def csv_rows(self) -> Sequence[MoveRow]:
        return self.log


# Where the work that meets a condition is done: the page of the app that does it (the team, the
# plan, moderation, the factual-accuracy check), else a place on the inspection's page.
WORK_PAGES: dict[Condition, tuple[str, str]] = {
    Condition.LEAD_APPOINTED: ("inspection-team", ""),
    Condition.MODERATOR_APPOINTED: ("inspection-team", ""),
    Condition.ALL_GRADED: ("inspection", "#judgments"),
    Condition.NO_BREACH: ("inspection", "#breaches"),
    Condition.NO_REQUEST_OUTSTANDING: ("plan", ""),
    Condition.NOTHING_AWAITING_MODERATION: ("moderation", ""),
    Condition.GRADES_AS_MODERATED: ("moderation", ""),
    Condition.ALL_COMMENTS_ANSWERED: ("factual-accuracy", ""),
    Condition.EMBARGO_SET: ("inspection", "#report"),
    Condition.EMBARGO_ENDED: ("inspection", "#report"),
}


def work_link(inspection: Inspection, condition: Condition) -> str:
    name, anchor = WORK_PAGES[condition]
    return reverse(name, kwargs={"code": inspection.code}) + anchor


def move_option(inspection: Inspection, move: Move, facts: Facts, actors: frozenset[Actor]) -> MoveOption:
    conditions = []
    for condition in move.conditions:
        count = condition.count_in(facts)
        conditions.append(
            ConditionState(
                condition=condition.value,
                label=condition.label,
                met=count == 0,
                count=count,
                unmet=condition.unmet_text(count) if count else None,
                link=work_link(inspection, condition),
            )
        )
    return MoveOption(
        to_status=move.target.value,
        label=move.label,
        back=move.back,
        way=move.way.value,
        who=[actor.value for actor in Actor if actor in move.by],
        yours=move.way is not Way.EMBARGO_END and bool(move.by & actors),
        ready=all(c.met for c in conditions),
        conditions=conditions,
    )


def move_row(made: StatusMove) -> MoveRow:
    return MoveRow(
        at=made.at.isoformat(),
        from_status=made.from_status,
        to_status=made.to_status,
        by=made.by.get_username() if made.by else None,
        back=ORDER.index(Stage(made.to_status)) < ORDER.index(Stage(made.from_status)),
        reason=made.reason,
    )


def progress_page(inspection: Inspection, actors: frozenset[Actor]) -> ProgressPage:
    stage = stage_of(inspection)
    facts = gather_facts(inspection)
    here = ORDER.index(stage)
    return ProgressPage(
        inspection=inspection_summary(inspection),
        status=stage.value,
        stages=[
            StageItem(stage=s.value, label=s.label, current=s == stage, done=index < here)
            for index, s in enumerate(ORDER)
        ],
        moves=[move_option(inspection, m, facts, actors) for m in moves_from(stage)],
        log=[move_row(m) for m in log(inspection)],
    )
