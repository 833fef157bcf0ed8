"""An inspection's report: HTML in its programme's layout, PDF, and the JSON and CSV twins.

Whoever may see the inspection may see its report, so a draft's report is its team's alone; a
report that is not yet published says so on every page.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render as render_template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import ReportContext
from inspectorate.web.factcheck.targets import targets
from inspectorate.web.inspections.access import force_contact_role, get_inspection_for_user, sees_working_copy
from inspectorate.web.inspections.models import ContactRole, Inspection, Status
from inspectorate.web.inspections.views.inspections import inspection_page
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.reports.build import report_context
from inspectorate.web.reports.forms import CorrectionForm, PublishForm
from inspectorate.web.reports.publishing import AlreadyPublished, can_publish, open_correction, publish
from inspectorate.web.reports.record import as_read_by, visible_versions
from inspectorate.web.reports.render import body, render
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
    if fmt == "html":
        return _in_the_site(request, inspection, context)
    made = rendered(context, "pdf") if fmt == "pdf" else None
    if fmt == "pdf" and made is None:
        return _being_printed(request, inspection, context)
    # The PDF as printed, or a twin (JSON, CSV): quick to make.
    content = made if made is not None else render(context, fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    if fmt in ("pdf", "csv"):
        disposition = "attachment" if fmt == "pdf" else "inline"
        suffix = f"-v{context.version}" if context.version else ""
        response["Content-Disposition"] = (
            f'{disposition}; filename="{inspection.reference}-report{suffix}.{fmt}"'
        )
    return response


def _in_the_site(request: HttpRequest, inspection: Inspection, context: ReportContext) -> HttpResponse:
    """The report in the site's pages: its body as rendered (a published version's, once) or, for the
    live report to its team, made now; framed with the site's header and a way back."""
    commenting = _commenting(request, inspection, context)
    # A comment link beside each part is the liaison's alone: their page is made now, never kept.
    made = None if commenting else rendered(context, "html")
    labels = {part.reference: part.label for part in targets(context)} if commenting else None
    query = f"?version={context.version}" if request.GET.get("version") else ""
    twins = {
        "json": reverse("inspection-report.json", kwargs={"code": inspection.code}) + query,
        "csv": reverse("inspection-report.csv", kwargs={"code": inspection.code}) + query,
    }
    page = {
        "inspection": inspection,
        "report": context,
        # The layout templates' own output, escaped where it holds text (render.body).
        "body": mark_safe(
            made if isinstance(made, str) else body(context, commenting=commenting, comment_labels=labels)
        ),
        "version_query": query,
        "twins": twins,
    }
    return render_template(request, "reports/site.html", page)


def _commenting(request: HttpRequest, inspection: Inspection, context: ReportContext) -> str | None:
    """Where the liaison comments on the draft (web/factcheck), for the live report at the
    factual-accuracy check; None for everyone else and every other report."""
    if context.version is not None or inspection.status != Status.FACTUAL_ACCURACY:
        return None
    if force_contact_role(request.user, inspection) != ContactRole.LIAISON:
        return None
    return reverse("factual-accuracy", kwargs={"code": inspection.code})


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
    working copy, else the latest version whose embargo has ended (or, for an invited contact before
    it ends, the one under embargo, marked as such on every page)."""
    working = sees_working_copy(request.user, inspection)
    versions = visible_versions(request.user, inspection)
    wanted = request.GET.get("version", "").strip()
    if wanted:
        version = next((v for v in versions if str(v.number) == wanted), None)
        if version is None:
            raise Http404("No such version of this report")
        return as_read_by(request.user, inspection, version)
    if working:
        return report_context(inspection)
    if not versions:
        raise Http404("No published report")
    # The latest version out of embargo; for an invited contact, the one under embargo, marked.
    return as_read_by(request.user, inspection, versions[-1])


@require_POST
def report_publish(request: HttpRequest, code: UUID) -> HttpResponse:
    """Freeze the report as a new version under embargo: the inspection's lead or staff only. A form
    with errors (an impossible date, an embargo ending in the past, grading-rule breaches) comes back
    on the inspection page, its errors summarised at the top of the form."""
    inspection, can_write = get_inspection_for_user(request, code)
    if not can_publish(request.user, inspection):
        raise PermissionDenied("Only the inspection's lead (or staff) publishes its report.")
    url = reverse("inspection", kwargs={"code": inspection.code}) + "#report"
    form = PublishForm.posted(
        request.POST,
        correcting=inspection.report_versions.exists(),
        action=reverse("report-publish", kwargs={"code": inspection.code}),
    )
    if form.is_valid():
        embargo = form.cleaned_data["embargo_until"]
        try:
            version = publish(inspection, signed_in(request), embargo, form.cleaned_data.get("reason", ""))
        except AlreadyPublished as exc:  # pressed twice, or by two people at once: one version
            number = exc.version.number
            messages.info(request, f"Already published as version {number}: nothing has changed since.")
            return HttpResponseRedirect(url)
        except InputError as exc:  # grading-rule breaches, or a correction without its reason
            where = "reason" if "reason" in form.fields and "its reason" in str(exc) else None
            form.add_error(where, f"Not published: {exc}")
        else:
            when = timezone.localtime(version.embargo_until).strftime("%-d %B %Y %H:%M")
            messages.success(request, f"Published as version {version.number}, under embargo until {when}.")
            return HttpResponseRedirect(url)
    return inspection_page(request, "html", inspection, can_write, publishing=form)


@require_POST
def report_correction(request: HttpRequest, code: UUID) -> HttpResponse:
    """Open a correction of the published report, with its reason: the lead's (or staff's) act that
    unlocks the working copy until the correction is published as the next version."""
    inspection, can_write = get_inspection_for_user(request, code)
    if not can_publish(request.user, inspection):
        raise PermissionDenied("Only the inspection's lead (or staff) corrects its published report.")
    url = reverse("inspection", kwargs={"code": inspection.code}) + "#report"
    form = CorrectionForm(request.POST, action=reverse("report-correction", kwargs={"code": inspection.code}))
    if form.is_valid():
        try:
            open_correction(inspection, form.cleaned_data["reason"])
        except InputError as exc:
            form.add_error(None, f"No correction opened: {exc}")
        else:
            messages.success(request, "Correction opened: the working copy may be changed, then published.")
            return HttpResponseRedirect(url)
    return inspection_page(request, "html", inspection, can_write, publishing=form)
