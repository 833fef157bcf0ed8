"""Files kept with a piece of evidence: kept by the team's writers, downloaded by the team and
staff, removed by the writers. Like the evidence, they are working material: anyone else gets 404
for each of these addresses, so that neither the evidence nor its files are revealed. The rules are
``evidence_files``'s (web/inspections/evidence_files.py), which the CLI calls too.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from inspectorate.core.problems import InputError
from inspectorate.web.inspections.access import can_see_history, get_inspection_for_user
from inspectorate.web.inspections.evidence_files import SizeLimit, attach_file, file_path, remove_file
from inspectorate.web.inspections.forms import EvidenceFileForm, EvidenceForm
from inspectorate.web.inspections.models import Evidence, EvidenceFile
from inspectorate.web.inspections.recording import RecordingError
from inspectorate.web.inspections.views.editing import (
    evidence_for,
    evidence_page,
    evidence_url,
    evidence_values,
    writer_posting,
)
from inspectorate.web.pages.requests import signed_in


def _team_evidence(request: HttpRequest, code: UUID, evidence_code: UUID) -> tuple[Evidence, bool]:
    """The evidence and whether this user may change it; 404 to anyone outside the team and staff."""
    inspection, can_write = get_inspection_for_user(request, code)
    if not can_see_history(request.user, inspection):
        raise Http404("No such evidence")
    return evidence_for(inspection, evidence_code), can_write


def _file_for(evidence: Evidence, file_code: UUID) -> EvidenceFile:
    evidence_file = evidence.files.filter(code=file_code).first()
    if evidence_file is None:
        raise Http404("No such file")
    return evidence_file


@csrf_exempt  # checked below, once the size limit is in place: the check reads the upload
@require_POST
def evidence_file_upload(request: HttpRequest, code: UUID, evidence_code: UUID) -> HttpResponse:
    limit = SizeLimit(request)
    request.upload_handlers.insert(0, limit)
    return _keep_file(request, code, evidence_code, limit)


@csrf_protect
def _keep_file(request: HttpRequest, code: UUID, evidence_code: UUID, limit: SizeLimit) -> HttpResponse:
    evidence, can_write = _team_evidence(request, code, evidence_code)
    writer_posting(request, evidence.inspection, can_write)
    form = EvidenceFileForm(request.POST, request.FILES, action=request.path)
    too_big = limit.problem()
    if too_big:
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error("file", too_big)
    elif form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            kept = attach_file(
                evidence,
                upload.chunks(),
                name=upload.name,
                effective_on=form.cleaned_data["effective_on"],
                uploaded_by=signed_in(request),
            )
        except RecordingError as exc:
            form.add_error("file" if exc.field == "file" else None, str(exc))
        except InputError as exc:  # locked since the page was opened
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Kept {kept.original_name} with this evidence.")
            return HttpResponseRedirect(evidence_url(evidence) + "#files")
    edit_form = EvidenceForm(initial=evidence_values(evidence), inspection=evidence.inspection, editing=True)
    return evidence_page(request, "html", evidence, can_write, edit_form, file_form=form)


@require_safe
def evidence_file_download(
    request: HttpRequest, code: UUID, evidence_code: UUID, file_code: UUID
) -> HttpResponseBase:
    evidence, _ = _team_evidence(request, code, evidence_code)
    evidence_file = _file_for(evidence, file_code)
    try:
        path = file_path(evidence_file)
    except FileNotFoundError:
        raise Http404("The file is no longer in the workspace") from None
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=evidence_file.original_name,
        content_type=evidence_file.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def evidence_file_remove(
    request: HttpRequest, code: UUID, evidence_code: UUID, file_code: UUID
) -> HttpResponse:
    evidence, can_write = _team_evidence(request, code, evidence_code)
    writer_posting(request, evidence.inspection, can_write)
    evidence_file = _file_for(evidence, file_code)
    remove_file(evidence_file)
    messages.success(request, f"Removed {evidence_file.original_name} from this evidence.")
    return HttpResponseRedirect(evidence_url(evidence) + "#files")
