"""An audit's offline worksheet: downloaded as CSV or XLSX by the team and staff, sent back by writers.

The worksheet holds every record (incident and crime ids, auditors' notes), so anyone else gets a 404
as on the record pages, even once the inspection is published.

An import is all or nothing (web/audits/worksheets.py): a bad file shows every located problem on
the audit's page and stores no decision.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST, require_safe

from inspectorate.core.problems import InputError, ProblemsError
from inspectorate.web.audits.worksheets import export_worksheet, import_worksheet
from inspectorate.web.front.audit_forms import WorksheetUploadForm
from inspectorate.web.front.views.audits import (
    audit_page,
    audit_url,
    get_audit_records_for_user,
    writable_audit,
)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _safe_name(name: str) -> str:
    """A file name with nothing but letters, digits, dots, dashes and underscores."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).strip("._") or "worksheet"


@require_safe
def audit_worksheet(request: HttpRequest, code: Any, audit_code: Any, fmt: str) -> HttpResponse:
    audit, _ = get_audit_records_for_user(request, code, audit_code)
    filename = f"{_safe_name(audit.reference)}-worksheet.{fmt}"
    with tempfile.TemporaryDirectory(prefix="inspectorate-worksheet-") as folder:
        path = Path(folder) / filename
        export_worksheet(audit, path, fmt)
        content = path.read_bytes()
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def audit_worksheet_import(request: HttpRequest, code: Any, audit_code: Any) -> HttpResponse:
    audit = writable_audit(request, code, audit_code, records=True)
    form = WorksheetUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return audit_page(request, "html", audit, True, upload_form=form)
    upload = form.cleaned_data["worksheet"]
    user = request.user if request.user.is_authenticated else None
    with tempfile.TemporaryDirectory(prefix="inspectorate-worksheet-") as folder:
        # Saved under the name it was sent with, so that every problem names the auditor's file.
        path = Path(folder) / _safe_name(upload.name)
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            result = import_worksheet(audit, path, user, source_name=upload.name)
        except ProblemsError as exc:
            problems = [str(problem) for problem in exc.problems]
        except InputError as exc:
            problems = str(exc).splitlines()
        except OperationalError:
            # SQLite's "database is locked": another save held it past the timeout; nothing was stored.
            problems = [f"{upload.name}: the database was busy with another save; send the file again."]
        else:
            messages.success(request, result.summary())
            return HttpResponseRedirect(audit_url(audit, "worksheet"))
    return audit_page(request, "html", audit, True, upload_form=form, upload_problems=problems)
