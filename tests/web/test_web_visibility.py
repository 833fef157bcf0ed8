"""Who sees a force's data returns, and counts and lists that show only what the reader may see.

A force's data returns (the figures drawn from them as they are now, on the numbers page and its
twins) are for staff and the teams of that force's inspections; everyone else reads the figures a
report printed, and a return loaded after publication never changes what was published. A count or
a list says nothing of a draft its reader may not see: frameworks' inspection counts, the review
templates stored by reviews, the home page.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspectorate.core.casereview.cases import CaseFile
from inspectorate.core.casereview.library import get_template
from inspectorate.core.data.store import DataStore
from inspectorate.core.data.synth import synthesise
from inspectorate.core.workspace import data_store_dir
from inspectorate.web.inspections.access import sees_data_returns
from inspectorate.web.inspections.models import Inspection, Status, TeamMember, TeamRole
from inspectorate.web.reports.publishing import publish
from inspectorate.web.reviews.models import CaseReview
from inspectorate.web.reviews.services import create_review, store_template
from support.access import FORMATS, named

pytestmark = pytest.mark.django_db

DATASET = "metropolitan/return"
# Those who may see the force's data returns: its inspections' team (a lead, a moderator) and staff.
SEE_RETURNS = ("writer", "reader", "staff")
# Everyone else: the force's own liaison, a liaison of another force, the team of another force's
# inspection, a signed-in user with no role, and a visitor who is not signed in.
NOT_RETURNS = ("liaison", "outsider", "kent_team", "nobody", "anonymous")


@dataclass(frozen=True)
class Returns:
    """Two versions of the Metropolitan's data return, as files a force would send (no synthetic
    label: they load as real data)."""

    first: list[Path]
    second: list[Path]


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> Returns:
    folder = tmp_path_factory.mktemp("returns")
    first = synthesise("metropolitan", 2021, folder / "first", scale=0.002, seed=1)
    second = synthesise("metropolitan", 2021, folder / "second", scale=0.004, seed=2)
    return Returns(sorted(first.files.values()), sorted(second.files.values()))


def _load(workspace: Path, files: list[Path], *, replace: bool = False) -> None:
    DataStore(data_store_dir(workspace)).load("metropolitan", "return", files, replace=replace)


@pytest.fixture
def loaded(settings: Any, tmp_path: Path, returns: Returns) -> Path:
    """A workspace holding the first return, as the web app's workspace."""
    settings.WORKSPACE = tmp_path
    _load(tmp_path, returns.first)
    return tmp_path


@pytest.fixture
def client_as(cast: Any, client_for: Callable[[str], Client]) -> Callable[[str], Client]:
    """client_for, and two more: 'nobody' (signed in, no role) and 'kent_team' (the lead of Kent's
    published inspection, and of nothing of the Metropolitan's)."""

    def make(role: str) -> Client:
        if role not in ("nobody", "kent_team"):
            return client_for(role)
        user, _ = User.objects.get_or_create(username=role)
        if role == "kent_team":
            TeamMember.objects.get_or_create(inspection=cast.kent_published, user=user, role=TeamRole.LEAD)
        client = Client()
        client.force_login(user)
        return client

    return make


def _numbers_url(inspection: Inspection, fmt: str = "html") -> str:
    return reverse(named("inspection-numbers", fmt), kwargs={"code": inspection.code})


def _values(lines: list[dict[str, Any]]) -> dict[str, Any]:
    return {line["indicator"]: line["value"] for line in lines}


# A force's data returns ------------------------------------------------------------------------


def test_the_rule_lets_staff_and_the_forces_inspection_teams_see_its_data_returns(cast, client_as):
    client_as("kent_team")  # made on the team of Kent's inspection
    users = {**cast.users, "kent_team": User.objects.get(username="kent_team"), "anonymous": AnonymousUser()}
    seeing = {role for role, user in users.items() if sees_data_returns(user, "metropolitan")}
    assert seeing == set(SEE_RETURNS)
    assert sees_data_returns(users["kent_team"], "kent") and not sees_data_returns(users["writer"], "kent")


@pytest.mark.parametrize("role", SEE_RETURNS)
def test_the_team_and_staff_see_the_forces_data_return_on_every_format(
    cast, loaded, client_as, reading, role
):
    client = client_as(role)
    for key in ("draft", "factual", "published"):
        inspection = cast.inspection(key)
        document = reading.json(client.get(_numbers_url(inspection, "json")))
        assert [d["dataset"] for d in document["datasets"]] == [DATASET], key
        assert document["numbers"]["dataset"] == DATASET
        rows = reading.csv(client.get(_numbers_url(inspection, "csv")))
        assert rows and {row["dataset"] for row in rows} == {DATASET}
        assert any(row["numerator"] for row in rows)  # counted from the return itself
        page = reading.html(client.get(_numbers_url(inspection)))
        assert 'name="dataset"' in page and "<code>metropolitan/return</code>" in page


@pytest.mark.parametrize("role", NOT_RETURNS)
def test_no_one_else_sees_the_forces_data_return_on_any_format(cast, loaded, client_as, reading, role):
    client = client_as(role)
    for key in ("draft", "factual", "published"):
        inspection = cast.inspection(key)
        sees_inspection = key == "published" or (key == "factual" and role == "liaison")
        for fmt in FORMATS:
            # Chosen by name too: a dataset asked for is not one they may read.
            response = client.get(_numbers_url(inspection, fmt) + "?dataset=return&to=2021-03")
            if not sees_inspection:
                assert response.status_code == 404, (role, key, fmt)
                continue
            assert response.status_code == 200, (role, key, fmt)
            if fmt == "json":
                document = reading.json(response)
                assert (document["datasets"], document["numbers"]) == ([], None), (role, key)
            elif fmt == "csv":
                rows = reading.csv(response)
                assert all(row["numerator"] == "" and row["dimension"] == "" for row in rows), (role, key)
            else:
                page = reading.html(response)
                assert '<select name="dataset">' not in page and "<svg" not in page, (role, key)
                assert "<code>metropolitan/return</code>" not in page, (role, key)


def test_the_forces_liaison_checks_the_figures_the_draft_report_prints(cast, loaded, client_as, reading):
    report = reading.json(
        client_as("writer").get(reverse("inspection-report.json", kwargs={"code": cast.factual.code}))
    )
    assert report["numbers"] is not None
    liaison = client_as("liaison")
    document = reading.json(liaison.get(_numbers_url(cast.factual, "json")))
    assert _values(document["published"]["lines"]) == _values(report["numbers"]["lines"])
    page = reading.html(liaison.get(_numbers_url(cast.factual)))
    assert "As the draft report prints them" in page


def test_a_data_return_loaded_after_publication_never_reaches_a_public_page(
    cast, loaded, returns, client_as, reading, later
):
    inspection = Inspection.objects.create(
        reference="MPS-NUMBERS",
        title="Numbers, published",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FACTUAL_ACCURACY,  # a first version is published at the factual-accuracy check
        period_end=datetime.date(2021, 3, 31),
    )
    TeamMember.objects.create(inspection=inspection, user=cast.users["writer"], role=TeamRole.LEAD)
    publish(inspection, cast.users["writer"], timezone.now())
    later(0.01)
    _load(loaded, returns.second, replace=True)  # the force's newer return, loaded the day after
    team = reading.json(client_as("writer").get(_numbers_url(inspection, "json")))
    newer = {r["id"]: r["value"] for r in team["numbers"]["results"]}
    report_url = reverse("inspection-report.json", kwargs={"code": inspection.code})
    printed = _values(reading.json(client_as("anonymous").get(report_url))["numbers"]["lines"])
    assert printed and printed != newer  # the team reads the newer return; it differs
    for role in NOT_RETURNS:
        client = client_as(role)
        document = reading.json(client.get(_numbers_url(inspection, "json")))
        assert _values(document["published"]["lines"]) == printed, role
        assert document["numbers"] is None and document["datasets"] == []
        rows = reading.csv(client.get(_numbers_url(inspection, "csv")))
        assert {row["indicator"]: row["value"] for row in rows} == {
            k: "" if v is None else str(v) for k, v in printed.items()
        }
        report = reading.json(client.get(report_url))
        assert _values(report["numbers"]["lines"]) == printed, role
        page = reading.html(client.get(_numbers_url(inspection)))
        assert "As the published report printed them" in page


# Counts and lists ------------------------------------------------------------------------------

# The cast's peel-2021 inspections: three of the Metropolitan's (a draft, one at the factual-accuracy
# check, one published) and Kent's published one.
PEEL_2021_COUNTED = {
    "writer": 4,
    "reader": 4,
    "staff": 4,
    "liaison": 3,  # the published two, and their force's at the factual-accuracy check
    "outsider": 2,
    "kent_team": 2,
    "nobody": 2,
    "anonymous": 2,
}


@pytest.mark.parametrize("role", PEEL_2021_COUNTED)
def test_frameworks_count_only_the_inspections_the_reader_may_see(cast, client_as, reading, role):
    client = client_as(role)
    expected = PEEL_2021_COUNTED[role]
    listed = reading.json(client.get(reverse("frameworks.json")))
    assert next(f["inspections"] for f in listed["frameworks"] if f["id"] == "peel-2021") == expected
    rows = reading.csv(client.get(reverse("frameworks.csv")))
    assert next(r["inspections"] for r in rows if r["id"] == "peel-2021") == str(expected)
    page = reading.html(client.get(reverse("frameworks")))
    row = re.search(r'href="/frameworks/peel-2021".*?</tr>', page, re.S)
    assert row is not None and re.findall(
        r'<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>', row.group(0)
    )[-1] == str(expected)
    detail = reading.json(client.get(reverse("framework.json", kwargs={"framework_id": "peel-2021"})))
    assert detail["inspections"] == expected
    # The inspections list, the home page and the force page count the same inspections.
    home = reading.json(client.get(reverse("home.json")))
    assert home["inspections_visible"] == expected
    inspections = reading.json(client.get(reverse("inspections.json")))
    assert len(inspections["inspections"]) == expected


DRAFT_TEMPLATE = get_template("peel-2021-victim-service").model_copy(
    update={"version": "2021.9-draft", "title": "A questionnaire drafted for a draft"}
)
PUBLISHED_TEMPLATE = get_template("peel-2021-victim-service").model_copy(
    update={"version": "2021.8-published", "title": "A questionnaire used by a published review"}
)
TEAM = ("writer", "reader", "staff")


@pytest.fixture
def stored_templates(cast: Any) -> None:
    """A template version stored by a review of the draft, and another by one of the published
    inspection (made straight in the database, as fieldwork done before publication)."""
    cases = [CaseFile("CASE-1")]
    create_review(cast.draft, DRAFT_TEMPLATE, cases, source="list", template_source="draft.xlsx",
                  reference="MPS-DRAFT-VSA")  # fmt: skip
    CaseReview.objects.create(
        reference="MPS-PUBLISHED-VSA",
        inspection=cast.published,
        template=store_template(PUBLISHED_TEMPLATE, "published.xlsx"),
        source="case list",
        second_share=0,
    )


@pytest.mark.parametrize("role", [*TEAM, "liaison", "outsider", "nobody", "anonymous"])
def test_review_templates_list_only_those_of_reviews_the_reader_may_see(
    cast, stored_templates, client_as, reading, role
):
    client = client_as(role)
    sees_draft = role in TEAM
    expected = {"2021.8-published", "2021.9-draft"} if sees_draft else {"2021.8-published"}
    listed = reading.json(client.get(reverse("review-templates.json")))
    assert {t["version"] for t in listed["stored"]} == expected
    rows = reading.csv(client.get(reverse("review-templates.csv")))
    assert {r["version"] for r in rows if r["where"] == "stored"} == expected
    page = reading.html(client.get(reverse("review-templates")))
    assert ("A questionnaire drafted for a draft" in page) is sees_draft
    assert "A questionnaire used by a published review" in page
    kwargs = {"template_id": DRAFT_TEMPLATE.id, "version": DRAFT_TEMPLATE.version}
    for name in ("review-template", "review-template.json", "review-template.csv", "review-template-yaml"):
        status = client.get(reverse(name, kwargs=kwargs)).status_code
        assert status == (200 if sees_draft else 404), (name, status)
    published = {"template_id": PUBLISHED_TEMPLATE.id, "version": PUBLISHED_TEMPLATE.version}
    assert client.get(reverse("review-template", kwargs=published)).status_code == 200


def test_a_shipped_template_stored_only_by_a_drafts_review_is_shown_as_shipped_to_others(
    cast, client_as, reading
):
    shipped = get_template("peel-2021-victim-service")
    create_review(cast.draft, shipped, [CaseFile("CASE-1")], source="list", template_source="shipped",
                  reference="MPS-DRAFT-VSA")  # fmt: skip
    kwargs = {"template_id": shipped.id, "version": shipped.version}
    for role, stored in (("anonymous", False), ("nobody", False), ("writer", True)):
        document = reading.json(client_as(role).get(reverse("review-template.json", kwargs=kwargs)))
        assert document["shipped"] is True and (document["stored"] is not None) is stored, role
