"""An audit's offline worksheet: downloaded as CSV or XLSX by the team and staff, sent back by writers.

The worksheet holds every record (incident and crime ids, auditors' notes), so anyone else gets a 404
as on the record pages, even once the inspection is published.

An import is all or nothing (web/audits/worksheets.py): a bad file shows every located problem on
the audit's page and stores no decision.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from django import forms
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST, require_safe

from inspectorate.web.audits.forms import WorksheetUploadForm
from inspectorate.web.audits.views.audit import audit_page
from inspectorate.web.audits.views.common import AUDITS, audit_url
from inspectorate.web.audits.worksheets import export_worksheet, import_worksheet
from inspectorate.web.fieldwork.views import sheet_download, sheet_import
from inspectorate.web.pages.requests import signed_in


@require_safe
def audit_worksheet(request: HttpRequest, code: UUID, audit_code: UUID, fmt: str) -> HttpResponse:
    audit, _ = AUDITS.material_for_user(request, code, audit_code)
    return sheet_download(audit.reference, "worksheet", fmt, lambda path: export_worksheet(audit, path, fmt))


@require_POST
def audit_worksheet_import(request: HttpRequest, code: UUID, audit_code: UUID) -> HttpResponse:
    audit = AUDITS.writable(request, code, audit_code, material=True)
    user = signed_in(request)

    def run(path: Path, name: str) -> str:
        return import_worksheet(audit, path, user, source_name=name).summary()

    def again(form: forms.Form, problems: list[str]) -> HttpResponse:
        assert isinstance(form, WorksheetUploadForm)
        return audit_page(request, "html", audit, True, upload_form=form, upload_problems=problems)

    form = WorksheetUploadForm(request.POST, request.FILES)
    return sheet_import(request, form, "worksheet", "worksheet", run, audit_url(audit), again)
