"""An inspection's life, from planning to publication: its stages, the moves between them, who may
make each, and what must hold first.

Pure: the facts a move is checked against (``Facts``) are gathered by the web layer
(web/lifecycle/service.py); here they are only read. Conditions are hard: a move whose conditions are
not all met is refused, each unmet condition told as a plain sentence with its count. A move back
needs a reason. Two moves are not made on the progress page: the move to embargoed is made by
publishing the report under embargo, and the move to published when the embargo ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from inspectorate.core.problems import InputError


class Stage(StrEnum):
    """The stages, in order (web/inspections/models.py Status has the same values)."""

    PLANNING = "planning"
    FIELDWORK = "fieldwork"
    MODERATION = "moderation"
    FACTUAL_ACCURACY = "factual-accuracy"
    EMBARGOED = "embargoed"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.PLANNING: "Planning",
    Stage.FIELDWORK: "Fieldwork",
    Stage.MODERATION: "Moderation",
    Stage.FACTUAL_ACCURACY: "Factual-accuracy check",
    Stage.EMBARGOED: "Embargoed",
    Stage.PUBLISHED: "Published",
}


class Actor(StrEnum):
    """Who may make a move: the inspection's lead, its moderator, or staff."""

    LEAD = "lead"
    MODERATOR = "moderator"
    STAFF = "staff"


class Way(StrEnum):
    """How a move is made."""

    MOVE = "move"
    """On the inspection's progress page (or ``inspectorate lifecycle move``)."""
    PUBLISHING = "publishing"
    """By publishing the report under embargo (web/reports/publishing.py)."""
    EMBARGO_END = "embargo-end"
    """By the embargo's end: recorded by the platform, no one moves it."""


@dataclass(frozen=True)
class Facts:
    """What holds of an inspection now, as the conditions read it."""

    lead_appointed: bool = False
    moderator_appointed: bool = False
    ungraded_areas: int = 0
    """Areas the framework grades that have no grade yet."""
    breaches: int = 0
    """Breaches of the framework's grading rules."""
    outstanding_requests: int = 0
    """Requests to the force not yet answered and accepted."""
    awaiting_moderation: int = 0
    """Graded areas whose current grade awaits the moderator's decision."""
    unmoderated_grades: int = 0
    """Grades changed, added or cleared since the moderator decided them."""
    unanswered_comments: int = 0
    """The force's factual-accuracy comments the team has not answered."""
    embargo_set: bool = False
    """A version of the report is published under embargo."""
    embargo_ended: bool = False
    """The embargo of a published version has ended."""


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class Condition(StrEnum):
    """What must hold before a move; each reads its count from the facts."""

    LEAD_APPOINTED = "lead-appointed"
    MODERATOR_APPOINTED = "moderator-appointed"
    ALL_GRADED = "all-graded"
    NO_BREACH = "no-breach"
    NO_REQUEST_OUTSTANDING = "no-request-outstanding"
    NOTHING_AWAITING_MODERATION = "nothing-awaiting-moderation"
    GRADES_AS_MODERATED = "grades-as-moderated"
    ALL_COMMENTS_ANSWERED = "all-comments-answered"
    EMBARGO_SET = "embargo-set"
    EMBARGO_ENDED = "embargo-ended"

    @property
    def label(self) -> str:
        """The condition as met: what must hold."""
        return CONDITION_LABELS[self]

    def count_in(self, facts: Facts) -> int:
        """How many things stand in the way (0: the condition is met)."""
        match self:
            case Condition.LEAD_APPOINTED:
                return 0 if facts.lead_appointed else 1
            case Condition.MODERATOR_APPOINTED:
                return 0 if facts.moderator_appointed else 1
            case Condition.ALL_GRADED:
                return facts.ungraded_areas
            case Condition.NO_BREACH:
                return facts.breaches
            case Condition.NO_REQUEST_OUTSTANDING:
                return facts.outstanding_requests
            case Condition.NOTHING_AWAITING_MODERATION:
                return facts.awaiting_moderation
            case Condition.GRADES_AS_MODERATED:
                return facts.unmoderated_grades
            case Condition.ALL_COMMENTS_ANSWERED:
                return facts.unanswered_comments
            case Condition.EMBARGO_SET:
                return 0 if facts.embargo_set else 1
            case Condition.EMBARGO_ENDED:
                return 0 if facts.embargo_ended else 1

    def unmet_text(self, count: int) -> str:
        """The condition as unmet, in a plain sentence with its count."""
        match self:
            case Condition.LEAD_APPOINTED:
                return "No lead inspector is appointed."
            case Condition.MODERATOR_APPOINTED:
                return "No moderator is appointed."
            case Condition.ALL_GRADED:
                verb = "has" if count == 1 else "have"
                return f"{_plural(count, 'area', 'areas')} to be graded {verb} no grade yet."
            case Condition.NO_BREACH:
                return f"{_plural(count, 'grading-rule breach', 'grading-rule breaches')} to resolve."
            case Condition.NO_REQUEST_OUTSTANDING:
                verb = "is" if count == 1 else "are"
                return f"{_plural(count, 'request', 'requests')} to the force {verb} outstanding."
            case Condition.NOTHING_AWAITING_MODERATION:
                verb = "awaits" if count == 1 else "await"
                return f"{_plural(count, 'grade', 'grades')} {verb} the moderator's decision."
            case Condition.GRADES_AS_MODERATED:
                verb = "has" if count == 1 else "have"
                grades = _plural(count, "grade", "grades")
                return f"{grades} {verb} changed, been added or been cleared since moderation."
            case Condition.ALL_COMMENTS_ANSWERED:
                verb = "is" if count == 1 else "are"
                comments = _plural(count, "factual-accuracy comment", "factual-accuracy comments")
                return f"{comments} {verb} unanswered."
            case Condition.EMBARGO_SET:
                return "No version of the report is published under embargo."
            case Condition.EMBARGO_ENDED:
                return "The embargo has not ended."


CONDITION_LABELS = {
    Condition.LEAD_APPOINTED: "A lead inspector is appointed",
    Condition.MODERATOR_APPOINTED: "A moderator is appointed",
    Condition.ALL_GRADED: "Every area to be graded has its grade",
    Condition.NO_BREACH: "No grading rule is breached",
    Condition.NO_REQUEST_OUTSTANDING: "No request to the force is outstanding",
    Condition.NOTHING_AWAITING_MODERATION: "The moderator has decided every grade",
    Condition.GRADES_AS_MODERATED: "Every grade is as the moderator decided it",
    Condition.ALL_COMMENTS_ANSWERED: "Every factual-accuracy comment is answered",
    Condition.EMBARGO_SET: "A version of the report is published under embargo",
    Condition.EMBARGO_ENDED: "The embargo has ended",
}


@dataclass(frozen=True)
class Move:
    """One move between two stages: who may make it, how, and what must hold first."""

    source: Stage
    target: Stage
    label: str
    by: frozenset[Actor]
    conditions: tuple[Condition, ...] = ()
    way: Way = Way.MOVE

    @property
    def back(self) -> bool:
        """A move back to an earlier stage: it needs a reason."""
        return ORDER.index(self.target) < ORDER.index(self.source)

    def unmet(self, facts: Facts) -> list[Unmet]:
        """Each condition not met, with its count, in the move's order."""
        counts = ((condition, condition.count_in(facts)) for condition in self.conditions)
        return [Unmet(condition, count) for condition, count in counts if count]


@dataclass(frozen=True)
class Unmet:
    condition: Condition
    count: int

    @property
    def text(self) -> str:
        return self.condition.unmet_text(self.count)


ORDER = tuple(Stage)
LEADING = frozenset({Actor.LEAD, Actor.STAFF})

MOVES: tuple[Move, ...] = (
    Move(
        Stage.PLANNING,
        Stage.FIELDWORK,
        "Start fieldwork",
        LEADING,
        (Condition.LEAD_APPOINTED, Condition.MODERATOR_APPOINTED),
    ),
    Move(
        Stage.FIELDWORK,
        Stage.MODERATION,
        "Send the grades for moderation",
        LEADING,
        (Condition.ALL_GRADED, Condition.NO_BREACH, Condition.NO_REQUEST_OUTSTANDING),
    ),
    Move(
        Stage.MODERATION,
        Stage.FACTUAL_ACCURACY,
        "Close moderation and send the draft to the force for its factual-accuracy check",
        frozenset({Actor.LEAD, Actor.MODERATOR, Actor.STAFF}),
        (Condition.NOTHING_AWAITING_MODERATION, Condition.NO_BREACH),
    ),
    Move(
        Stage.FACTUAL_ACCURACY,
        Stage.EMBARGOED,
        "Publish the report under embargo",
        LEADING,
        # The grades as moderated: a grade the team changed at the check goes back to the moderator.
        (Condition.ALL_COMMENTS_ANSWERED, Condition.GRADES_AS_MODERATED, Condition.NO_BREACH),
        Way.PUBLISHING,
    ),
    Move(
        Stage.EMBARGOED,
        Stage.PUBLISHED,
        "Out of embargo: published",
        frozenset(),
        (Condition.EMBARGO_SET, Condition.EMBARGO_ENDED),
        Way.EMBARGO_END,
    ),
    Move(Stage.FIELDWORK, Stage.PLANNING, "Back to planning", LEADING),
    Move(Stage.MODERATION, Stage.FIELDWORK, "Reopen fieldwork", LEADING),
    Move(Stage.FACTUAL_ACCURACY, Stage.MODERATION, "Back to moderation", LEADING),
)


def moves_from(stage: Stage) -> list[Move]:
    """The moves out of a stage: forward first, then back."""
    return [move for move in MOVES if move.source == stage]


def find_move(source: Stage, target: Stage) -> Move | None:
    return next((m for m in MOVES if m.source == source and m.target == target), None)


class MoveRefused(InputError):
    """A move that may not be made now: every reason why, each its own sentence."""

    def __init__(self, reasons: Iterable[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__(" ".join(self.reasons))


def stage_of(value: str) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        stages = ", ".join(s.value for s in Stage)
        raise InputError(f"no stage {value!r}: choose one of {stages}") from None


WHO = {Actor.LEAD: "the inspection's lead", Actor.MODERATOR: "its moderator", Actor.STAFF: "staff"}


def who_may(actors: frozenset[Actor]) -> str:
    """Who may make a move, in words: "the inspection's lead or staff"."""
    names = [WHO[actor] for actor in Actor if actor in actors]
    if not names:
        return "no one"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def refusals(
    source: Stage,
    target: Stage,
    actors: Iterable[Actor],
    facts: Facts,
    reason: str = "",
    *,
    way: Way = Way.MOVE,
) -> list[str]:
    """Why the move from ``source`` to ``target`` may not be made, ``way``, by someone acting as
    ``actors`` (their places: lead, moderator, staff) with ``reason``: every reason, or none."""
    move = find_move(source, target)
    if move is None:
        return [f"There is no move from {source.label.lower()} to {target.label.lower()}."]
    if move.way != way:
        if move.way is Way.PUBLISHING:
            return ["This move is made by publishing the report under embargo, from the inspection's page."]
        if move.way is Way.EMBARGO_END:
            return ["This move is made when the embargo ends: no one makes it."]
        return ["This move is made on the inspection's progress page."]
    problems = []
    if way is not Way.EMBARGO_END and not move.by & frozenset(actors):
        problems.append(f"Only {who_may(move.by)} may make this move.")
    if move.back and not reason.strip():
        problems.append("A move back needs its reason.")
    problems.extend(unmet.text for unmet in move.unmet(facts))
    return problems


def check(
    source: Stage,
    target: Stage,
    actors: Iterable[Actor],
    facts: Facts,
    reason: str = "",
    *,
    way: Way = Way.MOVE,
) -> Move:
    """The move, if it may be made now; else ``MoveRefused`` with every reason."""
    problems = refusals(source, target, actors, facts, reason, way=way)
    if problems:
        raise MoveRefused(problems)
    move = find_move(source, target)
    assert move is not None  # refusals names a missing move
    return move
