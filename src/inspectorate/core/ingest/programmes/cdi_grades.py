"""The crime-recording grade of a crime data integrity text, in every form it is printed.

A report's page prints a label under its "Overall judgment" heading ("graded inadequate"), or a bare
grade under its title; from 2017 the three core questions carry labels of their own. A press
release says it in a sentence or its title: "overall HMIC has judged Kent Police as 'inadequate'",
"Policing inspectorate grades Kent Police 'outstanding' at recording crime", "Kent Police is
'outstanding' in how it records reports of offences", "rated as outstanding for crime recording",
"<Force> requires improvement at crime recording", "has been assessed as requires improvement in its
crime recording", "HMICFRS judged the force to require improvement". (News items and commissioners'
pages say it too, but they are not reports: ``publisher`` keeps them from being read as one.)

What is never the report's own grade: a grade stated about an earlier inspection ("had previously
been graded as 'inadequate'", the opening of a re-inspection that recalls the first inspection
before its own "Overall judgment"), and a grade for something else ("'Outstanding' for Efficiency").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspectorate.core.ingest.common import forces_named, sentence_around
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import Location

GRADES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires improvement": "Requires improvement",
    "requiring improvement": "Requires improvement",
    "require improvement": "Requires improvement",
    "inadequate": "Inadequate",
}
_GRADE = r"(?P<grade>outstanding|good|requires\s+improvement|requiring\s+improvement|inadequate)"
_OPEN = "[\u2018'\"\u201c]?"
_CLOSE = "[\u2019'\"\u201d]?"

_OVERALL_HEADING = re.compile(r"^(?:revised\s+)?overall\s+judge?ment\s*(?::\s*(?P<rest>.+))?$", re.IGNORECASE)
_LABEL = re.compile(rf"^(?:graded\s+)?{_GRADE}\.?$", re.IGNORECASE)
_QUESTIONS = (
    ("recording reported crime", 1),
    ("systems and processes", 2),
    ("leadership and culture", 3),
)
_SENTENCES = (
    # "overall HMIC has judged Kent Police as 'inadequate'", "graded as 'outstanding'", "rated Good"
    re.compile(
        rf"\b(?:judged|graded|grades|rated|assessed)\b(?:\s+(?!not\b)[^\s.;:]+){{0,6}}?\s+(?:as\s+)?{_OPEN}{_GRADE}{_CLOSE}",
        re.IGNORECASE,
    ),
    # "HMICFRS judged the force to require improvement", "found it to be good at recording crime"
    re.compile(
        r"\b(?:judged|graded|rated|assessed|found|considered)\b(?:\s+(?!not\b)[^\s.;:]+){0,5}?\s+to\s+"
        rf"(?:be\s+{_OPEN}{_GRADE}{_CLOSE}|(?P<ri>require\s+improvement))",
        re.IGNORECASE,
    ),
    # "the published overall graded judgment ... remains as Inadequate", "an overall judgment of inadequate"
    re.compile(
        rf"\boverall\s+(?:graded\s+)?judge?ment\b[^.]{{0,120}}?\b(?:of|as|is|remains)\s+(?:as\s+)?{_OPEN}{_GRADE}{_CLOSE}",
        re.IGNORECASE,
    ),
    # "<Force> requires improvement at crime recording", "<Force> is good at recording crime"
    re.compile(
        rf"\b(?:is\s+{_GRADE}|(?P<ri>requires\s+improvement))\s+(?:at|in)\s+(?:its\s+)?"
        r"(?:crime[\s-]+recording|recording(?:\s+of)?\s+(?:reported\s+)?crimes?)\b",
        re.IGNORECASE,
    ),
)
# What a grade may be said to be for; anything else (efficiency, legitimacy) is another judgment.
_FOR = re.compile(r"^\s*(?:for|at|in)\s+(?P<what>[^.,;]{1,80})", re.IGNORECASE)
_ABOUT_RECORDING = re.compile(r"record|crime data|\bCDI\b", re.IGNORECASE)
# A clause about an earlier inspection.
_EARLIER = re.compile(
    r"\bpreviously\b|\bearlier\b|\blast\s+(?:year|inspection|report)\b|\bhad\s+been\b|\bwas\s+given\b"
    r"|\bfrom\s+(?:inadequate|requires improvement|good)\s+to\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_REINSPECTION = re.compile(r"\bre-?inspection\b", re.IGNORECASE)


@dataclass(frozen=True)
class Grade:
    grade: str  # the scale's label
    at: Location  # the sentence or label it is read from
    question: int | None = None  # 1-3 for a core question's label, None for the overall grade


def grade_of(label: str) -> str:
    return GRADES[" ".join(label.split()).casefold()]


def labels(document: Document) -> list[Grade]:
    """The grade labels of a report's page: under "Overall judgment", a bare grade opening the
    page, and the core questions' labels."""
    found: list[Grade] = []
    lines = document.lines
    filled = [n for n, line in enumerate(lines, start=1) if line.strip()]
    for index, number in enumerate(filled):
        line = lines[number - 1].strip()
        following = filled[index + 1] if index + 1 < len(filled) else None
        heading = _OVERALL_HEADING.match(line)
        if heading:
            rest = heading.group("rest")
            label = _LABEL.match(rest.strip()) if rest else None
            if label is None and following is not None:
                label = _LABEL.match(lines[following - 1].strip())
                number = following if label else number
            if label:
                found.append(Grade(grade_of(label.group("grade")), document.at_line(number)))
            continue
        question = _question(line)
        if question and following is not None:
            label = _LABEL.match(lines[following - 1].strip())
            if label:
                found.append(Grade(grade_of(label.group("grade")), document.at_line(following), question))
            continue
        # A bare grade among a page's first lines, under its title ("Inadequate").
        if index < 4 and index > 0 and _LABEL.match(line) and not line.casefold().startswith("graded"):
            found.append(Grade(grade_of(line.rstrip(".")), document.at_line(number)))
    return found


def _question(line: str) -> int | None:
    if not line.endswith("?") or len(line) > 200:
        return None
    lowered = line.casefold()
    return next((n for words, n in _QUESTIONS if words in lowered), None)


def statements(document: Document, report_year: str | None, force_id: str | None = None) -> list[Grade]:
    """The grades stated in sentences, in text order, without those about an earlier inspection,
    about another judgment, or about another force than ``force_id`` (a news item comparing
    neighbours)."""
    text = document.text
    first_judgment = _first_judgment_heading(document)
    found: dict[int, Grade] = {}
    for pattern in _SENTENCES:
        for match in pattern.finditer(text):
            label = match.group("grade") or (match.group("ri") if "ri" in pattern.groupindex else None)
            if not label:
                continue
            if not _for_recording(text[match.end() : match.end() + 100]):
                continue
            start, end = sentence_around(document, match.start(), match.end())
            if _about_earlier(text[start : match.end()], report_year):
                continue
            named = forces_named(text[start:end])
            if force_id is not None and named and force_id not in named:
                continue
            if first_judgment is not None and match.start() < first_judgment:
                continue  # a re-inspection's account of the first inspection, before its own judgment
            found.setdefault(match.start(), Grade(grade_of(label), document.at(start, end)))
    return [found[key] for key in sorted(found)]


def _for_recording(after: str) -> bool:
    what = _FOR.match(after)
    return what is None or bool(_ABOUT_RECORDING.search(what.group("what")))


def _about_earlier(sentence: str, report_year: str | None) -> bool:
    """True when the clause holding the grade is about an earlier inspection: the words after the
    last "but" (or semicolon) of the sentence up to the grade are the clause."""
    clause = re.split(r",?\s+but\s+|;\s*", sentence)[-1]
    if _EARLIER.search(clause):
        return True
    years = [int(year) for year in _YEAR.findall(clause)]
    own = int(report_year[:4]) if report_year and report_year[:4].isdigit() else None
    return own is not None and any(year < own for year in years)


def _first_judgment_heading(document: Document) -> int | None:
    """In a re-inspection, where its own judgment begins: the first "Overall judgment" heading."""
    if not _REINSPECTION.search(document.text[:600]):
        return None
    for number, line in enumerate(document.lines, start=1):
        if _OVERALL_HEADING.match(line.strip()):
            return document.line_start(number)
    return None
