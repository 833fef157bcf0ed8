"""Recording a force's placement in a monitoring stage and its exit, each checked against the
process's rules (core/monitoring.py) under the force's row lock, all or nothing; and reading a
force's status and history."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from uuid import UUID

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from inspectorate.core.findings import FindingKind
from inspectorate.core.monitoring import (
    MonitoringError,
    Stage,
    Status,
    check_exit,
    check_placement,
    status_on,
)
from inspectorate.web.inspections.models import Finding
from inspectorate.web.monitoring.models import MonitoringPeriod
from inspectorate.web.registry.models import Force

# What a placement may rest on: a cause of concern, or any finding that is followed to closure.
CONCERN_KINDS = (
    FindingKind.CAUSE_OF_CONCERN,
    FindingKind.RECOMMENDATION,
    FindingKind.AREA_FOR_IMPROVEMENT,
    FindingKind.MAIN_FINDING,
)


def today() -> datetime.date:
    return timezone.localdate()


def find_force(force_id: str) -> Force:
    """A force by its police.uk id, or one line naming it."""
    force = Force.objects.filter(id=force_id.strip()).first()
    if force is None:
        raise MonitoringError("force", f"Force: no force {force_id!r} (see `inspectorate forces list`)")
    return force


def periods_of(force: Force) -> list[MonitoringPeriod]:
    """The force's periods, latest first."""
    return list(MonitoringPeriod.objects.filter(force=force).prefetch_related("concerns__inspection"))


def status_of(periods: Sequence[MonitoringPeriod], on: datetime.date | None = None) -> Status:
    return status_on([p.period for p in periods], on or today())


def _concerns(force: Force, codes: Iterable[str | UUID]) -> list[Finding]:
    found = []
    for code in dict.fromkeys(str(c).strip() for c in codes if str(c).strip()):
        try:
            parsed = UUID(code)
        except ValueError:
            raise MonitoringError("concerns", f"Cause of concern: {code!r} is not a finding's code") from None
        finding = Finding.objects.select_related("inspection").filter(code=parsed).first()
        if finding is None or finding.inspection.force_id != force.id:
            raise MonitoringError("concerns", f"Cause of concern: no finding {code} of {force.name}")
        if finding.kind not in CONCERN_KINDS:
            kinds = ", ".join(k.label.lower() for k in CONCERN_KINDS)
            raise MonitoringError(
                "concerns",
                f"Cause of concern: {code} is a {finding.get_kind_display().lower()}, not a {kinds}",
            )
        found.append(finding)
    return found


@transaction.atomic
def place(
    force: Force,
    stage: Stage,
    on: datetime.date,
    *,
    decision: str,
    reasons: str,
    source: str = "",
    concerns: Iterable[str | UUID] = (),
    by: User | None,
) -> MonitoringPeriod:
    """Record a decision placing the force in a stage beyond Scan, from ``on``."""
    locked = Force.objects.select_for_update().get(pk=force.pk)
    earlier = [p.period for p in MonitoringPeriod.objects.filter(force=locked)]
    check_placement(
        stage,
        on,
        decision=decision,
        reasons=reasons,
        source=source.strip(),
        earlier=earlier,
        today=today(),
    )
    linked = _concerns(locked, concerns)
    period = MonitoringPeriod.objects.create(
        force=locked,
        stage=stage.value,
        started_on=on,
        decision=decision.strip(),
        reasons=reasons.strip(),
        source=source.strip(),
        recorded_by=by,
    )
    period.concerns.set(linked)
    return period


@transaction.atomic
def leave(
    force: Force,
    on: datetime.date,
    *,
    reasons: str,
    source: str = "",
    decision: str = "",
    by: User | None,
) -> MonitoringPeriod:
    """Record the decision that returns the force from its current stage to Scan on ``on``."""
    locked = Force.objects.select_for_update().get(pk=force.pk)
    current = MonitoringPeriod.objects.filter(force=locked, ended_on__isnull=True).first()
    check_exit(current.period if current else None, on, reasons=reasons, source=source.strip(), today=today())
    assert current is not None  # check_exit refuses a force with no open period
    current.ended_on = on
    current.exit_decision = decision.strip()
    current.exit_reasons = reasons.strip()
    current.exit_source = source.strip()
    current.exit_recorded_by = by
    current.save()
    return current
