"""The offline worksheet: the sample exported as CSV or XLSX, filled in by an auditor and imported back.

Context columns are for reading; only the five answers and the note are taken back. Each row carries
the revision of the stored decision it was exported with, so an import can tell an auditor's edit from
a decision someone saved in the platform since. Nothing here touches a database: the caller applies
the plan in one transaction.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from inspectorate.core.cdi.decisions import decision_problems, parse_answer
from inspectorate.core.cdi.types import QUESTION_NAMES, Decision
from inspectorate.core.problems import Problem, ProblemsError
from inspectorate.core.sheets.escaping import XLSX_UNWRITABLE, csv_safe
from inspectorate.core.sheets.tables import check_owner, header_problems, read_table, shown_name

_RECORD = ("number", "incident_id", "stratum", "opened_at", "route", "incident_offence_group")
COLUMNS = ("audit", *_RECORD, "crimes_recorded", *QUESTION_NAMES, "note", "revision")
_EDITABLE = frozenset((*QUESTION_NAMES, "note"))
SHEET = "worksheet"  # the workbook's sheet of rows, beside its guide to the questions
_WHOLE_NUMBER = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class WorksheetRow:
    """One sampled record as the auditor sees it, with the stored decision and its revision."""

    number: int  # 1-based place in the working order
    incident_id: str
    stratum: str
    opened_at: str
    route: str
    incident_offence_group: str | None
    crimes: str
    decision: Decision
    revision: int  # times the stored decision has been saved; 0 = never


def crimes_text(crimes: Iterable[Sequence[str | None]]) -> str:
    """``C1 (2021-01-03, theft); C2 (2021-01-04)``: the crimes recorded from an incident, on one line."""
    parts = []
    for crime_id, recorded_on, group in crimes:
        detail = ", ".join(part for part in (recorded_on, group) if part)
        parts.append(f"{crime_id} ({detail})" if detail else str(crime_id))
    return "; ".join(parts)


def _cells(audit_code: str, row: WorksheetRow) -> list[str | int]:
    answers = [getattr(row.decision, name) for name in QUESTION_NAMES]
    return [
        audit_code,
        row.number,
        row.incident_id,
        row.stratum,
        row.opened_at,
        row.route,
        row.incident_offence_group or "",
        row.crimes,
        *("" if answer is None else answer.value for answer in answers),
        row.decision.note,
        row.revision,
    ]


def write_csv(path: Path, audit_code: str, rows: Iterable[WorksheetRow]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows([csv_safe(cell) for cell in _cells(audit_code, row)] for row in rows)


def write_xlsx(path: Path, audit_code: str, rows: Sequence[WorksheetRow]) -> None:
    """A workbook with the rows on "worksheet" (answers picked from drop-downs) and a "questions" guide."""
    from inspectorate.core.cdi.worksheet_xlsx import write_workbook

    write_workbook(path, SHEET, COLUMNS, _EDITABLE, [_cells(audit_code, row) for row in rows])


@dataclass(frozen=True)
class ImportedRow:
    line: int  # CSV line where the row starts, or spreadsheet row number
    incident_id: str
    decision: Decision
    revision: int


def read_worksheet(
    path: Path, audit_code: str, known: Mapping[str, tuple[int, int]], *, source_name: str = ""
) -> list[ImportedRow]:
    """The worksheet's rows, checked against the sample; every problem at once as a ProblemsError.

    ``known`` maps each sampled incident id to (number, revision of its stored decision). CSV and XLSX
    are told apart by content, as a renamed file is common. Problems name ``source_name`` (the name
    the user gave the file, when it was saved under another) or else the file's own name.
    """
    source = source_name or path.name
    found = read_table(path, source, COLUMNS, "worksheet", SHEET)
    table, pad = found.rows, found.spreadsheet
    if not table:
        raise ProblemsError(
            [Problem(source, None, "", f"is empty: the first line must be {','.join(COLUMNS)}")]
        )
    header_line, header = table[0]
    _check_header(source, header_line, [cell.strip() for cell in header])
    check_owner(source, table[1:], COLUMNS.index("audit"), "audit", audit_code, "worksheet")
    checker = _RowChecker(source, audit_code, known, found.unit)
    imported = [row for line, cells in table[1:] if (row := checker.check(line, cells, pad)) is not None]
    if checker.problems:
        raise ProblemsError(checker.problems)
    return imported


def _check_header(source: str, line: int, header: list[str]) -> None:
    """Stops the import at once: with columns missing or moved no row can be read safely."""
    while header and not header[-1]:
        header.pop()
    if len(set(header) & set(COLUMNS)) < len(COLUMNS) // 2:
        # Not a worksheet at all (another file chosen by mistake): one line, not one per column.
        expected = ",".join(COLUMNS[:4])
        raise ProblemsError(
            [
                Problem(
                    source, line, "header", f"not an audit worksheet: its header should start {expected},..."
                )
            ]
        )
    problems = header_problems(source, line, header, COLUMNS, "not a worksheet column", COLUMNS)
    if not problems and tuple(header) != COLUMNS:
        index = next(i for i, (got, want) in enumerate(zip(header, COLUMNS, strict=True)) if got != want)
        problems.append(
            Problem(
                source,
                line,
                shown_name(header[index]),
                f"is column {index + 1}, where {COLUMNS[index]} should be",
            )
        )
    if problems:
        raise ProblemsError(problems)


class _RowChecker:
    """Checks each row against the audit and the sample, remembering ids already seen for duplicates."""

    def __init__(self, source: str, audit_code: str, known: Mapping[str, tuple[int, int]], unit: str) -> None:
        self.source, self.audit_code, self.known, self.unit = source, audit_code, known, unit
        self.seen: dict[str, int] = {}
        self.problems: list[Problem] = []

    def check(self, line: int, cells: list[str], pad: bool) -> ImportedRow | None:
        before = len(self.problems)

        def problem(field: str, message: str) -> None:
            self.problems.append(Problem(self.source, line, field, message))

        if len(cells) > len(COLUMNS):
            extra = "values" if pad else "fields"
            problem("", f"has {extra} beyond the last column ({len(cells)}, the header has {len(COLUMNS)})")
            return None
        if len(cells) < len(COLUMNS) and not pad:
            problem(
                COLUMNS[len(cells)],
                f"missing: the row has {len(cells)} fields of {len(COLUMNS)}; it is cut short",
            )
            return None
        values = dict(zip(COLUMNS, [*cells, *[""] * (len(COLUMNS) - len(cells))], strict=True))
        if not (audit := values["audit"].strip()):
            problem("audit", f"missing: every row carries the audit's code, {self.audit_code!r}")
        elif audit != self.audit_code:
            problem("audit", f"is {audit!r}, a row for a different audit (this one is {self.audit_code!r})")
        incident_id = values["incident_id"].strip()
        expected = self.known.get(incident_id)
        if not incident_id:
            problem("incident_id", "missing")
        elif incident_id in self.seen:
            problem(
                "incident_id", f"{incident_id!r} appears twice: first on {self.unit} {self.seen[incident_id]}"
            )
        else:
            self.seen[incident_id] = line
            if expected is None:
                problem("incident_id", f"{incident_id!r} is not in this audit's sample")
        number, revision = _whole(values["number"]), _whole(values["revision"])
        if number is None:
            problem("number", f"must be a whole number, not {values['number'].strip()!r}")
        elif expected is not None and number != expected[0]:
            problem("number", f"is {number}, but {incident_id!r} is number {expected[0]} in this audit")
        if revision is None:
            problem("revision", f"must be a whole number 0 or more, not {values['revision'].strip()!r}")
        elif expected is not None and revision > expected[1]:
            problem("revision", f"is {revision}, ahead of the platform's {expected[1]}: leave it as exported")
        answers = {}
        for name in QUESTION_NAMES:
            try:
                answers[name] = parse_answer(values[name])
            except ValueError as exc:
                problem(name, str(exc))
        if len(answers) < len(QUESTION_NAMES):
            return None  # a combination of answers cannot be judged while one is unreadable
        decision = Decision(
            should_record=answers["should_record"],
            recorded=answers["recorded"],
            correctly_classified=answers["correctly_classified"],
            within_24h=answers["within_24h"],
            cancellation_correct=answers["cancellation_correct"],
            note=values["note"],
        )
        for field, message in decision_problems(decision):
            problem(field, message)
        if revision is None or len(self.problems) > before:
            return None
        return ImportedRow(line, incident_id, decision, revision)


def _whole(text: str) -> int | None:
    text = text.strip()
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


@dataclass(frozen=True)
class ImportChange:
    line: int
    incident_id: str
    decision: Decision  # from the worksheet, to be stored
    before: Decision
    # The stored revision the change was planned against: apply it only if that is still current.
    revision: int


@dataclass(frozen=True)
class ImportPlan:
    changes: tuple[ImportChange, ...]
    unchanged: tuple[str, ...]  # incident ids whose row repeats the stored decision
    untouched: tuple[str, ...]  # incident ids whose row was blank: their stored decision stays

    def summary(self) -> str:
        """``12 decisions changed, 30 unchanged, 358 blank rows left as they were``."""
        changed, blank = len(self.changes), len(self.untouched)
        return (
            f"{changed} decision{'s' * (changed != 1)} changed, {len(self.unchanged)} unchanged, "
            f"{blank} blank row{'s' * (blank != 1)} left as {'it was' if blank == 1 else 'they were'}"
        )


def plan_import(
    imported: Iterable[ImportedRow], current: Mapping[str, tuple[Decision, int]], source_name: str
) -> ImportPlan:
    """What importing the rows would change, refusing all of it if any row would overwrite a newer save.

    ``current`` maps incident id to (stored decision, revision); an id missing from it was never decided.
    A blank row never erases a stored decision, so an auditor can return a worksheet half done.
    """
    changes: list[ImportChange] = []
    unchanged: list[str] = []
    untouched: list[str] = []
    conflicts: list[Problem] = []
    for row in imported:
        stored, revision = current.get(row.incident_id, (Decision(), 0))
        if _answers_cleared(row.decision, stored):
            # Answers left blank beside a note: the note is new, the stored answers stay.
            row = replace(row, decision=replace(stored, note=row.decision.note))
        if row.decision.is_blank:
            untouched.append(row.incident_id)
        elif _comparable(row.decision) == _comparable(stored):
            unchanged.append(row.incident_id)
        elif revision > row.revision:
            conflicts.append(
                Problem(
                    source_name,
                    row.line,
                    "revision",
                    f"{row.incident_id!r} changed in the platform since this worksheet was exported "
                    f"(revision {revision}, worksheet has {row.revision}); export again, or clear the row's "
                    "answers and note to keep the platform's decision",
                )
            )
        else:
            changes.append(ImportChange(row.line, row.incident_id, row.decision, stored, revision))
    if conflicts:
        raise ProblemsError(conflicts)
    return ImportPlan(tuple(changes), tuple(unchanged), tuple(untouched))


def _answers_cleared(given: Decision, stored: Decision) -> bool:
    def no_answers(decision: Decision) -> bool:
        return all(getattr(decision, name) is None for name in QUESTION_NAMES)

    return no_answers(given) and not given.is_blank and not no_answers(stored)


def _comparable(decision: Decision) -> Decision:
    """The decision with what a spreadsheet alters in a note undone: line endings (a browser sends CRLF,
    XLSX keeps LF), characters XLSX cannot hold, and spaces at either end."""
    note = XLSX_UNWRITABLE.sub("", decision.note.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return replace(decision, note=note)
