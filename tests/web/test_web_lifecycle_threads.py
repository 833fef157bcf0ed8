"""Moves of one inspection made at once, for real: threads released together, each on its own
connection, against PostgreSQL, whose row lock on the inspection makes one move of them (SQLite
serialises writers instead: test_web_lifecycle plays the race in order)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection

from inspectorate.core.lifecycle import Stage
from inspectorate.web.inspections.models import Inspection, Status, TeamMember, TeamRole
from inspectorate.web.lifecycle.models import StatusMove
from inspectorate.web.lifecycle.service import MovedSince, move
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library

pytestmark = pytest.mark.django_db(transaction=True)

MOVERS = 4


@pytest.fixture(autouse=True)
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent movers need PostgreSQL's row locks")


def test_moves_made_at_once_give_one_and_the_others_are_told() -> None:
    sync_library()
    sync_forces()
    lead = User.objects.create_user("lead")
    inspection = Inspection.objects.create(
        reference="MPS-MOVED",
        title="Moved at once",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
    )
    TeamMember.objects.create(inspection=inspection, user=lead, role=TeamRole.LEAD)
    start = threading.Barrier(MOVERS)
    results: list[Any] = [None] * MOVERS

    def run(n: int) -> None:
        try:
            start.wait()
            own = Inspection.objects.get(pk=inspection.pk)
            results[n] = move(own, lead, Stage.PLANNING, f"Replanned by mover {n}", expected=Stage.FIELDWORK)
        except Exception as exc:  # the test reports whatever a mover met
            results[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(MOVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    made = [r for r in results if isinstance(r, StatusMove)]
    told = [r for r in results if isinstance(r, MovedSince)]
    assert (len(made), len(told)) == (1, MOVERS - 1), results
    assert StatusMove.objects.filter(inspection=inspection).count() == 1
    assert Inspection.objects.get(pk=inspection.pk).status == Status.PLANNING
