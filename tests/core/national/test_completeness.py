"""Months a force published nothing, or far too little, flagged and never counted as zero.

The first tests count the real police.uk files in ../shared/data/police-uk-bulk (README.txt there:
2019-07 is missing for three forces; Dyfed-Powys is very small in 2024). The medians they are held
against are worked out here with numpy from the README's per-file counts
(street-counts-by-file-and-crime-type.csv), not from the counting. The other figures are
SYNTHETIC, built here to test each rule at its edges.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from inspectorate.core.national.completeness import (
    MonthCount,
    month_flags,
    monthly_series,
    twelve_month_total,
)
from inspectorate.core.national.figures import NationalFigure, NationalTable, Status
from inspectorate.core.national.policeuk_counts import CRIMES_MEASURE, STREET_MEASURE, count_street_files
from inspectorate.core.problems import InputError


@pytest.fixture(scope="module")
def street(shared_data: Path) -> NationalTable:
    folder = shared_data / "police-uk-bulk"
    return count_street_files(sorted(folder.glob("street-*/*.parquet")))


@pytest.fixture(scope="module")
def published_rows(shared_data: Path) -> Counter[tuple[str, str]]:
    """(force slug, month) -> rows, from the README's per-file counts (each source file once)."""
    rows = Counter[tuple[str, str]]()
    seen: set[tuple[str, str, str]] = set()
    with (shared_data / "police-uk-bulk" / "street-counts-by-file-and-crime-type.csv").open(
        newline=""
    ) as handle:
        for line in csv.DictReader(handle):
            key = (line["source_file"], line["Crime type"], line["rows"])
            if key not in seen:  # the overlapping files are listed once per folder
                seen.add(key)
                rows[(line["source_file"][8 : -len("-street.csv")], line["source_file"][:7])] += int(
                    line["rows"]
                )
    return rows


def test_the_three_forces_missing_july_2019_are_flagged_nothing(street: NationalTable) -> None:
    flags = month_flags(street.figures)
    nothing = {(f.force_id, f.month) for f in flags if f.kind == "nothing"}
    july = date(2019, 7, 1)
    assert nothing == {("avon-and-somerset", july), ("merseyside", july), ("south-yorkshire", july)}
    # The 2018 and 2024 months of the all-forces files are years apart: what lies between is not held.
    assert not any(f.force_id == "dyfed-powys" and f.kind == "nothing" for f in flags)
    flag = next(f for f in flags if f.force_id == "merseyside" and f.kind == "nothing")
    assert flag.rows is None
    assert flag.expected is None
    assert "city-of-london" in flag.reason


def test_dyfed_powys_march_2024_is_far_too_little(
    street: NationalTable, published_rows: Counter[tuple[str, str]]
) -> None:
    flags = month_flags(street.figures)
    march = next(f for f in flags if f.force_id == "dyfed-powys" and f.month == date(2024, 3, 1))
    assert march.kind == "too-little"
    assert march.rows == 164  # README
    others = [
        rows for (slug, month), rows in published_rows.items() if slug == "dyfed-powys" and month != "2024-03"
    ]
    assert len(others) == 5
    assert march.expected == float(np.median(others))
    # The 2018 months of Dyfed-Powys (3,000 or more rows) are not flagged.
    assert not any(f.force_id == "dyfed-powys" and f.month.year == 2018 for f in flags)


def test_the_city_of_londons_lockdown_months_are_real_falls_not_flagged(street: NationalTable) -> None:
    # April to June 2020 and January to March 2021 hold a third to a half of the City's usual rows
    # (226 to 355 against a median of 711): what happened, not a file cut short.
    flags = month_flags(street.figures)
    assert not any(f.force_id == "city-of-london" for f in flags)
    series = {m.month: m.count for m in monthly_series(street.figures, "city-of-london")}
    assert series[date(2020, 5, 1)] == 226
    others = [count for month, count in series.items() if count is not None and month != date(2020, 5, 1)]
    assert 0.25 * float(np.median(others)) < 226 < 0.5 * float(np.median(others))


def test_normal_months_are_not_flagged(street: NationalTable) -> None:
    flags = month_flags(street.figures)
    avon = [
        f
        for f in flags
        if f.force_id == "avon-and-somerset" and date(2018, 4, 1) <= f.month <= date(2019, 3, 1)
    ]
    assert avon == []
    assert not any(f.force_id in ("kent", "lancashire", "thames-valley", "south-wales") for f in flags)


def test_a_flagged_month_is_none_in_the_series_and_stops_the_years_sum(street: NationalTable) -> None:
    series = monthly_series(street.figures, "south-yorkshire")
    by_month = {m.month: m.count for m in series}
    assert by_month[date(2019, 7, 1)] is None
    assert twelve_month_total(series, date(2018, 4, 1)).total == 187037  # README, FY2018/19
    fy = twelve_month_total(series, date(2019, 4, 1))
    assert (fy.total, fy.missing) == (None, (date(2019, 7, 1),))
    assert fy.note == "not summed: no count for 2019-07"
    # Months no file holds for the force (2021-04 to 2023-12) are neither counted nor invented.
    assert date(2022, 1, 1) not in by_month
    assert twelve_month_total(series, date(2022, 4, 1)).missing[0] == date(2022, 4, 1)


# SYNTHETIC figures from here on.


def month_figure(area: str, month: date, value: float, measure: str = STREET_MEASURE) -> NationalFigure:
    end = (month + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    return NationalFigure(
        measure=measure, area=area, period_start=month, period_end=end, value=value, edition="e", where="x"
    )


def months(first: date, count: int) -> list[date]:
    found = [first]
    while len(found) < count:
        found.append((found[-1] + timedelta(days=31)).replace(day=1))
    return found


def recorded(
    area: str, year_ending: int, value: float | None, status: Status = Status.VALUE
) -> NationalFigure:
    return NationalFigure(
        measure="recorded-crime",
        area=area,
        period_start=date(year_ending - 1, 4, 1),
        period_end=date(year_ending, 3, 31),
        value=value,
        status=status,
        edition="ons-pfa-tables-ye-2019-03",
        where="Table P1, row 8, column C",
    )


FY = months(date(2018, 4, 1), 12)


def test_a_gap_is_nothing_only_where_another_forces_files_run_through_it() -> None:
    held_by_a = [m for m in FY if m != FY[3]]
    figures = [month_figure("kent", m, 1000) for m in held_by_a] + [month_figure("essex", m, 900) for m in FY]
    flags = month_flags(figures)
    assert [(f.force_id, f.month, f.kind) for f in flags] == [("kent", FY[3], "nothing")]
    # If Essex also lacks the month before the gap, no force's files run through it: nothing is said.
    thinner = [f for f in figures if not (f.area == "essex" and f.period_start == FY[2])]
    assert [f.kind for f in month_flags(thinner) if f.force_id == "kent"] == []


def test_far_below_the_forces_own_run_needs_three_other_months() -> None:
    values = [1000, 1040, 980, 249]  # median of the others 1000: 249 is below a quarter, 250 would not be
    figures = [month_figure("kent", m, v) for m, v in zip(FY, values, strict=False)]
    (flag,) = month_flags(figures)
    assert (flag.month, flag.kind, flag.rows, flag.expected) == (FY[3], "too-little", 249, 1000.0)
    at_quarter = [month_figure("kent", m, v) for m, v in zip(FY, [1000, 1040, 980, 250], strict=False)]
    assert month_flags(at_quarter) == ()
    two_others = [month_figure("kent", m, v) for m, v in zip(FY, [1000, 1000, 1], strict=False)]
    assert month_flags(two_others) == ()


def test_far_below_a_twelfth_of_recorded_crime() -> None:
    # 12,000 crimes recorded in the year ending March 2019: a month's share is 1,000, half of it 500.
    crimes = [month_figure("kent", m, 499 if m == FY[5] else 600, CRIMES_MEASURE) for m in FY]
    flags = month_flags(crimes, [recorded("kent", 2019, 12000)])
    assert [(f.month, f.kind, f.rows, f.expected, f.measure) for f in flags] == [
        (FY[5], "too-little", 499, 1000.0, CRIMES_MEASURE)
    ]
    assert "year ending March 2019" in flags[0].reason
    # Another year's figure, a figure not available, or another force's: no comparison.
    assert month_flags(crimes, [recorded("kent", 2020, 12000)]) == ()
    assert month_flags(crimes, [recorded("kent", 2019, None, Status.NOT_AVAILABLE)]) == ()
    assert month_flags(crimes, [recorded("essex", 2019, 12000)]) == ()


def test_a_month_given_twice_is_refused() -> None:
    twice = [month_figure("kent", FY[0], 10), month_figure("kent", FY[0], 12)]
    with pytest.raises(InputError, match="given twice"):
        month_flags(twice)


def test_twelve_months_are_summed_only_when_all_are_held() -> None:
    series = [MonthCount(month=m, count=100) for m in FY]
    assert twelve_month_total(series, date(2018, 4, 15)).total == 1200
    gapped = [*series[:6], MonthCount(month=FY[6], count=None), *series[7:]]
    total = twelve_month_total(gapped, date(2018, 4, 1))
    assert total.total is None
    assert total.missing == (FY[6],)
    assert twelve_month_total(series[:11], date(2018, 4, 1)).missing == (FY[11],)
