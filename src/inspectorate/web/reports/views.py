"""An inspection's report: HTML in its programme's layout, PDF, and the JSON and CSV twins.

Whoever may see the inspection may see its report, so a draft's report is its team's alone; a
report that is not yet published says so on every page.
"""

from __future__ import annotations

import datetime
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render as render_template
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import ReportContext, context_from_json
from inspectorate.web.inspections.access import get_inspection_for_user, sees_working_copy
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.reports.build import report_context
from inspectorate.web.reports.publishing import AlreadyPublished, can_publish, open_correction, publish
from inspectorate.web.reports.record import visible_versions
from inspectorate.web.reports.render import render
from inspectorate.web.reports.renditions import render_report, rendered

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
}


def inspection_report(request: HttpRequest, fmt: str, code: UUID) -> HttpResponse:
    inspection, _ = get_inspection_for_user(request, code)
    context = chosen_report(request, inspection)
    made = rendered(context, "pdf" if fmt == "pdf" else "html") if fmt in ("html", "pdf") else None
    if fmt == "pdf" and made is None:
        return _being_printed(request, inspection, context)
    if made is not None:
        body: bytes | str = made
    else:  # the live report to its team (HTML), or a twin (JSON, CSV): quick to make
        body = render(context, fmt)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    if fmt in ("pdf", "csv"):
        disposition = "attachment" if fmt == "pdf" else "inline"
        suffix = f"-v{context.version}" if context.version else ""
        response["Content-Disposition"] = (
            f'{disposition}; filename="{inspection.reference}-report{suffix}.{fmt}"'
        )
    return response


# Seconds a reader waits before the page asks again for a PDF being printed.
PRINTING_RETRY = 5


def _being_printed(request: HttpRequest, inspection: Inspection, context: ReportContext) -> HttpResponse:
    """202: the PDF is queued for printing (web/reports/renditions.py); the page asks again."""
    render_report.enqueue(context.to_json())
    page = {"inspection": inspection, "report": context, "retry": PRINTING_RETRY}
    response = render_template(request, "reports/being_printed.html", page, status=202)
    response["Retry-After"] = str(PRINTING_RETRY)
    return response


def chosen_report(request: HttpRequest, inspection: Inspection) -> ReportContext:
    """?version=N, among the versions this user may see; else the live report for those who see the
    working copy, else the latest version whose embargo has ended."""
    working = sees_working_copy(request.user, inspection)
    versions = visible_versions(request.user, inspection)
    wanted = request.GET.get("version", "").strip()
    if wanted:
        version = next((v for v in versions if str(v.number) == wanted), None)
        if version is None:
            raise Http404("No such version of this report")
        return context_from_json(version.context)
    if working:
        return report_context(inspection)
    if not versions:
        raise Http404("No published report")
    return context_from_json(versions[-1].context)


@require_POST
def report_publish(request: HttpRequest, code: UUID) -> HttpResponse:
    """Freeze the report as a new version under embargo: the inspection's lead or staff only."""
    inspection, _ = get_inspection_for_user(request, code)
    if not can_publish(request.user, inspection):
        raise PermissionDenied("Only the inspection's lead (or staff) publishes its report.")
    url = reverse("inspection", kwargs={"code": inspection.code}) + "#report"
    try:
        embargo = _embargo(request.POST.get("embargo_until", ""))
        version = publish(inspection, signed_in(request), embargo, request.POST.get("reason", ""))
    except AlreadyPublished as exc:  # pressed twice, or by two people at once: one version
        number = exc.version.number
        messages.info(request, f"Already published as version {number}: nothing has changed since.")
        return HttpResponseRedirect(url)
    except InputError as exc:
        messages.error(request, f"Not published: {exc}")
        return HttpResponseRedirect(url)
    when = timezone.localtime(version.embargo_until).strftime("%-d %B %Y %H:%M")
    messages.success(request, f"Published as version {version.number}, under embargo until {when}.")
    return HttpResponseRedirect(url)


@require_POST
def report_correction(request: HttpRequest, code: UUID) -> HttpResponse:
    """Open a correction of the published report, with its reason: the lead's (or staff's) act that
    unlocks the working copy until the correction is published as the next version."""
    inspection, _ = get_inspection_for_user(request, code)
    if not can_publish(request.user, inspection):
        raise PermissionDenied("Only the inspection's lead (or staff) corrects its published report.")
    url = reverse("inspection", kwargs={"code": inspection.code}) + "#report"
    try:
        open_correction(inspection, request.POST.get("reason", ""))
    except InputError as exc:
        messages.error(request, f"No correction opened: {exc}")
    else:
        messages.success(request, "Correction opened: the working copy may be changed, then published.")
    return HttpResponseRedirect(url)


def _embargo(text: str) -> datetime.datetime:
    """The form's local date and time ("2026-12-10T09:30"), in the site's time zone."""
    try:
        naive = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{text!r} is not a date and time (e.g. 2026-12-10T09:30)") from None
    if timezone.is_aware(naive):
        return naive
    return timezone.make_aware(naive)
