"""The stated limits on what a file handed to the platform may hold.

Every reader checks its limits before doing work that grows with them, and a file beyond one is
refused with one line naming the file and the limit. The figures are documented in
docs/importing.md and docs/frameworks.md; the work a reader does within them grows linearly with
the file's size.
"""

from __future__ import annotations

MB = 1024 * 1024

# YAML: frameworks, review templates, fixtures, labelled sets. The shipped files are at most 90 KB
# and 9 levels deep and use no aliases. An alias lets a few bytes stand for an exponential
# document, so none is accepted at all.
YAML_MAX_BYTES = 5 * MB
YAML_MAX_DEPTH = 50

# Published reports read by import-report. Real reports are under 1 MB of text and 200 pages.
REPORT_TEXT_MAX_BYTES = 20 * MB  # a .txt or .md file, and the text an HTML or PDF file gives
REPORT_HTML_MAX_BYTES = 50 * MB
REPORT_PDF_MAX_BYTES = 50 * MB
REPORT_PDF_MAX_PAGES = 1000
REPORT_PDF_SECONDS = 120  # pdftotext is stopped after this long


def megabytes(size: int) -> str:
    """``20971520`` -> ``20 MB``: how a limit is stated in messages."""
    return f"{size / MB:.4g} MB"


# A national table as published (xlsx, ods, csv): the largest shipped one is 3.9 MB; the Home
# Office outcomes tables run to tens of MB.
NATIONAL_TABLE_MAX_BYTES = 100 * MB

# A workbook's sheet is read whole into memory, one slot per cell of the rectangle from A1 to its
# last filled cell, so a few kilobytes naming a cell at XFD1048576 would ask for hundreds of GB.
# The largest sheet of the real tables is 1,554 rows by 12 columns (18,648 cells, the 2018/19 use
# of force tables); the limit is a hundred times that.
NATIONAL_SHEET_MAX_CELLS = 2_000_000
# An xlsx or ods file is a zip of XML; a zip bomb unpacks a small file into gigabytes. The largest
# real workbook unpacks to 10 MB (the 2019/20 use of force tables); XML compresses about tenfold,
# so this allows a workbook at the largest size a national table may be.
NATIONAL_WORKBOOK_MAX_UNPACKED_BYTES = 1024 * MB
