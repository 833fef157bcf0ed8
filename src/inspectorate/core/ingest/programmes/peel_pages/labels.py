"""Grades printed as labels: a line that is nothing but the grade, below a pillar's or question's
heading (past "Last updated dd/mm/yyyy"), on the inspectorate's pages of every year from 2014 to
2018/19; and what a page prints there instead of a grade ("To be graded", "Not being graded").
The areas for improvement and causes of concern listed under a question belong to it. A question
whose label the page says is carried over from an earlier year, or that "was not inspected" this
year, has no grade of this report. A questions page that prints no labels opens each question with
its judgment ("<force> requires improvement at investigating crime ...", "<force> is considered to be
good at ..."), read as its grade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedFinding
from inspectorate.core.ingest.programmes import peel_four_tier as four
from inspectorate.core.ingest.programmes.peel_pages.sentences import HEDGE
from inspectorate.core.ingest.programmes.peel_pages.years import Area, Year

LABELS = ("Outstanding", "Good", "Requires improvement", "Inadequate")
_LAST_UPDATED = re.compile(r"^Last updated\b", re.IGNORECASE)
_NOT_GRADED = re.compile(
    r"^(?:(?:to be graded|not (?:yet )?graded|not being graded|ungraded)\.?$"
    r"|this question was not (?:subject to detailed )?inspect)",
    re.IGNORECASE,
)
# Below a question's label: the label is an earlier year's grade, carried over ("This question was
# not subject to detailed inspection in 2018/19, and our judgment from the 2017 effectiveness
# inspection has been carried over").
CARRIED_OVER = re.compile(r"^(?:This|These) questions? (?:was|were) not (?:subject to detailed )?inspect")
_CARRIED_LOOKAHEAD = 3  # lines of text below the label (a stray line of the site may come first)
_PILLAR_NAMES = {"Effectiveness": "effectiveness", "Efficiency": "efficiency", "Legitimacy": "legitimacy"}
_STRUCTURAL = (
    "Areas for improvement",
    "Area for improvement",
    "Cause of concern",
    "Causes of concern",
    "Questions for Effectiveness",
    "Questions for Efficiency",
    "Questions for Legitimacy",
    "HMI's observations",
    "HMI\u2019s observations",
)
_GRADES = four.Grades(LABELS)


@dataclass(frozen=True)
class Heading:
    line: int  # from 0
    area: Area


@dataclass(frozen=True)
class Printed:
    heading: Heading
    grade: str | None  # None: the page prints that the area is not graded
    line: int  # the label's line, from 0


def headings(document: Document, year: Year) -> list[Heading]:
    """Every line that is one of the year's pillar or question headings, in page order."""
    by_text = {text: area for area in year.areas for text in (area.title, *area.headings)}
    return [Heading(index, by_text[line]) for index, line in enumerate(document.lines) if line in by_text]


def page_pillar(document: Document) -> str | None:
    """The pillar a pillar page is about: its name on a line of its own near the top."""
    return next((_PILLAR_NAMES[line] for line in document.lines[:40] if line in _PILLAR_NAMES), None)


def _skip(line: str) -> bool:
    return _LAST_UPDATED.match(line) is not None


def carried_over(document: Document, label_line: int) -> int | None:
    """The line below a question's label saying the label is carried over from an earlier year."""
    seen = 0
    for index in range(label_line + 1, len(document.lines)):
        text = document.lines[index]
        if not text:
            continue
        if CARRIED_OVER.match(text):
            return index
        seen += 1
        if seen == _CARRIED_LOOKAHEAD:
            break
    return None


def printed(document: Document, found: list[Heading]) -> list[Printed]:
    """The label (or "not graded" line) printed right below each heading; a question's label that
    the page says is carried over from an earlier year is no grade of this report."""
    result: list[Printed] = []
    for heading in found:
        grade = _GRADES.label_after(document, heading.line, skip=_skip, limit=5)
        if grade is not None:
            line = document.line_of(grade.at.end) - 1
            carried = carried_over(document, line) if heading.area.level == "question" else None
            if carried is not None:
                result.append(Printed(heading, None, carried))
            else:
                result.append(Printed(heading, grade.label, document.line_of(grade.at.start) - 1))
            continue
        following = four.next_text(document, heading.line, skip=_skip)
        if (
            following is not None
            and following <= heading.line + 5
            and _NOT_GRADED.match(document.lines[following])
        ):
            result.append(Printed(heading, None, following))
    return result


# The judgment that opens a question's text on a questions page, when no label is printed:
# "Kent Police is good at investigating crime and reducing re-offending.", "Nottinghamshire Police's
# approach to tackling crime and anti-social behaviour is good." Its subject is the force (or what
# the force does); its verb gives the grade.
_LEAD = re.compile(
    r"^(?:The force|The constabulary|It|[A-Z][A-Za-z&' -]{1,40}? (?:Police|Constabulary)(?: Service)?)"
    r"(?:[\u2019']s [a-z][a-z ,-]{3,80}?)?\s+"
    rf"(?:(?:is|are)\s+(?:also\s+|now\s+)?(?:{HEDGE}\s+(?:to\s+be|as)\s+)?"
    r"(?P<g1>outstanding|good|inadequate)(?=\s+(?:at|in|overall)\b|\s*[.;,])"
    rf"|(?:is\s+{HEDGE}\s+to\s+)?(?P<g2>requires? improvement)\b)"
)
_SENTENCE_END = re.compile(r"[.;](?=\s|$)")


def leads(document: Document, found: list[Heading]) -> list[Printed]:
    """The grade stated by the first sentence below each question heading that has no label."""
    result: list[Printed] = []
    for heading in found:
        if heading.area.level != "question":
            continue
        first = four.next_text(document, heading.line, skip=_skip)
        if first is None or first > heading.line + 3 or (first in {h.line for h in found}):
            continue
        text = document.lines[first]
        end = _SENTENCE_END.search(text)
        lead = _LEAD.match(text[: end.end() if end else len(text)])
        if lead is None or _GRADES.label(text) is not None:
            continue
        words = lead.group("g1") or lead.group("g2")
        grade = "Requires improvement" if words.casefold().startswith("require") else words.capitalize()
        result.append(Printed(heading, grade, first))
    return result


def findings(document: Document, found: list[Heading]) -> tuple[list[ImportedFinding], list[str]]:
    heading_lines = {heading.line for heading in found}

    def stop(index: int) -> bool:
        return index in heading_lines or four.is_heading_word(document.lines[index], *_STRUCTURAL)

    def owner(index: int) -> tuple[str | None, str | None]:
        above = next((h for h in reversed(found) if h.line < index), None)
        return (above.area.title, above.area.id) if above else (None, None)

    return four.listed_findings(document, stop, owner)
