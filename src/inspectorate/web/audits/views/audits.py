"""An inspection's crime data integrity audits: the list with the form to start one, and each audit's page.

Whoever may see the inspection sees its audits, their design, results and twins. The records
themselves (incident and crime ids, auditors' notes) and the worksheet are for the team and staff
only (``get_audit_records_for_user``): anyone else gets a 404, as for the history page. Writers start
audits, set the figures the estimates need and record the results as evidence; a POST from anyone
else who may see the inspection is refused with 403, as on the other editing pages.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from inspectorate.core.cdi.estimate import ALL, MEASURES, RECORDING
from inspectorate.core.cdi.frame import default_audit_period
from inspectorate.core.cdi.types import CRIME_GROUP_LABELS, SEXUAL, VIOLENCE
from inspectorate.core.data.store import Dataset, DataStore
from inspectorate.core.problems import InputError
from inspectorate.web.audits.documents import audit_summary
from inspectorate.web.audits.forms import FiguresForm, NewAuditForm, WorksheetUploadForm
from inspectorate.web.audits.models import AuditRecord, CdiAudit
from inspectorate.web.audits.results import audit_results, record_evidence
from inspectorate.web.audits.services import create_audit, data_store
from inspectorate.web.front.twins import Page, render_page
from inspectorate.web.inspections.access import can_see_audit_records, get_inspection_for_user
from inspectorate.web.inspections.documents import inspection_summary
from inspectorate.web.inspections.models import Inspection

READ_ONLY = "You may read this inspection but not change it."


def get_audit_for_user(request: HttpRequest, code: Any, audit_code: Any) -> tuple[CdiAudit, bool]:
    """The audit and whether this user may change it; 404 unless it belongs to an inspection they see."""
    inspection, can_write = get_inspection_for_user(request, code)
    audit = inspection.cdi_audits.filter(code=audit_code).first()
    if audit is None:
        raise Http404("No such audit")
    audit.inspection = inspection  # already fetched with its force and framework
    return audit, can_write


def get_audit_records_for_user(request: HttpRequest, code: Any, audit_code: Any) -> tuple[CdiAudit, bool]:
    """As ``get_audit_for_user``, for the records and the worksheet: 404 unless the team or staff."""
    audit, can_write = get_audit_for_user(request, code, audit_code)
    if not can_see_audit_records(request.user, audit.inspection):
        raise Http404("No such record")
    return audit, can_write


def writable_audit(request: HttpRequest, code: Any, audit_code: Any, *, records: bool = False) -> CdiAudit:
    """The audit, for a writer; ``records`` for a change that shows records (404 before 403)."""
    lookup = get_audit_records_for_user if records else get_audit_for_user
    audit, can_write = lookup(request, code, audit_code)
    if not can_write:
        raise PermissionDenied(READ_ONLY)
    return audit


def _audit_url_named(audit: CdiAudit, name: str) -> str:
    return reverse(name, kwargs={"code": audit.inspection.code, "audit_code": audit.code})


def audit_url(audit: CdiAudit, anchor: str = "") -> str:
    url = _audit_url_named(audit, "audit")
    return f"{url}#{anchor}" if anchor else url


def record_url(audit: CdiAudit, number: int) -> str:
    kwargs = {"code": audit.inspection.code, "audit_code": audit.code, "number": number}
    return reverse("audit-record", kwargs=kwargs)


def first_undecided(audit: CdiAudit, after: int = 0) -> AuditRecord | None:
    """The next record nobody has decided, after ``after`` in the working order and then from the start."""
    undecided = audit.records.filter(should_record="").order_by("number")
    return undecided.filter(number__gt=after).first() or undecided.first()


# The list, and starting an audit -----------------------------------------------------------------


def _default_dataset(datasets: list[Dataset]) -> Dataset | None:
    # As on the numbers page: real data first, a synthetic dataset only when it is all there is.
    real = [d for d in datasets if not d.synthetic]
    return (real or datasets or [None])[0]


def _new_audit_initial(store: DataStore, datasets: list[Dataset]) -> dict[str, Any]:
    chosen = _default_dataset(datasets)
    if chosen is None:
        return {}
    initial: dict[str, Any] = {"dataset": chosen.name}
    # A dataset without incidents has no default period: the form says what is wrong when it is sent.
    with suppress(InputError):
        initial["start"], initial["end"] = default_audit_period(store, chosen)
    return initial


def _start_audit(
    request: HttpRequest, inspection: Inspection, form: NewAuditForm, store: DataStore
) -> CdiAudit:
    data = form.cleaned_data
    design = form.design()
    start, end = data["start"], data["end"]
    if start is None:
        dataset = store.dataset(inspection.force_id, data["dataset"])
        if dataset is None:
            raise InputError(f"{inspection.force.name} has no dataset {data['dataset']!r}")
        start, end = default_audit_period(store, dataset)
    user = request.user if request.user.is_authenticated else None
    return create_audit(
        inspection,
        dataset_name=data["dataset"],
        start=start,
        end=end,
        design=design,
        user=user,
        include_asb=data["include_asb"],
    )


def _list_row(summary: dict[str, Any]) -> dict[str, Any]:
    design = summary["design"] or {}
    row = {key: value for key, value in summary.items() if not isinstance(value, dict | list)}
    return {**row, "seed": design.get("seed"), "margin": design.get("margin")}


def audit_list(request: HttpRequest, fmt: str, code: Any) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    store = data_store()
    datasets = store.datasets(inspection.force_id)
    form = None
    if request.method == "POST" and fmt == "html":
        if not can_write:
            raise PermissionDenied(READ_ONLY)
        form = NewAuditForm(request.POST, datasets=datasets)
        if form.is_valid():
            try:
                audit = _start_audit(request, inspection, form, store)
            except InputError as exc:
                form.add_error(None, " ".join(str(exc).split()))
            else:
                drawn = audit.records.count()
                messages.success(
                    request, f"{audit.reference}: drew {drawn:,} records from {audit.frame_size:,}."
                )
                return HttpResponseRedirect(audit_url(audit))
    elif can_write and datasets and fmt == "html":
        form = NewAuditForm(initial=_new_audit_initial(store, datasets), datasets=datasets)
    summaries = [audit_summary(audit, with_strata=False) for audit in inspection.cdi_audits.all()]
    data = {"inspection": inspection_summary(inspection), "audits": summaries}
    context = {
        "inspection": inspection,
        "can_write": can_write,
        "datasets": datasets,
        "audits": summaries,
        "form": form,
    }
    title = f"Crime data integrity audits of {inspection.reference}"
    rows = [_list_row(summary) for summary in summaries]
    page = Page("audits/audit_list.html", title, data, rows, context, f"{inspection.reference}-cdi")
    return render_page(request, fmt, page)


# One audit -----------------------------------------------------------------------------------------


def audit_page(
    request: HttpRequest,
    fmt: str,
    audit: CdiAudit,
    can_write: bool,
    *,
    upload_form: WorksheetUploadForm | None = None,
    upload_problems: list[str] | None = None,
    figures_form: FiguresForm | None = None,
) -> HttpResponse:
    """The audit's page; the worksheet and figures views show it again with their form's errors."""
    summary = audit_summary(audit)
    results = audit_results(audit)
    data = {"summary": summary, "results": results.to_json()}
    context: dict[str, Any] = {
        "inspection": audit.inspection,
        "audit": audit,
        "can_write": can_write,
        "can_see_records": can_see_audit_records(request.user, audit.inspection),
        # Named here, as the worksheet and figures views show this page at their own URLs.
        "twins": {fmt: _audit_url_named(audit, f"audit.{fmt}") for fmt in ("json", "csv")},
    }
    if fmt == "html":
        sampled, decided = summary["sampled"], summary["decided"]
        upcoming = first_undecided(audit) if context["can_see_records"] else None
        context |= {
            "summary": summary,
            "results": data["results"],
            "figures": _figures(data["results"]["estimate"], audit),
            "design_sizes": [
                (CRIME_GROUP_LABELS.get(group, group), size)
                for group, size in (summary["design"].get("sizes") or {}).items()
            ],
            "sampled": sampled,
            "decided": decided,
            "continue_url": record_url(audit, upcoming.number) if upcoming else None,
            "first_url": record_url(audit, 1) if sampled and context["can_see_records"] else None,
            "upload_form": upload_form or WorksheetUploadForm(),
            "upload_problems": upload_problems or [],
            "figures_form": figures_form or FiguresForm(initial=FiguresForm.initial_for(audit)),
            "evidence": audit.evidence,
            "evidence_behind": _evidence_behind(audit),
        }
    page = Page("audits/audit_detail.html", audit.reference, data, results.rows(), context, audit.reference)
    return render_page(request, fmt, page)


def _evidence_behind(audit: CdiAudit) -> bool:
    """Whether a decision was saved after the evidence was last written, so it tells an old story."""
    if audit.evidence is None:
        return False
    latest = audit.records.aggregate(latest=Max("decided_at"))["latest"]
    return latest is not None and latest > audit.evidence.updated_at


# Where the previous audit's figure for each scope of the estimate is kept in ``audit.previous``.
PREVIOUS_KEYS = {ALL: "overall", VIOLENCE: "violence", SEXUAL: "sexual"}


# For an estimate made before the estimate carried its own note.
NO_SPREAD = "no variation in the sample, so the +/- form would read 0: the Wilson interval is given instead"


def _rate_shown(rate: dict[str, Any] | None) -> dict[str, Any] | None:
    """A rate as the page prints it: without a "+/- 0.0" that would read as exact."""
    if rate is None:
        return None
    no_spread = not rate["standard_error"]
    note = rate.get("interval_note") or (NO_SPREAD if no_spread else None)
    return {**rate, "no_spread": no_spread, "note": note}


def _figures(estimate: dict[str, Any], audit: CdiAudit) -> dict[str, Any]:
    """The estimate's JSON arranged for the page's tables, each figure with its label."""
    labels = {ALL: "All crime", **CRIME_GROUP_LABELS}
    measures = {name: _rate_shown(rate) for name, rate in estimate["measures"].items()}
    groups = {group: _rate_shown(rate) for group, rate in estimate["groups"].items()}
    current = {ALL: measures[RECORDING], **groups}
    recording = [(labels[scope], rate) for scope, rate in current.items()]
    other_measures = [(m.label, measures[m.name]) for m in MEASURES if m.name != RECORDING]
    strata = {stratum.key: stratum.label for stratum in audit.strata.all()}
    previous = audit.previous or {}
    additional = estimate["volumes"]["additional"]
    return {
        "recording": recording,
        "recording_notes": [(label, rate["note"]) for label, rate in recording if rate and rate["note"]],
        "additional_fewer": -additional["rounded"] if additional and additional["rounded"] < 0 else None,
        "previous_overall": previous.get("overall"),
        "other_measures": other_measures,
        "other_notes": [(label, rate["note"]) for label, rate in other_measures if rate and rate["note"]],
        "strata": [(strata.get(s["key"], s["key"]), s) for s in estimate["strata"]],
        "comparisons": [
            (labels.get(scope, scope), previous.get(PREVIOUS_KEYS.get(scope, scope)), current.get(scope), c)
            for scope, c in estimate["comparisons"].items()
        ],
        "comparison_notes": [
            (labels.get(scope, scope), note) for scope, note in estimate.get("comparison_notes", {}).items()
        ],
    }


@require_safe
def audit_detail(request: HttpRequest, fmt: str, code: Any, audit_code: Any) -> HttpResponse:
    audit, can_write = get_audit_for_user(request, code, audit_code)
    return audit_page(request, fmt, audit, can_write)


@require_POST
def audit_figures(request: HttpRequest, code: Any, audit_code: Any) -> HttpResponse:
    """R (the force's recorded crimes for the year) and the previous audit's published figures."""
    audit = writable_audit(request, code, audit_code)
    form = FiguresForm(request.POST)
    if not form.is_valid():
        return audit_page(request, "html", audit, True, figures_form=form)
    form.apply(audit)
    audit.save(update_fields=["recorded_crimes", "recorded_crimes_source", "previous", "updated_at"])
    messages.success(request, "Saved the figures the estimates use.")
    return HttpResponseRedirect(audit_url(audit, "figures"))


@require_POST
def audit_evidence(request: HttpRequest, code: Any, audit_code: Any) -> HttpResponse:
    audit = writable_audit(request, code, audit_code)
    try:
        evidence = record_evidence(audit, request.user)
    except InputError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(audit_url(audit, "suggestion"))
    messages.success(request, f"Recorded the audit's results as evidence: {evidence.title}.")
    return HttpResponseRedirect(audit_url(audit, "suggestion"))


def progress_counts(audit: CdiAudit) -> tuple[int, int]:
    """(decided, sampled)."""
    counts = audit.records.aggregate(sampled=Count("id"), decided=Count("id", filter=~Q(should_record="")))
    return counts["decided"], counts["sampled"]
