"""A published report as text: read from plain text, HTML or PDF, normalised, and located.

Normalising keeps the words as printed and only evens out what differs between copies of the same
report: line endings, non-breaking and repeated spaces, soft hyphens, trailing blanks. Offsets
into this text are what ``Location`` records. HTML loses its scripts, styles and site chrome
(navigation, header, footer); a PDF is turned to text by poppler's ``pdftotext``.
"""

from __future__ import annotations

import bisect
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from inspectorate.core.ingest.model import QUOTE_LENGTH, Location
from inspectorate.core.problems import InputError

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_SOFT_HYPHEN = "\u00ad"
_NON_BREAKING_HYPHEN = "\u2011"  # "non\u2011emergency" in some reports; a hyphen like any other


@dataclass(frozen=True)
class Document:
    source: str
    text: str
    _line_starts: tuple[int, ...] = field(repr=False, compare=False, default=())

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

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
    """The report at ``path``: .txt or .md as text, .html or .htm without markup, .pdf through pdftotext."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return document_from_text(_pdf_text(path), path.name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name}: is not UTF-8 text (byte 0x{data[exc.start]:02X} at {exc.start})"
        ) from None
    if suffix in (".html", ".htm") or re.match(r"\s*(<!doctype html|<html)", text, re.IGNORECASE):
        text = html_text(text)
    return document_from_text(text, path.name)


def _pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        raise InputError(f"{path.name}: reading a PDF needs pdftotext (Debian package poppler-utils)")
    done = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False)
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(
            f"{path.name}: not a PDF that can be read ({reason[-1] if reason else 'pdftotext failed'})"
        )
    return done.stdout.decode("utf-8", "replace")


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
    parser.feed(html)
    parser.close()
    # Markup's own line breaks and indentation are not the report's: spaces are evened out here.
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line)
