"""Grades stated in sentences, in the wording families of the PEEL pages and press releases.

- The overview's lines: "The extent to which the force is efficient at keeping people safe and
  reducing crime is good." (2015 to 2017; "is: good", ": not yet graded" in 2016's interim pages;
  2018/19's "the extent to which the force operates efficiently and sustainably is outstanding").
- The 2014 overview: "the force is good at reducing crime and preventing offending, good at
  investigating offending and ..."; "the efficiency with which the force carries out its
  responsibilities is good".
- Judgments on a pillar's or question's subject: "<force> has been assessed as good in respect of
  the efficiency with which ...", "<force> is judged to require improvement in the efficiency ...",
  "<force> is good at investigating crime and reducing re-offending", "its use of resources to
  manage demand is assessed to be good", "HMIC judges <force> to be good" (the page's pillar),
  "<force> has been assessed as good in respect of how effective it is at ...", "HMIC judges <force>
  as good at keeping people safe ...", and a second verb sharing the force as subject ("The force has
  an effective approach to ... and is good at tackling serious and organised crime"), or a second
  clause with its own ("..., and it is good at tackling serious and organised crime"). A verb of
  judging may stand between subject and grade ("is considered to be good at", "was found to be good
  at", "is regarded as good at").
- Press releases' bullets: "is 'good' (in curly quotes) at operating efficiently and providing
  sustainable services".
- A subject the force owns or does: "its investigation of crime also requires improvement", "the
  force's understanding of demand is judged to be good", "the way that it investigates crime
  requires improvement".

The HMI's observations on an overview page are read like the rest when a sentence judges an area
("The force is good at preventing crime and tackling anti-social behaviour."), but not when it
compares with an earlier inspection ("remains", "still", "since the last inspection").

Never read as this report's grade: a sentence about an earlier year ("last year", "In 2017, we
judged ...", "was judged", "carried over"; and one the next sentence says was not inspected this
year, whose areas are read as not graded), and an inspector's words quoted in a press release. A
subject the year's table does not know gives no grade, whatever the sentence says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.programmes.peel_pages.years import Area, Year

_GRADE = r"outstanding|good|inadequate|requires? improvement"
# The force by name may carry its initials: "The Metropolitan Police Service (MPS) is good at ...".
_SUBJECT = (
    r"(?:\b(?i:the force|the constabulary|it)"
    r"|\b[A-Z][A-Za-z&' -]{1,40}? (?:Police|Constabulary)(?: Service)?(?: \([A-Z]{2,6}\))?)"
)
_TOPIC_START = r"\s+(?:at|in|for)\s+"
# The verbs that put a grade on the subject at one remove: "is judged to be good", "is considered to be
# good", "was found to be good", "is regarded as good".
HEDGE = r"(?:judged|assessed|considered|regarded|found|deemed)"
_HEDGED = rf"{HEDGE}\s+(?:to\s+be\s+|as\s+(?:being\s+)?|to\s+)?"

# "The extent to which <subject> is efficient at keeping people safe and reducing crime is: good." (one
# page drops the "is": "... and reducing crime good.")
_EXTENT = re.compile(
    r"the extent to which (?:the force|the constabulary|[A-Z][A-Za-z&' -]{1,40}?) "
    r"(?P<what>is effective|is efficient|is legitimate|operates efficiently"
    r"|treats the public and its workforce legitimately)"
    r"[a-z ,]*?(?::|\s+is:?|(?=\s+requires)|(?=\s+(?:outstanding|good|inadequate)(?:\.|$)))"
    r"\s+(?P<grade>" + _GRADE + r"|not yet graded|not graded)\b",
    re.IGNORECASE,
)
_EXTENT_PILLAR = {
    "is effective": "effectiveness",
    "is efficient": "efficiency",
    "is legitimate": "legitimacy",
    "operates efficiently": "efficiency",
    "treats the public and its workforce legitimately": "legitimacy",
}
# "<subject> is [judged to be] good at <topic>", "<subject> requires improvement in <topic>"
# ("HMIC judges <subject> to be good at", "HMIC judges <subject> as good at", "<subject> is good overall at",
# "<subject> is considered to be good at", "<subject> was found to be good at": a bare "was good at" may be
# any year's, so the past takes a verb of judging)
_SUBJECT_GRADE = re.compile(
    rf"{_SUBJECT}\s+(?:(?:is\s+|are\s+)?(?:now\s+|also\s+)?(?:{_HEDGED}|to\s+be\s+|as\s+)?"
    rf"|(?:was|has\s+been)\s+(?:also\s+)?{_HEDGED})"
    rf"(?:{_GRADE})(?:\s+overall)?(?=\s+(?:at|in|for)\s)"
)
# A sentence whose subject is the force and whose second verb gives a grade: "The force has an
# effective approach to reducing crime and is good at tackling serious and organised crime."
_SHARED_SUBJECT = re.compile(
    rf"^\s*(?:[A-Z][a-z]+,\s+)?{_SUBJECT}\s[^:]*?\band\s+"
    rf"(?:(?:is|are)\s+(?:also\s+)?(?:{_HEDGED})?(?=(?:outstanding|good|inadequate)\s+(?:at|in|for)\s)"
    r"|(?:also\s+)?(?=requires improvement\s+(?:at|in|for)\s))"
)
# a further clause of the same sentence: ", good at investigating offending"
_BARE_GRADE = re.compile(rf"(?<![a-z])(?P<g>{_GRADE})(?:\s+overall)?(?=\s+(?:at|in|for)\s)")
# A subject owned by the force: "its use of resources to manage demand is assessed to be good",
# "The force's understanding of demand is judged to require improvement", "Its investigation of
# crime also requires improvement", "<force>'s approach to tackling crime ... is good".
_OWNED = re.compile(
    r"(?:\b(?i:its|the force[\u2019']s|the constabulary[\u2019']s)"
    r"|\b[A-Z][A-Za-z&' -]{1,40}? (?:Police|Constabulary)(?: Service)?[\u2019']s) "
    r"(?P<topic>[a-z][a-z -]{3,80}?)\s+"
    rf"(?:(?:is|are)\s+(?:also\s+|now\s+)?(?:{_HEDGED})?(?P<g1>{_GRADE})"
    r"|(?:also\s+)?(?P<g2>requires improvement))(?=[\s.,;:]|$)"
)
# "the way that it investigates crime requires improvement", "The way the force protects
# vulnerable people from harm and supports victims is good"
_THE_WAY = re.compile(
    r"\b(?i:the way) (?:that )?(?:it|the force|the constabulary) (?P<topic>[a-z][a-z -]{3,80}?)\s+"
    rf"(?:is\s+(?P<g1>{_GRADE})|(?P<g2>requires improvement))(?=[\s.,;:]|$)"
)
# A subject read that far has run into a clause of its own ("approach to investigating crime has
# improved overall", "the way it investigates crime and it requires improvement in ..."): what follows
# is not its grade.
_NOT_A_SUBJECT = re.compile(
    r"\b(?:has|have|had|was|were|but|which|that|who|while|although)\b"
    r"|\band (?:it|the force|the constabulary)\b"
)
# "... assessed as good in respect of the efficiency with which ...", "... in respect of how effective
# it is at keeping people safe and reducing crime"
_RESPECT = re.compile(
    rf"(?:has been |is )?assessed as (?P<g>{_GRADE}) in respect of "
    r"(?:(?:(?:the|its) )?(?P<pillar>efficiency|legitimacy|effectiveness)\b"
    r"|how (?P<adjective>effective|efficient|legitimate) it is\b)"
)
_ADJECTIVE_PILLAR = {"effective": "effectiveness", "efficient": "efficiency", "legitimate": "legitimacy"}
_JUDGES = re.compile(rf"\bHMIC(?:FRS)? judges {_SUBJECT} to be (?P<g>{_GRADE})\.")
_QUOTED_GRADE = re.compile(rf"[\u2018'](?P<g>{_GRADE})[\u2019']{_TOPIC_START}", re.IGNORECASE)
# 2014: "the efficiency with which the force carries out its responsibilities is good"
_EFFICIENCY_2014 = re.compile(
    rf"the efficiency with which the force carries out its responsibilities (?:is )?(?P<g>{_GRADE})\b"
)

_EARLIER = re.compile(
    r"\blast year|\bprevious(?:ly)?\b|\bcarried (?:over|forward)|\bwas (?:judged|assessed|graded)"
    r"|\bwe (?:also )?judged\b|\bHMIC(?:FRS)? judged\b"
    r"|\bIn (?:19|20)\d\d\b|\bsince (?:our|HMIC)",
    re.IGNORECASE,
)
# The HMI's observations compare with earlier inspections more loosely: "the force remains good at
# ...", "it is still good at ...", "since the last inspection ..." describe a grade already given.
_EARLIER_OBSERVED = re.compile(
    r"\bremains?\b|\bstill\b|\b(?:last|previous|earlier) inspection\b|\bsince (?:the|its|we)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;!?](?=\s|$)|\n")
# The sentence after a grade says the grade is not this year's: "These questions were not subject to
# detailed inspection in 2018/19, and our judgment from the 2016 effectiveness inspection has been
# carried over."
_CARRIED_OVER = re.compile(
    r"^\s*(?:This|These) questions? (?:was|were) not (?:subject to detailed )?inspect|\bcarried over\b"
    r"|\bstill stands?\b",
    re.IGNORECASE,
)
_AND = re.compile(r"\band (?:at |in )?")
_OBSERVATIONS = re.compile(r"^HMI[\u2019']s observations$")


@dataclass(frozen=True)
class Stated:
    area: Area
    grade: str | None  # a label of the scale; None: the text says the area is not graded
    start: int
    end: int
    family: str


def label(words: str) -> str:
    """The scale's label for a grade as a sentence words it."""
    folded = " ".join(words.split()).casefold()
    if folded.startswith("require"):
        return "Requires improvement"
    return folded.capitalize()


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for end in _CLAUSE_END.finditer(text):
        yield start, end.start()
        start = end.end()
    yield start, len(text)


def _spans(document: Document, year: Year) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The HMI's observations (to the next pillar's heading), and quoted speech in press releases."""
    observations: list[tuple[int, int]] = []
    quoted: list[tuple[int, int]] = []
    lines = document.lines
    pillar_titles = {area.title for area in year.areas if area.level == "pillar"}
    index = 0
    while index < len(lines):
        if _OBSERVATIONS.match(lines[index]):
            end = next((j for j in range(index + 1, len(lines)) if lines[j] in pillar_titles), len(lines))
            observations.append(
                (
                    document.line_start(index + 1),
                    document.line_start(end + 1) if end < len(lines) else len(document.text),
                )
            )
            index = end
        elif lines[index].startswith(("“", '"')):
            start = document.line_start(index + 1)
            quoted.append((start, start + len(lines[index])))
        index += 1
    return observations, quoted


def stated(document: Document, year: Year, page_pillar: str | None) -> list[Stated]:
    """Every grade the text states in a sentence, in text order; ``page_pillar`` is the pillar
    whose page this is, for "HMIC judges <force> to be good" (None on an overview page)."""
    text = document.text
    observations, quoted = _spans(document, year)
    found: list[Stated] = []

    def add(area_id: str, grade: str | None, start: int, end: int, family: str) -> None:
        area = next((a for a in year.areas if a.id == area_id), None)
        if area is not None:
            found.append(Stated(area, grade, start, end, family))

    clauses = [(start, end) for start, end in _clauses(text) if text[start:end].strip()]
    for index, (start, end) in enumerate(clauses):
        clause = text[start:end]
        observed = any(s <= start < e for s, e in observations)
        if (
            any(s <= start < e for s, e in quoted)
            or _EARLIER.search(clause)
            or (observed and _EARLIER_OBSERVED.search(clause))
        ):
            continue
        following = text[slice(*clauses[index + 1])] if index + 1 < len(clauses) else ""
        carried = _CARRIED_OVER.search(following) is not None
        before = len(found)
        for match in _EXTENT.finditer(clause):
            grade = match.group("grade").casefold()
            add(
                _EXTENT_PILLAR[match.group("what").casefold()],
                None if "graded" in grade else label(grade),
                start + match.start(),
                start + match.end(),
                "overview",
            )
        for match in _EFFICIENCY_2014.finditer(clause):
            add("efficiency", label(match.group("g")), start + match.start(), start + match.end(), "overview")
        for match in _RESPECT.finditer(clause):
            add(
                match.group("pillar") or _ADJECTIVE_PILLAR[match.group("adjective")],
                label(match.group("g")),
                start + match.start(),
                start + match.end(),
                "sentence",
            )
        if page_pillar:
            for match in _JUDGES.finditer(clause):
                add(
                    page_pillar,
                    label(match.group("g")),
                    start + match.start(),
                    start + match.end(),
                    "sentence",
                )
        for pattern in (_OWNED, _THE_WAY):
            for match in pattern.finditer(clause):
                topic = match.group("topic")
                area = None if _NOT_A_SUBJECT.search(topic) else year.topic_area(topic)
                if area is not None:
                    grade = match.group("g1") or match.group("g2")
                    add(area.id, label(grade), start + match.start(), start + match.end(), "sentence")
        subject = _SUBJECT_GRADE.search(clause)
        shared = _SHARED_SUBJECT.search(clause) if subject is None else None
        first = subject.start() if subject is not None else shared.end() if shared is not None else None
        if first is not None:
            for match in _BARE_GRADE.finditer(clause, first):
                topic_at = re.match(_TOPIC_START, clause[match.end() :])
                assert topic_at is not None
                area = year.topic_area(clause[match.end() + topic_at.end() :])
                if area is not None:
                    add(
                        area.id,
                        label(match.group("g")),
                        start + match.start(),
                        start + match.end(),
                        "sentence",
                    )
        for match in _QUOTED_GRADE.finditer(clause):
            area = year.topic_area(clause[match.end() :])
            if area is not None:
                add(
                    area.id,
                    label(match.group("g")),
                    start + match.start(),
                    start + match.end(),
                    "press release",
                )
        if carried and len(found) > before:
            # The grades are an earlier year's, kept: these areas (and any other the same sentence
            # names, "good at investigating crime and tackling serious and organised crime") were
            # not graded this time.
            found[before:] = [
                Stated(item.area, None, item.start, item.end, item.family) for item in found[before:]
            ]
            named = {item.area.id for item in found[before:]}
            for joined in _AND.finditer(clause):
                area = year.topic_area(clause[joined.end() :])
                if area is not None and area.id not in named:
                    named.add(area.id)
                    found.append(Stated(area, None, start + joined.start(), start + len(clause), "sentence"))
    return found
