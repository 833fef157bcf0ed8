"""The national figures the pages show: the one place the web app calls core's national functions.

The figures are official statistics, the same for every reader. ``load_national`` keeps what it
read until the workspace's national folder changes; the comparisons worked out from it are kept
here, in this process, for as long as the same ``NationalData`` is current, so that a page read
again costs a lookup. Anonymous readers are served again from the public page cache besides.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings

from inspectorate.core.national.figures import Edition, NationalData, NationalFigure
from inspectorate.core.national.results import ForceIndicatorPeriod, IndicatorPeriod, NationalIndicator

if TYPE_CHECKING:
    from inspectorate.core.national.completeness import MonthFlag

T = TypeVar("T")
_lock = threading.Lock()
_kept: dict[tuple[object, ...], object] = {}
_kept_for: list[NationalData] = []


def national_data() -> NationalData:
    """Every edition held: shipped with the package and loaded into the workspace."""
    from inspectorate.core.national.store import load_national

    return load_national(settings.WORKSPACE)


def _kept_while_current(data: NationalData, key: tuple[object, ...], make: Callable[[], T]) -> T:
    """``make()``'s result, worked out once for this ``data``; everything kept goes when it changes."""
    with _lock:
        if not _kept_for or _kept_for[0] is not data:
            _kept.clear()
            _kept_for[:] = [data]
        if key in _kept:
            return _kept[key]  # type: ignore[return-value]  # stored by this function under this key
    made = make()
    with _lock:
        if _kept_for and _kept_for[0] is data:
            _kept[key] = made
    return made


def indicators() -> tuple[NationalIndicator, ...]:
    from inspectorate.core.national.indicators import national_indicators

    data = national_data()
    return _kept_while_current(data, ("indicators",), lambda: national_indicators(data))


def indicator(indicator_id: str) -> NationalIndicator:
    """The indicator; ``UnknownNationalIndicator`` (an ``InputError``) for an id not held."""
    from inspectorate.core.national.indicators import get_national_indicator

    return get_national_indicator(national_data(), indicator_id)


def periods(indicator_id: str) -> tuple[tuple[date, date], ...]:
    """The indicator's periods held, oldest first, as (start, end)."""
    from inspectorate.core.national.compare import indicator_periods

    data = national_data()
    return _kept_while_current(data, ("periods", indicator_id), lambda: indicator_periods(data, indicator_id))


def comparison(
    indicator_id: str, period_end: date | None = None, period_start: date | None = None
) -> IndicatorPeriod:
    """The indicator across all forces for the period ending ``period_end`` (the latest when None;
    the longer of a year and a quarter ending that day unless ``period_start`` says which)."""
    from inspectorate.core.national.compare import compare_forces

    data = national_data()
    key = ("comparison", indicator_id, period_end, period_start)
    return _kept_while_current(
        data, key, lambda: compare_forces(data, indicator_id, period_end, period_start)
    )


def history(force_id: str, groups: Mapping[str, tuple[str, ...]] | None) -> tuple[ForceIndicatorPeriod, ...]:
    """The force's row in every indicator and period, with its group's figure where one is entered."""
    from inspectorate.core.national.compare import force_history

    data = national_data()
    frozen = tuple(sorted((force, tuple(peers)) for force, peers in (groups or {}).items()))
    key = ("history", force_id, frozen)
    return _kept_while_current(data, key, lambda: force_history(data, force_id, groups))


def editions() -> tuple[Edition, ...]:
    return national_data().editions


def edition_title(edition_id: str) -> str:
    """An edition as a reader knows it, its title ("Police force area data tables, year ending March
    2019"); the id where no edition held has it. Ids stay in the twins, for software."""
    return next((e.title for e in editions() if e.id == edition_id), edition_id)


def completeness_flags() -> tuple[MonthFlag, ...]:
    """The months a force published nothing, or far too little, on police.uk."""
    from inspectorate.core.national.completeness import RECORDED_CRIME, month_flags
    from inspectorate.core.national.editions import current_figures
    from inspectorate.core.national.policeuk_counts import CRIMES_MEASURE, STREET_MEASURE

    data = national_data()

    def flags() -> tuple[MonthFlag, ...]:
        current: list[NationalFigure] = list(current_figures(data).values())
        street = [f for f in current if f.measure in (STREET_MEASURE, CRIMES_MEASURE)]
        recorded = [f for f in current if f.measure == RECORDED_CRIME]
        return month_flags(street, recorded)

    return _kept_while_current(data, ("completeness",), flags)
