"""The views' pieces every kind of fieldwork shares: its sheet out and back in, and its results
recorded as evidence."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from inspectorate.core.problems import InputError
from inspectorate.web.inspections.models import Evidence
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.uploads import SHEET_TYPES, import_upload, safe_name, written_download


def sheet_download(reference: str, kind: str, fmt: str, write: Callable[[Path], object]) -> HttpResponse:
    """The sheet as an attachment named for the part: ``MPS-PEEL-2021-CDI-worksheet.xlsx``."""
    return written_download(f"{safe_name(reference)}-{kind}.{fmt}", SHEET_TYPES[fmt], write)


def sheet_import(
    request: HttpRequest,
    form: forms.Form,
    field: str,
    what: str,
    run: Callable[[Path, str], str],
    done_url: str,
    again: Callable[[forms.Form, list[str]], HttpResponse],
) -> HttpResponse:
    """Take a filled-in sheet back, all or nothing: to ``done_url`` with its summary when stored;
    else the part's page ``again``, with the form and every located problem.

    ``run`` stores the file at a path under the name it was sent with, and says what it stored.
    """
    if not form.is_valid():
        return again(form, [])
    upload = form.cleaned_data[field]
    problems = import_upload(request, upload, what, lambda path: run(path, upload.name))
    if not problems:
        return HttpResponseRedirect(done_url)
    return again(form, problems)


def record_as_evidence(
    request: HttpRequest, record: Callable[[User | None], Evidence], what: str, url: str
) -> HttpResponse:
    """Write (or refresh) the part's evidence record, and say so at ``url``."""
    try:
        evidence = record(signed_in(request))
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Recorded the {what}'s results as evidence: {evidence.title}.")
    return HttpResponseRedirect(url)


def evidence_behind(evidence: Evidence | None, latest_save: datetime.datetime | None) -> bool:
    """Whether work was saved after the evidence was last written, so that it tells an old story."""
    return evidence is not None and latest_save is not None and latest_save > evidence.updated_at
