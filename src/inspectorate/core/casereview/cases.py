"""The cases a review looks at: drawn from a data return's crimes, or read from a list the team made.

A list is a CSV file or a workbook with a ``case_ref`` column and any of ``crime_id``, ``offence``,
``reported_on`` (YYYY-MM-DD) and ``summary``. Every problem in it is reported at once, located.
A draw from a data return is a seeded simple random sample of the crimes recorded in a period,
optionally of some offence groups only; the same seed gives the same cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from inspectorate.core.data.store import Dataset, DataStore
from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.core.sheets.tables import header_problems, read_table

CASE_COLUMNS = ("case_ref", "crime_id", "offence", "reported_on", "summary")
MAX_REF = 120


@dataclass(frozen=True)
class CaseFile:
    case_ref: str
    crime_id: str = ""
    offence: str = ""
    reported_on: str = ""
    summary: str = ""


def read_case_list(path: Path, source_name: str = "") -> list[CaseFile]:
    source = source_name or path.name
    table = read_table(path, source, CASE_COLUMNS, "case list")
    if not table.rows:
        raise ProblemsError(
            [Problem(source, None, "", "is empty: the first line names the columns, case_ref first")]
        )
    header_line, header = table.rows[0]
    header = [cell.strip().lower() for cell in header]
    foreign = f"not a case-list column (use {', '.join(CASE_COLUMNS)})"
    problems = header_problems(source, header_line, header, CASE_COLUMNS, foreign, ("case_ref",))
    if problems:
        raise ProblemsError(problems)
    cases: list[CaseFile] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows[1:]:
        if len(cells) > len(header):
            problems.append(
                Problem(source, line, "", f"has {len(cells)} values; the header names {len(header)} columns")
            )
            continue
        values = dict(
            zip(header, [cell.strip() for cell in cells] + [""] * (len(header) - len(cells)), strict=True)
        )
        ref = values["case_ref"]
        if not ref:
            problems.append(Problem(source, line, "case_ref", "missing"))
            continue
        if len(ref) > MAX_REF:
            problems.append(Problem(source, line, "case_ref", f"longer than {MAX_REF} characters"))
            continue
        if ref in seen:
            problems.append(
                Problem(source, line, "case_ref", f"{ref!r} appears twice: first on {table.unit} {seen[ref]}")
            )
            continue
        seen[ref] = line
        reported = values.get("reported_on", "")
        if reported and not _is_date(reported):
            problems.append(Problem(source, line, "reported_on", f"{reported!r} is not a date (YYYY-MM-DD)"))
            continue
        cases.append(
            CaseFile(
                ref,
                values.get("crime_id", ""),
                values.get("offence", ""),
                reported,
                values.get("summary", ""),
            )
        )
    if problems:
        raise ProblemsError(problems)
    if not cases:
        raise ProblemsError([Problem(source, None, "", "lists no cases")])
    return cases


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def draw_cases(
    store: DataStore,
    dataset: Dataset,
    count: int,
    seed: int,
    start: date,
    end: date,
    offence_groups: Sequence[str] = (),
) -> list[CaseFile]:
    """``count`` crimes recorded from ``start`` to ``end``, a seeded simple random sample, as cases."""
    import numpy as np

    if count < 1:
        raise InputError(f"the number of cases should be 1 or more, not {count}")
    if start > end:
        raise InputError(f"the period starts on {start} after it ends on {end}")
    if not dataset.rows("crimes"):
        raise InputError(f"{dataset.ref} has no crimes to draw cases from; load its crime records first")
    groups = tuple(dict.fromkeys(offence_groups))
    where = "recorded_on >= ? AND recorded_on < ?"
    parameters: list[object] = [start, end + timedelta(days=1)]
    if groups:
        where += f" AND offence_group IN ({', '.join('?' for _ in groups)})"
        parameters.extend(groups)
    con = store.connect(dataset)
    try:
        rows = con.execute(
            f"SELECT crime_id, coalesce(offence_group, ''), CAST(reported_at AS DATE)::VARCHAR, "
            f"coalesce(crime_type, '') FROM crimes WHERE {where} ORDER BY crime_id",
            parameters,
        ).fetchall()
    finally:
        con.close()
    if not rows:
        among = f" of {', '.join(groups)}" if groups else ""
        raise InputError(f"{dataset.ref} has no crimes{among} recorded from {start} to {end}")
    if count > len(rows):
        raise InputError(
            f"{dataset.ref} has only {len(rows):,} such crimes from {start} to {end}; ask for fewer cases"
        )
    picks = np.random.default_rng(seed).choice(len(rows), size=count, replace=False)
    return [
        CaseFile(case_ref=str(rows[i][0]), crime_id=str(rows[i][0]), offence=str(rows[i][1]),
                 reported_on=str(rows[i][2] or ""), summary=str(rows[i][3]))
        for i in sorted(int(i) for i in picks)
    ]  # fmt: skip


DEFAULT_PERIOD_MONTHS = 6


def default_period(dataset: Dataset) -> tuple[date, date] | None:
    """The six whole months to the end of the dataset's last month of crimes; None without crimes."""
    from inspectorate.core.indicators.periods import add_months

    months = dataset.months("crimes")
    if not months:
        return None
    last_month = date.fromisoformat(f"{months[-1]}-01")
    return add_months(last_month, 1 - DEFAULT_PERIOD_MONTHS), add_months(last_month, 1) - timedelta(days=1)


@dataclass(frozen=True)
class CaseDraw:
    cases: list[CaseFile]
    source: str  # where the cases came from, in words, kept with the review
    synthetic: bool


def draw_review_cases(
    store: DataStore,
    dataset: Dataset,
    count: int,
    seed: int,
    start: date | None = None,
    end: date | None = None,
    offence_groups: Sequence[str] = (),
) -> CaseDraw:
    """``draw_cases`` over the given period, else the default one, with a label for the review."""
    period = default_period(dataset)
    if period is None:
        raise InputError(f"{dataset.ref} has no crimes to draw cases from; load its crime records first")
    start, end = start or period[0], end or period[1]
    cases = draw_cases(store, dataset, count, seed, start, end, offence_groups)
    among = f" of {', '.join(offence_groups)}" if offence_groups else ""
    kind = "synthetic data return" if dataset.synthetic else "data return"
    return CaseDraw(
        cases, f"{kind} {dataset.ref}: {count} crimes{among} recorded {start} to {end}", dataset.synthetic
    )
