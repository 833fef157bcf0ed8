"""The home page of a signed-in user: their inspections with their role, and what awaits them, each a
sentence with a count and a link (front/desk.py). A visitor not signed in gets the public home.

The cast: writer leads and reader moderates the three Metropolitan inspections (draft at fieldwork,
factual at the factual-accuracy check, published); liaison is the Metropolitan Police Service's
liaison, outsider Kent's; staff is on no team.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from inspectorate.core.frameworks import get_framework
from inspectorate.core.frameworks.library import library
from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.reports.publishing import publish
from support.access import FORMATS, named
from support.editing import post_edit
from support.lifecycle import at_factual_accuracy

pytestmark = pytest.mark.django_db

# Every graded area of PEEL 2021/22, the cast's framework: none is graded in the cast.
AREAS = sum(1 for place in get_framework("peel-2021").walk() if place.area.graded)


def _home(client: Any, reading: Any) -> dict[str, Any]:
    data: dict[str, Any] = reading.json(client.get("/index.json"))
    return data


def _items(data: dict[str, Any]) -> list[tuple[str, str | None, int]]:
    return [(item["kind"], item["inspection"], item["count"]) for item in data["awaiting"]]


def _url(inspection: Inspection, anchor: str) -> str:
    return f"{reverse('inspection', kwargs={'code': inspection.code})}#{anchor}"


def _grade(client: Any, inspection: Inspection, area_id: str, grade: str) -> None:
    url = reverse("area", kwargs={"code": inspection.code, "area_id": area_id})
    assert post_edit(client, url, {"grade": grade}).status_code == 302


def test_a_visitor_not_signed_in_gets_the_public_home(cast, client_for, reading):
    client = client_for("anonymous")
    data = _home(client, reading)
    assert (data["mine"], data["awaiting"]) == (None, None)
    assert data["frameworks"] == len(library()) and data["forces"] == 43
    page = reading.html(client.get("/"))
    assert "What awaits you" not in page and "Your inspections" not in page
    assert "Recent inspections" in page


# Their inspections ----------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "place"), [("writer", "lead"), ("reader", "reviewer")])
def test_a_team_member_sees_their_inspections_with_their_role_and_status(
    cast, client_for, reading, role, place
):
    mine = _home(client_for(role), reading)["mine"]
    assert [(i["reference"], i["role"], i["status"]) for i in mine] == [
        ("MPS-DRAFT", place, "fieldwork"),
        ("MPS-FACTUAL", place, "factual-accuracy"),
        ("MPS-PUBLISHED", place, "published"),
    ]


def test_the_role_is_named_in_plain_words_on_the_page(cast, client_for, reading):
    writer = reading.html(client_for("writer").get("/"))
    reader = reading.html(client_for("reader").get("/"))
    assert '<td class="govuk-table__cell role-lead">Lead inspector</td>' in writer
    assert '<td class="govuk-table__cell role-reviewer">Moderator</td>' in reader


def test_a_liaison_has_the_inspections_they_are_invited_to_and_being_of_a_force_is_not_enough(
    cast, client_for, reading
):
    mine = _home(client_for("liaison"), reading)["mine"]
    assert [(i["reference"], i["role"], i["role_label"]) for i in mine] == [
        (cast.factual.reference, "liaison", "Force liaison")
    ]
    # Kent's liaison is of a force too, but invited to nothing: none of Kent's inspections are theirs.
    assert _home(client_for("outsider"), reading)["mine"] == []


def test_staff_on_no_team_have_no_inspections_of_their_own(cast, client_for, reading):
    client = client_for("staff")
    assert _home(client, reading)["mine"] == []
    assert "as staff you may open every" in reading.html(client.get("/"))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("role", ["writer", "reader", "liaison", "outsider", "anonymous"])
def test_a_draft_the_user_may_not_see_is_nowhere_on_their_home(cast, client_for, role, fmt):
    hidden = Inspection.objects.create(
        reference="MPS-HIDDEN",
        title="Nobody's draft",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FACTUAL_ACCURACY,
    )
    body = client_for(role).get(reverse(named("home", fmt))).content.decode()
    # Being of the force is not enough for its liaison: only those invited to a draft see it.
    assert hidden.reference not in body and str(hidden.code) not in body


# What awaits them ------------------------------------------------------------------------------


def test_a_writer_is_awaited_by_records_cases_areas_and_a_report_to_publish(
    cast, client_for, reading, audits, reviews
):
    """Each tiny audit has one record of two decided; each tiny review one case of two reviewed. The
    published inspection's are done with: nothing of it awaits."""
    assert _items(_home(client_for("writer"), reading)) == [
        ("publish", "MPS-FACTUAL", 1),
        ("records-to-decide", "MPS-DRAFT", 1),
        ("records-to-decide", "MPS-FACTUAL", 1),
        ("cases-to-review", "MPS-DRAFT", 1),
        ("cases-to-review", "MPS-FACTUAL", 1),
        ("areas-to-grade", "MPS-DRAFT", AREAS),
        ("areas-to-grade", "MPS-FACTUAL", AREAS),
    ]


def test_each_item_is_a_sentence_with_its_count_and_a_link(cast, client_for, reading, audits, reviews):
    client = client_for("writer")
    awaiting = {(item["kind"], item["inspection"]): item for item in _home(client, reading)["awaiting"]}
    publishable = awaiting[("publish", "MPS-FACTUAL")]
    assert (
        publishable["text"] == "The report of MPS-FACTUAL can be published under embargo: every "
        "factual-accuracy comment is answered and its grades break no grading rule."
    )
    assert publishable["url"] == _url(cast.factual, "report")
    records = awaiting[("records-to-decide", "MPS-DRAFT")]
    assert records["text"] == "1 record to decide in the crime data integrity audit MPS-DRAFT-CDI."
    assert records["url"] == reverse(
        "audit", kwargs={"code": cast.draft.code, "audit_code": audits["draft"].code}
    )
    cases = awaiting[("cases-to-review", "MPS-DRAFT")]
    assert cases["text"] == "1 case review to complete in the case-file review MPS-DRAFT-VSA."
    assert cases["url"] == reverse(
        "review", kwargs={"code": cast.draft.code, "review_code": reviews["draft"].code}
    )
    areas = awaiting[("areas-to-grade", "MPS-DRAFT")]
    assert areas["text"] == f"{AREAS} areas of MPS-DRAFT not yet graded."
    assert areas["url"] == _url(cast.draft, "judgments")
    page = reading.html(client.get("/"))
    for item in awaiting.values():
        assert f' href="{item["url"]}">{item["text"]}</a>'.replace("'", "&#x27;") in page


def test_grading_an_area_leaves_one_fewer_to_grade(cast, client_for, reading):
    client = client_for("writer")
    _grade(client, cast.draft, "responding", "good")
    counts = {(kind, ref): count for kind, ref, count in _items(_home(client, reading))}
    assert counts[("areas-to-grade", "MPS-DRAFT")] == AREAS - 1
    assert counts[("areas-to-grade", "MPS-FACTUAL")] == AREAS


def test_a_lead_is_told_of_breaches_to_resolve_before_publishing(cast, client_for, reading):
    client = client_for("writer")
    _grade(client, cast.factual, "responding", "inadequate")  # with no cause of concern: a breach
    awaiting = _home(client, reading)["awaiting"]
    assert ("publish", "MPS-FACTUAL", 1) not in _items({"awaiting": awaiting})
    breach = next(item for item in awaiting if item["kind"] == "breaches")
    assert (
        breach["text"]
        == "1 grading-rule breach to resolve before the report of MPS-FACTUAL can be published."
    )
    assert (breach["count"], breach["url"]) == (1, _url(cast.factual, "breaches"))


def test_a_lead_is_told_of_an_embargo_ending_within_the_week(cast, client_for, reading):
    soon = timezone.now() + datetime.timedelta(days=3)
    later = timezone.now() + datetime.timedelta(days=30)
    publish(cast.factual, cast.users["writer"], soon)
    publish(at_factual_accuracy(cast.draft), cast.users["writer"], later)
    items = _items(_home(client_for("writer"), reading))
    assert ("embargo-ends", "MPS-FACTUAL", 1) in items
    assert ("embargo-ends", "MPS-DRAFT", 1) not in items
    assert ("publish", "MPS-FACTUAL", 1) not in items  # published: under embargo, no longer in progress


def test_a_moderator_has_nothing_waiting_until_an_inspection_is_at_moderation(cast, client_for, reading):
    client = client_for("reader")
    assert _home(client, reading)["awaiting"] == []
    _grade(client_for("writer"), cast.draft, "responding", "good")
    Inspection.objects.filter(pk=cast.draft.pk).update(status=Status.MODERATION)
    awaiting = _home(client, reading)["awaiting"]
    assert [(item["kind"], item["count"], item["text"]) for item in awaiting] == [
        ("moderation", 10, "MPS-DRAFT is at moderation: 10 graded areas awaiting your decision.")
    ]
    assert awaiting[0]["url"] == f"/inspections/{cast.draft.code}/moderation"


def test_the_lead_is_offered_publishing_only_at_the_factual_accuracy_check(cast, client_for, reading):
    Inspection.objects.filter(pk=cast.draft.pk).update(status=Status.MODERATION)
    items = _items(_home(client_for("writer"), reading))
    assert ("publish", "MPS-DRAFT", 1) not in items
    Inspection.objects.filter(pk=cast.draft.pk).update(status=Status.FACTUAL_ACCURACY)
    assert ("publish", "MPS-DRAFT", 1) in _items(_home(client_for("writer"), reading))


def test_a_liaison_is_awaited_by_their_forces_factual_accuracy_check(cast, client_for, reading):
    awaiting = _home(client_for("liaison"), reading)["awaiting"]
    assert [(item["kind"], item["inspection"], item["count"]) for item in awaiting] == [
        ("factual-check", "MPS-FACTUAL", 1)
    ]
    assert awaiting[0]["text"] == (
        "The draft report of MPS-FACTUAL is at the factual-accuracy check: "
        "it awaits Metropolitan Police Service's comments."
    )
    assert awaiting[0]["url"] == reverse("inspection-report", kwargs={"code": cast.factual.code})


def test_another_forces_liaison_is_awaited_by_nothing(cast, client_for, reading):
    assert _home(client_for("outsider"), reading)["awaiting"] == []


def test_staff_see_everything_in_progress_counted_by_status(cast, client_for, reading):
    Inspection.objects.create(
        reference="KENT-DRAFT",
        title="A Kent draft",
        force_id="kent",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
    )
    awaiting = _home(client_for("staff"), reading)["awaiting"]
    assert [(item["text"], item["count"], item["url"]) for item in awaiting] == [
        ("2 inspections at fieldwork.", 2, "/inspections?status=fieldwork"),
        ("1 inspection at the factual-accuracy check.", 1, "/inspections?status=factual-accuracy"),
    ]


def test_the_home_page_says_so_when_nothing_awaits(cast, client_for, reading):
    page = reading.html(client_for("outsider").get("/"))
    assert "What awaits you" in page and "Nothing awaits you now." in page
