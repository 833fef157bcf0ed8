"""A stored framework version never changes once an inspection uses it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspectorate.core.frameworks import get_framework
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
    assert results == {
        "ba-2006": "unchanged",
        "cdi-2016": "unchanged",
        "core-business-2014": "unchanged",
        "peel-2015-effectiveness": "unchanged",
        "peel-2018": "unchanged",
        "peel-2021": "kept",
    }
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
