"""The demo workspace: the Metropolitan Police Service's five published inspections, a draft
to work on, and one user for each role.

The fixture holds facts (titles, grades, figures) and findings summarised in our own words;
it needs nothing outside the package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from auditlog.context import set_actor
from django.contrib.auth.models import User
from django.db import transaction

from inspectorate.core.data.store import Dataset, DataStore
from inspectorate.core.fixtures import RecordedInspection, load_fixture
from inspectorate.core.forces.policing_bodies import INSPECTORATE_NAME
from inspectorate.core.forces.reference import get_force
from inspectorate.core.problems import InputError
from inspectorate.demo.exercises import REFERENCES as EXERCISES
from inspectorate.demo.exercises import Cast as ExerciseCast
from inspectorate.demo.exercises import build_exercises, prepare_draft
from inspectorate.demo.monitoring import record_monitoring
from inspectorate.demo.responses import build_responses
from inspectorate.web.accounts.models import Body, ForceAffiliation
from inspectorate.web.history.stated import take_up
from inspectorate.web.inspections.importing import PUBLISHED_METHOD
from inspectorate.web.inspections.models import (
    Inspection,
    Origin,
    PublishedFigure,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.inspections.recording import (
    RecordingError,
    record_judgment,
    save_evidence,
    save_finding,
)
from inspectorate.web.registry.frameworks import sync_library
from inspectorate.web.registry.models import FrameworkVersion
from inspectorate.web.reports.publishing import publish_as_published

DEMO_FIXTURE = "metropolitan.yaml"
DRAFT_REFERENCE = "MPS-PEEL-DRAFT"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    staff: bool = False
    team_role: str | None = None  # on every demo inspection
    draft_role: str | None = None  # on the draft only (overrides team_role there)
    force: str | None = None  # of this force
    policing_body: str | None = None  # of this force's local policing body
    body_name: str = ""


DEMO_USERS = (
    DemoUser(
        "lead", "demo-lead-2026", "lead inspector: may change every demo inspection", team_role=TeamRole.LEAD
    ),
    DemoUser(
        "analyst", "demo-analyst-2026", "analyst on the draft: may change it", draft_role=TeamRole.ANALYST
    ),
    DemoUser(
        "moderator",
        "demo-moderator-2026",
        "moderator: reads every demo inspection, moderates the grades of those at moderation",
        team_role=TeamRole.REVIEWER,
    ),
    DemoUser(
        "met-liaison",
        "demo-met-2026",
        "Metropolitan liaison: answers the inspectorate's requests, checks drafts for factual accuracy, "
        "reads reports under embargo, posts the force's progress on published findings",
        force="metropolitan",
        body_name="Metropolitan Police Service",
    ),
    DemoUser(
        "mopac",
        "demo-mopac-2026",
        "the Metropolitan Police Service's local policing body: reads reports under embargo, records "
        "its responses to published reports",
        policing_body="metropolitan",
        body_name="Mayor's Office for Policing and Crime",
    ),
    DemoUser(
        "kent-liaison",
        "demo-kent-2026",
        "another force: sees published reports only",
        force="kent",
        body_name="Kent Police",
    ),
    DemoUser("admin", "demo-admin-2026", "staff: sees everything, Django admin", staff=True),
)


# What every page calls the demo's people: plainly the demo's ("Demo lead inspector").
FULL_NAMES = {
    "lead": "lead inspector",
    "analyst": "analyst",
    "moderator": "moderator",
    "met-liaison": "Metropolitan liaison",
    "mopac": "MOPAC officer",
    "kent-liaison": "Kent liaison",
    "admin": "administrator",
}


def demo_fixture_path() -> Path:
    return Path(str(resources.files("inspectorate.demo") / DEMO_FIXTURE))


def _record_inspection(force_id: str, recorded: RecordedInspection) -> Inspection:
    framework = FrameworkVersion.objects.filter(id=recorded.framework).first()
    if framework is None:
        raise InputError(f"{recorded.reference}: no framework {recorded.framework!r} in this workspace")
    inspection = Inspection.objects.create(
        reference=recorded.reference,
        title=recorded.title,
        force_id=force_id,
        framework=framework,
        status=recorded.status,
        period_label=recorded.period_label or "",
        period_start=recorded.period_start,
        period_end=recorded.period_end,
        published_label=recorded.published_label or "",
        published_on=recorded.published_on,
        source=recorded.source or "",
        summary=recorded.summary or "",
        origin=Origin.FIXTURE,
    )
    try:
        for area_id, judgment in recorded.judgments.items():
            record_judgment(
                inspection,
                area_id,
                grade=judgment.grade or "",
                direction=judgment.direction or "",
                summary=judgment.summary or "",
            )
        for finding in recorded.findings:
            saved = save_finding(
                inspection,
                kind=finding.kind.value,
                area_ids=finding.areas,
                text=finding.text,
                note=finding.note or "",
            )
            for text in finding.recommendations:
                save_finding(
                    inspection, kind="recommendation", area_ids=finding.areas, text=text, parent=saved
                )
        for item in recorded.evidence:
            save_evidence(
                inspection,
                area_ids=item.areas,
                kind=item.kind,
                title=item.title,
                description=item.description or "",
                date_label=item.date_label or "",
            )
    except RecordingError as exc:
        raise InputError(f"{recorded.reference}: {exc}") from exc
    for position, figure in enumerate(recorded.figures):
        PublishedFigure.objects.create(
            inspection=inspection,
            position=position,
            method=PUBLISHED_METHOD,
            source=recorded.source or "",
            **{**figure.model_dump(), "period": figure.period or ""},
        )
    if inspection.status == Status.PUBLISHED:
        publish_as_published(inspection)
    return inspection


def _ensure_users() -> dict[str, User]:
    users = {}
    for spec in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=spec.username)
        # Every page names people by their full name: the demo's are plainly the demo's.
        user.first_name, user.last_name = "Demo", FULL_NAMES[spec.username]
        # An address that can never be delivered (".invalid" is reserved): the demo's mail is
        # written to the workspace's outbox, where it can be read.
        user.email = f"{spec.username}@demo.invalid"
        user.set_password(spec.password)
        user.is_staff = user.is_superuser = spec.staff
        user.save()
        ForceAffiliation.objects.update_or_create(user=user, defaults=_organisation(spec))
        users[spec.username] = user
    return users


def _organisation(spec: DemoUser) -> dict[str, str | None]:
    if spec.force:
        return {"body": Body.FORCE, "force_id": spec.force, "body_name": spec.body_name}
    if spec.policing_body:
        return {"body": Body.LOCAL_POLICING_BODY, "force_id": spec.policing_body, "body_name": spec.body_name}
    return {"body": Body.INSPECTORATE, "force_id": None, "body_name": INSPECTORATE_NAME}


def _ensure_draft(force_id: str) -> tuple[Inspection, bool]:
    draft = Inspection.objects.filter(reference=DRAFT_REFERENCE).first()
    if draft is not None:
        return draft, False
    return Inspection.objects.create(
        reference=DRAFT_REFERENCE,
        title="PEEL assessment (draft for the demo)",
        force_id=force_id,
        framework=FrameworkVersion.objects.get(id="peel-2021"),
        status=Status.FIELDWORK,
        period_label="draft",
        summary="A draft inspection to try the platform on: nothing in it is a real finding or grade.",
        origin=Origin.RUN_HERE,
        exercise=True,
    ), True


@transaction.atomic
def build_demo(*, reset: bool = False, seeds: Path | None = None) -> dict[str, int]:
    """Load the demo into a prepared workspace. Existing demo inspections are kept unless reset.
    With ``seeds`` (a folder of the published reports), each published inspection the folder has a
    report for is imported from it instead of recorded from the fixture (``demo_seeds``)."""
    from inspectorate.demo.seeds import import_seed, read_seeds

    fixture = load_fixture(demo_fixture_path())
    reports = read_seeds(seeds) if seeds is not None else {}
    imported = 0
    with set_actor(None):
        references = [r.reference for r in fixture.inspections] + [DRAFT_REFERENCE, *EXERCISES]
        if reset:
            Inspection.objects.filter(reference__in=references).delete()
            # Versions no inspection uses any more take the library's content, so that a rebuilt
            # demo is graded by the frameworks as shipped (web/registry/frameworks.py).
            sync_library()
        existing = set(
            Inspection.objects.filter(reference__in=references).values_list("reference", flat=True)
        )
        created = 0
        for recorded in fixture.inspections:
            if recorded.reference in existing:
                continue
            if recorded.framework in reports and recorded.status == Status.PUBLISHED:
                import_seed(fixture.force, recorded, *reports[recorded.framework])
                imported += 1
            else:
                _record_inspection(fixture.force, recorded)
            created += 1
        draft, draft_created = _ensure_draft(fixture.force)
        created += draft_created
        users = _ensure_users()
        for spec in DEMO_USERS:
            for inspection in Inspection.objects.filter(reference__in=references).exclude(
                reference__in=EXERCISES
            ):
                role = spec.draft_role if inspection == draft and spec.draft_role else spec.team_role
                if role:
                    TeamMember.objects.update_or_create(
                        inspection=inspection, user=users[spec.username], defaults={"role": role}
                    )
        cast = ExerciseCast(
            users["lead"], users["analyst"], users["moderator"], users["met-liaison"], users["mopac"]
        )
        prepare_draft(draft, cast)
        created += build_exercises(cast)
        # What each published report says of earlier findings: stated links and their verdicts.
        take_up(Inspection.objects.filter(reference__in=[r.reference for r in fixture.inspections]))
        build_responses(users["mopac"])
        record_monitoring()
    return {
        "created": created,
        "imported": imported,
        "kept": len(existing),
        "inspections": len(references),
    }


# The demo's data return: SYNTHETIC, a hundredth of the Metropolitan Police Service's volume, for the
# year ending 31 March 2021 (and the year before): the year of the 2021/22 report's stop-and-search figures.
# The synthetic Metropolitan return the demo loads: its force, year, scale and seed.
DEMO_FORCE, DEMO_YEAR, DEMO_SCALE, DEMO_SEED = "metropolitan", 2021, 0.01, 2021
DEMO_DATASET = "synthetic"


def build_demo_data(progress: Callable[[str, int, int], None] | None = None) -> str:
    """Generate and load the demo's synthetic data return, unless it is already loaded."""
    from inspectorate.core.data.synth import synthesise
    from inspectorate.web.workspace import data_store

    store = data_store()
    force_id = DEMO_FORCE
    if store.dataset(force_id, DEMO_DATASET) is not None:
        return f"{force_id}/{DEMO_DATASET} (kept)"
    folder = store.root / "synthetic" / "demo-metropolitan-2021"
    synthesise(
        force_id,
        DEMO_YEAR,
        folder,
        scale=DEMO_SCALE,
        seed=DEMO_SEED,
        progress=progress,
    )
    report = store.load(force_id, DEMO_DATASET, [folder], replace=True, progress=progress)
    _warm_numbers(store, store.get_dataset(report.dataset))
    return report.dataset


def _warm_numbers(store: DataStore, dataset: Dataset) -> None:
    """Compute the demo's indicators and charts now, so the first page view does not wait for them."""
    from inspectorate.core.numbers import force_numbers
    from inspectorate.web.numbers.charts import indicator_charts
    from inspectorate.web.registry.peer_groups import current_peer_table

    numbers = force_numbers(store, dataset, peer_groups=current_peer_table())
    indicator_charts(store, numbers, get_force(dataset.force_id).name)
