"""What reads the same in every programme's reports: the force, crime data integrity figures,
case-review "N of M" counts and totals.

The patterns follow the inspectorate's standing formulas (recording rates in ``rates``; counts as
"N (out) of (the) M" cases or incidents reviewed), in the variants its reports use, and are tested
on texts written in those shapes as well as on the seeds.
"""

from __future__ import annotations

import re
from collections import Counter

from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import CaseReviewCount, CaseReviewTotal, CdiFigure, CdiVolume, Location

_COUNT = r"\d{1,3}(?:,\d{3})*|\d+"
_APOSTROPHE = "['\u2019]"

# ---- sentences ----------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[A-Z\u2018\u201c(])|\n")


# How far a sentence is looked for either side of a figure. Bounded both ways, so that a text with
# no sentence ends (one enormous line) costs each figure a fixed amount, not the rest of the text.
_REACH_BEFORE = 600
_REACH_AFTER = 600


def sentence_around(document: Document, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence holding ``start``-``end``: from after the last sentence end before
    it to the first one after it (a line end counts as one), at most a few hundred characters
    either side."""
    text = document.text
    left = max(0, start - _REACH_BEFORE)
    for match in _SENTENCE_END.finditer(text, left, start):
        left = match.end()
    limit = min(len(text), end + _REACH_AFTER)
    found = _SENTENCE_END.search(text, end, limit)
    right = found.start() if found else limit
    return left, right


def sentence(document: Document, start: int, end: int) -> tuple[str, Location]:
    left, right = sentence_around(document, start, end)
    return " ".join(document.text[left:right].split()), document.at(left, right)


def number(text: str) -> int:
    return int(text.replace(",", ""))


# ---- the force ----------------------------------------------------------------------------------


def find_force(document: Document) -> tuple[str, str, Location] | None:
    """(force id, its name, where first named): the force a page's title names ("Durham PEEL
    2014", "PEEL Assessment of Lancashire"), else the force the text names most often. In a text
    about every force, a force named just once, and not in the opening, is a passing mention (a
    national release naming "1 force (Durham Constabulary)"), not the text's force."""
    from inspectorate.core.forces.reference import all_forces

    titled = _titled_force(document)
    if titled is not None:
        return titled
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    names: dict[str, str] = {}
    for force in all_forces():
        for name in _names(force.name):
            if len(name) < 5:
                continue
            for match in re.finditer(rf"\b{re.escape(name)}\b", document.text):
                if name.endswith(" police") and _COMMISSIONER.match(document.text, match.end()):
                    continue  # "Cheshire police and crime commissioner" names the commissioner
                counts[force.id] += 1
                if force.id not in first or match.start() < first[force.id][0]:
                    first[force.id] = (match.start(), match.end())
                    names[force.id] = force.name
    if not counts:
        return None
    force_id, count = counts.most_common(1)[0]
    start, end = first[force_id]
    if count == 1 and start > _OPENING and _NATIONAL.search(document.text):
        return None
    return force_id, names[force_id], document.at(start, end)


_OPENING = 300
_NATIONAL = re.compile(
    r"\b(?:all|every) (?:43 )?(?:police )?forces?\b|\bacross England and Wales\b"
    r"|\bforces in England and Wales\b",
    re.IGNORECASE,
)
_TITLE_LINES = 3
_TITLED = re.compile(
    r"^(?P<place>[A-Z][A-Za-z&,' -]{2,40}?) (?:PEEL (?:Assessments? )?)?(?:19|20)\d\d(?:/(?:20)?\d\d)?$"
    r"|\bPEEL Assessment of (?P<of>[A-Z][A-Za-z&' -]{2,40}?)\b(?= I\b| has\b| is\b|[,.;]| in\b)"
)


def _titled_force(document: Document) -> tuple[str, str, Location] | None:
    """The force whose place a page's title line names."""
    from inspectorate.core.forces.reference import all_forces

    places = {place: force for force in all_forces() for place in _places(force.name, force.home_office_name)}
    lines = [number for number, line in enumerate(document.lines, start=1) if line.strip()][:_TITLE_LINES]
    for number in lines:
        for match in _TITLED.finditer(document.lines[number - 1]):
            place = match.group("place") or match.group("of")
            force = places.get(place)
            if force is not None:
                start = document.line_start(number) + match.start()
                return force.id, force.name, document.at(start, start + len(match.group(0)))
    return None


def _places(name: str, home_office_name: str) -> set[str]:
    place = re.sub(r" (?:Police(?: Service)?|Constabulary)$", "", name)
    return {place, place.replace(" & ", " and "), home_office_name, home_office_name.replace(" & ", " and ")}


_COMMISSIONER = re.compile(r" and crime commissioner", re.IGNORECASE)


def forces_named(text: str) -> set[str]:
    """The ids of the forces ``text`` (a sentence) names by name."""
    from inspectorate.core.forces.reference import all_forces

    return {
        force.id
        for force in all_forces()
        if any(len(name) >= 5 and re.search(rf"\b{re.escape(name)}\b", text) for name in _names(force.name))
    }


def _names(name: str) -> set[str]:
    """A force's name as reports print it: "Metropolitan Police Service" is also "Metropolitan
    Police"; "Devon & Cornwall Police" is also "Devon and Cornwall Police"; "Norfolk Constabulary"
    is also "Norfolk police"."""
    short = name.removesuffix(" Service")
    bases = {name, short}
    # News items write the place and "police" ("Norfolk police taking steps ..."), whatever the
    # force calls itself (Norfolk Constabulary).
    place = re.sub(r" (?:Police|Constabulary)$", "", short)
    if place != short:
        bases |= {f"{place} Police", f"{place} police", f"{place} Constabulary"}
    return {variant for base in bases for variant in (base, base.replace(" & ", " and "))}


# ---- crime data integrity ------------------------------------------------------------------------


def cdi_figures(document: Document) -> list[CdiFigure]:
    """Every recording-rate estimate, the report's own and those of an earlier inspection it quotes
    (read by ``rates``, which knows the many ways a rate is printed)."""
    from inspectorate.core.ingest.rates import recording_rates

    return sorted(recording_rates(document), key=lambda figure: figure.at.start)


_VOLUMES = (
    re.compile(rf"recorded an additional ({_COUNT}) crimes", re.IGNORECASE),
    re.compile(
        rf"didn{_APOSTROPHE}t record (?:more than |over |around |about )?({_COUNT}) crimes", re.IGNORECASE
    ),
    re.compile(rf"did not record (?:more than |over |around |about )?({_COUNT}) crimes", re.IGNORECASE),
    re.compile(
        rf"fails to record (?:more than |over |around |about )?({_COUNT}) (?:reported )?crimes", re.IGNORECASE
    ),
)


def cdi_volumes(document: Document) -> list[CdiVolume]:
    found = []
    for pattern in _VOLUMES:
        for match in pattern.finditer(document.text):
            text, at = sentence(document, match.start(), match.end())
            found.append(CdiVolume(measure=text, value=number(match.group(1)), at=at))
    return sorted(found, key=lambda volume: volume.at.start)


# ---- case reviews ---------------------------------------------------------------------------------

_N_OF_M = re.compile(rf"\b({_COUNT})\s+(?:out\s+)?of\s+(?:the\s+)?({_COUNT})\b(\)?)")
_ALL_N = re.compile(r"\bin all (\d+) cases\b", re.IGNORECASE)
# What a reviewed case is called in the words after "N of M".
_CASE_WORDS = re.compile(
    r"^\)?\s*(?:the\s+)?(?:[a-z-]+\s+){0,2}(?:cases?|incidents?|case files?|investigations?|files?)\b",
    re.IGNORECASE,
)
_REVIEW_WORDS = re.compile(r"\breview|\bexamined|\bwe (?:checked|looked at)|\bcase files?\b", re.IGNORECASE)


def case_review_counts(document: Document) -> list[CaseReviewCount]:
    """ "N of M" counts of reviewed cases. Counts of other things (3 of the 12 command units) are
    left out: the words after M must name cases, incidents or files, and the text up to them a review."""
    found: list[CaseReviewCount] = []
    for match in _N_OF_M.finditer(document.text):
        n, m = number(match.group(1)), number(match.group(2))
        if n > m:
            continue
        after = document.text[match.end() : match.end() + 60]
        if not _CASE_WORDS.match(after) and not _CASE_WORDS.match(
            document.text[match.end(2) : match.end(2) + 60]
        ):
            continue
        text, at = sentence(document, match.start(), match.end())
        # The review may be named a sentence or two before the count (a sentence about the cases
        # reviewed, then "In 12 of the 30 cases with a repeat victim, ...").
        context = document.text[max(0, at.start - 400) : at.end]
        if not _REVIEW_WORDS.search(context):
            continue
        found.append(CaseReviewCount(measure=text, n=n, m=m, at=at))
    for match in _ALL_N.finditer(document.text):
        text, at = sentence(document, match.start(), match.end())
        count = number(match.group(1))
        found.append(CaseReviewCount(measure=text, n=count, m=count, at=at))
    return sorted(found, key=lambda count: count.at.start)


_TOTALS = (
    re.compile(rf"\breview(?:ed)?(?: of)? ({_COUNT}) (?:investigation )?case files", re.IGNORECASE),
    re.compile(rf"\bas well as ({_COUNT}) (cautions, community resolutions[^.]*)", re.IGNORECASE),
)


def case_review_totals(document: Document) -> list[CaseReviewTotal]:
    found = []
    for pattern in _TOTALS:
        for match in pattern.finditer(document.text):
            text, at = sentence(document, match.start(), match.end())
            found.append(CaseReviewTotal(measure=text, count=number(match.group(1)), at=at))
    return sorted(found, key=lambda total: total.at.start)


# ---- the framework -------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split()).casefold()


def match_area(framework_id: str, title: str) -> str | None:
    """The id of the framework area a report's heading names, by its title or its question;
    None when no area matches (the heading is reported, unmapped)."""
    from inspectorate.core.frameworks.library import get_framework

    wanted = _plain(title)
    for place in get_framework(framework_id).walk():
        area = place.area
        if wanted in (_plain(area.title), _plain(area.question or "")):
            return area.id
    return None
