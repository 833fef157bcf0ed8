"""Publishing a report: a recorded act that freezes the report as a version, public from the end of
its embargo. Who may publish: the inspection's lead and staff.

Publishing is idempotent: pressing Publish twice, or two leads at once, gives one version. The
inspection's row is locked while the next number is taken (the unique number backs it), and a report
that is the same as the latest version is not published again (``AlreadyPublished``). A first version
is published only as the inspection's lifecycle allows (``first_version``, answered by web/lifecycle)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import ReportContext, context_from_json, document_hash
from inspectorate.core.reports.dates import publication_day
from inspectorate.web.inspections.access import on_team
from inspectorate.web.inspections.documents import breaches_for
from inspectorate.web.inspections.models import Inspection, Status, TeamRole
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.reports.build import report_context
from inspectorate.web.reports.models import ReportVersion
from inspectorate.web.reports.renditions import render_later

# An embargo may end now (publication at once), not before: a few minutes allow for a form's delay.
PAST_ALLOWANCE = datetime.timedelta(minutes=5)


class PublishingError(InputError):
    pass


# Sent (with inspection, user and embargo_until) before a first version is frozen by ``publish``,
# under the inspection's row lock and inside its transaction. The inspection's lifecycle (web/lifecycle,
# which sits above this app) answers it: it checks the move to embargoed and records it, or refuses
# by raising an InputError, and then nothing is published. Recorded reports (``publish_record``) are
# published elsewhere: they are not asked.
first_version = Signal()


class AlreadyPublished(PublishingError):
    """Nothing to publish: the report is the same as its latest version, ``version``."""

    def __init__(self, version: ReportVersion) -> None:
        self.version = version
        super().__init__(f"the report is unchanged since version {version.number}: not published again")


def can_publish(user: AnyUser, inspection: Inspection) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or on_team(user, inspection, (TeamRole.LEAD,))


def publish(
    inspection: Inspection, user: User | None, embargo_until: datetime.datetime, reason: str = ""
) -> ReportVersion:
    """Freeze the report as the next version, public from ``embargo_until``. A correction (any version
    after the first) needs its reason: the one given, else the open correction's; publishing it closes
    the correction, and the working copy is locked again. A report whose grades break the framework's
    rules is refused."""
    if timezone.is_naive(embargo_until):
        raise PublishingError("the embargo's end needs a time zone")
    if embargo_until < timezone.now() - PAST_ALLOWANCE:
        raise PublishingError(f"the embargo cannot end in the past ({embargo_until.isoformat()})")
    breaches = breaches_for(inspection)
    if breaches:
        raise PublishingError(
            f"{len(breaches)} grading-rule breach(es) to resolve first, e.g. {breaches[0].message}"
        )
    try:
        return _publish_next(inspection, user, embargo_until, reason)
    except IntegrityError:
        # Someone published the same number between our read and our write (a database that
        # cannot lock the row): read again, and this is then either the next number or no change.
        return _publish_next(inspection, user, embargo_until, reason)


def _publish_next(
    inspection: Inspection, user: User | None, embargo_until: datetime.datetime, reason: str
) -> ReportVersion:
    with transaction.atomic():
        # Locked, so that two publishers at once cannot take the same version number.
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        latest = locked.report_versions.order_by("-number").first()
        number = (latest.number if latest else 0) + 1
        reason = (reason.strip() or locked.correction_reason.strip()) if number > 1 else ""
        if latest is not None and _same_as(locked, latest, reason):
            raise AlreadyPublished(latest)
        if number > 1 and not reason:
            raise PublishingError("a correction needs its reason")
        if number == 1 and not first_version.send(
            sender=Inspection, inspection=locked, user=user, embargo_until=embargo_until
        ):
            raise PublishingError("nothing checks the inspection's progress before it is published")
        version = _freeze(locked, number, embargo_until, reason, user)
        if locked.status != Status.PUBLISHED:
            locked.status = Status.EMBARGOED
        if locked.published_on is None:
            locked.published_on = timezone.localdate(embargo_until)
        locked.correction_reason = ""
        locked.save()
    return version


def _same_as(inspection: Inspection, latest: ReportVersion, reason: str) -> bool:
    """Whether publishing now would freeze the latest version again: the same report, frozen as that
    version was (its number, embargo and publication date), with the same reason where one is given."""
    published = context_from_json(latest.context)
    again = frozen_context(
        report_context(inspection),
        latest.number,
        latest.embargo_until,
        reason or latest.reason,
        published.published,
    )
    return document_hash(again.to_json()) == latest.content_hash


def _freeze(
    inspection: Inspection,
    number: int,
    public_from: datetime.datetime,
    reason: str,
    user: User | None,
    published: str | None = None,
) -> ReportVersion:
    context = frozen_context(report_context(inspection), number, public_from, reason, published)
    document = context.to_json()
    version = ReportVersion.objects.create(
        inspection=inspection,
        number=number,
        context=document,
        content_hash=document_hash(document),
        embargo_until=public_from,
        reason=reason,
        published_by=user,
    )
    render_later(document)  # its pages and PDF, ready before anyone asks for them
    return version


def publish_record(inspection: Inspection, public_from: datetime.datetime, published: str) -> ReportVersion:
    """Freeze a report published elsewhere (an imported report, the demo's recorded ones) as its
    first version, public from ``public_from`` (its publication date, or when it was recorded here
    where the report gives none; ``published`` says which). It is recorded as it was published:
    grading-rule breaches are the report's own, not refused."""
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.report_versions.exists():
            raise PublishingError(f"{locked.reference} already has a published version")
        version = _freeze(locked, 1, public_from, "", None, published)
        locked.status = Status.PUBLISHED
        locked.correction_reason = ""
        locked.save()
    return version


def open_correction(inspection: Inspection, reason: str) -> None:
    """Unlock a published inspection's working copy for a correction, for ``reason`` (in the audit
    trail, and the next version's reason)."""
    if not inspection.report_versions.exists():
        raise PublishingError(f"{inspection.reference} has no published version to correct")
    if not reason.strip():
        raise PublishingError("a correction needs its reason")
    inspection.correction_reason = reason.strip()
    inspection.save(update_fields=["correction_reason", "updated_at"])


def frozen_context(
    context: ReportContext,
    number: int,
    embargo_until: datetime.datetime,
    reason: str,
    published: str | None = None,
) -> ReportContext:
    published = published or context.published or timezone.localtime(embargo_until).strftime("%-d %B %Y")
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


def publish_as_published(inspection: Inspection) -> ReportVersion:
    """A report published elsewhere (imported, or recorded in the demo) as its first version, public
    from the day it was published: its own date where it prints one, else from now, and the version
    says which."""
    label = inspection.published_label.strip()
    day = inspection.published_on or publication_day(label)
    if day is not None:
        public_from = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        published = label or day.strftime("%-d %B %Y")
    else:
        public_from = timezone.now()
        recorded = timezone.localdate().strftime("%-d %B %Y")
        published = f"{label or 'no publication date printed in the report'} (recorded here on {recorded})"
    return publish_record(inspection, public_from, published)
