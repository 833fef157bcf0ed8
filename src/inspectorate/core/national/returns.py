"""What the national tables give a force's own data return: the population of the year its period
falls in, and the England and Wales figures its indicators are compared with.

- Population: the ONS mid-year estimate inside the period or nearest before its end (the rule of
  `denominators.py`, read from the shipped and loaded tables), Census 2011 only where no estimate is
  held, and the label says which. A synthetic return is sized on Census 2011 by the synthesiser,
  so its rates keep dividing by that.
- England and Wales: for the indicators the tables also measure, worked out from all 43 forces'
  counts (British Transport Police left out, as the inspectorate's 2021/22 methodology does), for
  every twelve months the tables cover. A figure copied from a report (`indicators/published.csv`)
  is used only for a period the tables do not cover; where both exist, the copied figure is a check
  on the computed one (`constant_checks`), not a source.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from inspectorate.core.indicators.published import PublishedComparator, PublishedFigure, PublishedFigures
from inspectorate.core.national.compare import compare_forces, indicator_periods
from inspectorate.core.national.denominators import NoDenominator, denominators
from inspectorate.core.national.figures import NationalData
from inspectorate.core.national.indicators import UnknownNationalIndicator, get_national_indicator
from inspectorate.core.national.memo import per_data
from inspectorate.core.national.store import holdings_digest, load_national

# The data return's indicator -> the national indicator that measures the same thing.
SAME_INDICATOR = {
    "recorded-crime-per-1000": "recorded-crime-per-1000",
    "asb-per-1000": "asb-incidents-per-1000",
}


def population_for_period(data: NationalData, force_id: str, period_end: date) -> tuple[int, str] | None:
    """The force's population for a period ending ``period_end``, and what estimate it is."""
    found = denominators(data).for_count(force_id, "", period_end)
    if isinstance(found, NoDenominator):
        return None
    return round(found.value), found.label


def _twelve_months(start: date, end: date) -> bool:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return months == 12 and start.day == 1


@per_data
def england_and_wales_figures(data: NationalData) -> PublishedFigures:
    """England and Wales for each twelve months the tables cover, worked out from all 43 forces.

    A period in which any force has no count (Greater Manchester from July 2019) gives no figure:
    a total of the others would describe a different England and Wales.
    """
    figures: list[PublishedFigure] = []
    for indicator_id, national_id in SAME_INDICATOR.items():
        try:
            get_national_indicator(data, national_id)
        except UnknownNationalIndicator:
            continue
        for start, end in indicator_periods(data, national_id):
            if not _twelve_months(start, end):
                continue
            compared = compare_forces(data, national_id, end, start)
            value = compared.england_and_wales_excluding_btp
            if value is None or any(force.count is None for force in compared.forces):
                continue
            editions = ", ".join(compared.editions)
            source = (
                f"worked out from the 43 forces' figures in the national tables ({editions}), "
                "British Transport Police left out"
            )
            figures.append(
                PublishedFigure(
                    indicator=indicator_id,
                    comparator=PublishedComparator.ENGLAND_AND_WALES,
                    period_end=end,
                    value=value,
                    source=source,
                )
            )
    return PublishedFigures(tuple(figures))


# Part of the name of a kept result: changed whenever the way it is worked out changes.
RESULT_VERSION = "1"


def england_and_wales_kept(workspace: Path | None, folder: Path) -> PublishedFigures:
    """`england_and_wales_figures` of what the workspace holds, kept in ``folder`` under a digest of
    the tables held: working it out takes most of a second (every period compared), reading it back
    a few milliseconds, and a force's numbers are asked for in many short processes."""
    kept = folder / f"england-and-wales-{RESULT_VERSION}-{holdings_digest(workspace)[:32]}.json"
    try:
        rows = json.loads(kept.read_text(encoding="utf-8"))
        return PublishedFigures(tuple(PublishedFigure.model_validate(row) for row in rows))
    except (OSError, ValueError):
        pass  # not kept yet, or unreadable: worked out again and kept below
    figures = england_and_wales_figures(load_national(workspace))
    folder.mkdir(parents=True, exist_ok=True)
    temporary = kept.with_suffix(f".{os.getpid()}.tmp")
    rows = [figure.model_dump(mode="json") for figure in figures.figures]
    temporary.write_text(json.dumps(rows), encoding="utf-8")
    temporary.replace(kept)
    return figures


def with_constants(computed: PublishedFigures, constants: PublishedFigures) -> PublishedFigures:
    """The computed figures, and a copied one only where nothing is computed for its slot."""
    held = {(f.indicator, f.comparator, f.period_end) for f in computed.figures}
    kept = [f for f in constants.figures if (f.indicator, f.comparator, f.period_end) not in held]
    return PublishedFigures((*computed.figures, *kept))


@dataclass(frozen=True)
class ConstantCheck:
    """A figure copied from a report set against the one worked out from the tables."""

    constant: PublishedFigure
    computed: float
    decimals: int
    """The places the report printed; the computed figure is rounded to them."""

    @property
    def agrees(self) -> bool:
        return round(self.computed, self.decimals) == round(self.constant.value, self.decimals)


def _printed_decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".", 1)[1].rstrip("0")) if "." in text else 0


def constant_checks(computed: PublishedFigures, constants: PublishedFigures) -> tuple[ConstantCheck, ...]:
    """Every copied figure whose slot the tables also cover, with the computed one beside it."""
    by_slot = {(f.indicator, f.comparator, f.period_end): f for f in computed.figures}
    checks: list[ConstantCheck] = []
    for constant in constants.figures:
        found = by_slot.get((constant.indicator, constant.comparator, constant.period_end))
        if found is not None:
            checks.append(ConstantCheck(constant, found.value, _printed_decimals(constant.value)))
    return tuple(checks)
