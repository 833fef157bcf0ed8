"""Saving a record's decision from its page: compare and swap on the revision the auditor saw.

The row is claimed with one ``UPDATE ... WHERE revision = <the form's>``, so of two people saving at
once exactly one wins and the other is told, with nothing overwritten. Being the transaction's first
statement, the claim also takes SQLite's write lock at once, instead of upgrading a read lock (which
answered "database is locked" when two saves met). The decision itself is then saved as usual, so
the change goes to the audit trail.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from inspectorate.core.cdi.decisions import decision_problems
from inspectorate.core.cdi.types import QUESTION_NAMES, Decision
from inspectorate.web.audits.models import AuditRecord
from inspectorate.web.audits.services import DecisionError
from inspectorate.web.inspections.locking import ensure_fieldwork_open


class StaleRecord(Exception):
    """The record was saved by someone else since the form was loaded; nothing was stored."""


def save_decision_if_unchanged(
    record: AuditRecord, decision: Decision, user: User | None, expected_revision: int
) -> bool:
    """Store ``decision`` if the record is still at ``expected_revision``; whether anything changed.

    Raises DecisionError for an impossible decision, StaleRecord when the revision has moved on.
    """
    ensure_fieldwork_open(record.audit.inspection)
    problems = decision_problems(decision)
    if problems:
        raise DecisionError("; ".join(f"{field}: {message}" for field, message in problems))
    if record.revision != expected_revision:
        raise StaleRecord
    if decision == record.decision:
        return False
    with transaction.atomic():
        claimed = AuditRecord.objects.filter(pk=record.pk, revision=expected_revision).update(
            revision=expected_revision + 1
        )
        if claimed != 1:
            raise StaleRecord
        record.set_decision(decision)
        record.revision = expected_revision + 1
        record.decided_by = user
        record.decided_at = timezone.now()
        record.save(update_fields=[*QUESTION_NAMES, "note", "revision", "decided_by", "decided_at"])
    return True
