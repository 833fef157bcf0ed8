"""A published report as text: read from plain text, HTML or PDF, normalised, and located.

Normalising keeps the words as printed and only evens out what differs between copies of the same
report: line endings, non-breaking and repeated spaces, soft hyphens, trailing blanks. Offsets
into this text are what ``Location`` records. HTML loses its scripts, styles and site chrome
(navigation, header, footer); a PDF is turned to text by poppler's ``pdftotext``. Each kind of
file is read within its limits (``core.limits``), and reading is linear in the text's length.
"""

from __future__ import annotations

import bisect
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

from inspectorate.core.ingest.model import QUOTE_LENGTH, Location
from inspectorate.core.limits import (
    REPORT_HTML_MAX_BYTES,
    REPORT_PDF_MAX_BYTES,
    REPORT_PDF_MAX_PAGES,
    REPORT_PDF_SECONDS,
    REPORT_TEXT_MAX_BYTES,
    megabytes,
)
from inspectorate.core.problems import InputError

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_SOFT_HYPHEN = "\u00ad"
_NON_BREAKING_HYPHEN = "\u2011"  # "non\u2011emergency" in some reports; a hyphen like any other


@dataclass(frozen=True)
class Document:
    source: str
    text: str
    _line_starts: tuple[int, ...] = field(repr=False, compare=False, default=())

    @cached_property
    def lines(self) -> tuple[str, ...]:
        # Split once: readers index lines in loops, and splitting on every access made reading a
        # report quadratic in its length.
        return tuple(self.text.split("\n"))

    def line_of(self, offset: int) -> int:
        """The line (from 1) holding character ``offset``."""
        return bisect.bisect_right(self._line_starts, offset)

    def line_start(self, line: int) -> int:
        return self._line_starts[line - 1]

    def at(self, start: int, end: int) -> Location:
        quote = " ".join(self.text[start:end].split())
        if len(quote) > QUOTE_LENGTH:
            quote = quote[: QUOTE_LENGTH - 1] + "…"
        return Location(self.line_of(start), start, end, quote)

    def at_line(self, line: int) -> Location:
        start = self.line_start(line)
        return self.at(start, start + len(self.lines[line - 1]))


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(_SOFT_HYPHEN, "").replace("\f", "\n")
    text = text.replace(_NON_BREAKING_HYPHEN, "-")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def document_from_text(text: str, source: str) -> Document:
    clean = normalise(text)
    starts = [0]
    for match in re.finditer("\n", clean):
        starts.append(match.end())
    return Document(source, clean, tuple(starts))


def read_document(path: Path) -> Document:
    """The report at ``path``: .txt or .md as text, .html or .htm without markup, .pdf through
    pdftotext; within the limits of ``core.limits`` (a file beyond one is refused in one line)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(1024)
    size = path.stat().st_size
    if suffix == ".pdf" or head.startswith(b"%PDF"):
        _within(path, size, REPORT_PDF_MAX_BYTES, "a PDF report")
        return document_from_text(_checked_text(path, _pdf_text(path), "the text of a PDF report"), path.name)
    html = suffix in (".html", ".htm") or _HTML_START.match(head.decode("utf-8-sig", "replace")) is not None
    _within(
        path,
        size,
        REPORT_HTML_MAX_BYTES if html else REPORT_TEXT_MAX_BYTES,
        "an HTML report" if html else "a report's text",
    )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name}: is not UTF-8 text (byte 0x{data[exc.start]:02X} at {exc.start})"
        ) from None
    if html:
        text = _checked_text(path, html_text(text), "the text of an HTML report")
    return document_from_text(text, path.name)


_HTML_START = re.compile(r"\s*(<!doctype html|<html)", re.IGNORECASE)


def _within(path: Path, size: int, limit: int, what: str) -> None:
    if size > limit:
        raise InputError(f"{path.name}: is {size:,} bytes; {what} may be at most {megabytes(limit)}")


def _checked_text(path: Path, text: str, what: str) -> str:
    _within(path, len(text.encode("utf-8", "surrogatepass")), REPORT_TEXT_MAX_BYTES, what)
    return text


def _pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        raise InputError(f"{path.name}: reading a PDF needs pdftotext (Debian package poppler-utils)")
    pages = _pdf_pages(path)
    if pages is not None and pages > REPORT_PDF_MAX_PAGES:
        raise InputError(
            f"{path.name}: has {pages:,} pages; a PDF report may have at most {REPORT_PDF_MAX_PAGES:,}"
        )
    # -l stops at the page limit even when pdfinfo could not count the pages.
    command = [tool, "-enc", "UTF-8", "-l", str(REPORT_PDF_MAX_PAGES), str(path), "-"]
    done = _run(path, command)
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(
            f"{path.name}: not a PDF that can be read ({reason[-1] if reason else 'pdftotext failed'})"
        )
    return done.stdout.decode("utf-8", "replace")


def _pdf_pages(path: Path) -> int | None:
    """The PDF's page count by pdfinfo (same package as pdftotext); None when it cannot tell."""
    tool = shutil.which("pdfinfo")
    if tool is None:
        return None
    done = _run(path, [tool, str(path)])
    found = re.search(rb"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    return int(found.group(1)) if done.returncode == 0 and found else None


def _run(path: Path, command: list[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(command, capture_output=True, check=False, timeout=REPORT_PDF_SECONDS)
    except subprocess.TimeoutExpired:
        raise InputError(
            f"{path.name}: reading the PDF took longer than {REPORT_PDF_SECONDS} seconds; it was stopped"
        ) from None


# Elements whose text is never the report's: code, styling, and the site around the page.
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg"}
)
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5",
     "h6", "br", "blockquote", "dd", "dt", "figcaption", "caption", "td", "th"}
)  # fmt: skip


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "li" and not self.skipping:
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(_defused(html))
    parser.close()
    # Markup's own line breaks and indentation are not the report's: spaces are evened out here.
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _defused(html: str) -> str:
    """``html`` without comments, and with every ``<`` that does not close with ``>`` before the
    next ``<`` written as ``&lt;`` (text, not markup). Python's HTMLParser rescans the rest of the
    document for each tag it cannot finish, so ``<a <a <a ...`` took minutes for 150 KB; here
    every tag it is given ends before the next one starts, and this pass is linear itself."""
    out: list[str] = []
    position, size = 0, len(html)
    closing = -1  # the next ">" at or after the current "<"; size when there is none
    while position < size:
        opening = html.find("<", position)
        if opening < 0:
            out.append(html[position:])
            break
        out.append(html[position:opening])
        if html.startswith("<!--", opening):
            end = html.find("-->", opening + 4)
            position = size if end < 0 else end + 3  # an unclosed comment runs to the end
            continue
        if closing < opening:
            found = html.find(">", opening)
            closing = size if found < 0 else found
        following = html.find("<", opening + 1, closing)
        if closing == size or following >= 0 or html.startswith("<![", opening):
            out.append("&lt;")
            position = opening + 1
        else:
            out.append(html[opening : closing + 1])
            position = closing + 1
    return "".join(out)
