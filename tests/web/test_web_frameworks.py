"""A stored framework version never changes once an inspection uses it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from inspectorate.core.frameworks import get_framework
from inspectorate.core.frameworks.library import library
from inspectorate.core.frameworks.spec import Criterion
from inspectorate.web.registry.frameworks import FrameworkConflict, store_framework, sync_library
from inspectorate.web.registry.models import FrameworkVersion

pytestmark = pytest.mark.django_db


def reworded(framework_id: str, title: str = "Reworded title"):
    spec = get_framework(framework_id).model_copy(update={"title": title})
    assert spec.content_hash != get_framework(framework_id).content_hash
    return spec


def test_changed_content_under_an_id_in_use_is_refused(cast):
    stored_before = FrameworkVersion.objects.get(id="peel-2021")
    with pytest.raises(FrameworkConflict, match=r"peel-2021.*used by 4 inspection"):
        store_framework(reworded("peel-2021"))
    stored = FrameworkVersion.objects.get(id="peel-2021")
    assert (stored.content_hash, stored.content, stored.title) == (
        stored_before.content_hash,
        stored_before.content,
        stored_before.title,
    )


def test_changed_content_under_an_unused_id_is_updated(cast):
    spec = reworded("peel-2018")
    result = store_framework(spec)
    assert (result.framework_id, result.action) == ("peel-2018", "updated")
    stored = FrameworkVersion.objects.get(id="peel-2018")
    assert (stored.title, stored.content_hash) == ("Reworded title", spec.content_hash)
    assert stored.spec == spec
    assert stored.origin == FrameworkVersion.ORIGIN_FILE


def test_identical_content_is_unchanged(cast):
    for framework_id in ("peel-2021", "peel-2018"):
        assert store_framework(get_framework(framework_id)).action == "unchanged"


def test_a_new_id_is_added(cast):
    spec = get_framework("peel-2018").model_copy(update={"id": "peel-2018-local"})
    assert store_framework(spec).action == "added"
    assert FrameworkVersion.objects.get(id="peel-2018-local").content_hash == spec.content_hash


def test_sync_library_keeps_a_version_in_use_whose_content_differs(cast, staff, reading):
    # As if this workspace had stored an earlier wording of peel-2021 before the inspections used it.
    older = reworded("peel-2021", "PEEL 2021/22 (earlier wording)")
    FrameworkVersion.objects.filter(id="peel-2021").update(
        title=older.title, content=older.canonical_json(), content_hash=older.content_hash
    )
    results = {r.framework_id: r.action for r in sync_library()}
    assert results == {fid: "kept" if fid == "peel-2021" else "unchanged" for fid in library()}
    stored = FrameworkVersion.objects.get(id="peel-2021")
    assert (stored.title, stored.content_hash) == ("PEEL 2021/22 (earlier wording)", older.content_hash)
    # The inspection still reads the wording it was run against.
    data = reading.json(staff.get(reverse("inspection.json", kwargs={"code": cast.draft.code})))
    assert (data["framework_title"], data["framework_hash"]) == (older.title, older.content_hash)


def test_sync_library_updates_a_version_nobody_uses(cast):
    older = reworded("peel-2018", "PEEL 2018 (earlier wording)")
    FrameworkVersion.objects.filter(id="peel-2018").update(
        title=older.title, content=older.canonical_json(), content_hash=older.content_hash
    )
    assert {r.framework_id: r.action for r in sync_library()}["peel-2018"] == "updated"
    assert (
        FrameworkVersion.objects.get(id="peel-2018").content_hash == get_framework("peel-2018").content_hash
    )


def test_a_framework_in_use_cannot_be_deleted(cast):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        FrameworkVersion.objects.get(id="peel-2021").delete()


def test_framework_pages_report_how_many_inspections_use_each(cast, client_for, reading):
    # Counted as each reader may see them listed (test_web_visibility): staff see all four.
    data = reading.json(
        client_for("staff").get(reverse("framework.json", kwargs={"framework_id": "peel-2021"}))
    )
    assert data["inspections"] == 4
    assert data["content_hash"] == get_framework("peel-2021").content_hash


# Criteria and components on the framework page ---------------------------------------------------


def _framework_url(name: str, framework_id: str) -> str:
    return reverse(name, kwargs={"framework_id": framework_id})


def test_the_page_lists_each_areas_criteria_with_the_grade_they_describe(cast, client_for, reading):
    page = reading.html(client_for("anonymous").get(_framework_url("framework", "ba-2006")))
    single_post = re.search(r'<li id="criterion-6b.single-post">(.*?)</li>', page, re.S)
    assert single_post is not None
    assert "For Good" in single_post.group(1)
    assert "There should be a single post with accountability for all L&amp;D products" in single_post.group(
        1
    )
    assert "Dominant" not in page  # the 2006 report flags no criterion as dominant
    # 4B's four components sit beneath it, with the rule that caps it at the weakest.
    for title in ("Domestic violence", "Child protection", "Vulnerable missing persons"):
        assert f"<strong>{title}</strong>" in page
    assert "graded no better than its weakest graded component" in page


def test_a_dominant_criterion_is_marked(cast, client_for, reading):
    spec = get_framework("ba-2006")
    area = spec.area("1a").model_copy(
        update={
            "criteria": (Criterion(id="1a.critical", text="Meets the critical criterion.", dominant=True),)
        }
    )
    domain = spec.areas[0].model_copy(update={"children": (area, *spec.areas[0].children[1:])})
    local = spec.model_copy(update={"id": "ba-2006-local", "areas": (domain, *spec.areas[1:])})
    store_framework(local)
    page = reading.html(client_for("anonymous").get(_framework_url("framework", "ba-2006-local")))
    critical = re.search(r'<li id="criterion-1a.critical">(.*?)</li>', page, re.S)
    assert critical is not None and "Dominant" in critical.group(1) and "For " not in critical.group(1)
    data = reading.json(client_for("anonymous").get(_framework_url("framework.json", "ba-2006-local")))
    assert data["tree"][0]["children"][0]["criteria"] == [
        {"id": "1a.critical", "text": "Meets the critical criterion.", "dominant": True}
    ]
    rows = {
        row["area"]: row
        for row in reading.csv(client_for("anonymous").get(_framework_url("framework.csv", "ba-2006-local")))
    }
    assert rows["1a"]["criteria"] == "1a.critical (dominant): Meets the critical criterion."


def test_the_twins_carry_the_criteria_and_the_components(cast, client_for, reading):
    client = client_for("anonymous")
    data = reading.json(client.get(_framework_url("framework.json", "peel-2021")))
    recording = next(area for area in data["tree"] if area["id"] == "crime-recording")
    assert [c["id"] for c in recording["criteria"]] == ["cdi-1-good", "cdi-2-good", "cdi-3-good"]
    assert {c["grade"] for c in recording["criteria"]} == {"good"}
    rows = {row["area"]: row for row in reading.csv(client.get(_framework_url("framework.csv", "ba-2006")))}
    assert [a for a, row in rows.items() if row["parent"] == "4b"] == [
        "4b.domestic-violence",
        "4b.child-protection",
        "4b.dangerous-and-sex-offenders",
        "4b.missing-persons",
    ]
    assert rows["4b.child-protection"]["level"] == "component"
    assert rows["4b.child-protection"]["scale"] == "service-delivery"
    assert rows["6b"]["criteria"].split(";")[1] == (
        "6b.single-post (grade: good): There should be a single post with accountability for all "
        "L&D products and services."
    )
    assert rows["4b"]["criteria"] == ""
