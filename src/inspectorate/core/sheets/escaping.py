"""Text written to a CSV or XLSX file so that a spreadsheet shows it as it is, and read back."""

from __future__ import annotations

import re

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection). Written with a
# leading apostrophe, the text is shown as text; readers of our own files take the apostrophe off.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _reads_as_formula(value: str) -> bool:
    # Apostrophes are looked through so that text which already starts with one survives a round trip.
    return value.lstrip("'").startswith(FORMULA_START)


def csv_safe(value: object) -> object:
    """Text made safe to open in a spreadsheet; numbers (negative ones too) are left as they are."""
    if isinstance(value, str) and _reads_as_formula(value):
        return "'" + value
    return value


def csv_unescape(value: str) -> str:
    """The text ``csv_safe`` was given."""
    return value[1:] if value.startswith("'") and _reads_as_formula(value[1:]) else value


# Characters XML, so an XLSX cell, cannot hold: writers drop them, and comparisons ignore them.
XLSX_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
