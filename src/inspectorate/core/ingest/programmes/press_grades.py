"""Grades as the five-tier PEEL rounds' press releases and commissioners' pages state them.

A press release counts the grades ("'good' in six areas, 'adequate' in one area") and names only
some of them: "'requires improvement' in one area - investigating crime", "HMICFRS said the force
was outstanding at disrupting serious organised crime", "the inadequate areas included recording
data about crime, responding to the public and managing offenders", "the areas requiring
improvement are investigating crime; protecting vulnerable people; ...", "The areas graded as
'inadequate' included how the force investigates crime and how it responds to the public". Its
sentences judge the force with a label and the areas that follow it: "the force was found to be
inadequate at responding to the public and protecting vulnerable people", "rated inadequate in two
areas: ...", "is good at police powers and public treatment and at preventing crime", "has been
graded good in ... and adequate in ...". A commissioner's page or a local news item may list them
("Responding to the public: Adequate") or say "<area> was categorised as 'Requires Improvement'".
Only an area the words name is read; counts are not grades, and neither is a hedged label
("generally good") or a label of something else ("good examples of ...", "adequate processes").

Each round gives its own table of the words that name its areas: (phrases, area id), a phrase
matching where the area's words start.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from inspectorate.core.ingest.common import sentence, sentence_around
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import Location

AreaWords = Sequence[tuple[tuple[str, ...], str]]

_GRADES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "adequate": "Adequate",
    "requires improvement": "Requires improvement",
    "requiring improvement": "Requires improvement",
    "require improvement": "Requires improvement",
    "inadequate": "Inadequate",
}
_GRADE = r"(?P<grade>outstanding|good|adequate|requires\s+improvement|inadequate)"
_OPEN = "[\u2018'\"\u201c]?"
_CLOSE = "[\u2019'\"\u201d]?"
_COUNT = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_LIST = r"(?P<what>[^.;\n]+)"
_PATTERNS = (
    # "'requires improvement' in one area - investigating crime"
    re.compile(rf"{_OPEN}{_GRADE}{_CLOSE} in one area\s*[\u2013\u2014-]\s*{_LIST}", re.IGNORECASE),
    # "HMICFRS said the force was outstanding at disrupting serious organised crime" (the
    # inspectorate speaking of the force: a report's own "We found that the force is good at ..." is
    # a finding, not a judgment)
    re.compile(
        rf"\b(?:HMICFRS|HMIC|[Ii]nspectors|[Tt]he\s+inspectorate)\s+(?:said|found)\s+(?:that\s+)?the\s+"
        rf"(?:force|constabulary|service)\s+(?:was|is)\s+{_OPEN}{_GRADE}{_CLOSE}"
        r"\s+(?:at|in)\s+(?P<what>[^.;\n]+)",
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
# Sentences that list the areas of one grade: "the inadequate areas included A, B and C", "the areas
# graded as 'inadequate' included A and B", "the areas requiring improvement are A; B; C, and D".
_AREAS_OF_A_GRADE = (
    re.compile(
        rf"\bthe\s+{_OPEN}{_GRADE}{_CLOSE}\s+areas?\s+(?:included|includes?|were|was|are|is)\s+"
        r"(?P<what>[^.\n]+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bthe\s+areas?\s+(?:graded|rated|judged|assessed)\s+(?:as\s+)?"
        rf"{_OPEN}{_GRADE}{_CLOSE}\s+(?:included|includes?|were|was|are|is)\s+(?P<what>[^.\n]+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bthe\s+areas?\s+(?P<grade>requiring\s+improvement)\s+(?:included|includes?|were|was|are|is)\s+"
        r"(?P<what>[^.\n]+)",
        re.IGNORECASE,
    ),
)
# A label judging the force, and the areas after it: "is good at A and at B", "was found to be
# inadequate at A", "rated inadequate in two areas: A and B", "requires improvement in how it ...".
_LABEL_AT = re.compile(
    rf"{_OPEN}(?P<grade>outstanding|good|adequate|inadequate|requires\s+improvement|requiring\s+improvement"
    rf"|require\s+improvement){_CLOSE}\s+(?:at|in|for|when)\s+",
    re.IGNORECASE,
)
# What comes straight before a label that judges: a verb of being or of grading ("is", "was found to
# be", "has been graded", "rated"); "requires improvement" is its own verb. Another label's areas may
# follow in the same sentence after "and", "but" or a comma ("good in A and adequate in B").
_JUDGING_LEAD = re.compile(
    r"\b(?:is|was|were|are|be|been|being|rated|graded|judged|assessed|categorised|considered|found)"
    r"(?:\s+(?:also|still|now|only|as))?\s*$",
    re.IGNORECASE,
)
# A report's own findings are not its judgments: "We found that the force is good at ..." and the
# unpunctuated headings it prints over a paragraph ("The force is good at preventing crime in its
# neighbourhoods").
_FINDING = re.compile(r"\b[Ww]e\s+(?:also\s+)?(?:found|saw|noted|observed)\b")
_SENTENCE_CLOSE = re.compile(r"[.!?:;\"\u201d\u2019)]\s*$")
_FOLLOWING_LEAD = re.compile(r"(?:,|\band|\bbut|\bwhile)\s*$", re.IGNORECASE)
_COUNTED = re.compile(rf"^\s*(?:{_COUNT}|all|both)\s+(?:other\s+)?(?:areas?|of)\b", re.IGNORECASE)
_COUNTED_THEN_NAMED = re.compile(rf"^\s*{_COUNT}\s+areas?\s*[:\u2013\u2014-]\s*", re.IGNORECASE)
_EARLIER = re.compile(r"\b(?:previous(?:ly)?|last|earlier)\b|\bin\s+(?:our\s+)?20\d\d\b", re.IGNORECASE)
# Items of a list of areas: commas, semicolons, "and"; the connectors that repeat a label's
# preposition ("and at B") or open a clause ("both A and B") are dropped from an item.
_LIST_SPLIT = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+")
_ITEM_LEAD = re.compile(r"^(?:both|also|at|in|for|on|when)\s+", re.IGNORECASE)


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


def areas_listed(what: str, table: AreaWords) -> list[str]:
    """The areas a list names ("A, B and C", "A; B; C, and D", "both A and B", "A and at B"). An
    area's own name may hold commas and "and" ("building, supporting and protecting the
    workforce"): an item that names no area is joined to the items after it until the words name one."""
    # Each item's span in ``what``; a run of items is read from the words as printed between them.
    spans: list[tuple[int, int]] = []
    start = 0
    for separator in _LIST_SPLIT.finditer(what):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(what)))
    spans = [(a, b) for a, b in spans if what[a:b].strip()]
    found: list[str] = []
    first = 0
    while first < len(spans):
        for last in range(first, len(spans)):
            words = _ITEM_LEAD.sub("", what[spans[first][0] : spans[last][1]].strip())
            area = area_of(words, table)
            if area is not None:
                found.append(area)
                first = last + 1
                break
        else:
            first += 1
    return found


def stated_grades(document: Document, table: AreaWords) -> list[Stated]:
    """Every (area, grade) the text names, once per area, first statement kept."""
    found: dict[str, Stated] = {}

    def keep(grade_words: str, grade_start: int, match: re.Match[str], areas: list[str]) -> None:
        _, at = sentence(document, match.start(), match.end())
        left, _ = sentence_around(document, match.start(), match.end())
        if _EARLIER.search(document.text[left:grade_start]):
            return
        grade = _GRADES[" ".join(grade_words.split()).casefold()]
        for area in areas:
            if area not in found:
                found[area] = Stated(area, grade, at)

    for pattern in _PATTERNS:
        for match in pattern.finditer(document.text):
            area = area_of(match.group("what"), table)
            keep(match.group("grade"), match.start("grade"), match, [area] if area else [])
    for pattern in _AREAS_OF_A_GRADE:
        for match in pattern.finditer(document.text):
            keep(match.group("grade"), match.start("grade"), match, areas_listed(match.group("what"), table))
    for match, what in _labels_judging(document):
        keep(match.group("grade"), match.start("grade"), match, areas_listed(what, table))
    return sorted(found.values(), key=lambda stated: stated.at.start)


def _labels_judging(document: Document) -> list[tuple[re.Match[str], str]]:
    """Each label that judges the force, with the words naming its areas: up to the next label in
    the sentence, or the sentence's end."""
    text = document.text
    labels = list(_LABEL_AT.finditer(text))
    result: list[tuple[re.Match[str], str]] = []
    judged_in: tuple[int, int] | None = None  # the sentence of the last label that judged
    for index, match in enumerate(labels):
        left, right = sentence_around(document, match.start(), match.end())
        before = text[left : match.start()]
        grade = match.group("grade").casefold()
        follows = judged_in == (left, right) and bool(_FOLLOWING_LEAD.search(before))
        if not (grade.startswith("requir") or _JUDGING_LEAD.search(before) or follows):
            continue
        if _FINDING.search(before) or _heading_line(text, match.start()):
            continue
        judged_in = (left, right)
        stop = right
        if index + 1 < len(labels) and labels[index + 1].start() < right:
            stop = labels[index + 1].start()
        what = text[match.end() : stop]
        named = _COUNTED_THEN_NAMED.match(what)
        if named:
            what = what[named.end() :]
        elif _COUNTED.match(what):
            continue
        what = re.split(r"[.\n]", what, maxsplit=1)[0]
        # The words that end the list: a clause after a dash or "with", "but", "as", "while".
        what = re.split(r"\s[\u2013\u2014-]\s|\s+(?:with|but|as|while|because|which|so)\s", what, maxsplit=1)[
            0
        ]
        result.append((match, what))
    return result


def _heading_line(text: str, position: int) -> bool:
    """True when ``position`` lies on a short line without closing punctuation: a heading."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start : end if end >= 0 else len(text)].strip()
    return len(line) <= 200 and not _SENTENCE_CLOSE.search(line)
