"""The answer sheet: a review's cases as CSV or XLSX, one row per case and reviewer, one column per
question, to fill in offline and import back.

An import is checked whole before anything is stored: every problem is reported at once as
``file:line: column: what is wrong``. A row left blank keeps what is stored; a row whose stored
answers changed after the export (its ``revision`` is behind) is refused, as is an answer to a
question the row's other answers hide. ``status`` says whether the row is a finished review
(``complete``: every required question answered) or a ``draft``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from inspectorate.core.casereview.answers import REQUIRED, read_answers
from inspectorate.core.casereview.spec import Template
from inspectorate.core.problems import Problem, ProblemsError
from inspectorate.core.sheets.escaping import csv_safe
from inspectorate.core.sheets.tables import check_owner, header_problems, read_table

CONTEXT_COLUMNS = ("review", "case_ref", "role", "status", "revision", "offence", "reported_on", "summary")
ROLES = ("first", "second")
STATUSES = ("draft", "complete")
# The status of a row whose answers the person may not see (the other half of a blind second review).
WITHHELD = "withheld"


def columns_for(template: Template) -> tuple[str, ...]:
    return (*CONTEXT_COLUMNS, *(q.name for q in template.questions if q.answerable))


@dataclass(frozen=True)
class SheetRow:
    case_ref: str
    role: str
    status: str  # "" when the case has not been reviewed in this role
    revision: int
    offence: str
    reported_on: str
    summary: str
    answers: Mapping[str, str]


@dataclass(frozen=True)
class ImportedAnswers:
    line: int
    case_ref: str
    role: str
    complete: bool
    revision: int
    answers: dict[str, str]


def _cells(review: str, row: SheetRow, names: Sequence[str]) -> list[str | int]:
    context: list[str | int] = [
        review, row.case_ref, row.role, row.status, row.revision, row.offence, row.reported_on, row.summary,
    ]  # fmt: skip
    return [*context, *(row.answers.get(name, "") for name in names)]


def write_csv(path: Path, template: Template, review: str, rows: Iterable[SheetRow]) -> None:
    names = columns_for(template)[len(CONTEXT_COLUMNS) :]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns_for(template))
        writer.writerows([csv_safe(cell) for cell in _cells(review, row, names)] for row in rows)


def write_xlsx(path: Path, template: Template, review: str, rows: Sequence[SheetRow]) -> None:
    """Answers picked from drop-downs of each question's choices; a second sheet lists the questions."""
    from openpyxl import Workbook

    from inspectorate.core.sheets.workbooks import (
        MAX_LIST_CHARS,
        choice_rule,
        column_cells,
        embolden,
        write_cell,
        write_header,
    )

    columns = columns_for(template)
    names = columns[len(CONTEXT_COLUMNS) :]
    book = Workbook()
    sheet = book.active
    sheet.title = "answers"
    write_header(sheet, columns, (*names, "status"))
    for row_number, row in enumerate(rows, start=2):
        for index, value in enumerate(_cells(review, row, names), start=1):
            write_cell(sheet.cell(row=row_number, column=index), value)
    last = max(len(rows) + 1, 2)
    lists: dict[str, tuple[str, ...]] = {"status": STATUSES}
    for question in template.questions:
        choices = template.choices_of(question)
        if question.type.value == "select_one" and choices:
            lists[question.name] = tuple(choice.name for choice in choices)
    for name, allowed in lists.items():
        if len(",".join(allowed)) > MAX_LIST_CHARS:
            continue
        rule = choice_rule(sheet, allowed, f"Answer one of {','.join(allowed)}, or leave blank.")
        rule.add(column_cells(columns, name, last))
    sheet.freeze_panes = "C2"
    guide = book.create_sheet("questions")
    guide.append(["question", "section", "asked", "answers", "shown when", "required"])
    embolden(guide[1])
    for question in template.questions:
        if question.answerable:
            answers = (
                ", ".join(f"{c.name} ({c.label})" for c in template.choices_of(question))
                or question.type.value
            )
            shown = question.relevant or "always"
            required = "yes" if question.required else "no"
            guide.append([question.name, question.section, question.label, answers, shown, required])
    for letter, width in zip("ABCDEF", (28, 16, 80, 50, 40, 10), strict=True):
        guide.column_dimensions[letter].width = width
    book.save(path)


def read_sheet(
    path: Path,
    template: Template,
    review: str,
    known: Mapping[tuple[str, str], int],
    *,
    source_name: str = "",
    today: date | None = None,
) -> list[ImportedAnswers]:
    """The sheet's filled-in rows, checked; ``known`` maps (case_ref, role) to the stored revision,
    for every case and role that may be answered. Blank rows are left out."""
    source = source_name or path.name
    columns = columns_for(template)
    table = read_table(path, source, columns, "answer sheet", "answers")
    if not table.rows:
        raise ProblemsError(
            [Problem(source, None, "", f"is empty: the first line must be {','.join(columns[:5])},...")]
        )
    header_line, header = table.rows[0]
    header = [cell.strip() for cell in header]
    _check_header(source, header_line, header, columns)
    check_owner(source, table.rows[1:], header.index("review"), "review", review, "answer sheet")
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    imported: list[ImportedAnswers] = []
    names = columns[len(CONTEXT_COLUMNS) :]
    for line, cells in table.rows[1:]:
        before = len(problems)

        def problem(field: str, message: str, line: int = line) -> None:
            problems.append(Problem(source, line, field, message))

        if len(cells) > len(header):
            problem("", f"has {len(cells)} values; the header names {len(header)} columns")
            continue
        values = dict(zip(header, [*cells, *[""] * (len(header) - len(cells))], strict=True))
        values = {key: value.strip() for key, value in values.items()}
        if values["review"] != review:
            problem("review", f"is {values['review']!r}: this sheet's rows belong to review {review!r}")
        key = (values["case_ref"], values["role"])
        if values["role"] not in ROLES:
            problem("role", f"{values['role']!r}: use first or second")
        elif key not in known:
            in_review = any(ref == values["case_ref"] for ref, _ in known)
            why = "is not marked for a second review" if in_review else "is not a case of this review"
            problem("case_ref", f"{values['case_ref']!r} {why}")
        if key in seen:
            problem(
                "case_ref",
                f"{values['case_ref']!r} ({values['role']}) appears twice: first on {table.unit} {seen[key]}",
            )
        seen.setdefault(key, line)
        answers = {name: values[name] for name in names if values[name]}
        status = values["status"]
        if not answers and status in ("", "draft", WITHHELD):
            continue  # blank: what is stored stays
        if status == WITHHELD:
            problem("status", "withheld: this review is someone else's, made blind; leave its row blank")
            continue
        if status not in STATUSES:
            problem(
                "status",
                f"{status!r}: use draft or complete"
                if status
                else "say draft or complete for a filled-in row",
            )
        revision = values["revision"]
        if not revision.isdigit():
            problem("revision", f"must be a whole number 0 or more, not {revision!r}: leave it as exported")
        elif key in known and int(revision) > known[key]:
            problem("revision", f"is {revision}, ahead of the platform's {known[key]}: leave it as exported")
        reading = read_answers(template, answers, complete=status == "complete", today=today)
        for name in reading.dropped:
            problem(name, "answered, but the row's other answers hide this question: leave it blank")
        for found in reading.problems:
            message = (
                "required for a complete review: answer it, or mark the row draft"
                if found.message == REQUIRED
                else found.message
            )
            problem(found.question, message)
        if len(problems) == before:
            imported.append(
                ImportedAnswers(line, key[0], key[1], status == "complete", int(revision), reading.answers)
            )
    if problems:
        raise ProblemsError(problems)
    return imported


def _check_header(source: str, line: int, header: list[str], columns: Sequence[str]) -> None:
    while header and not header[-1]:
        header.pop()
    if not {"review", "case_ref", "role"} <= set(header):
        raise ProblemsError(
            [
                Problem(
                    source,
                    line,
                    "header",
                    f"not an answer sheet: its header should start {','.join(columns[:4])},...",
                )
            ]
        )
    foreign = "not a column of this template's answer sheet"
    problems = header_problems(source, line, header, columns, foreign, columns)
    if problems:
        raise ProblemsError(problems)
