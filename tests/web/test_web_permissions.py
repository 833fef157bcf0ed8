"""Who gets what from every view and its .json and .csv twins.

The rules (inspections/access.py, docs/permissions.md):
- staff see and change everything;
- the team sees its inspections; lead, inspector and analyst change them, a reviewer only reads;
- a force's liaison sees its inspections at the factual-accuracy check;
- everyone, signed in or not, sees an inspection once a published version is out of embargo, and
  reads that version only; anything else is a 404;
- the history of changes, evidence, an audit's records and worksheet, and a case-file review's
  cases, answers and answer sheet are for the team and staff only: a 404 for everyone else who sees
  the inspection, even once it is published (a review's aggregate results are seen by all who see it);
- a published inspection's record is locked: no change without a correction, even from a writer.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from inspectorate.web.inspections.models import Evidence, Finding, Judgment
from inspectorate.web.registry.models import PeerGroupVersion
from support.access import (
    FORMATS,
    INSPECTIONS,
    READ_ROUTES,
    ROLES,
    SEES,
    expected_read,
    inspection_url,
    may_change,
    named,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("route", READ_ROUTES)
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_inspection_pages_and_twins_answer_each_role_by_the_access_rules(
    cast, audits, reviews, client_for, role, key, route, fmt
):
    response = client_for(role).get(inspection_url(cast, key, route, fmt, audits, reviews))
    assert response.status_code == expected_read(role, key, route)
    if response.status_code == 200:
        expected_type = {"html": "text/html", "json": "application/json", "csv": "text/csv"}[fmt]
        assert response["Content-Type"].startswith(expected_type)
        assert cast.inspection(key).reference in response.content.decode() or fmt == "csv"


@pytest.mark.parametrize("route", ["finding-new", "evidence-new"])
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_new_finding_and_evidence_forms_are_for_writers_only(cast, client_for, role, key, route):
    response = client_for(role).get(inspection_url(cast, key, route))
    if key not in SEES[role]:
        assert response.status_code == 404
    elif may_change(role, key):
        assert response.status_code == 200
        assert b'<form method="post"' in response.content
    elif role == "anonymous":
        # Someone not signed in is sent to sign in, and comes back to the form afterwards.
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("route", ["finding-delete", "evidence-delete"])
@pytest.mark.parametrize("role", ["writer", "staff", "anonymous"])
def test_delete_urls_refuse_get(cast, client_for, role, route):
    response = client_for(role).get(inspection_url(cast, "published", route))
    assert response.status_code == 405
    assert Finding.objects.filter(pk=cast.findings["published"].pk).exists()
    assert Evidence.objects.filter(pk=cast.evidence["published"].pk).exists()


def _snapshot(inspection: Any) -> tuple:
    return (
        sorted(Judgment.objects.filter(inspection=inspection).values_list("area_id", "grade", "summary")),
        sorted(Finding.objects.filter(inspection=inspection).values_list("code", "kind", "text")),
        sorted(Evidence.objects.filter(inspection=inspection).values_list("code", "title")),
    )


def _post_for(cast: Any, key: str, action: str) -> tuple[str, dict[str, Any]]:
    """The URL and form data of one change to an inspection."""
    inspection = cast.inspection(key)
    if action == "judgment":
        judgment = Judgment.objects.filter(inspection=inspection, area_id="prevention").first()
        revision = judgment.revision if judgment else 0
        return inspection_url(cast, key, "area"), {"grade": "good", "summary": "Posted", "revision": revision}
    if action in ("finding-new", "finding"):
        data = {"kind": "strength", "areas": ["responding"], "text": "Posted finding"}
        if action == "finding":  # an edit carries the revision it was opened at
            data["revision"] = Finding.objects.get(pk=cast.findings[key].pk).revision
        return inspection_url(cast, key, action), data
    if action in ("evidence-new", "evidence"):
        data = {"kind": "interview", "title": "Posted evidence", "areas": ["responding"]}
        if action == "evidence":
            data["revision"] = Evidence.objects.get(pk=cast.evidence[key].pk).revision
        return inspection_url(cast, key, action), data
    return inspection_url(cast, key, action), {}


WRITE_ACTIONS = (
    "judgment",
    "finding-new",
    "finding",
    "finding-delete",
    "evidence-new",
    "evidence",
    "evidence-delete",
)


@pytest.mark.parametrize("action", WRITE_ACTIONS)
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_posts_change_an_inspection_only_for_writers(cast, client_for, role, key, action):
    inspection = cast.inspection(key)
    url, data = _post_for(cast, key, action)
    before = _snapshot(inspection)
    response = client_for(role).post(url, data)
    if key not in SEES[role]:
        assert response.status_code == 404
    elif may_change(role, key):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"].startswith(reverse("inspection", kwargs={"code": inspection.code}))
    else:
        assert response.status_code == 403
    changed = _snapshot(inspection) != before
    assert changed == (response.status_code == 302)


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("role", ["reader", "liaison", "anonymous"])
def test_posting_to_a_twin_changes_nothing(cast, client_for, role, fmt):
    url = inspection_url(cast, "published", "area", fmt)
    before = _snapshot(cast.published)
    response = client_for(role).post(url, {"grade": "inadequate"})
    assert response.status_code == 405  # twins are read-only
    assert _snapshot(cast.published) == before


GLOBAL_PAGES = [
    ("home", {}),
    ("frameworks", {}),
    ("framework", {"framework_id": "peel-2021"}),
    ("forces", {}),
    ("force", {"force_id": "metropolitan"}),
    ("peer-groups", {}),
    ("inspections", {}),
    ("review-templates", {}),
    ("review-template", {"template_id": "peel-2021-victim-service", "version": "2021.1"}),
    ("force-history", {"force_id": "metropolitan"}),
    ("published-reports", {}),
    ("grades", {}),
    ("open-data", {}),
    ("open-grades", {}),
    ("open-figures", {}),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "kwargs"), GLOBAL_PAGES, ids=[name for name, _ in GLOBAL_PAGES])
@pytest.mark.parametrize("role", ROLES)
def test_reference_pages_and_twins_are_open_to_everyone(cast, client_for, role, name, kwargs, fmt):
    response = client_for(role).get(reverse(named(name, fmt), kwargs=kwargs))
    assert response.status_code == 200
    expected_type = {"html": "text/html", "json": "application/json", "csv": "text/csv"}[fmt]
    assert response["Content-Type"].startswith(expected_type)


@pytest.mark.parametrize("role", ROLES)
def test_most_similar_group_form_is_for_staff_only(cast, client_for, role):
    client = client_for(role)
    url = reverse("peer-group-new")
    response = client.get(url)
    posted = client.post(url, {"label": "x", "source": "y", "table": "force,peers\nkent,surrey\n"})
    if role == "staff":
        assert response.status_code == 200
        assert posted.status_code == 302
        assert PeerGroupVersion.objects.count() == 1
    elif role == "anonymous":  # asked to sign in on the site's own page, not the admin's
        for answer in (response, posted):
            assert answer.status_code == 302
            assert answer["Location"].startswith(reverse("login") + "?next=")
        assert PeerGroupVersion.objects.count() == 0
    else:
        for answer in (response, posted):
            assert answer.status_code == 403
            assert "Only staff enter most similar groups" in answer.content.decode()
        assert PeerGroupVersion.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("framework", {"framework_id": "no-such-framework"}),
        ("force", {"force_id": "atlantis"}),
        ("inspection", {"code": "00000000-0000-0000-0000-000000000000"}),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_objects_are_404_in_every_format(cast, staff, name, kwargs, fmt):
    assert staff.get(reverse(named(name, fmt), kwargs=kwargs)).status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_area_is_404(cast, staff, fmt):
    url = reverse(named("area", fmt), kwargs={"code": cast.draft.code, "area_id": "no-such-area"})
    assert staff.get(url).status_code == 404


@pytest.mark.parametrize("route", ["finding", "evidence"])
@pytest.mark.parametrize("role", ["anonymous", "outsider", "staff"])
def test_a_draft_finding_or_evidence_cannot_be_reached_through_a_published_inspection(
    cast, client_for, role, route
):
    """Findings and evidence are looked up within the inspection in the URL, never across."""
    if route == "finding":
        kwargs = {"code": cast.published.code, "finding_code": cast.findings["draft"].code}
    else:
        kwargs = {"code": cast.published.code, "evidence_code": cast.evidence["draft"].code}
    for fmt in FORMATS:
        response = client_for(role).get(reverse(named(route, fmt), kwargs=kwargs))
        assert response.status_code == 404
        assert cast.draft.reference.encode() not in response.content


@pytest.mark.parametrize("route", ["finding-delete", "evidence-delete"])
def test_a_writer_cannot_delete_another_inspections_record_through_the_wrong_url(cast, writer, route):
    if route == "finding-delete":
        kwargs = {"code": cast.draft.code, "finding_code": cast.findings["published"].code}
    else:
        kwargs = {"code": cast.draft.code, "evidence_code": cast.evidence["published"].code}
    assert writer.post(reverse(route, kwargs=kwargs)).status_code == 404
    assert Finding.objects.filter(pk=cast.findings["published"].pk).exists()
    assert Evidence.objects.filter(pk=cast.evidence["published"].pk).exists()


# Which inspections appear in lists --------------------------------------------------------

LISTS = [
    ("inspections", {}),
    ("home", {}),
    ("force", {"force_id": "metropolitan"}),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "kwargs"), LISTS, ids=[name for name, _ in LISTS])
@pytest.mark.parametrize("role", ROLES)
def test_lists_show_exactly_the_inspections_a_user_may_see(cast, client_for, role, name, kwargs, fmt):
    body = client_for(role).get(reverse(named(name, fmt), kwargs=kwargs)).content.decode()
    for key in INSPECTIONS:
        inspection = cast.inspection(key)
        shown = str(inspection.code) in body
        assert shown == (key in SEES[role]), f"{inspection.reference} shown={shown} to {role}"
        assert (inspection.reference in body) == shown


@pytest.mark.parametrize("role", ROLES)
def test_home_counts_only_visible_inspections(cast, client_for, role, reading):
    data = reading.json(client_for(role).get("/index.json"))
    # The three Metropolitan inspections this user may see, plus the published Kent one.
    assert data["inspections_visible"] == len(SEES[role]) + 1


@pytest.mark.parametrize("role", ["outsider", "anonymous", "liaison"])
def test_filtering_the_list_by_status_does_not_reveal_a_draft(cast, client_for, role, reading):
    for status in ("fieldwork", "planning", "moderation"):
        data = reading.json(client_for(role).get(f"/inspections.json?status={status}&force=metropolitan"))
        assert data["inspections"] == []


def test_a_liaison_sees_only_their_own_forces_factual_accuracy_inspections(cast, client_for, reading):
    """The outsider is Kent's liaison: the Met's factual-accuracy draft stays hidden from them."""
    liaison = reading.json(client_for("liaison").get("/inspections.json"))
    outsider = reading.json(client_for("outsider").get("/inspections.json"))
    assert "MPS-FACTUAL" in {i["reference"] for i in liaison["inspections"]}
    assert "MPS-FACTUAL" not in {i["reference"] for i in outsider["inspections"]}


def test_csrf_is_enforced_on_writes(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["writer"])
    url = inspection_url(cast, "draft", "area")
    assert client.post(url, {"grade": "good"}).status_code == 403
    assert not Judgment.objects.filter(inspection=cast.draft).exists()


@pytest.mark.parametrize("route", ["area", "finding", "evidence"])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_twins_refuse_post_even_from_a_writer(cast, client_for, route, fmt):
    url = inspection_url(cast, "draft", route, fmt)
    response = client_for("writer").post(url, {"grade": "inadequate", "text": "x", "title": "x"})
    assert response.status_code == 405
