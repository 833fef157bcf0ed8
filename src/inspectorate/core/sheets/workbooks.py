"""What the platform's workbooks share: a header that says which columns to fill in, cells whose text
is never taken for a formula, and answers picked from drop-down lists.

openpyxl is imported here, at the top: import this module inside a function that writes a workbook.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from inspectorate.core.sheets.escaping import XLSX_UNWRITABLE

READ_ONLY = PatternFill("solid", fgColor="E7E6E6")  # grey: for reading only
EDITABLE = PatternFill("solid", fgColor="FFF2CC")  # pale yellow header: fill these in
# Excel's limit for a drop-down list typed into its rule (255 characters, less the quotes and a margin).
MAX_LIST_CHARS = 250


def write_header(sheet: Any, columns: Sequence[str], editable: Collection[str]) -> None:
    """The column names on the first row, in bold, yellow where the person fills the column in."""
    for index, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=name)
        cell.font = Font(bold=True)
        cell.fill = EDITABLE if name in editable else READ_ONLY


def embolden(cells: Any) -> None:
    for cell in cells:
        cell.font = Font(bold=True)


def write_cell(cell: Any, value: str | int) -> None:
    """A value as it is, and text without the characters XLSX cannot hold."""
    if isinstance(value, str):
        cell.value = XLSX_UNWRITABLE.sub("", value)
        # openpyxl stores text starting with "=" as a formula; no text of ours is one.
        cell.data_type = "s"
    else:
        cell.value = value


def column_cells(columns: Sequence[str], name: str, last_row: int) -> str:
    """The range of column ``name``'s cells below the header, down to ``last_row``: ``"D2:D41"``."""
    letter = get_column_letter(columns.index(name) + 1)
    return f"{letter}2:{letter}{last_row}"


def choice_rule(sheet: Any, allowed: Sequence[str], error: str) -> Any:
    """A drop-down of ``allowed`` (blank allowed too) for the cells added to it; Excel refuses anything
    else with ``error``."""
    rule = DataValidation(type="list", formula1=f'"{",".join(allowed)}"', allow_blank=True)
    rule.error, rule.errorTitle = error, "Not an answer"
    sheet.add_data_validation(rule)
    return rule
