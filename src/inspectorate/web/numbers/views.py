"""An inspection's force in numbers: the force's indicators, comparators and charts.

Whoever may see the inspection sees the page, but only those who may see the force's data returns
(inspections/access.py, ``sees_data_returns``: staff and its inspections' teams) read the figures
from the data store as it is now, choosing the dataset and the 12 months. Everyone else reads the
figures a report printed: the published version's, frozen with it; at the factual-accuracy check,
the force's liaison reads those the draft report prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from inspectorate.core.data.store import Dataset, default_dataset
from inspectorate.core.indicators.results import results_to_rows
from inspectorate.core.numbers import ForceNumbers, force_numbers, period_to
from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import ForceInNumbers, ReportContext
from inspectorate.web.inspections.access import get_inspection_for_user, sees_data_returns
from inspectorate.web.inspections.documents import InspectionSummary, inspection_summary, record_summary
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.numbers.charts import force_label, indicator_charts
from inspectorate.web.numbers.missing import Context, MissingFigure, Notes, gap_id
from inspectorate.web.numbers.tables import COLUMNS, live_items, printed_rows
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.registry.peer_groups import current_peer_table
from inspectorate.web.reports.numbers import force_in_numbers
from inspectorate.web.reports.record import record_for
from inspectorate.web.workspace import data_store


class DatasetRef(Document):
    dataset: str
    """force/name in the workspace's data store."""
    synthetic: bool


Number = int | float


class NumberRow(Row):
    """One indicator (or one row of its breakdown) against one comparator."""

    dataset: str
    synthetic: bool
    indicator: str
    title: str
    period: str
    unit: str
    dimension: str | None
    """For a breakdown row: what it is broken down by (ethnicity, outcome...)."""
    key: str | None
    label: str
    value: Number | None
    numerator: Number | None
    denominator: Number | None
    reason: str | None
    """Why there is no value."""
    comparator: str | None
    comparator_label: str | None
    comparator_value: Number | None
    difference: Number | None
    difference_unit: str | None
    met: bool | None
    """Whether a target is met."""
    significant: bool | None
    test: str | None
    p_value: Number | None
    source: str | None
    comparator_reason: str | None
    comparator_note: str | None = None
    """Why the comparator's figure is missing: the id of one of the page's notes (``missing``)."""


class NumbersPage(PageDocument):
    ROW = NumberRow
    inspection: InspectionSummary
    datasets: list[DatasetRef]
    """The force's datasets in the workspace, for those who may see its data returns; else empty."""
    problem: str | None
    """Why no figures could be computed for the dataset and period asked for."""
    numbers: ForceNumbers | None
    """Every indicator for the chosen dataset's 12 months, with its comparators and tests: for the
    inspection's team and staff, from the force's data returns as they are now."""
    published: ForceInNumbers | None = None
    """For everyone else: the force in numbers as the published report printed it, frozen with it
    (for the force's liaison at the factual-accuracy check, as the draft report prints it)."""
    missing: list[MissingFigure] = []
    """Why figures are missing, one note per reason, with what would fill them in and who can: the
    page's empty cells point to these."""

    def csv_rows(self) -> Sequence[NumberRow]:
        if self.numbers is None:
            return published_rows(self.published) if self.published else []
        header, cells = results_to_rows(self.numbers.results)
        rows = []
        for cell in cells:
            row = dict(zip(header, cell, strict=True))
            kind, value, reason = row["comparator"], row["comparator_value"], row["comparator_reason"]
            note = None
            if kind is not None and (value is None or reason):
                assert isinstance(value, int | float | None) and isinstance(reason, str | None)
                note = gap_id(str(kind), str(row["comparator_label"]), value, reason)
            rows.append(
                NumberRow(
                    dataset=self.numbers.dataset,
                    synthetic=self.numbers.synthetic,
                    comparator_note=note,
                    **row,
                )
            )
        return rows


def inspection_numbers(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
    record = record_for(request.user, inspection)
    if record is not None:
        return _published_numbers(request, fmt, inspection, record)
    if not sees_data_returns(request.user, inspection.force_id):
        return _draft_numbers(request, fmt, inspection)
    store = data_store()
    datasets = store.datasets(inspection.force_id)
    chosen = _chosen_dataset(datasets, request.GET.get("dataset", ""))
    numbers: ForceNumbers | None = None
    problem, wrong = None, None  # what is wrong, and the field it is in
    if chosen is None and request.GET.get("dataset"):
        problem = f"{inspection.force.name} has no dataset named {request.GET['dataset']!r}"
        wrong = "dataset"
    if chosen is not None:
        try:
            period = period_to(request.GET["to"]) if request.GET.get("to") else None
        except InputError as exc:
            # The command line's words for the field ("--to") are the form's label here.
            problem, wrong = str(exc).replace("--to ", "12 months to: ", 1), "to"
        else:
            try:
                numbers = force_numbers(store, chosen, period, peer_groups=current_peer_table())
            except InputError as exc:
                problem = str(exc)
    notes = Notes(
        Context(
            force=inspection.force.name,
            force_id=inspection.force_id,
            period=numbers.period if numbers else "",
            dataset=chosen.name if chosen else None,
            peer_groups=numbers.peer_groups if numbers else None,
            peer_groups_page=reverse("peer-groups"),
        )
    )
    items = []
    if numbers is not None:
        charts = indicator_charts(store, numbers, inspection.force.name) if fmt == "html" else {}
        items = live_items(numbers, charts, notes)
    document = NumbersPage(
        inspection=inspection_summary(inspection),
        datasets=[DatasetRef(dataset=d.ref, synthetic=d.synthetic) for d in datasets],
        problem=problem,
        numbers=numbers,
        missing=notes.figures(),
    )
    context: dict[str, object] = {
        "inspection": inspection,
        "can_write": can_write,
        "datasets": datasets,
        "chosen": chosen,
        "numbers": numbers,
        "items": items,
        "notes": notes.listed(),
        "force_label": force_label(inspection.force.name, numbers.synthetic) if numbers else "",
        "wrong": wrong,
    }
    title = f"{inspection.force.name} in numbers"
    filename = f"{inspection.reference}-numbers"
    page = Page("numbers/inspection_numbers.html", title, document, context, filename)
    return render_page(request, fmt, page)


def _published_numbers(
    request: HttpRequest, fmt: Fmt, inspection: Inspection, record: ReportContext
) -> HttpResponse:
    """The figures the published report printed, nothing newer; the force's data returns are the
    inspection team's to see, not the public's."""
    notes = _printed_notes(record.force_name, inspection.force_id, record.numbers, "published")
    rows = printed_rows(record.numbers, notes) if record.numbers else []
    document = NumbersPage(
        inspection=record_summary(inspection, record),
        datasets=[],
        problem=None if record.numbers else "The published report printed no force in numbers.",
        numbers=None,
        published=record.numbers,
        missing=notes.figures(),
    )
    context = {
        "inspection": inspection,
        "reference": record.reference,
        "force_name": record.force_name,
        "published": record.numbers,
        "rows": rows,
        "notes": notes.listed(),
        "columns": COLUMNS.values(),
        "draft": False,
    }
    title = f"{record.force_name} in numbers"
    page = Page("numbers/printed_numbers.html", title, document, context, f"{record.reference}-numbers")
    return render_page(request, fmt, page)


def _draft_numbers(request: HttpRequest, fmt: Fmt, inspection: Inspection) -> HttpResponse:
    """For the force's liaison at the factual-accuracy check: the figures the draft report prints,
    which they are there to check, and not the data returns they are drawn from."""
    printed = force_in_numbers(inspection)
    notes = _printed_notes(inspection.force.name, inspection.force_id, printed, "draft")
    rows = printed_rows(printed, notes) if printed else []
    document = NumbersPage(
        inspection=inspection_summary(inspection),
        datasets=[],
        problem=None if printed else "The draft report prints no force in numbers.",
        numbers=None,
        published=printed,
        missing=notes.figures(),
    )
    context = {
        "inspection": inspection,
        "reference": inspection.reference,
        "force_name": inspection.force.name,
        "published": printed,
        "rows": rows,
        "notes": notes.listed(),
        "columns": COLUMNS.values(),
        "draft": True,
    }
    title = f"{inspection.force.name} in numbers"
    page = Page("numbers/printed_numbers.html", title, document, context, f"{inspection.reference}-numbers")
    return render_page(request, fmt, page)


def _printed_notes(
    force_name: str, force_id: str, printed: ForceInNumbers | None, state: Literal["draft", "published"]
) -> Notes:
    period = printed.period if printed else ""
    return Notes(Context(force=force_name, force_id=force_id, period=period, printed=state))


def _chosen_dataset(datasets: list[Dataset], name: str) -> Dataset | None:
    if name:
        return next((d for d in datasets if d.name == name), None)
    return default_dataset(datasets)


def published_rows(published: ForceInNumbers) -> list[NumberRow]:
    """The published figures as rows: one per indicator and comparator, as the live ones are."""
    rows = []
    for line in published.lines:
        base = {
            "dataset": published.dataset,
            "synthetic": published.synthetic,
            "indicator": line.indicator,
            "title": line.title,
            "period": line.period,
            "unit": line.unit,
            "dimension": None,
            "key": None,
            "label": line.title,
            "value": line.value,
            "numerator": None,
            "denominator": None,
            "reason": line.reason,
        }
        compared = [
            {
                "comparator": c.kind,
                "comparator_label": c.label,
                "comparator_value": c.value,
                "difference": None,
                "difference_unit": c.difference,
                "met": None,
                "significant": c.significant,
                "test": c.test,
                "p_value": None,
                "source": None,
                "comparator_reason": None,
                "comparator_note": None
                if c.value is not None and (line.value is not None or c.kind == "target")
                else gap_id(c.kind, c.label, c.value, None, printed=True),
            }
            for c in line.comparisons
        ] or [dict.fromkeys(("comparator", "comparator_label", "comparator_value", "difference",
                             "difference_unit", "met", "significant", "test", "p_value", "source",
                             "comparator_reason", "comparator_note"))]  # fmt: skip
        rows += [NumberRow(**base, **c) for c in compared]
    return rows
