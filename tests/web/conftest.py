"""Fixtures for the web app's tests.

The reference data (framework library, 43 forces) and a small cast of users and inspections
are built once per test module inside a transaction that is rolled back when the module ends.
Each test still runs in its own savepoint (``pytestmark = pytest.mark.django_db``), so what a
test changes is gone before the next one starts.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

import pytest
from auditlog.context import set_actor
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.utils import timezone

from inspectorate.core.casereview.library import get_template
from inspectorate.core.cdi.types import Answer, Decision, SampleDesign
from inspectorate.web.accounts.models import ForceAffiliation
from inspectorate.web.audits.models import AuditRecord, AuditStratum, CdiAudit
from inspectorate.web.audits.services import crime_recording_area
from inspectorate.web.inspections.models import (
    ContactRole,
    Evidence,
    Finding,
    Inspection,
    InspectionContact,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.inspections.recording import save_evidence, save_finding
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from inspectorate.web.reports.publishing import publish_as_published
from inspectorate.web.reviews.models import AnswerStatus, CaseAnswers, CaseReview, ReviewCase, Role
from inspectorate.web.reviews.services import check_answers, store_template
from support.access import INSPECTIONS
from support.fieldwork import REVIEW_ANSWERS
from support.review_pages import start as start_review

ROLES = ("writer", "reader", "outsider", "liaison", "anonymous", "staff")


@dataclass
class Cast:
    """The users, and the inspections of the Metropolitan Police Service they look at."""

    users: dict[str, User]
    draft: Inspection  # fieldwork
    factual: Inspection  # factual-accuracy check
    published: Inspection
    kent_published: Inspection  # another force, published, nobody's team
    findings: dict[str, Finding]  # one per inspection key
    evidence: dict[str, Evidence]

    def inspection(self, key: str) -> Inspection:
        return {
            "draft": self.draft,
            "factual": self.factual,
            "published": self.published,
            "kent": self.kent_published,
        }[key]


def _inspection(reference: str, status: str, force: str = "metropolitan", framework: str = "peel-2021"):
    return Inspection.objects.create(
        reference=reference,
        title=f"Inspection {reference}",
        force_id=force,
        framework_id=framework,
        status=status,
        period_label="2021/22",
    )


def _build_cast() -> Cast:
    sync_library()
    sync_forces()
    users = {
        name: User.objects.create_user(name, email=f"{name}@example.org")
        for name in ("writer", "reader", "outsider", "liaison")
    }
    users["staff"] = User.objects.create_user("staff", is_staff=True)
    ForceAffiliation.objects.create(user=users["outsider"], force_id="kent", job_title="Liaison officer")
    ForceAffiliation.objects.create(
        user=users["liaison"], force_id="metropolitan", job_title="Liaison officer"
    )

    draft = _inspection("MPS-DRAFT", Status.FIELDWORK)
    factual = _inspection("MPS-FACTUAL", Status.FACTUAL_ACCURACY)
    published = _inspection("MPS-PUBLISHED", Status.PUBLISHED)
    kent = _inspection("KENT-PUBLISHED", Status.PUBLISHED, force="kent")
    findings, evidence = {}, {}
    for key, inspection in (("draft", draft), ("factual", factual), ("published", published)):
        TeamMember.objects.create(inspection=inspection, user=users["writer"], role=TeamRole.LEAD)
        TeamMember.objects.create(inspection=inspection, user=users["reader"], role=TeamRole.REVIEWER)
        # On 'prevention', so that the grading tests on other areas start from a clean slate.
        findings[key] = save_finding(
            inspection, kind="strength", area_ids=["prevention"], text=f"A strength of {inspection.reference}"
        )
        evidence[key] = save_evidence(
            inspection, area_ids=["prevention"], kind="document", title=f"Plan of {inspection.reference}"
        )
    # The force's liaison is invited to the inspection at its factual-accuracy check (being of the
    # force is not enough: only invited contacts see a draft).
    InspectionContact.objects.create(
        inspection=factual, user=users["liaison"], role=ContactRole.LIAISON, invited_by=users["writer"]
    )
    # Published as the platform publishes: the first version is the record the public reads.
    publish_as_published(published)
    publish_as_published(kent)
    return Cast(users, draft, factual, published, kent, findings, evidence)


@pytest.fixture(scope="module")
def cast(django_db_setup: None, django_db_blocker: Any) -> Iterator[Cast]:
    with django_db_blocker.unblock(), transaction.atomic(), set_actor(None):
        yield _build_cast()
        transaction.set_rollback(True)


@pytest.fixture
def client_for(cast: Cast) -> Callable[[str], Client]:
    """A test client signed in as one of ROLES ('anonymous' is not signed in)."""

    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(cast.users[role])
        return client

    return make


@pytest.fixture
def writer(client_for: Callable[[str], Client]) -> Client:
    return client_for("writer")


@pytest.fixture
def staff(client_for: Callable[[str], Client]) -> Client:
    return client_for("staff")


@pytest.fixture
def ba_inspection(cast: Cast) -> Inspection:
    """A draft on the Baseline Assessment 2006 (grades and directions of travel), led by writer."""
    inspection = _inspection("MPS-BA-DRAFT", Status.FIELDWORK, framework="ba-2006")
    TeamMember.objects.create(inspection=inspection, user=cast.users["writer"], role=TeamRole.LEAD)
    return inspection


# Reading responses --------------------------------------------------------------------------


def read_json(response: Any) -> Any:
    assert response["Content-Type"] == "application/json", response["Content-Type"]
    return json.loads(response.content)


def read_csv(response: Any) -> list[dict[str, str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8", response["Content-Type"]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def html(response: Any) -> str:
    assert response["Content-Type"].startswith("text/html"), response["Content-Type"]
    return response.content.decode("utf-8")


def form_errors(response: Any) -> str:
    """The text of every error on a re-displayed form: Django's error lists, and the GOV.UK error
    summary (every field's errors and the form's own) of forms rendered with crispy-forms-gds."""
    page = html(response)
    lists = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
    summaries = re.findall(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', page, re.S)
    return " ".join(lists + summaries)


@pytest.fixture
def reading() -> Any:
    """read_json, read_csv, html and form_errors, for test modules (conftest is not importable)."""

    class Reading:
        json = staticmethod(read_json)
        csv = staticmethod(read_csv)
        html = staticmethod(html)
        errors = staticmethod(form_errors)

    return Reading


# Fieldwork in each of the cast's inspections, for the access tests -----------------------------


def _tiny_audit(inspection: Any) -> CdiAudit:
    """An audit made without a data store: one stratum, two records, the first one decided."""
    audit = CdiAudit.objects.create(
        reference=f"{inspection.reference}-CDI",
        inspection=inspection,
        area_id=crime_recording_area(inspection),
        dataset="metropolitan/return",
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2021, 3, 31),
        design=asdict(SampleDesign(sizes={"violence-against-the-person": 2})),
        frame_size=10,
        frame_sha256="0" * 64,
    )
    stratum = AuditStratum.objects.create(
        audit=audit, crime_group="violence-against-the-person", route="999", frame_size=10, sample_size=2
    )
    for number in (1, 2):
        AuditRecord.objects.create(
            audit=audit,
            stratum=stratum,
            number=number,
            incident_id=f"{inspection.reference}-INC-{number}",
            opened_at="2021-02-01T10:00:00",
            crimes=[[f"{inspection.reference}-CR-{number}", "2021-02-01", "violence-against-the-person"]],
        )
    first = audit.records.get(number=1)
    first.set_decision(Decision(*(Answer(value) for value in ("yes", "yes", "yes", "yes", "n/a"))))
    first.revision = 1
    first.save()
    return audit


@pytest.fixture(scope="module")
def audits(cast: Any, django_db_blocker: Any) -> dict[str, CdiAudit]:
    """An audit in each of the cast's Metropolitan inspections (made straight in the database, as
    fieldwork done before publication), rolled back with the cast."""
    with django_db_blocker.unblock():
        return {key: _tiny_audit(cast.inspection(key)) for key in INSPECTIONS}


def _tiny_review(inspection: Any, writer: Any) -> CaseReview:
    """A review of two listed cases, none picked for a second review, the first one reviewed: made
    straight in the database, as fieldwork done before its inspection was published (the services
    refuse new fieldwork once it is)."""
    template = get_template("peel-2021-victim-service")
    review = CaseReview.objects.create(
        reference=f"{inspection.reference}-VSA",
        inspection=inspection,
        template=store_template(template, "shipped with Inspectorate"),
        source="case list",
        second_share=0,
    )
    for number in (1, 2):
        ReviewCase.objects.create(
            review=review, number=number, case_ref=f"{inspection.reference}-CASE-{number}", offence="theft"
        )
    reading = check_answers(template, REVIEW_ANSWERS, complete=True)
    CaseAnswers.objects.create(
        case=review.cases.get(number=1),
        role=Role.FIRST,
        reviewer=writer,
        answers=reading.answers,
        status=AnswerStatus.COMPLETE,
        revision=1,
        saved_at=timezone.now(),
    )
    return review


@pytest.fixture(scope="module")
def reviews(cast: Any, django_db_blocker: Any) -> dict[str, CaseReview]:
    """A case-file review in each of the cast's Metropolitan inspections, rolled back with the cast."""
    with django_db_blocker.unblock():
        return {key: _tiny_review(cast.inspection(key), cast.users["writer"]) for key in INSPECTIONS}


@pytest.fixture
def review(cast: Any, writer: Any) -> CaseReview:
    """A review of six listed cases of the draft inspection, half picked for a second review."""
    response = start_review(writer, cast.draft)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return CaseReview.objects.get(inspection=cast.draft)


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Move the clock: later(days) makes 'now' that many days ahead."""
    real = timezone.now

    def move(days: float) -> None:
        moved = real() + datetime.timedelta(days=days)
        monkeypatch.setattr(timezone, "now", lambda: moved)

    return move
