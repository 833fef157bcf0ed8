"""The races of test_web_concurrency run for real: requests in threads at once, each on its own
connection, against PostgreSQL (whose row locks are what these rely on; SQLite serialises writers
in its write transaction instead, and is covered there by the races played in order)."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.inspections.models import Finding, Inspection, Judgment, Status, TeamMember, TeamRole
from inspectorate.web.inspections.recording import record_judgment, save_finding
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from inspectorate.web.reports.models import ReportVersion
from inspectorate.web.reports.publishing import open_correction, publish
from support.lifecycle import at_factual_accuracy

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 6


@pytest.fixture(autouse=True)
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL's row locks")


@pytest.fixture
def lead() -> User:
    return User.objects.create_user("lead")


@pytest.fixture
def draft(lead: User) -> Inspection:
    sync_library()
    sync_forces()
    inspection = Inspection.objects.create(
        reference="MPS-RACE",
        title="Inspection raced",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
    )
    TeamMember.objects.create(inspection=inspection, user=lead, role=TeamRole.LEAD)
    record_judgment(inspection, "responding", grade="inadequate")
    concern = save_finding(
        inspection, kind="cause-of-concern", area_ids=["responding"], text="Calls wait too long."
    )
    # A cause of concern carries its recommendation (the framework's rule), or nothing is published.
    answer = "Answer calls sooner."
    save_finding(inspection, kind="recommendation", area_ids=["responding"], text=answer, parent=concern)
    return inspection


def at_once(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(0..count-1)`` in threads released together; their results, or what they raised."""
    start = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(n: int) -> None:
        try:
            start.wait()
            results[n] = work(n)
        except Exception as exc:  # the test reports whatever a writer met
            results[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_findings_added_at_once_each_take_a_place_of_their_own(draft):
    results = at_once(
        WRITERS, lambda n: save_finding(draft, kind="strength", area_ids=["prevention"], text=f"Writer {n}")
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    places = list(Finding.objects.filter(inspection=draft).values_list("position", flat=True))
    there = 2  # the draft's cause of concern and its recommendation
    assert len(places) == WRITERS + there
    assert sorted(places) == list(range(WRITERS + there))


def test_writers_of_one_judgment_at_once_one_saves_and_the_others_are_told(draft, lead):
    url = reverse("area", kwargs={"code": draft.code, "area_id": "responding"})
    opened = Judgment.objects.get(inspection=draft, area_id="responding").revision
    clients = [signed_in(lead) for _ in range(WRITERS)]
    grades = ["good", "adequate", "requires-improvement", "outstanding", "good", "adequate"]

    def write(n: int) -> int:
        return (
            clients[n]
            .post(url, {"grade": grades[n], "summary": f"Writer {n}", "revision": opened})
            .status_code
        )

    statuses = at_once(WRITERS, write)
    assert sorted(statuses) == [302] + [409] * (WRITERS - 1), statuses
    winner = statuses.index(302)
    judgment = Judgment.objects.get(inspection=draft, area_id="responding")
    assert (judgment.grade, judgment.summary) == (grades[winner], f"Writer {winner}")


def press_publish(client: Client, inspection: Inspection, reason: str = "") -> int:
    when = timezone.localtime(timezone.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("report-publish", kwargs={"code": inspection.code})
    return client.post(url, {"embargo_until": when, "reason": reason}).status_code


def test_publish_pressed_twice_at_once_gives_one_version(draft, lead):
    at_factual_accuracy(draft)
    clients = [signed_in(lead), signed_in(lead)]
    statuses = at_once(2, lambda n: press_publish(clients[n], draft))
    assert statuses == [302, 302]
    assert ReportVersion.objects.filter(inspection=draft).count() == 1


def test_a_correction_published_twice_at_once_gives_one_new_version(draft, lead):
    publish(at_factual_accuracy(draft), lead, timezone.now())
    open_correction(draft, "Regraded on appeal")
    record_judgment(draft, "responding", grade="requires-improvement")
    clients = [signed_in(lead), signed_in(lead)]
    statuses = at_once(2, lambda n: press_publish(clients[n], draft, reason="Regraded on appeal"))
    assert statuses == [302, 302]
    numbers = list(ReportVersion.objects.filter(inspection=draft).values_list("number", flat=True))
    assert numbers == [1, 2]
