"""Recording the local policing body's response, and where each report's response stands.

The deadline's rules are core's (core/followup/accountability.py); here is what they are given:
the report's publication day, whether it was run here, and the response recorded. A response is
recorded only for a report that is public (never under embargo, never an exercise), and a statement
only on a followed finding (cause of concern, recommendation, area for improvement) that its
published record prints. Every write is whole or not at all.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from inspectorate.core.followup.accountability import (
    ResponseState,
    Standing,
    policing_body_from,
    response_state,
)
from inspectorate.core.forces.policing_bodies import policing_body_name
from inspectorate.core.problems import InputError
from inspectorate.web.accounts.roles import policing_body_of
from inspectorate.web.followup.models import FOLLOWED_KINDS
from inspectorate.web.followup.services import known_publication_date
from inspectorate.web.followup.visible import is_public
from inspectorate.web.inspections.documents import FindingDocument, record_findings
from inspectorate.web.inspections.models import Finding, Inspection, Origin
from inspectorate.web.public.reports import public_reports
from inspectorate.web.reports.record import public_record
from inspectorate.web.responses.models import LocalResponse, ResponseStatement, Stance

SUMMARY_MAX = 5000
STATEMENT_MAX = 5000
ADDRESS_MAX = 500
_FOLLOWED = frozenset(kind.value for kind in FOLLOWED_KINDS)


class ResponseInputError(InputError):
    """Input a response cannot take, located: ``field`` is the form field it lies in (published_on,
    address, summary, finding, stance, statement); the message starts with what people call it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class NotPublic(InputError):
    """The report is not public (a draft, under embargo, or an exercise): nothing to respond to yet."""


def today() -> datetime.date:
    return timezone.localdate()


def body_name(inspection: Inspection) -> str:
    """The body the report went to: the force's local policing body, or, for a report published
    before there was one, its police authority."""
    published = known_publication_date(inspection)
    if published is not None and published < policing_body_from(inspection.force_id):
        return f"Police authority for {inspection.force.name}"
    return policing_body_name(inspection.force_id)


def response_of(inspection: Inspection) -> LocalResponse | None:
    return LocalResponse.objects.filter(inspection=inspection).select_related("recorded_by").first()


def state_of(inspection: Inspection, on: datetime.date, response: LocalResponse | None) -> ResponseState:
    return response_state(
        known_publication_date(inspection),
        response.published_on if response else None,
        on,
        force_id=inspection.force_id,
        kept_here=inspection.origin == Origin.RUN_HERE,
    )


def followed_findings(inspection: Inspection) -> list[FindingDocument]:
    """The causes of concern, recommendations and areas for improvement the published record prints,
    as it prints them, in its order; none while there is no public record."""
    found = public_record(inspection)
    if found is None:
        return []
    return [f for f in record_findings(found[0]) if f.kind in _FOLLOWED and f.code]


def _ensure_public(inspection: Inspection) -> None:
    if not is_public(inspection):
        raise NotPublic(
            f"{inspection.reference} is not published: its response is recorded once the report is public"
        )


def _text(field: str, name: str, value: str, limit: int) -> str:
    text = value.strip()
    if not text:
        raise ResponseInputError(field, f"{name}: enter it")
    if len(text) > limit:
        raise ResponseInputError(field, f"{name}: at most {limit:,} characters ({len(text):,} given)")
    return text


def _address(value: str) -> str:
    address = value.strip()
    try:
        parts = urlsplit(address)
    except ValueError:  # an unbalanced bracket in the host, say
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in address):
        raise ResponseInputError(
            "address", "Address: give the web address (https://...) where it is published"
        )
    if len(address) > ADDRESS_MAX:
        raise ResponseInputError("address", f"Address: at most {ADDRESS_MAX} characters")
    return address


def record_response(
    inspection: Inspection,
    *,
    published_on: datetime.date,
    address: str,
    summary: str,
    by: User | None,
) -> LocalResponse:
    """Record (or correct) the body's published response: when and where it was published, and what
    it says in our words. Not before the report was published, nor in the future."""
    _ensure_public(inspection)
    published = known_publication_date(inspection)
    if published is not None and published_on < published:
        raise ResponseInputError(
            "published_on",
            f"Date published: {published_on.isoformat()} is before the report was published "
            f"({published.isoformat()})",
        )
    if published_on > today():
        raise ResponseInputError(
            "published_on", f"Date published: {published_on.isoformat()} is in the future"
        )
    values = {
        "published_on": published_on,
        "address": _address(address),
        "summary": _text("summary", "Summary", summary, SUMMARY_MAX),
        "recorded_by": by,
    }
    with transaction.atomic():
        response, _ = LocalResponse.objects.update_or_create(inspection=inspection, defaults=values)
    return response


def record_statement(
    inspection: Inspection,
    finding_code: str,
    *,
    stance: str,
    statement: str,
    by: User | None,
) -> ResponseStatement:
    """Record (or correct) what the response says of one followed finding of the published report."""
    _ensure_public(inspection)
    response = response_of(inspection)
    if response is None:
        raise ResponseInputError("finding", "Finding: record the response itself first")
    code = finding_code.strip().lower()
    printed = {f.code for f in followed_findings(inspection)}
    matches = [c for c in printed if c.startswith(code)] if code else []
    if len(matches) != 1:
        raise ResponseInputError(
            "finding",
            f"Finding: {finding_code!r} is not a cause of concern, recommendation or area for improvement "
            f"of the published report of {inspection.reference}",
        )
    if stance not in Stance.values:
        raise ResponseInputError("stance", f"Stance: {stance!r} is not one of {', '.join(Stance.values)}")
    text = _text("statement", "Statement", statement, STATEMENT_MAX)
    finding = Finding.objects.filter(inspection=inspection, code=matches[0]).first()
    if finding is None:  # printed in the record, since removed from the working copy by a correction
        raise ResponseInputError("finding", f"Finding: {finding_code!r} is no longer kept for this report")
    with transaction.atomic():
        made, _ = ResponseStatement.objects.update_or_create(
            response=response,
            finding=finding,
            defaults={"stance": stance, "statement": text, "recorded_by": by},
        )
    return made


def responses_awaited(user: User, on: datetime.date) -> list[tuple[Inspection, ResponseState]]:
    """For someone of a force's local policing body: the force's published reports whose response
    is due or overdue and not yet recorded, soonest due first."""
    force = policing_body_of(user)
    if force is None:
        return []
    waiting = []
    for report in public_reports():
        inspection = report.inspection
        if inspection.force_id != force:
            continue
        state = state_of(inspection, on, response_of(inspection))
        if state.standing in (Standing.DUE, Standing.OVERDUE):
            waiting.append((inspection, state))
    return sorted(waiting, key=lambda item: (item[1].due_on or on, item[0].reference))
