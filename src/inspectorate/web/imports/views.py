"""The staff's upload of one published report: read and shown first, stored only when confirmed.

Who may do what: staff upload and store; others of the inspectorate see the page (the reports
imported so far, listed as they may see them) but not the form; a force's or a local policing
body's people get the site's 403, and someone not signed in is asked to sign in.

The file is read from a scratch copy. Once read and found storable it is kept in the workspace
under its SHA-256 (web/stored_files.py), so that the confirmation names it, not the person's disk;
a refused file is kept nowhere.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from inspectorate.core.ingest.model import ImportedReport
from inspectorate.web.accounts.roles import is_inspectorate
from inspectorate.web.imports.batch import Examined, Outcome, examine, store_examined
from inspectorate.web.imports.forms import ConfirmForm, ReportUploadForm
from inspectorate.web.inspections.access import listed_inspections
from inspectorate.web.inspections.documents import chronological
from inspectorate.web.inspections.importing import imported_as
from inspectorate.web.inspections.models import Inspection, Origin
from inspectorate.web.pages.uploads import safe_name, saved_upload
from inspectorate.web.stored_files import store_path, stored_path

# The session's uploads read and shown, awaiting confirmation: SHA-256 -> the name sent with it.
PENDING = "report_uploads"
STAFF_ONLY = "Only staff import published reports: ask an administrator to import this one."


def _allowed(request: HttpRequest, *, storing: bool) -> HttpResponse | None:
    """None when the user may go on; else the sign-in page (for someone not signed in). Raises the
    site's 403 for those outside the inspectorate, and for storing by anyone but staff."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_inspectorate(request.user):
        raise PermissionDenied("Importing published reports is the inspectorate's work.")
    if storing and not request.user.is_staff:
        raise PermissionDenied(STAFF_ONLY)
    return None


def _imported(request: HttpRequest) -> list[Inspection]:
    return chronological(listed_inspections(request.user).filter(origin=Origin.IMPORTED))


def _upload_page(
    request: HttpRequest, form: ReportUploadForm, refused: str | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "refused": refused,
        "may_upload": request.user.is_staff,
        "imported": _imported(request),
    }
    return render(request, "imports/upload.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def report_upload(request: HttpRequest) -> HttpResponse:
    """The upload form (GET); the report read and shown with what is missing (POST)."""
    answer = _allowed(request, storing=request.method == "POST")
    if answer is not None:
        return answer
    if request.method != "POST":
        return _upload_page(request, ReportUploadForm())
    form = ReportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    upload = form.cleaned_data["report"]
    name = upload.name or "report"
    with saved_upload(upload, "inspectorate-report-") as path:
        examined = examine(path, name)
        result = examined.result
        if result.outcome == Outcome.READABLE:
            kept = store_path(path)
    if result.outcome == Outcome.REFUSED:
        return _upload_page(request, ReportUploadForm(), refused=f"{name}: {result.reason}", status=400)
    if result.outcome == Outcome.ALREADY:
        messages.info(request, f"{name}: already imported as {result.inspection}; nothing was stored again.")
        return HttpResponseRedirect(reverse("inspection", kwargs={"code": result.code}))
    # Only what this person uploaded here may be confirmed: the workspace's store holds every kind
    # of file (evidence of inspections still in draft among them), each named by its SHA-256.
    pending = request.session.get(PENDING, {})
    pending[kept.sha256] = name
    request.session[PENDING] = pending
    confirm = ConfirmForm(initial={"sha256": kept.sha256, "name": name})
    return render(request, "imports/check.html", {**_reading(examined), "confirm": confirm})


def _reading(examined: Examined) -> dict[str, object]:
    """What the check page shows of the report: each grade, the findings by kind, each figure."""
    report: ImportedReport | None = examined.report
    assert report is not None, "a readable file has its report"
    kinds = Counter(finding.kind.label for finding in report.findings)
    return {"result": examined.result, "report": report, "finding_kinds": sorted(kinds.items())}


@require_POST
def report_store(request: HttpRequest) -> HttpResponse:
    """Store the report the check page showed, all or nothing; refused in one line otherwise."""
    answer = _allowed(request, storing=True)
    if answer is not None:
        return answer
    form = ConfirmForm(request.POST)
    pending: dict[str, str] = request.session.get(PENDING, {})
    sha256 = form.cleaned_data["sha256"] if form.is_valid() else ""
    kept = stored_path(sha256) if sha256 in pending else None
    if kept is None or not kept.is_file():
        twin = imported_as(sha256) if sha256 else None  # confirmed twice: a double click
        refused = (
            f"{form.cleaned_data['name']}: already imported as {twin.reference}"
            if twin is not None
            else "the report to store was not uploaded here: upload it again"
        )
        return _upload_page(request, ReportUploadForm(), refused=refused, status=400)
    # The name it was uploaded under, as the reading shown said, whatever the form now claims.
    name = pending.pop(sha256)
    request.session[PENDING] = pending
    # Read under the name it was sent with, as the reading shown was, so that every source says it.
    with tempfile.TemporaryDirectory(prefix="inspectorate-report-") as folder:
        path = Path(folder) / safe_name(name)
        shutil.copyfile(kept, path)
        result = store_examined(examine(path, name), path)
    if result.outcome != Outcome.STORED:
        reason = (
            f"already imported as {result.inspection}" if result.outcome == Outcome.ALREADY else result.reason
        )
        return _upload_page(request, ReportUploadForm(), refused=f"{name}: {reason}", status=400)
    grades = f"{result.grades} grade{'s' * (result.grades != 1)}"
    messages.success(request, f"{name}: stored as {result.inspection}, published, with {grades} read.")
    return HttpResponseRedirect(reverse("inspection", kwargs={"code": result.code}))
