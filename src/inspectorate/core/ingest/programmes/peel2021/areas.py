"""PEEL 2021/22 areas: where each area's section is, and its grade.

Each area's section opens with its heading and a one-sentence judgment ("<Force> is adequate at
treating people fairly and with respect"), and a bare grade label ends it, just before the next
area's heading. So a label belongs to the section it closes, never to the heading after it; and the
workforce label comes after the ungraded "Vetting and counter corruption" part that sits inside the
workforce section. The judgment sentence names the grade too, in words that differ from the heading,
and is what the grade is read from; the label, where it agrees, is where the grade is printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from inspectorate.core.frameworks.library import get_framework
from inspectorate.core.ingest.common import match_area, sentence
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import Location

FRAMEWORK_ID = "peel-2021"

# Headings that name an area by another title than the framework's.
_ALIASES = {
    # The part of the victim service assessment that carries the crime-recording judgment sentence.
    "crime data integrity": "crime-recording",
    # The chapter heading over the victim service assessment.
    "providing a service to the victims of crime": "victim-service-assessment",
}
# Sections after the last area: a section running up to one of these ends there.
_ENDS = frozenset({"about the data", "methodology", "data sources", "annex", "appendix", "glossary"})

_GRADES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "adequate": "Adequate",
    "requires improvement": "Requires improvement",
    "inadequate": "Inadequate",
}
HEADLINE = re.compile(
    r"(?P<subject>[A-Z][^.\n]{1,90}?)\s+(?:is\s+(?P<grade>outstanding|good|adequate|inadequate)|"
    r"(?P<ri>requires\s+improvement))\s+(?:at|in)\s+(?P<what>[^.]{3,160}?)\."
)
# What the judgment sentences and press releases call each area ("is good at prevention and
# deterrence", "how the force investigates crime"), with the titles the round's first reports gave
# some areas ("Developing a positive workplace", "Good use of resources", "Treatment of the public").
SENTENCE_AREAS = (
    (("recording crime", "recording data about crime", "crime recording", "records crime"),
     "crime-recording"),
    (("treating people fairly", "engaging with and treating", "treatment of the public",
      "treats people fairly", "treats the public"),
     "fairness-and-respect"),
    (("prevention and deterrence", "preventing crime", "prevents crime"), "prevention"),
    (("responding to the public", "responds to the public"), "responding"),
    (("investigating crime", "investigates crime"), "investigating"),
    (("protecting vulnerable people", "protects vulnerable people"), "protecting-vulnerable"),
    (("managing offenders", "manages offenders"), "managing-offenders"),
    (("tackling serious", "disrupting serious", "organised crime"), "serious-organised-crime"),
    (("building and developing its workforce", "building, supporting and protecting",
      "developing a positive workplace"),
     "workforce"),
    (("operating efficiently", "strategic planning", "value for money", "good use of resources"),
     "strategic-planning"),
)  # fmt: skip
# Sentences that speak of "the force" are summaries, observations and findings ("We found that the
# force is good at ..."), not an area's judgment, which names the force.
_GENERIC_SUBJECT = re.compile(
    r"(?:^|\s)(?:(?:the|this|that)\s+(?:force|constabulary|service)|it)$|^We\s", re.I
)


@dataclass(frozen=True)
class Heading:
    area_id: str
    title: str  # as printed
    line: int
    top: bool  # a top-level area: its section runs on over its sub-areas' headings


@dataclass(frozen=True)
class Headline:
    grade: str  # the scale's label
    area_id: str | None  # the area its words name, None when they name none we know
    text: str
    at: Location


@dataclass(frozen=True)
class Section:
    heading: Heading
    first: int  # lines, from 1, inclusive
    last: int


def plain(text: str) -> str:
    return " ".join(text.replace("\u2011", "-").replace("\u2010", "-").split())


def heading_area(line: str) -> str | None:
    if not line or len(line) > 120:
        return None
    return match_area(FRAMEWORK_ID, plain(line)) or _ALIASES.get(plain(line).casefold())


def grade_label(line: str) -> str | None:
    """The grade when ``line`` is a bare grade label."""
    return _GRADES.get(plain(line).casefold())


def headlines(document: Document, start: int = 0, end: int | None = None) -> Iterator[Headline]:
    """Every judgment sentence in ``start``-``end``."""
    for match in HEADLINE.finditer(document.text, start, len(document.text) if end is None else end):
        subject = " ".join(match.group("subject").split())
        if _GENERIC_SUBJECT.search(subject):
            continue
        grade = "Requires improvement" if match.group("ri") else _GRADES[match.group("grade")]
        what = " ".join(match.group("what").split()).casefold()
        area_id = next((a for phrases, a in SENTENCE_AREAS if what.startswith(phrases)), None)
        text, at = sentence(document, match.start(), match.end())
        yield Headline(grade, area_id, text, at)


def sections(document: Document) -> list[Section]:
    """Each area heading's section, in document order. Where a title is printed more than once
    (a contents list, a judgments table, the methodology), the heading is the one followed by a
    judgment sentence, else the one with the longest section."""
    framework = get_framework(FRAMEWORK_ID)
    tops = {area.id for area in framework.areas}
    lines = document.lines
    candidates: list[Heading] = []
    ends: list[int] = []
    for number, line in enumerate(lines, start=1):
        area_id = heading_area(line)
        if area_id is not None:
            candidates.append(Heading(area_id, line, number, area_id in tops))
        elif plain(line).casefold() in _ENDS:
            ends.append(number)
    marks = sorted([c.line for c in candidates] + ends)

    def body(heading: Heading) -> int:
        later = [mark for mark in marks if mark > heading.line]
        return (later[0] if later else len(lines) + 1) - heading.line

    chosen: dict[tuple[str, str], Heading] = {}
    for candidate in candidates:
        key = (candidate.area_id, plain(candidate.title).casefold())
        best = chosen.get(key)
        if best is None or _rank(document, candidate, body(candidate)) > _rank(document, best, body(best)):
            chosen[key] = candidate
    headings = sorted(chosen.values(), key=lambda h: h.line)
    result = []
    for heading in headings:
        stops = [h.line for h in headings if h.line > heading.line and (h.top or not heading.top)]
        stops += [end for end in ends if end > heading.line]
        result.append(Section(heading, heading.line, (min(stops) if stops else len(lines) + 1) - 1))
    return result


def _rank(document: Document, heading: Heading, body: int) -> tuple[bool, int]:
    return opening_headline(document, heading) is not None, body


def opening_headline(document: Document, heading: Heading) -> Headline | None:
    """The judgment sentence that opens a section: within the few lines after its heading (a
    grade label may come between them)."""
    lines = document.lines
    start = document.line_start(heading.line) + len(lines[heading.line - 1])
    end, number, seen = start, heading.line, 0
    while number < len(lines) and seen < 3:
        number += 1
        line = lines[number - 1]
        if heading_area(line) is not None:
            break
        if line and grade_label(line) is None:
            seen += 1
        end = document.line_start(number) + len(line)
    return next(headlines(document, start, end), None)


# The summary at the top of a report's page says the service to victims was inspected and that this
# area, unlike the others, gets no grade: the victim service assessment is read as ungraded.
_VICTIM_SERVICE_UNGRADED = re.compile(
    r"\bservice\s+[^.]{1,80}?\s+gives\s+to\s+victims\s+of\s+crime\.\s+We\s+(?:don[\u2019']t|do\s+not)\s+make\s+a\s+graded"
    r"\s+judge?ment\s+(?:in|for)\s+this\s+(?:overall\s+)?area\.",
    re.IGNORECASE,
)


def ungraded_statement(document: Document, area_id: str) -> Location | None:
    """Where the text says an ungraded area is not graded (the victim service assessment)."""
    if area_id != "victim-service-assessment":
        return None
    found = _VICTIM_SERVICE_UNGRADED.search(document.text)
    return document.at(found.start(), found.end()) if found else None
