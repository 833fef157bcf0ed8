"""What awaits each part of a running inspection on their home page (web/front/desk.py): the force's
liaison, its requests to answer and the reports it may read under embargo; the team, the force's
answers to accept and its comments to answer; and a liaison's inspections before its draft is theirs
to read, linked to the plan's requests only."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.factcheck.checking import add_comment
from inspectorate.web.inspections.models import ContactRole, InspectionContact
from inspectorate.web.plan.models import ForceRequest
from inspectorate.web.plan.services import add_request, answer_request
from inspectorate.web.reports.publishing import publish

pytestmark = pytest.mark.django_db


def _awaiting(client: Any, reading: Any) -> list[tuple[str, str | None, int]]:
    data = reading.json(client.get("/index.json"))
    return [(item["kind"], item["inspection"], item["count"]) for item in data["awaiting"]]


@pytest.fixture
def invited(cast) -> None:
    """The liaison invited to the draft at fieldwork too, with two requests to answer."""
    InspectionContact.objects.create(
        inspection=cast.draft, user=cast.users["liaison"], role=ContactRole.LIAISON
    )
    due = timezone.localdate() + datetime.timedelta(days=7)
    for title in ("Force management statement", "Organisation chart"):
        add_request(cast.draft, kind="document", title=title, due_on=due, by=cast.users["writer"])


def test_the_liaison_has_the_requests_to_answer_and_the_plan_for_its_link(cast, client_for, reading, invited):
    client = client_for("liaison")
    assert ("requests-to-answer", "MPS-DRAFT", 2) in _awaiting(client, reading)
    mine = {i["reference"]: i["url"] for i in reading.json(client.get("/index.json"))["mine"]}
    # The draft is not theirs to read at fieldwork: its row leads to the plan's requests.
    assert mine["MPS-DRAFT"] == reverse("plan", kwargs={"code": cast.draft.code})
    assert mine["MPS-FACTUAL"] == reverse("inspection", kwargs={"code": cast.factual.code})


def test_an_answer_moves_from_the_liaisons_list_to_the_teams(
    cast, client_for, reading, invited, tmp_path: Path
):
    sent = tmp_path / "statement.txt"
    sent.write_text("The force management statement.\n")
    first = ForceRequest.objects.filter(inspection=cast.draft).order_by("id").first()
    answer_request(first, sent, name=sent.name, by=cast.users["liaison"])
    assert ("requests-to-answer", "MPS-DRAFT", 1) in _awaiting(client_for("liaison"), reading)
    assert ("answers-to-review", "MPS-DRAFT", 1) in _awaiting(client_for("writer"), reading)


def test_the_team_has_the_forces_comments_to_answer(cast, client_for, reading):
    add_comment(cast.factual, cast.users["liaison"], "general", "A date is wrong.")
    assert ("comments-to-answer", "MPS-FACTUAL", 1) in _awaiting(client_for("writer"), reading)
    assert not [item for item in _awaiting(client_for("reader"), reading) if item[0] == "comments-to-answer"]


def test_the_invited_force_reads_the_report_under_embargo_and_others_are_not_told(cast, client_for, reading):
    publish(cast.factual, cast.users["writer"], timezone.now() + datetime.timedelta(days=3))
    assert ("embargoed-copy", "MPS-FACTUAL", 1) in _awaiting(client_for("liaison"), reading)
    assert not [i for i in _awaiting(client_for("outsider"), reading) if i[0] == "embargoed-copy"]
