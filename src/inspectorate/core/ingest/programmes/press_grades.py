"""Grades as the five-tier PEEL rounds' press releases and commissioners' pages state them.

A press release counts the grades ("'good' in six areas, 'adequate' in one area") and names only
some of them: "'requires improvement' in one area - investigating crime", "HMICFRS said the force
was outstanding at disrupting serious organised crime", "the inadequate areas included recording
data about crime, responding to the public and managing offenders". A commissioner's page or a
local news item may list them ("Responding to the public: Adequate") or say "<area> was categorised
as 'Requires Improvement'". Only an area the words name is read; counts are not grades.

Each round gives its own table of the words that name its areas: (phrases, area id), a phrase
matching where the area's words start.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from inspectorate.core.ingest.common import sentence
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import Location

AreaWords = Sequence[tuple[tuple[str, ...], str]]

_GRADES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "adequate": "Adequate",
    "requires improvement": "Requires improvement",
    "inadequate": "Inadequate",
}
_GRADE = r"(?P<grade>outstanding|good|adequate|requires\s+improvement|inadequate)"
_OPEN = "[\u2018'\"\u201c]?"
_CLOSE = "[\u2019'\"\u201d]?"
_PATTERNS = (
    # "'requires improvement' in one area - investigating crime"
    re.compile(rf"{_OPEN}{_GRADE}{_CLOSE} in one area\s*[\u2013\u2014-]\s*(?P<what>[^.;\n]+)", re.IGNORECASE),
    # "HMICFRS said the force was outstanding at disrupting serious organised crime" (the
    # inspectorate speaking of the force: a report's own "We found that the force is good at ..." is
    # a finding, not a judgment)
    re.compile(
        rf"\b(?:HMICFRS|HMIC|[Ii]nspectors|[Tt]he\s+inspectorate)\s+(?:said|found)\s+(?:that\s+)?the\s+"
        rf"(?:force|constabulary|service)\s+(?:was|is)\s+{_OPEN}{_GRADE}{_CLOSE}"
        r"\s+(?:at|in)\s+(?P<what>[^.;\n]+)",
        re.IGNORECASE,
    ),
    # "the inadequate areas included recording data about crime, responding to the public and ..."
    re.compile(
        rf"\bthe\s+{_OPEN}{_GRADE}{_CLOSE}\s+areas?\s+(?:included|includes|were|was|are|is)\s+(?P<what>[^.;\n]+)",
        re.IGNORECASE,
    ),
    # "Responding to the public: Adequate" (a list line)
    re.compile(
        rf"^(?:[-\u2022*]\s*)?(?P<what>[A-Z][^:\n]{{3,120}}):\s*{_GRADE}\.?\s*$", re.IGNORECASE | re.MULTILINE
    ),
    # "Reporting data about crime was categorised as 'Requires Improvement'"
    re.compile(
        rf"(?:^|(?<=[.!?]\s))(?P<what>[A-Z][^.\n]{{3,120}}?)\s+(?:was|is|has been)\s+"
        r"(?:categorised|graded|rated|judged|assessed)"
        rf"\s+as\s+{_OPEN}{_GRADE}\.?{_CLOSE}",
        re.MULTILINE | re.IGNORECASE,
    ),
)
_EARLIER = re.compile(r"\b(?:previous(?:ly)?|last|earlier)\b|\bin\s+(?:our\s+)?20\d\d\b", re.IGNORECASE)
_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


@dataclass(frozen=True)
class Stated:
    area_id: str
    grade: str
    at: Location


def plain(text: str) -> str:
    words = text.replace("\u2019", "'").replace("anti-social", "antisocial").casefold()
    return " ".join(re.sub(r"[^a-z' ]+", " ", words).split())


# "how the force disrupts organised crime", "how it uses its police powers": a clause that names
# the area by what the force does, its words anywhere after "how".
_HOW = re.compile(r"^(?:in\s+)?how\s+(?:it|the\s+(?:force|constabulary|service))\s+", re.IGNORECASE)


def area_of(words: str, table: AreaWords) -> str | None:
    """The area whose words start ``words``; for a "how it ..." clause, the area whose words come
    first in it."""
    wanted = plain(words)
    if _HOW.match(words.strip()):
        places = [
            (position, area)
            for phrases, area in table
            for phrase in phrases
            if (position := f" {wanted} ".find(f" {plain(phrase)} ")) >= 0
        ]
        return min(places)[1] if places else None
    return next(
        (area for phrases, area in table if any(wanted.startswith(plain(phrase)) for phrase in phrases)), None
    )


def _areas(what: str, table: AreaWords, listing: bool) -> list[str]:
    """The areas ``what`` names: a list of them ("A, B and C") where the sentence lists areas,
    else the one area its words start with (an area's own name may hold commas and "and")."""
    if not listing:
        area = area_of(what, table)
        return [area] if area else []
    return [area for part in _LIST_SPLIT.split(what) if (area := area_of(part, table))]


def stated_grades(document: Document, table: AreaWords) -> list[Stated]:
    """Every (area, grade) the text names, once per area, first statement kept."""
    found: dict[str, Stated] = {}
    for pattern in _PATTERNS:
        for match in pattern.finditer(document.text):
            text, at = sentence(document, match.start(), match.end())
            if _EARLIER.search(text[: max(0, text.find(match.group("grade")))]):
                continue
            grade = _GRADES[" ".join(match.group("grade").split()).casefold()]
            for area in _areas(match.group("what"), table, listing=pattern is _PATTERNS[2]):
                if area not in found:
                    found[area] = Stated(area, grade, at)
    return sorted(found.values(), key=lambda stated: stated.at.start)
