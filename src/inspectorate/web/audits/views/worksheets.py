"""An audit's offline worksheet: downloaded as CSV or XLSX by the team and staff, sent back by writers.

The worksheet holds every record (incident and crime ids, auditors' notes), so anyone else gets a 404
as on the record pages, even once the inspection is published.

An import is all or nothing (web/audits/worksheets.py): a bad file shows every located problem on
the audit's page and stores no decision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST, require_safe

from inspectorate.web.audits.forms import WorksheetUploadForm
from inspectorate.web.audits.views.audits import (
    audit_page,
    audit_url,
    get_audit_records_for_user,
    writable_audit,
)
from inspectorate.web.audits.worksheets import export_worksheet, import_worksheet
from inspectorate.web.front.uploads import SHEET_TYPES, import_upload, safe_name, written_download


@require_safe
def audit_worksheet(request: HttpRequest, code: Any, audit_code: Any, fmt: str) -> HttpResponse:
    audit, _ = get_audit_records_for_user(request, code, audit_code)
    filename = f"{safe_name(audit.reference)}-worksheet.{fmt}"
    return written_download(filename, SHEET_TYPES[fmt], lambda path: export_worksheet(audit, path, fmt))


@require_POST
def audit_worksheet_import(request: HttpRequest, code: Any, audit_code: Any) -> HttpResponse:
    audit = writable_audit(request, code, audit_code, records=True)
    form = WorksheetUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return audit_page(request, "html", audit, True, upload_form=form)
    upload = form.cleaned_data["worksheet"]
    user = request.user if request.user.is_authenticated else None

    def run(path: Path) -> str:
        return import_worksheet(audit, path, user, source_name=upload.name).summary()

    problems = import_upload(request, upload, "worksheet", run)
    if not problems:
        return HttpResponseRedirect(audit_url(audit))
    return audit_page(request, "html", audit, True, upload_form=form, upload_problems=problems)
