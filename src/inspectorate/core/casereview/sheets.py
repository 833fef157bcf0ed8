"""A template's three sheets (survey, choices, settings) read from a spreadsheet or from YAML, every
cell keeping where it came from, so that the compiler can name the sheet, row and column of each
problem whichever form the template was written in.

The YAML form mirrors the spreadsheet: ``settings`` is a mapping, ``survey`` and ``choices`` are
lists of rows, each a mapping of column to value. ``areas`` may be a list there; in a spreadsheet
it is the area ids separated by spaces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspectorate.core.problems import Problem, ProblemsError
from inspectorate.core.sheets.limits import check_file_size
from inspectorate.core.sheets.tables import cell_text, opened_xlsx, sheet_values
from inspectorate.core.yamldoc import YamlDocument, YamlSyntaxError, parse_yaml, size_problem

SHEETS = ("survey", "choices", "settings")


@dataclass(frozen=True)
class Row:
    """One row of a sheet: its cells by column name, and how to point at one of them."""

    sheet: str
    number: int  # the spreadsheet's row number, or the position in the YAML list (from 0)
    cells: dict[str, Any]
    locate: Callable[[str | None, str], Problem] = field(compare=False, repr=False)
    where: str = ""  # how a message about another row points at this one: "row 7", "line 40"

    def text(self, column: str) -> str:
        """The cell as text, without spaces at either end: '' when empty; a whole number without its '.0'."""
        return cell_text(self.cells.get(column)).strip()

    def problem(self, column: str | None, message: str) -> Problem:
        return self.locate(column, message)


@dataclass(frozen=True)
class Workbook:
    source: str
    rows: dict[str, list[Row]]  # sheet name -> rows with something in them
    columns: dict[str, list[str]]  # sheet name -> its columns, in order
    locate_sheet: Callable[[str, str], Problem] = field(compare=False, repr=False)

    def has(self, sheet: str) -> bool:
        return sheet in self.columns


def read_workbook(path: Path, source_name: str = "") -> Workbook:
    """The sheets of an .xlsx, .yaml or .yml template file; problems name it ``source_name`` (the name
    it was sent with, for an upload), else its own name."""
    source = source_name or path.name
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        check_file_size(path.stat().st_size, source)
        return read_xlsx(path.read_bytes(), source)
    if suffix in (".yaml", ".yml"):
        too_large = size_problem(source, path.stat().st_size)
        if too_large is not None:
            raise ProblemsError([too_large])
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ProblemsError([Problem(source, None, "", f"is not UTF-8 text (byte {exc.start})")]) from exc
        return read_yaml(text, source)
    raise ProblemsError([Problem(source, None, "", "a template is an .xlsx workbook or a .yaml file")])


# ---- spreadsheet ---------------------------------------------------------------------------------


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_xlsx(content: bytes, source: str) -> Workbook:
    with opened_xlsx(content, source) as book:
        return _read_sheets(book, source)


def _read_sheets(book: Any, source: str) -> Workbook:
    def locate_sheet(sheet: str, message: str) -> Problem:
        return Problem(source, None, f"{sheet} sheet", message)

    rows: dict[str, list[Row]] = {}
    columns: dict[str, list[str]] = {}
    names = {name.strip().lower(): name for name in book.sheetnames}
    for sheet in SHEETS:
        if sheet not in names:
            continue
        values = list(sheet_values(book[names[sheet]], source))
        header = [cell_text(value).strip().lower() for value in values[0]] if values else []
        columns[sheet] = [name for name in header if name]
        letters = {name: _column_letter(i) for i, name in enumerate(header) if name}
        found: list[Row] = []
        for offset, values_row in enumerate(values[1:]):
            number = offset + 2
            cells = {header[i]: value for i, value in enumerate(values_row) if i < len(header) and header[i]}
            if all(not cell_text(value).strip() for value in cells.values()):
                continue
            found.append(
                Row(sheet, number, cells, _xlsx_locator(source, sheet, number, letters), f"row {number}")
            )
        rows[sheet] = found
    return Workbook(source, rows, columns, locate_sheet)


def _xlsx_locator(
    source: str, sheet: str, number: int, letters: dict[str, str]
) -> Callable[[str | None, str], Problem]:
    # The row number goes where a file's line number goes: "vsa.xlsx:7: survey sheet, column D (relevant)".
    def locate(column: str | None, message: str) -> Problem:
        if column is None:
            return Problem(source, number, f"{sheet} sheet", message)
        letter = letters.get(column)
        where = f"column {letter} ({column})" if letter else f"column {column}"
        return Problem(source, number, f"{sheet} sheet, {where}", message)

    return locate


# ---- YAML ----------------------------------------------------------------------------------------


def read_yaml(text: str, source: str) -> Workbook:
    try:
        document = parse_yaml(text, source)
    except YamlSyntaxError as exc:
        raise ProblemsError([exc.problem]) from exc
    data = document.data
    if not isinstance(data, dict):
        raise ProblemsError(
            [document.problem((), "a template is a mapping with survey, choices and settings")]
        )

    def locate_sheet(sheet: str, message: str) -> Problem:
        return document.problem((sheet,), message)

    problems = [
        document.problem((str(key),), f"unknown key (a template has {', '.join(SHEETS)})")
        for key in data
        if key not in SHEETS
    ]
    rows: dict[str, list[Row]] = {}
    columns: dict[str, list[str]] = {}
    for sheet in SHEETS:
        if sheet not in data:
            continue
        content = data[sheet]
        if sheet == "settings":
            content = [content]
        if not isinstance(content, list) or not all(isinstance(item, dict) for item in content):
            shape = (
                "a mapping of setting to value" if sheet == "settings" else "a list of rows, each a mapping"
            )
            problems.append(document.problem((sheet,), f"should be {shape}"))
            continue
        found: list[Row] = []
        names: list[str] = []
        for index, item in enumerate(content):
            path: tuple[str | int, ...] = (sheet,) if sheet == "settings" else (sheet, index)
            cells = {str(key).strip().lower(): value for key, value in item.items()}
            names.extend(name for name in cells if name not in names)
            line = document.line_for(path)
            found.append(Row(sheet, index, cells, _yaml_locator(document, path), f"line {line}"))
        rows[sheet] = found
        columns[sheet] = names
    if problems:
        raise ProblemsError(problems)
    return Workbook(source, rows, columns, locate_sheet)


def _yaml_locator(
    document: YamlDocument, path: tuple[str | int, ...]
) -> Callable[[str | None, str], Problem]:
    def locate(column: str | None, message: str) -> Problem:
        return document.problem(path if column is None else (*path, column), message)

    return locate
