"""Publishing a report: a recorded act that freezes the report as a version, public from the end of
its embargo. Who may publish: the inspection's lead and staff."""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import ReportContext
from inspectorate.web.inspections.documents import breaches_for
from inspectorate.web.inspections.models import Inspection, Status, TeamRole
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.reports.build import report_context
from inspectorate.web.reports.models import ReportVersion

# An embargo may end now (publication at once), not before: a few minutes allow for a form's delay.
PAST_ALLOWANCE = datetime.timedelta(minutes=5)


class PublishingError(InputError):
    pass


def can_publish(user: AnyUser, inspection: Inspection) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or inspection.team.filter(user=user, role=TeamRole.LEAD).exists()


def content_hash(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def publish(
    inspection: Inspection, user: User | None, embargo_until: datetime.datetime, reason: str = ""
) -> ReportVersion:
    """Freeze the report as the next version, public from ``embargo_until``. A correction (any version
    after the first) needs its reason; a report whose grades break the framework's rules is refused."""
    if timezone.is_naive(embargo_until):
        raise PublishingError("the embargo's end needs a time zone")
    if embargo_until < timezone.now() - PAST_ALLOWANCE:
        raise PublishingError(f"the embargo cannot end in the past ({embargo_until.isoformat()})")
    breaches = breaches_for(inspection)
    if breaches:
        raise PublishingError(
            f"{len(breaches)} grading-rule breach(es) to resolve first, e.g. {breaches[0].message}"
        )
    with transaction.atomic():
        # Locked, so that two publishers at once cannot take the same version number.
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        number = (
            locked.report_versions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        if number > 1 and not reason.strip():
            raise PublishingError("a correction needs its reason")
        context = frozen_context(report_context(locked), number, embargo_until, reason.strip())
        document = context.to_json()
        version = ReportVersion.objects.create(
            inspection=locked,
            number=number,
            context=document,
            content_hash=content_hash(document),
            embargo_until=embargo_until,
            reason=reason.strip(),
            published_by=user,
        )
        if locked.status != Status.PUBLISHED:
            locked.status = Status.EMBARGOED
        if locked.published_on is None:
            locked.published_on = timezone.localdate(embargo_until)
        locked.save()
    return version


def frozen_context(
    context: ReportContext, number: int, embargo_until: datetime.datetime, reason: str
) -> ReportContext:
    published = context.published or timezone.localtime(embargo_until).strftime("%-d %B %Y")
    return context.model_copy(
        update={
            "draft": False,
            "status": Status.PUBLISHED.value,
            "published": published,
            "version": number,
            "embargo_until": embargo_until.isoformat(),
            "correction": reason or None,
        }
    )
