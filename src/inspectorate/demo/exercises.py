"""The demo's exercises: one practice inspection at each stage of an inspection's life, run through
the same services as the web app and the CLI (so each move, decision, comment and answer is recorded
and audited as it would be), on the PEEL 2021/22 framework, for the Metropolitan Police Service.

Every one is an exercise: its grades, findings, requests and comments are invented to show the
platform at work, said so on every page, and never listed with real inspections. The published
stage is shown by the real published reports of the demo fixture.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from auditlog.context import set_actor
from django.contrib.auth.models import User
from django.utils import timezone

from inspectorate.core.lifecycle import Stage
from inspectorate.web.factcheck.checking import add_comment, answer_comment
from inspectorate.web.inspections.evidence_files import attach_file
from inspectorate.web.inspections.models import ContactRole, Inspection, TeamRole
from inspectorate.web.inspections.recording import record_judgment, save_evidence, save_finding
from inspectorate.web.inspections.setup import NewInspection, appoint, create_inspection, invite
from inspectorate.web.lifecycle.service import move
from inspectorate.web.moderation.deciding import decide
from inspectorate.web.plan.services import add_activity, add_request, answer_request, decide_latest
from inspectorate.web.reports.publishing import publish

FORCE, FRAMEWORK = "metropolitan", "peel-2021"
# Where the exercises' report is kept from the public: a month after the demo is built.
EMBARGO = datetime.timedelta(days=30)
# The grades every exercise proposes (the rest Adequate): invented, to show the rules and moderation.
PROPOSED = {"prevention": "good", "responding": "requires-improvement"}
MODERATED = ("prevention", "adequate", "The evidence shows good practice in some boroughs only.")


PHRASES = {
    Stage.PLANNING: "in planning",
    Stage.MODERATION: "at moderation",
    Stage.FACTUAL_ACCURACY: "at the factual-accuracy check",
    Stage.EMBARGOED: "under embargo",
}


@dataclass(frozen=True)
class Cast:
    """The demo users the exercises need, by their part."""

    lead: User
    analyst: User
    moderator: User
    liaison: User
    policing_body: User


@dataclass(frozen=True)
class Exercise:
    reference: str
    stage: Stage
    build: Callable[[Inspection, Cast], None]


def _today() -> datetime.date:
    return timezone.localdate()


def _start(reference: str, stage: Stage, cast: Cast) -> Inspection:
    with set_actor(cast.lead):
        inspection = create_inspection(
            NewInspection(
                force=FORCE,
                framework=FRAMEWORK,
                title=f"PEEL exercise {PHRASES[stage]} (practice, not a real inspection)",
                reference=reference,
                lead=cast.lead,
                period_label="exercise",
            ),
            creator=cast.lead,
        )
        inspection.exercise = True
        inspection.summary = (
            "An exercise to try the platform on: its grades, findings, requests and comments are "
            "invented, and none is a finding about the force."
        )
        inspection.save()
    appoint(inspection, cast.lead, cast.analyst, TeamRole.ANALYST)
    appoint(inspection, cast.lead, cast.moderator, TeamRole.REVIEWER)
    invite(inspection, cast.lead, cast.liaison, ContactRole.LIAISON)
    invite(inspection, cast.lead, cast.policing_body, ContactRole.LOCAL_POLICING_BODY)
    return inspection


def _plan(inspection: Inspection, cast: Cast) -> None:
    """Requests to the force (one answered and accepted, one waiting) and an interview."""
    with set_actor(cast.lead):
        add_request(
            inspection,
            kind="data-return",
            title="Data return: recorded crime and incidents, year ending March 2021 (exercise)",
            due_on=_today() + datetime.timedelta(days=14),
            by=cast.lead,
        )
        document = add_request(
            inspection,
            kind="document",
            title="Force management statement (exercise)",
            due_on=_today() + datetime.timedelta(days=7),
            by=cast.lead,
        )
        add_activity(
            inspection,
            kind="interview",
            title="Interview with the head of contact management (exercise)",
            on=_today() + datetime.timedelta(days=10),
            place="Force headquarters",
            area_ids=["responding"],
            by=cast.lead,
        )
    with TemporaryDirectory(prefix="inspectorate-demo-") as folder:
        sent = Path(folder) / "force-management-statement-exercise.txt"
        sent.write_text("EXERCISE: an invented force management statement, for the demo only.\n")
        with set_actor(cast.liaison):
            answer_request(document, sent, name=sent.name, by=cast.liaison)
    with set_actor(cast.lead):
        decide_latest(document, "accepted", by=cast.lead)


def _evidence_with_file(inspection: Inspection, cast: Cast) -> None:
    criteria = [c.id for c in inspection.spec.area("responding").criteria][:1]
    with set_actor(cast.analyst):
        evidence = save_evidence(
            inspection,
            kind="interview",
            title="Call handlers' account of waiting times (exercise)",
            description="Invented notes of an interview, to show evidence carrying a file.",
            area_ids=["responding"],
            criterion_ids=criteria,
            collected_on=_today(),
            created_by=cast.analyst,
        )
        attach_file(
            evidence,
            [b"EXERCISE: invented interview notes, for the demo only.\n"],
            name="interview-notes-exercise.txt",
            effective_on=_today(),
            uploaded_by=cast.analyst,
        )


def _grade(inspection: Inspection, cast: Cast) -> None:
    """Every graded area graded, with the findings its rules ask for, then sent for moderation."""
    with set_actor(cast.lead):
        move(inspection, cast.lead, Stage.FIELDWORK)
        for area in inspection.spec.graded_areas():
            record_judgment(
                inspection,
                area.id,
                grade=PROPOSED.get(area.id, "adequate"),
                summary="Exercise: an invented summary of what the team found.",
            )
        save_finding(
            inspection,
            kind="area-for-improvement",
            area_ids=["responding"],
            text="Exercise: the force should answer non-emergency calls sooner.",
        )
        finding = save_finding(
            inspection,
            kind="strength",
            area_ids=["prevention"],
            text="Exercise: neighbourhood teams work well with schools.",
        )
        save_evidence(
            inspection,
            kind="observation",
            title="Neighbourhood team briefing observed (exercise)",
            area_ids=["prevention"],
            finding_codes=[finding.code],
            created_by=cast.lead,
        )
        move(inspection, cast.lead, Stage.MODERATION)


def _moderate(inspection: Inspection, cast: Cast, *, leave: int = 0) -> None:
    """The moderator agrees with each grade but one, which they moderate with a reason; ``leave``
    areas are left awaiting their decision."""
    areas = [area.id for area in inspection.spec.graded_areas()]
    area_id, grade, reason = MODERATED
    with set_actor(cast.moderator):
        decide(inspection, area_id, cast.moderator, grade=grade, reason=reason)
        for other in [a for a in areas if a != area_id][: len(areas) - 1 - leave]:
            decide(inspection, other, cast.moderator)


def _to_factual_accuracy(inspection: Inspection, cast: Cast, *, answered: bool) -> None:
    _grade(inspection, cast)
    _moderate(inspection, cast)
    with set_actor(cast.moderator):
        move(inspection, cast.moderator, Stage.FACTUAL_ACCURACY)
    with set_actor(cast.liaison):
        first = add_comment(
            inspection,
            cast.liaison,
            "area:responding",
            "Exercise: the call figures quoted are for the year before the one named.",
        )
        second = add_comment(
            inspection,
            cast.liaison,
            "general",
            "Exercise: the force's new contact centre opened after fieldwork, not before.",
        )
    with set_actor(cast.lead):
        answer_comment(
            first, cast.lead, "accepted", amendment="Exercise: the year is corrected in the summary."
        )
        if answered:
            answer_comment(
                second,
                cast.lead,
                "not-accepted",
                reason="Exercise: the team saw the centre at work during fieldwork.",
            )


def _planning(inspection: Inspection, cast: Cast) -> None:
    with set_actor(cast.lead):
        add_request(
            inspection,
            kind="document",
            title="Organisation chart and senior leaders' portfolios (exercise)",
            due_on=_today() + datetime.timedelta(days=21),
            by=cast.lead,
        )


def _at_moderation(inspection: Inspection, cast: Cast) -> None:
    _grade(inspection, cast)
    _moderate(inspection, cast, leave=2)


def _at_factual_accuracy(inspection: Inspection, cast: Cast) -> None:
    _to_factual_accuracy(inspection, cast, answered=False)


def _embargoed(inspection: Inspection, cast: Cast) -> None:
    _to_factual_accuracy(inspection, cast, answered=True)
    publish(inspection, cast.lead, timezone.now() + EMBARGO)


EXERCISES = (
    Exercise("MPS-EX-PLANNING", Stage.PLANNING, _planning),
    Exercise("MPS-EX-MODERATION", Stage.MODERATION, _at_moderation),
    Exercise("MPS-EX-FACTUAL", Stage.FACTUAL_ACCURACY, _at_factual_accuracy),
    Exercise("MPS-EX-EMBARGOED", Stage.EMBARGOED, _embargoed),
)
REFERENCES = tuple(exercise.reference for exercise in EXERCISES)


def build_exercises(cast: Cast) -> int:
    """Make each exercise the workspace lacks; how many were made."""
    made = 0
    for exercise in EXERCISES:
        if Inspection.objects.filter(reference=exercise.reference).exists():
            continue
        inspection = _start(exercise.reference, exercise.stage, cast)
        exercise.build(inspection, cast)
        made += 1
    return made


def prepare_draft(draft: Inspection, cast: Cast) -> None:
    """The demo's draft at fieldwork: its contacts, its plan and a piece of evidence with a file."""
    if draft.contacts.exists():
        return
    invite(draft, None, cast.liaison, ContactRole.LIAISON)
    invite(draft, None, cast.policing_body, ContactRole.LOCAL_POLICING_BODY)
    _plan(draft, cast)
    _evidence_with_file(draft, cast)
