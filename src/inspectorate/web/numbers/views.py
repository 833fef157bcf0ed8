"""An inspection's force in numbers: the force's indicators, comparators and charts.

Whoever may see the inspection sees the page, but only those who may see the force's data returns
(inspections/access.py, ``sees_data_returns``: staff and its inspections' teams) read the figures
from the data store as it is now, choosing the dataset and the 12 months. Everyone else reads the
figures a report printed: the published version's, frozen with it; at the factual-accuracy check,
the force's liaison reads those the draft report prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from django.http import HttpRequest, HttpResponse

from inspectorate.core.data.store import Dataset, default_dataset
from inspectorate.core.indicators.results import results_to_rows
from inspectorate.core.numbers import ForceNumbers, force_numbers, period_to
from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import ForceInNumbers, ReportContext
from inspectorate.web.inspections.access import get_inspection_for_user, sees_data_returns
from inspectorate.web.inspections.documents import InspectionSummary, inspection_summary, record_summary
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.numbers.charts import indicator_charts
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

    def csv_rows(self) -> Sequence[NumberRow]:
        if self.numbers is None:
            return published_rows(self.published) if self.published else []
        header, cells = results_to_rows(self.numbers.results)
        return [
            NumberRow(
                dataset=self.numbers.dataset,
                synthetic=self.numbers.synthetic,
                **dict(zip(header, row, strict=True)),
            )
            for row in cells
        ]


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
    problem = None
    if chosen is None and request.GET.get("dataset"):
        problem = f"{inspection.force.name} has no dataset named {request.GET['dataset']!r}"
    if chosen is not None:
        try:
            period = period_to(request.GET["to"]) if request.GET.get("to") else None
            numbers = force_numbers(store, chosen, period, peer_groups=current_peer_table())
        except InputError as exc:
            problem = str(exc)
    document = NumbersPage(
        inspection=inspection_summary(inspection),
        datasets=[DatasetRef(dataset=d.ref, synthetic=d.synthetic) for d in datasets],
        problem=problem,
        numbers=numbers,
    )
    context: dict[str, object] = {
        "inspection": inspection,
        "can_write": can_write,
        "datasets": datasets,
        "chosen": chosen,
        "numbers": numbers,
    }
    if numbers is not None and fmt == "html":
        charts = indicator_charts(store, numbers, inspection.force.name)
        context["items"] = [(result, charts.get(result.id)) for result in numbers.results]
    title = f"{inspection.force.name} in numbers"
    filename = f"{inspection.reference}-numbers"
    page = Page("numbers/inspection_numbers.html", title, document, context, filename)
    return render_page(request, fmt, page)


def _published_numbers(
    request: HttpRequest, fmt: Fmt, inspection: Inspection, record: ReportContext
) -> HttpResponse:
    """The figures the published report printed, nothing newer; the force's data returns are the
    inspection team's to see, not the public's."""
    document = NumbersPage(
        inspection=record_summary(inspection, record),
        datasets=[],
        problem=None if record.numbers else "The published report printed no force in numbers.",
        numbers=None,
        published=record.numbers,
    )
    context = {
        "inspection": inspection,
        "reference": record.reference,
        "force_name": record.force_name,
        "published": record.numbers,
        "draft": False,
    }
    title = f"{record.force_name} in numbers"
    page = Page("numbers/printed_numbers.html", title, document, context, f"{record.reference}-numbers")
    return render_page(request, fmt, page)


def _draft_numbers(request: HttpRequest, fmt: Fmt, inspection: Inspection) -> HttpResponse:
    """For the force's liaison at the factual-accuracy check: the figures the draft report prints,
    which they are there to check, and not the data returns they are drawn from."""
    printed = force_in_numbers(inspection)
    document = NumbersPage(
        inspection=inspection_summary(inspection),
        datasets=[],
        problem=None if printed else "The draft report prints no force in numbers.",
        numbers=None,
        published=printed,
    )
    context = {
        "inspection": inspection,
        "reference": inspection.reference,
        "force_name": inspection.force.name,
        "published": printed,
        "draft": True,
    }
    title = f"{inspection.force.name} in numbers"
    page = Page("numbers/printed_numbers.html", title, document, context, f"{inspection.reference}-numbers")
    return render_page(request, fmt, page)


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
            }
            for c in line.comparisons
        ] or [dict.fromkeys(("comparator", "comparator_label", "comparator_value", "difference",
                             "difference_unit", "met", "significant", "test", "p_value", "source",
                             "comparator_reason"))]  # fmt: skip
        rows += [NumberRow(**base, **c) for c in compared]
    return rows
