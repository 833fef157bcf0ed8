"""The force in numbers for a report: the platform's indicators over the force's data return.

The dataset is chosen as the numbers page chooses it (real data first), and a real inspection's
report never takes a synthetic one: only an exercise may. The period is the 12
months ending with the inspection's period where it has one, else the year to 31 March of the year
its framework came into use (PEEL 2021/22 reports quote the year to March 2021). A report whose
period the data does not cover goes without its numbers rather than show another year's.
"""

from __future__ import annotations

import re

from inspectorate.core.data.store import default_dataset
from inspectorate.core.indicators.periods import Period
from inspectorate.core.numbers import force_numbers, period_to, statistical_year
from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import ComparedValue, ForceInNumbers, NumberLine
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.registry.peer_groups import current_peer_table
from inspectorate.web.workspace import data_store


def force_in_numbers(inspection: Inspection) -> ForceInNumbers | None:
    store = data_store()
    datasets = store.datasets(inspection.force_id)
    # A real inspection's report never shows synthetic figures; an exercise may use them.
    chosen = default_dataset([d for d in datasets if inspection.exercise or not d.synthetic])
    if chosen is None:
        return None
    try:
        numbers = force_numbers(store, chosen, _period(inspection), peer_groups=current_peer_table())
    except InputError:
        return None
    if all(result.value is None for result in numbers.results):
        return None
    lines = tuple(
        NumberLine(
            indicator=result.id,
            title=result.title,
            unit=result.unit.label,
            period=result.period,
            value=result.value,
            reason=result.reason,
            comparisons=tuple(
                ComparedValue(
                    label=c.label,
                    kind=str(c.kind),
                    value=c.value,
                    difference=f"{c.difference:+.1f} {c.difference_unit}"
                    if c.difference is not None
                    else None,
                    significant=c.significant,
                    test=str(c.test) if c.test else None,
                )
                for c in result.comparisons
            ),
        )
        for result in numbers.results
    )
    return ForceInNumbers(
        dataset=numbers.dataset,
        synthetic=numbers.synthetic,
        period=numbers.period,
        population=numbers.population,
        lines=lines,
    )


def _period(inspection: Inspection) -> Period:
    if inspection.period_end:
        return period_to(inspection.period_end.strftime("%Y-%m"))
    year = re.match(r"\d{4}", inspection.spec.in_use or "")
    if year is None:
        raise InputError(f"{inspection.reference}: no period to take its numbers for")
    return statistical_year(int(year.group(0)))
