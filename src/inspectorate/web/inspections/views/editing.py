"""An area's judgment, a finding and a piece of evidence: each a page, editable by the team.

Readers get the page (and its twins); only writers get the form, and a POST from anyone
else is refused with 403. Every save goes through ``recording`` and into the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import update_wrapper
from typing import Any, Concatenate, ParamSpec, TypeVar
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from inspectorate.core.frameworks.spec import Area, Criterion, Framework
from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import ReportContext
from inspectorate.web.inspections.access import can_see_history, get_inspection_for_user
from inspectorate.web.inspections.conflicts import Conflict, conflict_for
from inspectorate.web.inspections.documents import (
    AreaRow,
    CriterionDocument,
    EvidenceDocument,
    EvidenceFileDocument,
    FindingDocument,
    InspectionSummary,
    area_rows,
    criterion_documents,
    evidence_document,
    evidence_file_document,
    finding_document,
    inspection_summary,
    record_findings,
    record_rows,
    record_summary,
)
from inspectorate.web.inspections.forms import EvidenceFileForm, EvidenceForm, FindingForm, JudgmentForm
from inspectorate.web.inspections.locking import LockedRecord, ensure_open, is_locked
from inspectorate.web.inspections.models import Evidence, Finding, Inspection, Judgment
from inspectorate.web.inspections.recording import (
    EditConflict,
    record_judgment,
    save_evidence,
    save_finding,
)
from inspectorate.web.pages.documents import PageDocument, Row
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.reports.record import record_for

R = TypeVar("R", bound=Row)


def _as_row(document: PageDocument, row: type[R]) -> R:
    """The page's own record, as the one row of its CSV twin."""
    return row(**document.model_dump(include=set(row.model_fields)))


class AreaPage(AreaRow, PageDocument):
    ROW = AreaRow
    inspection: InspectionSummary
    question: str | None
    key_issues: list[str]
    criteria: list[CriterionDocument]
    """What the framework judges the area against, each with the findings and evidence marked against it."""
    findings_on_area: list[FindingDocument]
    """The findings on the area, or marked against one of its criteria."""
    evidence_on_area: list[EvidenceDocument]
    """The evidence bearing on the area: on it, marked against one of its criteria, or supporting one of
    its findings. The team's working material: empty for everyone else."""

    def csv_rows(self) -> Sequence[AreaRow]:
        return [_as_row(self, AreaRow)]


class FindingPage(FindingDocument, PageDocument):
    ROW = FindingDocument
    inspection: InspectionSummary
    recommendations: list[FindingDocument]
    """For a cause of concern: the recommendations that answer it."""
    evidence: list[EvidenceDocument]
    """The evidence that supports it: the team's working material, empty for everyone else."""

    def csv_rows(self) -> Sequence[FindingDocument]:
        return [_as_row(self, FindingDocument)]


class EvidencePage(EvidenceDocument, PageDocument):
    ROW = EvidenceDocument
    inspection: InspectionSummary
    supports: list[FindingDocument]
    """The findings it supports."""
    kept_files: list[EvidenceFileDocument]
    """The files kept with it, each by its SHA-256."""

    def csv_rows(self) -> Sequence[EvidenceDocument]:
        return [_as_row(self, EvidenceDocument)]


def _inspection_url(inspection: Inspection) -> str:
    return reverse("inspection", kwargs={"code": inspection.code})


READ_ONLY = "You may read this inspection but not change it."


class SignInFirst(Exception):
    """Someone not signed in asked for a form that needs a writer: send them to sign in."""


def _writable(request: HttpRequest, code: UUID) -> Inspection:
    inspection, can_write = get_inspection_for_user(request, code)
    if not can_write:
        if not request.user.is_authenticated and request.method == "GET":
            raise SignInFirst
        raise PermissionDenied(READ_ONLY)
    _refuse_locked(inspection)
    return inspection


def _refuse_locked(inspection: Inspection) -> None:
    """A 403 saying why, for a change to a published inspection with no correction open."""
    try:
        ensure_open(inspection)
    except LockedRecord as exc:
        raise PermissionDenied(str(exc)) from None


def writer_posting(request: HttpRequest, inspection: Inspection, can_write: bool) -> None:
    if not can_write:
        raise PermissionDenied(READ_ONLY)
    _refuse_locked(inspection)


P = ParamSpec("P")


def _sign_in_first(
    view: Callable[Concatenate[HttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    def wrapped(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except SignInFirst:
            return redirect_to_login(request.get_full_path())

    update_wrapper(wrapped, view)
    return wrapped


def _submit(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[], object],
    done: str,
    url: str | Callable[[Any], str],
    stored_values: Callable[[Any], dict[str, Any]] | None = None,
) -> HttpResponse | Conflict | None:
    """Validate and save: the redirect on success (to ``url``, or where ``url`` says for the saved
    record); or None to show the form with its errors; or, when someone else saved the record since
    the form was opened, the conflict to show (409). ``stored_values``: the record's values as the
    form's initial data, for an edit form."""
    if not form.is_valid():
        return None
    try:
        saved = save()
    except EditConflict as exc:
        form.add_error(None, str(exc))
        assert stored_values is not None, "a new record has no revision to conflict with"
        return conflict_for(form, exc.stored, stored_values(exc.stored))
    except InputError as exc:  # a refused value, or a record locked since the page was opened
        field = getattr(exc, "field", "")
        form.add_error(field if field in form.fields else None, str(exc))
        return None
    messages.success(request, done)
    return HttpResponseRedirect(url(saved) if callable(url) else url)


def _saved_or_conflict(
    outcome: HttpResponse | Conflict | None,
) -> tuple[HttpResponse | None, Conflict | None]:
    if isinstance(outcome, Conflict):
        return None, outcome
    return outcome, None


def _status(conflict: Conflict | None) -> int:
    return 409 if conflict else 200


def _judgment_values(judgment: Judgment | None) -> dict[str, Any]:
    if judgment is None:
        return {"revision": 0}
    return {
        "revision": judgment.revision,
        "grade": judgment.grade,
        "direction": judgment.direction,
        "summary": judgment.summary,
    }


def area_detail(request: HttpRequest, fmt: Fmt, code: UUID, area_id: str) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    spec = inspection.spec
    try:
        place = spec.place(area_id)
    except KeyError:
        raise Http404("No such area") from None
    conflict = None
    if request.method == "POST" and fmt == "html":
        writer_posting(request, inspection, can_write)
        form = JudgmentForm(request.POST, spec=spec, area_id=area_id)
        saved, conflict = _saved_or_conflict(
            _submit(
                request,
                form,
                lambda: record_judgment(inspection, area_id, **form.cleaned_data),
                f"Saved the judgment for {place.area.title}.",
                f"{_inspection_url(inspection)}#area-{area_id}",
                _judgment_values,
            )
        )
        if saved:
            return saved
    else:
        judgment = inspection.judgments.filter(area_id=area_id).first()
        form = JudgmentForm(initial=_judgment_values(judgment), spec=spec, area_id=area_id)

    area = place.area
    record = record_for(request.user, inspection)
    team = can_see_history(request.user, inspection)
    if record is None:  # the working copy: the team's, or the force's at the factual-accuracy check
        row = next(r for r in area_rows(inspection) if r.area == area_id)
        summary = inspection_summary(inspection)
        findings, evidence = _bearing_on(inspection, area, team)
    else:
        row = next(r for r in record_rows(spec, record) if r.area == area_id)
        summary = record_summary(inspection, record)
        findings = [f for f in record_findings(record) if area_id in f.areas]
        evidence = []  # working material: never part of the published record
    criteria = criterion_documents(spec, area_id, findings, evidence)
    document = AreaPage(
        **dict(row),
        inspection=summary,
        question=area.question or None,
        key_issues=list(area.key_issues),
        criteria=criteria,
        findings_on_area=findings,
        evidence_on_area=evidence,
    )
    writable = can_write and not is_locked(inspection)
    context = {
        "inspection": inspection,
        "is_team": team,
        "can_write": writable,
        "area": area,
        "form": form,
        "conflict": conflict,
        "row": row,
        **_area_links(criteria, findings, evidence),
    }
    filename = f"{inspection.reference}-{area_id}"
    page = Page("inspections/area_detail.html", area.title, document, context, filename)
    return render_page(request, fmt, page, status=_status(conflict))


def _bearing_on(
    inspection: Inspection, area: Area, team: bool
) -> tuple[list[FindingDocument], list[EvidenceDocument]]:
    """The working copy's findings on the area or marked against one of its criteria; and, for the
    team, the evidence on it, marked against one of its criteria, or supporting one of those findings."""
    criteria = {criterion.id for criterion in area.criteria}
    findings = [
        finding_document(f)
        for f in inspection.findings.select_related("parent")
        if area.id in f.area_ids or criteria & set(f.criterion_ids)
    ]
    if not team:  # the team's working material, not the force's at the factual-accuracy check
        return findings, []
    codes = {f.code for f in findings}
    evidence = [
        document
        for document in map(evidence_document, inspection.evidence.prefetch_related("findings", "files"))
        if area.id in document.areas or criteria & set(document.criteria) or codes & set(document.findings)
    ]
    return findings, evidence


def _area_links(
    criteria: list[CriterionDocument], findings: list[FindingDocument], evidence: list[EvidenceDocument]
) -> dict[str, object]:
    """What the area page links, for its HTML: each criterion with the findings and evidence marked
    against it, and each finding with the evidence that supports it."""
    findings_by_code = {f.code: f for f in findings}
    evidence_by_code = {e.code: e for e in evidence}
    return {
        "criterion_rows": [
            {
                "criterion": criterion,
                "findings": [findings_by_code[code] for code in criterion.findings],
                "evidence": [evidence_by_code[code] for code in criterion.evidence],
            }
            for criterion in criteria
        ],
        "finding_rows": [
            {"finding": finding, "evidence": [e for e in evidence if finding.code in e.findings]}
            for finding in findings
        ],
    }


def _criteria_marked(spec: Framework, criterion_ids: list[str]) -> list[tuple[Area, Criterion]]:
    """The criteria a record is marked against, with their areas (an id the framework no longer has
    is left out: frameworks in use never change, so only an edited database holds one)."""
    marked = []
    for criterion_id in criterion_ids:
        try:
            marked.append(spec.criterion(criterion_id))
        except KeyError:
            continue
    return marked


@_sign_in_first
def finding_new(request: HttpRequest, code: UUID) -> HttpResponse:
    inspection = _writable(request, code)
    area = request.GET.get("area")
    form = FindingForm(request.POST or None, inspection=inspection, initial={"areas": [area] if area else []})
    if request.method == "POST":
        save = lambda: save_finding(inspection, **_finding_fields(form, inspection))  # noqa: E731
        saved = _submit(request, form, save, "Finding added.", _inspection_url(inspection) + "#findings")
        if isinstance(saved, HttpResponse):
            return saved
    return render(
        request, "inspections/finding_form.html", {"inspection": inspection, "form": form, "finding": None}
    )


def _finding_fields(form: FindingForm, inspection: Inspection) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "area_ids": data["areas"],
        "text": data["text"],
        "note": data["note"],
        "parent": form.parent_finding(inspection),
        "criterion_ids": data["criteria"] if "criteria" in form.fields else None,
    }


def _finding_for(inspection: Inspection, finding_code: UUID) -> Finding:
    finding = inspection.findings.filter(code=finding_code).select_related("parent").first()
    if finding is None:
        raise Http404("No such finding")
    return finding


def finding_detail(request: HttpRequest, fmt: Fmt, code: UUID, finding_code: UUID) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    if request.method == "POST" and fmt == "html":
        writer_posting(request, inspection, can_write)
    record = record_for(request.user, inspection)
    if record is not None:
        return _published_finding(request, fmt, inspection, record, finding_code)
    finding = _finding_for(inspection, finding_code)
    conflict = None
    if request.method == "POST" and fmt == "html":
        form = FindingForm(request.POST, inspection=inspection, editing=True)
        save = lambda: save_finding(  # noqa: E731
            inspection,
            finding=finding,
            revision=form.cleaned_data["revision"],
            **_finding_fields(form, inspection),
        )
        done = "Finding saved."
        url = _inspection_url(inspection) + "#findings"
        saved, conflict = _saved_or_conflict(_submit(request, form, save, done, url, _finding_values))
        if saved:
            return saved
        if conflict:
            finding = _finding_for(inspection, finding_code)  # the page shows what is stored now
    else:
        form = FindingForm(initial=_finding_values(finding), inspection=inspection, editing=True)
    team = can_see_history(request.user, inspection)
    supporting = finding.evidence.prefetch_related("findings", "files") if team else []
    document = FindingPage(
        **dict(finding_document(finding)),
        inspection=inspection_summary(inspection),
        recommendations=[finding_document(r) for r in finding.recommendations.all()],
        evidence=[evidence_document(e) for e in supporting],
    )
    writable = can_write and not is_locked(inspection)
    context = {
        "inspection": inspection,
        "is_team": team,
        "can_write": writable,
        "finding": finding,
        "form": form,
        "conflict": conflict,
        "area_titles": _area_titles(inspection),
        "criteria_marked": _criteria_marked(inspection.spec, document.criteria),
    }
    page = Page("inspections/finding_form.html", finding.get_kind_display(), document, context, "finding")
    return render_page(request, fmt, page, status=_status(conflict))


def _finding_values(finding: Finding) -> dict[str, Any]:
    return {
        "revision": finding.revision,
        "kind": finding.kind,
        "areas": finding.area_ids,
        "text": finding.text,
        "note": finding.note,
        "parent": str(finding.parent.code) if finding.parent else "",
        "criteria": list(finding.criterion_ids),
    }


def _area_titles(inspection: Inspection) -> dict[str, str]:
    return {place.area.id: place.area.title for place in inspection.spec.walk()}


def _published_finding(
    request: HttpRequest, fmt: Fmt, inspection: Inspection, record: ReportContext, finding_code: UUID
) -> HttpResponse:
    """A finding as the published record prints it: the text, kind, areas and recommendations."""
    findings = record_findings(record)
    finding = next((f for f in findings if f.code == str(finding_code)), None)
    if finding is None:
        raise Http404("No such finding")
    document = FindingPage(
        **dict(finding),
        inspection=record_summary(inspection, record),
        recommendations=[f for f in findings if f.parent == finding.code and finding.code],
        evidence=[],  # working material: never part of the published record
    )
    context = {
        "inspection": inspection,
        "is_team": False,
        "can_write": False,
        "finding": None,
        "area_titles": _area_titles(inspection),
    }
    page = Page("inspections/finding_form.html", finding.kind_label, document, context, "finding")
    return render_page(request, fmt, page)


@require_POST
def finding_delete(request: HttpRequest, code: UUID, finding_code: UUID) -> HttpResponse:
    inspection = _writable(request, code)
    with transaction.atomic():
        _finding_for(inspection, finding_code).delete()
    messages.success(request, "Finding deleted.")
    return HttpResponseRedirect(_inspection_url(inspection) + "#findings")


def _evidence_fields(form: EvidenceForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["area_ids"] = data.pop("areas")
    data["finding_codes"] = data.pop("findings", None)
    data["criterion_ids"] = data.pop("criteria", None)
    return data


@_sign_in_first
def evidence_new(request: HttpRequest, code: UUID) -> HttpResponse:
    inspection = _writable(request, code)
    area = request.GET.get("area")
    form = EvidenceForm(
        request.POST or None, inspection=inspection, initial={"areas": [area] if area else []}
    )
    if request.method == "POST":
        save = lambda: save_evidence(inspection, created_by=signed_in(request), **_evidence_fields(form))  # noqa: E731
        # On to the new evidence's page, where files are kept with it.
        saved = _submit(request, form, save, "Evidence added: you may now keep files with it.", evidence_url)
        if isinstance(saved, HttpResponse):
            return saved
    return render(
        request, "inspections/evidence_form.html", {"inspection": inspection, "form": form, "evidence": None}
    )


def evidence_for(inspection: Inspection, evidence_code: UUID) -> Evidence:
    evidence = inspection.evidence.filter(code=evidence_code).first()
    if evidence is None:
        raise Http404("No such evidence")
    return evidence


def evidence_url(evidence: Evidence) -> str:
    return reverse("evidence", kwargs={"code": evidence.inspection.code, "evidence_code": evidence.code})


def evidence_detail(request: HttpRequest, fmt: Fmt, code: UUID, evidence_code: UUID) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    if request.method == "POST" and fmt == "html":
        writer_posting(request, inspection, can_write)
    if not can_see_history(request.user, inspection):
        # Evidence is working material (notes of interviews, what was read where): never published.
        raise Http404("No such evidence")
    evidence = evidence_for(inspection, evidence_code)
    conflict = None
    if request.method == "POST" and fmt == "html":
        form = EvidenceForm(request.POST, inspection=inspection, editing=True)
        save = lambda: save_evidence(inspection, evidence=evidence, **_evidence_fields(form))  # noqa: E731
        done = "Evidence saved."
        url = _inspection_url(inspection) + "#evidence"
        saved, conflict = _saved_or_conflict(_submit(request, form, save, done, url, evidence_values))
        if saved:
            return saved
        if conflict:
            evidence = evidence_for(inspection, evidence_code)  # the page shows what is stored now
    else:
        form = EvidenceForm(initial=evidence_values(evidence), inspection=inspection, editing=True)
    return evidence_page(request, fmt, evidence, can_write, form, conflict=conflict)


def evidence_page(
    request: HttpRequest,
    fmt: Fmt,
    evidence: Evidence,
    can_write: bool,
    form: EvidenceForm,
    conflict: Conflict | None = None,
    file_form: EvidenceFileForm | None = None,
) -> HttpResponse:
    """The evidence page; ``file_form``: a file sent back with its errors."""
    inspection = evidence.inspection
    supports = evidence.findings.select_related("parent")
    kept = evidence.files.select_related("uploaded_by")
    document = EvidencePage(
        **dict(evidence_document(evidence)),
        inspection=inspection_summary(inspection),
        supports=[finding_document(f) for f in supports],
        kept_files=[evidence_file_document(f) for f in kept],
    )
    writable = can_write and not is_locked(inspection)
    upload_url = reverse(
        "evidence-file-upload", kwargs={"code": inspection.code, "evidence_code": evidence.code}
    )
    context = {
        "inspection": inspection,
        "can_write": writable,
        "evidence": evidence,
        "form": form,
        "file_form": file_form or EvidenceFileForm(action=upload_url),
        "conflict": conflict,
        "area_titles": _area_titles(inspection),
        "criteria_marked": _criteria_marked(inspection.spec, document.criteria),
    }
    page = Page("inspections/evidence_form.html", evidence.title, document, context, "evidence")
    status = 409 if conflict else 200
    return render_page(request, fmt, page, status=status)


def evidence_values(evidence: Evidence) -> dict[str, Any]:
    fields = ("revision", "kind", "title", "description", "collected_on", "date_label", "attributed_to")
    return {name: getattr(evidence, name) for name in fields} | {
        "areas": evidence.area_ids,
        "findings": [str(f.code) for f in evidence.findings.all()],
        "criteria": list(evidence.criterion_ids),
    }


@require_POST
def evidence_delete(request: HttpRequest, code: UUID, evidence_code: UUID) -> HttpResponse:
    inspection = _writable(request, code)
    with transaction.atomic():
        evidence_for(inspection, evidence_code).delete()
    messages.success(request, "Evidence deleted.")
    return HttpResponseRedirect(_inspection_url(inspection) + "#evidence")
