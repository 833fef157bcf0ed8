"""Reports rendered by the background worker, never in a request: printing a long report takes
seconds (WeasyPrint), drawing its charts a good part of one, and every reader of a published
version wants the same pages.

Publishing a version queues its rendering (HTML, and the PDF printed from it) once the version is
stored. A request for a PDF not rendered yet (a working copy, a version published before jobs
existed) queues it and answers that it is being prepared; the page asks again by itself until it is
there. The job is idempotent: a report already rendered is not rendered again, so queueing twice
costs a lookup.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django_tasks import task

from inspectorate.core.reports.context import ReportContext, context_from_json, document_hash
from inspectorate.web.reports.models import Rendition, ReportVersion
from inspectorate.web.reports.render import body, print_pdf

# Changed whenever the report's layouts or charts change how a report looks: a rendition drawn by an
# earlier layout is then drawn again (the facts of a published version never change; only the way
# they are set out). Renditions made before layouts were named have the empty layout.
LAYOUT = "2026-12 GOV.UK Design System"


def rendered(report: ReportContext, fmt: Literal["html", "pdf"]) -> str | bytes | None:
    """The report as rendered in one format (the report's body as HTML text, which the site's pages
    frame; PDF bytes), or None if not rendered yet.
    Only that format is read: a PDF runs to megabytes an HTML reader has no use for."""
    key = document_hash(report.to_json())
    made = Rendition.objects.filter(content_hash=key, layout=LAYOUT).values_list(fmt, flat=True)
    found = made.first()
    if found is None:
        return None
    return bytes(found) if fmt == "pdf" else str(found)


@task()
def render_report(document: dict[str, Any]) -> bool:
    """The background job: render the report (its context's JSON) to HTML (its body, as the site's
    pages frame it) and PDF and keep both; False when it was rendered already."""
    key = document_hash(document)
    if Rendition.objects.filter(content_hash=key, layout=LAYOUT).exists():
        return False
    report = context_from_json(document)
    made = body(report)
    pdf = print_pdf(report, made)
    try:
        with transaction.atomic():
            Rendition.objects.filter(content_hash=key).exclude(layout=LAYOUT).delete()
            Rendition.objects.create(content_hash=key, layout=LAYOUT, html=made, pdf=pdf)
    except IntegrityError:  # another worker rendered it meanwhile
        return False
    return True


def render_later(document: dict[str, Any]) -> None:
    """Queue the rendering of a report (its context's JSON) once the transaction that stored it
    commits (at once outside a transaction)."""
    transaction.on_commit(partial(render_report.enqueue, document))


def queue_unrendered() -> int:
    """Queue the rendering of every published version not rendered yet: what a job that failed, or
    was stopped with its worker, left undone, versions published before jobs existed, and those drawn
    by an earlier layout. How many."""
    done = set(Rendition.objects.filter(layout=LAYOUT).values_list("content_hash", flat=True))
    waiting = ReportVersion.objects.exclude(content_hash__in=done).order_by("pk")
    count = 0
    for version in waiting.iterator():
        render_report.enqueue(version.context)
        count += 1
    return count
