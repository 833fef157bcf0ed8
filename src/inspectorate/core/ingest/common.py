"""What reads the same in every programme's reports: the force, crime data integrity figures,
case-review "N of M" counts and totals.

The patterns follow the inspectorate's standing formulas (a rate given as "recording X percent
(with a confidence interval of +/- Y percent) of" a scope; counts as "N (out) of (the) M" cases or
incidents reviewed), in the variants its reports use, and are tested on texts written in those
shapes as well as on the seeds.
"""

from __future__ import annotations

import re
from collections import Counter

from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import CaseReviewCount, CaseReviewTotal, CdiFigure, CdiVolume, Location

_NUMBER = r"\d+(?:\.\d+)?"
_COUNT = r"\d{1,3}(?:,\d{3})*|\d+"
_PLUS_MINUS = "(?:\\+/-|\\+/\u2013|\u00b1|plus or minus)"  # +/-, +/ en dash, the sign, or in words
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
    """(force id, its name, where first named): the force the report names most often."""
    from inspectorate.core.forces.reference import all_forces

    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    names: dict[str, str] = {}
    for force in all_forces():
        for name in _names(force.name):
            if len(name) < 5:
                continue
            for match in re.finditer(rf"\b{re.escape(name)}\b", document.text):
                counts[force.id] += 1
                if force.id not in first or match.start() < first[force.id][0]:
                    first[force.id] = (match.start(), match.end())
                    names[force.id] = force.name
    if not counts:
        return None
    force_id, _ = counts.most_common(1)[0]
    start, end = first[force_id]
    return force_id, names[force_id], document.at(start, end)


def _names(name: str) -> set[str]:
    """A force's name as reports print it: "Metropolitan Police Service" is also "Metropolitan
    Police"; "Devon & Cornwall Police" is also "Devon and Cornwall Police"."""
    short = name.removesuffix(" Service")
    return {variant for base in (name, short) for variant in (base, base.replace(" & ", " and "))}


# ---- crime data integrity ------------------------------------------------------------------------

_SCOPE = (
    r"(all reported crime(?: \(excluding fraud\))?|violent offences|violent crime|violence against the person"
    r"|sexual offences|[a-z][a-z ,-]{2,60}?)"
)
_CURRENT = re.compile(
    rf"recording ({_NUMBER}) percent \(with a confidence interval of {_PLUS_MINUS} ?({_NUMBER}) percent\) "
    rf"of {_SCOPE}(?=[.;,]|\s+This|\s*$)",
    re.IGNORECASE,
)
_PREVIOUS = re.compile(
    rf"(?:our|the) (?:previous )?(\d{{4}}) (?:inspection|crime data integrity inspection), when we found "
    rf"(?:it|the force) recorded ({_NUMBER}) percent \(with a confidence interval of (?:{_PLUS_MINUS} ?)?"
    rf"({_NUMBER}) percent\) of {_SCOPE}(?=[.;,]|\s*$)",
    re.IGNORECASE,
)
_COMPARISON = re.compile(r"This is ([a-z ]+?) compared (?:with|to)", re.IGNORECASE)


def cdi_figures(document: Document) -> list[CdiFigure]:
    """Every recording-rate estimate, the report's own and those of a previous inspection it quotes."""
    found: list[CdiFigure] = []
    for match in _CURRENT.finditer(document.text):
        after = document.text[match.end() : match.end() + 200]
        comparison = _COMPARISON.search(after)
        found.append(
            CdiFigure(
                scope=match.group(3),
                percent=float(match.group(1)),
                ci_plus_minus=float(match.group(2)),
                year=None,
                comparison=comparison.group(1) if comparison and comparison.start() < 40 else None,
                at=document.at(match.start(), match.end()),
            )
        )
    for match in _PREVIOUS.finditer(document.text):
        found.append(
            CdiFigure(
                scope=match.group(4),
                percent=float(match.group(2)),
                ci_plus_minus=float(match.group(3)),
                year=match.group(1),
                comparison=None,
                at=document.at(match.start(), match.end()),
            )
        )
    return sorted(found, key=lambda figure: figure.at.start)


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
