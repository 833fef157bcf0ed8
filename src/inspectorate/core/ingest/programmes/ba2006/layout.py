"""Where things are in a 2006 baseline assessment report: which framework of ``ba-2006`` a
heading names, where each framework's section starts and ends, and the page furniture (running
footers, headers, page numbers) that cuts through its lists.

A section is a framework heading ("3B Tackling Serious and Organised Criminality") followed within
a few lines by its grade table ("Grade / Direction of Travel"); that pairing tells it from the same
title in the contents, the frameworks table or the summary of judgements. It runs to the next
framework or domain heading, or to the appendices.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.spec import Area
from inspectorate.core.ingest.common import match_area
from inspectorate.core.ingest.document import Document

FRAMEWORK_ID = "ba-2006"
NOT_GRADED = "Not Graded"
GRADE_WORDS = r"Excellent|Good|Fair|Poor|Not [Gg]raded"
DIRECTION_WORDS = r"Improved|Stable|Declined|Not [Gg]raded"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

# ---- the framework's areas ------------------------------------------------------------------------

# The report adds abbreviations to some titles in its frameworks table ("Reducing Anti-Social
# Behaviour (ASB)") and prints 5C as "Strategic Road Policing" over its section, where the
# framework says "Roads": titles are compared without abbreviations and without plural endings.
_ABBREVIATION = re.compile(r"\s*\([A-Z]{2,6}\)")


def title_key(title: str) -> str:
    text = _ABBREVIATION.sub("", title).replace("&", " and ")
    return " ".join(word.removesuffix("s") for word in re.findall(r"[a-z]+", text.casefold()))


@cache
def _areas() -> tuple[Area, ...]:
    from inspectorate.core.frameworks.library import get_framework

    return tuple(place.area for place in get_framework(FRAMEWORK_ID).walk())


def frameworks() -> tuple[Area, ...]:
    """The 23 graded frameworks, in the report's order."""
    return tuple(area for area in _areas() if area.level == "framework")


@cache  # every line of a report is tried as a heading
def _area(title: str, level: str, code: str | None = None) -> Area | None:
    candidates = [area for area in _areas() if area.level == level]
    if code:
        by_code = next((area for area in candidates if area.code.casefold() == code.casefold()), None)
        if by_code is not None:
            return by_code
    area_id = match_area(FRAMEWORK_ID, title)
    found = next((area for area in candidates if area.id == area_id), None)
    if found is not None:
        return found
    key = title_key(title)
    return next((area for area in candidates if key and title_key(area.title) == key), None)


def framework_area(title: str, code: str | None = None) -> Area | None:
    """The framework a heading names: by its code when it prints one, else by its title."""
    return _area(title, "framework", code)


def domain_area(title: str) -> Area | None:
    return _area(title, "domain")


# ---- headings ---------------------------------------------------------------------------------------

_CODED_HEADING = re.compile(r"^([1-7][A-H])\s+([A-Z][^\t<]{2,98}?)\s*\**$")
_DOMAIN_HEADING = re.compile(r"^[1-7]\s+([A-Z][A-Za-z ,&-]+?)(?:\s*\((?:PPAF\s+)?Domain\s+\w+\))?\s*\**$")
_APPENDIX = re.compile(r"^(?:Appendix\b|Glossary of Terms\b)", re.IGNORECASE)
GRADE_HEADER = re.compile(r"^Grade(?:\s+(?P<rest>(?:No\s+)?direction of travel\b.*))?$", re.IGNORECASE)

# The headings of a framework's blocks. The lists' headings may carry a note ("Strengths
# (incorporating the Audit Commission's use of resources assessment)").
LIST_HEADINGS: tuple[tuple[FindingKind, re.Pattern[str]], ...] = (
    (FindingKind.STRENGTH, re.compile(r"^Strengths(?:\s*\(.*\))?\s*:?$", re.IGNORECASE)),
    (FindingKind.WORK_IN_PROGRESS, re.compile(r"^Work in Progress(?:\s*\(.*\))?\s*:?$", re.IGNORECASE)),
    (FindingKind.AREA_FOR_IMPROVEMENT, re.compile(r"^Areas? for Improvement(?:\s*\(.*\))?\s*:?$", re.I)),
    (FindingKind.GOOD_PRACTICE, re.compile(r"^Good Practice\s*:?$", re.IGNORECASE)),
)
# Blocks that hold no findings: a heading may run into its first sub-heading
# ("Contextual Factors***Firearms***"), so these match by their start.
OTHER_BLOCK = re.compile(
    r"^(?:Contextual Factors|National (?:Position|Context)\b|National Grade Distribution|Audit Commission\b"
    r"|Key to grades|Summary of Judgements)",
    re.IGNORECASE,
)


def list_kind(line: str) -> FindingKind | None:
    return next((kind for kind, pattern in LIST_HEADINGS if pattern.match(line)), None)


def is_structural(line: str) -> bool:
    return list_kind(line) is not None or bool(OTHER_BLOCK.match(line) or GRADE_HEADER.match(line))


def is_domain_heading(line: str) -> bool:
    match = _DOMAIN_HEADING.match(line)
    return match is not None and domain_area(match.group(1)) is not None


@dataclass(frozen=True)
class Heading:
    line: int  # from 1
    code: str | None
    title: str  # as printed, without its code
    area: Area


def framework_heading(line_number: int, line: str) -> Heading | None:
    coded = _CODED_HEADING.match(line)
    if coded:
        area = framework_area(coded.group(2), coded.group(1))
        return Heading(line_number, coded.group(1).upper(), coded.group(2), area) if area else None
    if len(line) > 100 or line.startswith("-"):
        return None
    area = framework_area(line)
    # An uncoded title counts only when it is the whole line, the framework's title word for word.
    if area is None or title_key(line) != title_key(area.title):
        return None
    return Heading(line_number, None, line, area)


# ---- page furniture --------------------------------------------------------------------------------

# The running footer ("October 2006"), the header a PDF repeats ("Kent Police - Baseline
# Assessment October 2006", with a dash of any length, with or without a page number) and bare
# page numbers.
_FURNITURE = re.compile(
    r"^(?:\d{1,3}\s+)?(?:[^\n]{0,80}?\s[\u2013\u2014-]\s)?(?:Baseline Assessment\s+)?"
    rf"(?:{MONTHS})\s+\d{{4}}(?:\s+\d{{1,3}})?$"
    r"|^(?:Page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$"
)
_REPEATS = 5  # a line printed this often, not a heading of the report's own, is a page's furniture
# Grade rows and the national distribution's numbers repeat in every section but are the report's own.
_TABLE_ROW = re.compile(rf"^(?:(?:{GRADE_WORDS}|{DIRECTION_WORDS}|\d+)\s*)+$")


@dataclass(frozen=True)
class Section:
    heading: Heading
    end: int  # the first line after the section (from 1)
    has_grade_table: bool


class Layout:
    """A report's lines with its framework sections found."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.lines = document.lines
        counts = Counter(line for line in self.lines if line and not line.startswith("-"))
        self._repeated = frozenset(
            line
            for line, count in counts.items()
            if count >= _REPEATS and not is_structural(line) and not _TABLE_ROW.match(line)
        )
        self.sections = self._find_sections()

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def is_furniture(self, line: str) -> bool:
        return bool(_FURNITURE.match(line)) or line in self._repeated

    def next_lines(self, after: int, limit: int, before: int | None = None) -> list[int]:
        """Up to ``limit`` numbers of the non-blank lines after line ``after``, skipping furniture."""
        found: list[int] = []
        number = after + 1
        stop = min(before or len(self.lines) + 1, len(self.lines) + 1)
        while number < stop and len(found) < limit:
            text = self.line(number)
            if text and not self.is_furniture(text):
                found.append(number)
            number += 1
        return found

    def _graded(self, heading: Heading) -> bool:
        """Whether the heading's grade table follows it, before any other framework heading."""
        for number in self.next_lines(heading.line, 8):
            text = self.line(number)
            if GRADE_HEADER.match(text):
                return True
            if framework_heading(number, text) is not None:
                return False
        return False

    def _find_sections(self) -> list[Section]:
        best: dict[str, tuple[int, Heading, bool]] = {}
        boundaries: list[int] = []
        for number, text in enumerate(self.lines, start=1):
            if is_domain_heading(text) or _APPENDIX.match(text):
                boundaries.append(number)
                continue
            heading = framework_heading(number, text)
            if heading is None:
                continue
            graded = self._graded(heading)
            # One section per framework: a graded heading first, a coded one next, the last of equals
            # (a contents list comes before the body).
            rank = 2 * graded + (heading.code is not None)
            if rank == 0:  # a bare title without its grade table is a mention, not a section
                continue
            if heading.area.id not in best or rank >= best[heading.area.id][0]:
                best[heading.area.id] = (rank, heading, graded)
        chosen = sorted(((heading, graded) for _, heading, graded in best.values()), key=lambda h: h[0].line)
        boundaries.extend(heading.line for heading, _ in chosen)
        boundaries.sort()
        sections = []
        for heading, graded in chosen:
            end = next((line for line in boundaries if line > heading.line), len(self.lines) + 1)
            sections.append(Section(heading, end, graded))
        return sections

    def section_of(self, area_id: str) -> Section | None:
        return next((section for section in self.sections if section.heading.area.id == area_id), None)
