"""Reading a table a person filled in, as CSV or as an Excel workbook, every problem located.

CSV and XLSX are told apart by content, since a renamed file is common. Rows come back as
(line or spreadsheet row number, cell texts); rows with nothing in them are left out. Undecodable
bytes, broken quoting and the old binary .xls format are refused before any row is looked at; a
file beyond the limits of ``limits`` is refused in one line, a workbook before it is unpacked.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from inspectorate.core.problems import Problem, ProblemsError
from inspectorate.core.sheets.escaping import csv_unescape
from inspectorate.core.sheets.limits import (
    ZIP_MAGIC,
    bounded_rows,
    check_file_size,
    check_record,
    check_xlsx_archive,
)

SHOWN_ENCODING_PROBLEMS = 3
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the binary .xls format openpyxl cannot read


@dataclass(frozen=True)
class Table:
    rows: list[tuple[int, list[str]]]
    spreadsheet: bool

    @property
    def unit(self) -> str:
        """How a row is pointed at in messages: a spreadsheet's row, or a CSV file's line."""
        return "row" if self.spreadsheet else "line"


def read_table(path: Path, source: str, columns: Sequence[str], what: str, sheet: str | None = None) -> Table:
    """The rows of a CSV file or of a workbook's ``sheet`` (else its first sheet).

    ``columns`` name the fields in messages about a cell; ``what`` names the file ("worksheet").
    """
    check_file_size(path.stat().st_size, source)
    data = path.read_bytes()
    if data.startswith(OLE_MAGIC):
        raise ProblemsError(
            [Problem(source, None, "", "is an old .xls workbook: save it as .xlsx or CSV UTF-8")]
        )
    if data.startswith(ZIP_MAGIC):
        return Table(xlsx_rows(data, source, sheet), spreadsheet=True)
    return Table(csv_rows(data, source, columns, what), spreadsheet=False)


def csv_rows(data: bytes, source: str, columns: Sequence[str], what: str) -> list[tuple[int, list[str]]]:
    """(first line, fields) for each row that is not empty; Excel's "CSV UTF-8" byte-order mark is allowed."""
    # Undecodable bytes become lone surrogates, so each can be located by line and column.
    text = data.decode("utf-8-sig", errors="surrogateescape")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    start = 1
    try:
        for record, fields in enumerate(reader, start=1):
            check_record(source, start, record, len(fields))
            if any(field.strip() for field in fields):
                rows.append((start, [csv_unescape(field) for field in fields]))
            for index, field in enumerate(fields):
                if bad := re.search("[\udc80-\udcff]", field):
                    column = columns[index] if index < len(columns) else f"column {index + 1}"
                    byte = ord(bad.group()) - 0xDC00
                    message = f"is not UTF-8 text (byte 0x{byte:02X}): save the {what} as CSV UTF-8"
                    problems.append(Problem(source, start, column, message))
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(source, start, "", f"cannot be read as CSV: {exc}"))
    if len(problems) > SHOWN_ENCODING_PROBLEMS:
        # A file that is not text at all, or wholly in another encoding: one line says it.
        first = problems[0]
        more = len(problems) - 1
        message = f"{first.message} (and {more} more places like it)"
        problems = [Problem(source, first.line, first.path, message)]
    if problems:  # a file in another encoding or broken quoting: every other check would be noise
        raise ProblemsError(problems)
    return rows


def xlsx_rows(data: bytes, source: str, sheet: str | None = None) -> list[tuple[int, list[str]]]:
    """(spreadsheet row number, cell texts without trailing blanks) for each row that is not empty."""
    with opened_xlsx(data, source) as book:
        if not book.worksheets:
            raise ProblemsError([Problem(source, None, "", "has no worksheet")])
        found = book[sheet] if sheet is not None and sheet in book.sheetnames else book.worksheets[0]
        rows: list[tuple[int, list[str]]] = []
        for row_number, values in enumerate(sheet_values(found, source), start=1):
            cells = list(values)
            while cells and not cell_text(cells[-1]).strip():
                cells.pop()
            if cells:
                rows.append((row_number, [cell_text(value) for value in cells]))
        return rows


@contextmanager
def opened_xlsx(data: bytes, source: str) -> Iterator[Any]:
    """A workbook opened to be read row by row, after its archive has passed the limits, and closed
    after the block; a damaged sheet's many ways of failing inside openpyxl become one located line."""
    from openpyxl import load_workbook

    check_xlsx_archive(data, source)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign zip fails in many ways inside openpyxl
        raise unreadable(source, exc) from None
    try:
        yield book
    except ProblemsError:
        raise
    except Exception as exc:
        raise unreadable(source, exc) from None
    finally:
        book.close()


def sheet_values(sheet: Any, source: str) -> Iterator[Sequence[object]]:
    """A read-only sheet's rows, each only as wide as its cells, within the limits.

    The size a sheet declares is set aside: it may claim a million rows it does not have, and each
    row would then be padded to its width.
    """
    sheet.reset_dimensions()
    return bounded_rows(sheet.iter_rows(values_only=True), source, sheet.title)


def unreadable(source: str, exc: BaseException) -> ProblemsError:
    # openpyxl wraps what its XML parser found in a message of its own; the parser's says more.
    cause = exc.__cause__ or exc
    detail = str(cause).splitlines()[0] if str(cause).strip() else type(cause).__name__
    return ProblemsError([Problem(source, None, "", f"is not a readable XLSX workbook ({detail[:200]})")])


def cell_text(value: object) -> str:
    """A cell's value as the person sees it: whole numbers without ".0", blank as "", and a list
    (a template's YAML cell may hold several values) as its items separated by spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, list | tuple):
        return " ".join(cell_text(item).strip() for item in value)
    return str(value)


def header_problems(
    source: str,
    line: int,
    header: Sequence[str],
    columns: Sequence[str],
    foreign: str,
    required: Sequence[str],
) -> list[Problem]:
    """What is wrong with a header: each ``required`` column missing, each column not among
    ``columns`` (``foreign`` says so), each known column named twice."""
    problems = [
        Problem(source, line, name, "column missing from the header")
        for name in required
        if name not in header
    ]
    problems += [
        Problem(source, line, shown_name(name) or f"column {index + 1}", foreign)
        for index, name in enumerate(header)
        if name not in columns
    ]
    problems += [
        Problem(source, line, name, "appears twice in the header")
        for name in sorted(set(header))
        if header.count(name) > 1 and name in columns
    ]
    return problems


def shown_name(text: str) -> str:
    """A name from the file as a message shows it: quoted and escaped when it holds a line break or
    another character that cannot be seen, so that a problem stays on one line."""
    return text if text.isprintable() else repr(text)


def check_owner(
    source: str, rows: Sequence[tuple[int, list[str]]], index: int, column: str, expected: str, what: str
) -> None:
    """Refuse, in one line, a file whose rows all name another owner in ``column`` (another audit's
    worksheet, another review's answer sheet), rather than with a problem on every row."""
    owners = {cells[index].strip() for _, cells in rows if len(cells) > index and cells[index].strip()}
    if len(rows) > 1 and owners and expected not in owners:
        shown = ", ".join(shown_name(owner) for owner in sorted(owners)[:2])
        raise ProblemsError([Problem(source, None, column, f"is the {what} of {shown}, not of {expected}")])
