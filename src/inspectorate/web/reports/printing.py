"""Reports printed to PDF by the background worker, never in a request: printing a long report takes
seconds (WeasyPrint), and every reader of a published version wants the same file.

Publishing a version queues its printing once the version is stored. A request for a PDF not printed
yet (a working copy, a version published before jobs existed) queues it and answers that it is being
prepared; the page reloads itself until it is there. The job is idempotent: a report already printed
is not printed again, so queueing twice costs a lookup.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django_tasks import task

from inspectorate.core.reports.context import ReportContext, context_from_json, document_hash
from inspectorate.web.reports.models import PrintedReport, ReportVersion
from inspectorate.web.reports.render import render


def printed(report: ReportContext) -> bytes | None:
    """The report's PDF if it has been printed, else None."""
    found = PrintedReport.objects.filter(content_hash=document_hash(report.to_json())).first()
    return None if found is None else bytes(found.pdf)


@task()
def print_report(document: dict[str, Any]) -> bool:
    """The background job: print the report (its context's JSON) to PDF and keep it; False when it
    was printed already."""
    key = document_hash(document)
    if PrintedReport.objects.filter(content_hash=key).exists():
        return False
    pdf = render(context_from_json(document), "pdf")
    try:
        with transaction.atomic():
            PrintedReport.objects.create(content_hash=key, pdf=pdf)
    except IntegrityError:  # another worker printed it meanwhile
        return False
    return True


def print_later(document: dict[str, Any]) -> None:
    """Queue the printing of a report (its context's JSON) once the transaction that stored it
    commits (at once outside a transaction)."""
    transaction.on_commit(partial(print_report.enqueue, document))


def queue_unprinted() -> int:
    """Queue the printing of every published version not printed yet: what a job that failed, or was
    stopped with its worker, left undone, and versions published before jobs existed. How many."""
    done = set(PrintedReport.objects.values_list("content_hash", flat=True))
    waiting = ReportVersion.objects.exclude(content_hash__in=done).order_by("pk")
    count = 0
    for version in waiting.iterator():
        print_report.enqueue(version.context)
        count += 1
    return count
