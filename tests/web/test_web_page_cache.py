"""The public page cache (web/public/page_cache.py): a page answered to a reader who is not signed in
is kept and answered again, for one small query, until what it shows changes: a new version, a
correction, an embargo ending, any record the public pages are built from. Signed-in readers never
get or fill it; twins and queries are kept apart; errors, redirects and forms are never kept."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.inspections.models import Inspection
from inspectorate.web.inspections.recording import record_judgment, save_finding
from inspectorate.web.public import page_cache
from inspectorate.web.public.cache_settings import caches_from_url
from inspectorate.web.public.models import PublicChange
from inspectorate.web.public.page_cache import note_change
from inspectorate.web.registry.models import Force
from inspectorate.web.reports.publishing import publish, publish_record
from support.lifecycle import at_factual_accuracy
from support.publishing import correction

pytestmark = pytest.mark.django_db

REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def graded(cast: Any) -> Inspection:
    """The cast's published inspection, graded inadequate on responding through a correction."""
    with correction(cast.published):
        record_judgment(cast.published, "responding", grade="inadequate")
        concern = save_finding(
            cast.published, kind="cause-of-concern", area_ids=["responding"], text="Calls wait."
        )
        save_finding(
            cast.published, kind="recommendation", area_ids=["responding"], text="Act.", parent=concern
        )
    return cast.published


@pytest.fixture
def embargoed(cast: Any) -> Inspection:
    """The draft, graded, published under an embargo that ends tomorrow."""
    record_judgment(cast.draft, "prevention", grade="outstanding")
    publish(
        at_factual_accuracy(cast.draft), cast.users["writer"], timezone.now() + datetime.timedelta(days=1)
    )
    return cast.draft


def _grade(client: Client, inspection: str, area: str) -> tuple[str | None, str]:
    """The grade the grades table's JSON shows, and whether the answer came from the cache."""
    response = client.get(reverse("grades.json") + "?framework=peel-2021")
    rows = {row["inspection"]: row for row in response.json()["rows"]}
    label = rows[inspection]["grades"][area]["label"] if inspection in rows else None
    return label, response.get("X-Cache", "")


def _listed(client: Client) -> tuple[set[str], str]:
    response = client.get(reverse("published-reports.json"))
    return {r["reference"] for r in response.json()["reports"]}, response.get("X-Cache", "")


def test_a_second_anonymous_request_is_answered_from_the_cache_for_one_query(graded, client_for):
    anonymous = client_for("anonymous")
    first = anonymous.get(reverse("grades"))
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client_for("anonymous").get(reverse("grades"))
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]


def test_a_signed_in_reader_is_never_answered_from_the_cache_nor_fills_it(graded, client_for):
    page = reverse("inspection", kwargs={"code": graded.code})
    open_correction_text = "The working copy's new grade"
    with correction(graded, open_correction_text, publish_now=False):
        record_judgment(graded, "responding", grade="requires-improvement")  # not published
    anonymous = client_for("anonymous")
    assert anonymous.get(page)["X-Cache"] == "miss"
    assert anonymous.get(page)["X-Cache"] == "hit"
    for role in ("writer", "staff", "outsider"):
        answer = client_for(role).get(page)
        assert answer.status_code == 200
        assert "X-Cache" not in answer, f"{role} was answered from the public cache"
    writer_first = client_for("writer").get(reverse("inspection.json", kwargs={"code": graded.code}))
    assert "X-Cache" not in writer_first
    public = anonymous.get(reverse("inspection.json", kwargs={"code": graded.code}))
    assert public["X-Cache"] == "miss", "the writer's request filled the cache"
    grades = {g["area"]: g["grade"] for g in public.json()["areas"] if g["grade"]}
    assert grades.get("responding") == "inadequate"  # the published version, not the working copy


def test_publishing_a_correction_changes_the_cached_page_at_once(graded, client_for):
    anonymous = client_for("anonymous")
    assert _grade(anonymous, "MPS-PUBLISHED", "responding") == ("Inadequate", "miss")
    assert _grade(anonymous, "MPS-PUBLISHED", "responding") == ("Inadequate", "hit")
    with correction(graded, publish_now=False):
        record_judgment(graded, "responding", grade="requires-improvement")
    # A correction still open is the team's: the public page may be made again, but shows the same.
    assert _grade(anonymous, "MPS-PUBLISHED", "responding")[0] == "Inadequate"
    publish(graded, None, timezone.now())
    assert _grade(anonymous, "MPS-PUBLISHED", "responding") == ("Requires improvement", "miss")


def test_a_first_version_published_at_once_is_listed_at_once(cast, client_for):
    anonymous = client_for("anonymous")
    before, _ = _listed(anonymous)
    assert "MPS-DRAFT" not in before
    assert _listed(anonymous)[1] == "hit"
    record_judgment(cast.draft, "prevention", grade="good")
    publish(at_factual_accuracy(cast.draft), cast.users["writer"], timezone.now())
    after, where = _listed(anonymous)
    assert "MPS-DRAFT" in after and where == "miss"


def test_an_embargo_ending_shows_the_report_at_once_without_any_write(embargoed, client_for, later):
    anonymous = client_for("anonymous")
    assert "MPS-DRAFT" not in _listed(anonymous)[0]
    assert _listed(anonymous)[1] == "hit"
    changes = PublicChange.objects.count()
    later(2)  # the embargo has ended; nothing was written
    listed, where = _listed(anonymous)
    assert "MPS-DRAFT" in listed and where == "miss"
    assert _grade(anonymous, "MPS-DRAFT", "prevention")[0] == "Outstanding"
    assert PublicChange.objects.count() == changes


def test_a_change_to_the_registry_shows_at_once(cast, client_for):
    anonymous = client_for("anonymous")
    page = reverse("force", kwargs={"force_id": "kent"})
    assert "Kent Constabulary" not in anonymous.get(page).content.decode()
    assert anonymous.get(page)["X-Cache"] == "hit"
    kent = Force.objects.get(pk="kent")
    kent.name = "Kent Constabulary"
    kent.save()
    answer = anonymous.get(page)
    assert answer["X-Cache"] == "miss" and "Kent Constabulary" in answer.content.decode()


def test_a_twin_and_a_query_are_kept_apart_from_the_page(graded, client_for):
    anonymous = client_for("anonymous")
    html = anonymous.get(reverse("grades"))
    twin = anonymous.get(reverse("grades.json"))
    csv = anonymous.get(reverse("grades.csv"))
    narrowed = anonymous.get(reverse("grades.json") + "?force=kent")
    assert [a["X-Cache"] for a in (html, twin, csv, narrowed)] == ["miss"] * 4
    assert anonymous.get(reverse("grades"))["Content-Type"].startswith("text/html")
    again = anonymous.get(reverse("grades.json"))
    assert again["X-Cache"] == "hit" and again["Content-Type"] == "application/json"
    assert again.content == twin.content
    assert anonymous.get(reverse("grades.csv")).content == csv.content
    assert anonymous.get(reverse("grades.json") + "?force=kent").content == narrowed.content
    assert narrowed.content != twin.content


def test_errors_redirects_forms_and_readers_with_a_message_are_never_kept(cast, client_for):
    anonymous = client_for("anonymous")
    draft = reverse("inspection", kwargs={"code": cast.draft.code})
    login = reverse("login")
    for _ in range(2):
        assert "X-Cache" not in (missing := anonymous.get(draft)) and missing.status_code == 404
        assert "X-Cache" not in (redirect := anonymous.get("/admin/")) and redirect.status_code == 302
        form = Client().get(login)  # a form with its CSRF token, setting its cookie
        assert form.status_code == 200 and "X-Cache" not in form
    with_message = Client()
    with_message.cookies["messages"] = "a message to show"
    assert "X-Cache" not in with_message.get(reverse("grades"))


def test_a_cache_of_no_seconds_keeps_nothing(graded, client_for, settings):
    settings.PAGE_CACHE_SECONDS = 0
    anonymous = client_for("anonymous")
    assert "X-Cache" not in anonymous.get(reverse("grades"))
    assert "X-Cache" not in anonymous.get(reverse("grades"))


def test_old_notes_of_changes_are_pruned_and_the_latest_kept(cast, monkeypatch):
    monkeypatch.setattr(page_cache, "KEPT_CHANGES", 5)
    for _ in range(12):
        note_change(Force)
    latest = PublicChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert latest is not None
    kept = set(PublicChange.objects.values_list("pk", flat=True))
    assert latest in kept and latest - 1 in kept
    assert min(kept) > latest - 10, "notes older than two batches are pruned"


def test_the_embedded_cache_is_the_default_and_an_unknown_url_is_one_clear_line():
    assert caches_from_url("")["default"]["BACKEND"].endswith("LocMemCache")
    with pytest.raises(ImproperlyConfigured) as raised:
        caches_from_url("memcached://127.0.0.1:11211")
    assert "INSPECTORATE_CACHE_URL='memcached://127.0.0.1:11211'" in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.fixture
def redis_caches() -> dict[str, Any]:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"no Redis at {REDIS_TEST_URL} ({exc}): the Redis backend is not tried")
    return caches_from_url(REDIS_TEST_URL)


def test_the_redis_backend_is_chosen_by_the_setting(redis_caches, graded, client_for):
    assert redis_caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    with override_settings(CACHES=redis_caches):
        cache = caches["default"]
        try:
            cache.clear()
            cache.set("inspectorate-test", {"kept": 1}, 30)
            assert cache.get("inspectorate-test") == {"kept": 1}
            anonymous = client_for("anonymous")
            assert anonymous.get(reverse("grades"))["X-Cache"] == "miss"
            assert anonymous.get(reverse("grades"))["X-Cache"] == "hit"
        finally:
            cache.clear()


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_a_page_made_afresh_reads_every_report_version_in_one_query(cast, client_for, settings):
    """A miss stays cheap: the home page, a force's page and the public lists cost as many queries
    with five more published inspections as without them (no query per inspection)."""
    settings.PAGE_CACHE_SECONDS = 0
    anonymous = client_for("anonymous")
    pages = ["/", "/forces/kent", "/grades", "/reports"]
    before = {url: _queries(anonymous, url) for url in pages}
    for n in range(5):
        inspection = Inspection.objects.create(
            reference=f"KENT-{n}", title="Kent", force_id="kent", framework_id="peel-2021"
        )
        publish_record(inspection, timezone.now() - datetime.timedelta(days=1), "1 May 2022")
    assert {url: _queries(anonymous, url) for url in pages} == before


def test_an_edition_loaded_into_the_workspace_changes_what_the_national_pages_are_kept_under(
    cast, client_for, settings, tmp_path
):
    """`inspectorate national load` writes no database row: the national tables' catalog is in the key."""
    from inspectorate.core.national.store import NationalStore, national_dir
    from support.national import synthetic_table

    settings.WORKSPACE = tmp_path
    first = client_for("anonymous").get(reverse("national.json"))
    again = client_for("anonymous").get(reverse("national.json"))
    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")
    NationalStore(national_dir(tmp_path)).add(synthetic_table("synthetic-test-edition"))  # SYNTHETIC
    after = client_for("anonymous").get(reverse("national.json"))
    assert after["X-Cache"] == "miss"
    assert "synthetic-test-edition" in after.content.decode()
