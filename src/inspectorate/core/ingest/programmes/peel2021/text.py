"""The layout HMICFRS reports of 2016 onwards share, as text: paragraphs, bullets, the boxed labels
("Cause of concern", "Area for improvement", ...), headings, and the publication date.

A report reaches us in one of two shapes. Copied from the web (or HTML), each paragraph is one line
and there are no blank lines. Through ``pdftotext``, a paragraph wraps over several lines and blank
lines separate paragraphs. ``blocks`` evens that out so that readers see one block per paragraph,
bullet or label either way.

Used by the PEEL 2021/22 reader and by the crime data integrity reader, whose reports use the same
labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import Location

# "-" from the HTML reader; bullets and dashes as pdftotext prints them (U+F0B7 is Word's symbol-font bullet).
_BULLET = re.compile(
    r"^(?:[\u2022\uf0b7]\s*|(?:[-\u2023\u2043\u25aa\u25cf\u25e6\u00b7\u2013*]|o(?= [a-z]))\s+)"
)
_HEADING_END = re.compile(r"[.!?:;,)\"\u201d\u2019']$")


@dataclass(frozen=True)
class Label:
    kind: FindingKind
    plural: bool  # "Areas for improvement" may head several; "Area for improvement" one
    rest: str  # text printed after "Label:" on the same line


_LABEL = re.compile(
    r"^(?P<name>causes? of concern|areas? for improvement|recommendations?|innovative(?: or good)? practice"
    r"|(?:good|promising|notable) practice)(?:\s+\d+)?\s*(?:[:\u2013-]\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)


def label(text: str) -> Label | None:
    """The finding label a line (or block) starts with, when the whole line is that label."""
    match = _LABEL.match(text.strip())
    if match is None:
        return None
    name = match.group("name").casefold()
    if name.startswith("cause"):
        kind = FindingKind.CAUSE_OF_CONCERN
    elif name.startswith("area"):
        kind = FindingKind.AREA_FOR_IMPROVEMENT
    elif name.startswith("recommendation"):
        kind = FindingKind.RECOMMENDATION
    else:
        kind = FindingKind.GOOD_PRACTICE
    plural = name.startswith(("causes", "areas", "recommendations"))
    return Label(kind, plural, (match.group("rest") or "").strip())


@dataclass(frozen=True)
class Block:
    text: str  # the paragraph on one line, bullet marker removed
    start: int  # offsets in the document's text
    end: int
    bullet: bool

    @property
    def heading_like(self) -> bool:
        """A short line without closing punctuation: these reports print headings as unpunctuated
        sentences ("The force needs to improve how it answers calls")."""
        return not self.bullet and len(self.text) <= 200 and not _HEADING_END.search(self.text)


def is_wrapped(document: Document) -> bool:
    """True for pdftotext's shape: paragraphs wrapped over lines, blank lines between them."""
    lines = document.text.strip("\n").split("\n")
    blank = sum(1 for line in lines if not line)  # between paragraphs, not at either end
    return blank >= max(2, 0.1 * (len(lines) - blank))


def blocks(document: Document) -> list[Block]:
    """Every paragraph, bullet and label of the document, in order."""
    wrapped = is_wrapped(document)
    found: list[Block] = []
    current: list[tuple[int, str]] = []  # (line number, text) of the block being gathered
    bullet = False

    def close() -> None:
        nonlocal current
        if current:
            first, last = current[0][0], current[-1][0]
            start = document.line_start(first)
            end = document.line_start(last) + len(document.lines[last - 1])
            text = " ".join(text for _, text in current)
            if bullet:
                text = _BULLET.sub("", text, count=1)
            found.append(Block(text, start, end, bullet))
        current = []

    after_bare_label = False
    for number, line in enumerate(document.lines, start=1):
        if not line:
            close()
            continue
        starts_bullet = bool(_BULLET.match(line)) and len(line) > 2
        line_label = label(line)
        if not wrapped or starts_bullet or line_label is not None or after_bare_label:
            close()
        if not current:
            bullet = starts_bullet
        current.append((number, line))
        # A bare label is a block of its own; "Label: text" runs on like a paragraph.
        after_bare_label = line_label is not None and not line_label.rest
    close()
    return found


# ---- the publication date -------------------------------------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_SHORT_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_DATE = rf"(?:\d{{1,2}} (?:{_MONTHS}) \d{{4}}|(?:{_MONTHS}) \d{{4}})"
_PUBLISHED = re.compile(
    rf"^(?:Published|First published|Publication date|Date of publication)(?: on)?:?\s+({_DATE})\b",
    re.MULTILINE,
)
_DATE_LINE = re.compile(rf"^({_DATE})$")
# Other ways a page prints its date: a news feed's "date 2022-08-19" opening the text, a
# commissioner's statement titled "... (29 Aug 2014)", a news item's "Thursday, May 1, 2014" line,
# and "published on August 28, 2014" in a commissioner's summary of the report.
_FEED_DATE = re.compile(r"\Adate (\d{4}-\d{2}-\d{2})\b")
_TITLE_DATE = re.compile(rf"\((\d{{1,2}} (?:{_MONTHS}|{_SHORT_MONTHS}) \d{{4}})\)$", re.MULTILINE)
_WEEKDAY_LINE = re.compile(
    rf"^((?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (?:{_MONTHS}) \d{{1,2}}, \d{{4}})$",
    re.MULTILINE,
)
# A news wire's republished release: "7 Aug 2018 11:19 AM" on a line of its own.
_WIRE_DATE = re.compile(
    rf"^(\d{{1,2}} (?:{_MONTHS}|{_SHORT_MONTHS}) \d{{4}}) \d{{1,2}}:\d{{2}}(?: ?[AP]M)?$", re.MULTILINE
)
_PUBLISHED_ON = re.compile(rf"\bpublished on ((?:{_MONTHS}) \d{{1,2}}, \d{{4}})\b")


def publication_date(document: Document, before_line: int) -> tuple[str, Location] | None:
    """The date the report says it was published ("Published 12 May 2022"), else a line holding
    only a date among the title-page lines before ``before_line``, else the dates news pages and
    commissioners' pages print in their own places. Dates inside sentences are events the report
    describes, never its date."""
    match = _PUBLISHED.search(document.text)
    if match:
        return match.group(1), document.at(match.start(1), match.end(1))
    for number, line in enumerate(document.lines[: max(0, before_line - 1)][:40], start=1):
        found = _DATE_LINE.match(line)
        if found:
            return found.group(1), document.at_line(number)
    head = document.text[:3000]
    for pattern in (_FEED_DATE, _TITLE_DATE, _WEEKDAY_LINE, _WIRE_DATE, _PUBLISHED_ON):
        found = pattern.search(head)
        if found:
            return found.group(1), document.at(found.start(1), found.end(1))
    return None
