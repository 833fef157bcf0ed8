"""An inspection's force in numbers: the force's indicators, comparators and charts.

Figures come from the force's datasets in the workspace's data store; the page lets the reader
choose the dataset and the 12 months. It is visible to whoever may see the inspection.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from inspectorate.core.data.store import Dataset, DataStore
from inspectorate.core.indicators.results import results_to_json, results_to_rows
from inspectorate.core.numbers import ForceNumbers, force_numbers, period_to
from inspectorate.core.problems import InputError
from inspectorate.core.workspace import data_store_dir
from inspectorate.web.front.twins import Page, render_page
from inspectorate.web.inspections.access import get_inspection_for_user
from inspectorate.web.inspections.documents import inspection_summary
from inspectorate.web.numbers.charts import indicator_charts
from inspectorate.web.registry.peer_groups import current_peer_table


def data_store() -> DataStore:
    return DataStore(data_store_dir(settings.WORKSPACE))


def inspection_numbers(request: HttpRequest, fmt: str, code: Any) -> HttpResponse:
    inspection, can_write = get_inspection_for_user(request, code)
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
    data: dict[str, Any] = {
        "inspection": inspection_summary(inspection),
        "datasets": [{"dataset": d.ref, "synthetic": d.synthetic} for d in datasets],
        "problem": problem,
        "numbers": None,
    }
    rows: list[dict[str, Any]] = []
    if numbers is not None:
        document = numbers.model_dump(mode="json", exclude={"results"})
        document["results"] = results_to_json(numbers.results)
        data["numbers"] = document
        header, cells = results_to_rows(numbers.results)
        rows = [
            {
                "dataset": numbers.dataset,
                "synthetic": numbers.synthetic,
                **dict(zip(header, row, strict=True)),
            }
            for row in cells
        ]
    context = {
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
    page = Page(
        "numbers/inspection_numbers.html", title, data, rows, context, f"{inspection.reference}-numbers"
    )
    return render_page(request, fmt, page)


def _chosen_dataset(datasets: list[Dataset], name: str) -> Dataset | None:
    if name:
        return next((d for d in datasets if d.name == name), None)
    # Real data first: a synthetic dataset is shown only when it is all there is, or when asked for.
    real = [d for d in datasets if not d.synthetic]
    return (real or datasets or [None])[0]
