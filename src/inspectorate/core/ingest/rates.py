"""Crime-recording rates as reports, press releases and commissioners' pages state them.

A rate is a percentage that the words around it tie to recording: after a recording verb ("we
estimate that the force records 91.3 percent", "is recording 95.1% of"), after a named rate ("a
recording rate of 83.6 percent", "the recording rate for violent crime is ... only 79.2 percent",
"our compliance rate stands at 84.1%", "one of the best sex offence recording rates (97.3%)"), with
the rate named after it ("its 91% rate for recording reported crime"), or before the crimes it
recorded ("88.7 percent of crimes ... were recorded"). Its interval follows it in any of the printed
forms ("(with a confidence interval of +/- 1.5 percent)", "±1.4%", "(+/- 2.0 percent)").

Left out on purpose: shares of crime that go unrecorded, changes ("a drop of 11.3 per cent", "a 20
per cent reduction in recorded crime", "recorded crime rose by 12%", "crime fell 16 per cent"),
bounds ("over 95 percent") and other percentages (calls answered, victims satisfied). A rate quoted
from an earlier inspection ("our 2014 inspection, when we found it recorded 90.1 percent", "(was
80.4%)") carries that inspection's year, or ``previous`` when none is printed with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import CdiFigure

_NUMBER = r"\d{1,3}(?:\.\d+)?"
_PERCENT_WORD = r"(?:\s?%|\s*percent\b|\s*per\s+cent\b)"
_APOSTROPHE_S = "(?:['\u2019]s)?"
_PLUS_MINUS = r"(?:\+/-|\+/\u2013|\+/\u2212|\u00b1|plus or minus)"
_PERCENT = re.compile(rf"(?<![\d.,])(?P<value>{_NUMBER}){_PERCENT_WORD}", re.IGNORECASE)

# The interval, straight after the percentage.
_INTERVAL = re.compile(
    rf"\s*(?:\((?:with\s+)?(?:a\s+)?confidence\s+interval\s+of\s+(?:{_PLUS_MINUS}\s*)?(?P<a>{_NUMBER})"
    rf"{_PERCENT_WORD}?(?:\s*points)?\s*\)|\(?\s*{_PLUS_MINUS}\s*(?P<b>{_NUMBER}){_PERCENT_WORD}?(?:\s*points)?\s*\)?)",
    re.IGNORECASE,
)
_QUALIFIER = r"(?:(?:only|just|around|about|approximately|roughly|an estimated|some)\s+)?"
# Words straight before the number that tie it to recording.
_AFTER_VERB = re.compile(rf"\b(?:records|recorded|recording|records? around)\s+{_QUALIFIER}$", re.IGNORECASE)
_AFTER_RATE = re.compile(
    rf"\b(?P<rate>(?:(?:crime[- ])?recording|compliance|accuracy)\s+rates?)\b"
    r"(?:\s+for\s+(?P<scope>[a-z][a-z ,-]{1,60}?)(?=\s+(?:is|was|at|of|stands|has|now)\b))?"
    rf"(?:[^.%\d]{{0,70}}?\b(?:of|at|is|was|now|stands at|to)\s+{_QUALIFIER}|\s*\(\s*)$",
    re.IGNORECASE,
)
# The rate named after the figure: "its 91% rate for recording reported crime", "a 93 per cent
# crime recording rate".
_SCOPE_END = r"(?=[.;,]|\s+(?:is|was|and|but)\b|$)"
_RATE_AFTER = re.compile(
    rf"^\s*(?:(?:crime[- ])?recording\s+rate\b(?:\s+for\s+(?P<scope1>[a-z][a-z ,-]{{1,60}}?){_SCOPE_END})?"
    rf"|rate\s+(?:for|of)\s+(?:crime[- ])?recording\b(?:\s+(?P<scope2>[a-z][a-z ,-]{{1,60}}?){_SCOPE_END})?)",
    re.IGNORECASE,
)
_AFTER_AVERAGE = re.compile(
    rf"\b(?P<rate>(?:national|force|england and wales)\s+(?:average|rate|figure))\b[^.%\d]{{0,30}}?"
    rf"\b(?:of|at|was|is)\s+{_QUALIFIER}$",
    re.IGNORECASE,
)
# Numbers that are bounds, changes or shares of something else.
_NOT_A_RATE_BEFORE = re.compile(
    r"\b(?:over|more than|at least|almost|nearly|less than|under|fewer than|up|down|by|drop of|fall of|"
    r"rise of|increase of|decrease of|reduction of|improvement of|"
    # "crime fell 16 per cent", "recorded crime rose 12%": a change in the volume of crime.
    r"fell|rose|grew|dropped|climbed|jumped|increased|decreased|went up|went down)"
    r"\s+(?:around\s+|about\s+)?$",
    re.IGNORECASE,
)
# "13 per cent more than ...": a difference between two rates; "a 20 per cent reduction in recorded
# crime": a change in the volume of crime.
_CHANGE_AFTER = re.compile(
    r"\s*(?:more|less|fewer|higher|lower|reduction|rise|increase|fall|drop|decrease|cut|jump|uplift)\b",
    re.IGNORECASE,
)
_UNRECORDED = re.compile(
    r"\bunrecorded\b|\bnot\s+(?:being\s+)?(?:recorded|logged)\b|\bunder-record"
    r"|\bfail(?:s|ed|ing)?\s+to\s+(?:be\s+)?record",
    re.IGNORECASE,
)
# What follows a share of crimes that were recorded: "were recorded", "it was recording", and the
# news items' "making it onto the books".
_RECORDED_AFTER = re.compile(
    r"\b(?:recorded|records?)\b|\b(?:was|were|is|are)\s+recording\b|\bonto\s+the\s+books\b", re.IGNORECASE
)
_OWN_FIGURE = re.compile(rf"\s+{_QUALIFIER}{_NUMBER}{_PERCENT_WORD}", re.IGNORECASE)
_SCOPE = re.compile(
    r"^\s*of\s+(?P<scope>(?:the\s+)?[a-z][a-z ,'\u2019-]{1,80}?(?:\s*\([^)]{1,40}\))?)"
    r"(?=\s*(?:[.;,:]|\s+(?:This|and|but|which|that|were|was|are|is|being|meaning|in)\b|$))",
    re.IGNORECASE,
)
_COMPARISON = re.compile(r"^\W*This is ([a-z ]+?) compared (?:with|to)", re.IGNORECASE)
# A figure from an earlier inspection: "(our|the) [previous] 2014 inspection, when we found ..."
_EARLIER = re.compile(
    r"\bwhen (?:we|it|HMIC|HMICFRS|inspectors) (?:found|estimated|reported)\b|\bprevious(?:ly)?\b"
    r"|\blast (?:year|inspection)\b"
    r"|\b(?:in|at|during) (?:our|the|its) (?:previous |last |earlier |first )?(?:19|20)\d\d\b"
    # "HMIC's 2016 crime data integrity inspection found that the force only recorded ...": another
    # inspection's finding, told on a later page.
    rf"|\b(?:HMIC|HMICFRS|HMI|the inspectorate|our){_APOSTROPHE_S}\s+(?:19|20)\d\d\s+[^.;]{{0,60}}?\b"
    r"(?:inspection|report|audit)\s+(?:found|estimated|reported|showed)\b",
    re.IGNORECASE,
)
# The same, told after the figure: "the 83 per cent of crimes it was recording during its 2017
# inspection".
_EARLIER_AFTER = re.compile(
    r"^(?:(?!\d)[^.;]){0,80}?\b(?:during|in|at)\s+(?:its|our|the|their)\s+(?:previous\s+|last\s+|earlier\s+|first\s+)?"
    r"(?P<year>(?:19|20)\d\d)\s+(?:crime data integrity\s+)?inspection\b",
    re.IGNORECASE,
)
_EARLIER_YEAR = re.compile(
    r"\b(?:our|the|its|HMIC(?:FRS)?[\u2019']s)\s+(?:previous\s+|last\s+|earlier\s+|first\s+)?(?P<year>(?:19|20)\d\d)\b"
)
_WAS = re.compile(r"\(\s*was\s+$", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[;:]\s|\u2013\s|\u2014\s|(?<=[a-z)])\.\s+(?=[A-Z])|\n")


@dataclass(frozen=True)
class _Cue:
    start: int  # where the words that make it a rate begin
    scope: str | None


def recording_rates(document: Document) -> list[CdiFigure]:
    """Every crime-recording rate the text states, its own and any earlier inspection's."""
    text = document.text
    found: list[CdiFigure] = []
    for match in _PERCENT.finditer(text):
        sentence_start = _sentence_start(text, match.start())
        before = text[sentence_start : match.start()]
        if _NOT_A_RATE_BEFORE.search(before[-30:]):
            continue
        if _CHANGE_AFTER.match(text, match.end()):
            continue
        interval = _INTERVAL.match(text, match.end(), min(len(text), match.end() + 120))
        end = interval.end() if interval else match.end()
        after = _clause_after(text, end)
        cue = _cue(before, after, sentence_start)
        if cue is None:
            continue
        scope_match = _SCOPE.match(after)
        scope = " ".join(scope_match.group("scope").split()) if scope_match else cue.scope
        if scope_match:
            end += scope_match.end()
        ci = interval.group("a") or interval.group("b") if interval else None
        if ci is None:
            ci = _later_interval(after)
        comparison = _COMPARISON.match(text[end : end + 200])
        found.append(
            CdiFigure(
                scope=scope or "reported crime",
                percent=float(match.group("value")),
                ci_plus_minus=float(ci) if ci else None,
                year=_earlier_year(before, text, sentence_start) or _earlier_after(after),
                comparison=comparison.group(1) if comparison else None,
                at=document.at(cue.start, end),
            )
        )
    return found


_LATER_INTERVAL = re.compile(
    rf"\(?\s*(?:with\s+a\s+confidence\s+interval\s+of\s+)?{_PLUS_MINUS}\s*(?P<ci>{_NUMBER})", re.I
)


def _later_interval(after: str) -> str | None:
    """An interval printed at the end of the clause ("88.7 percent of crimes ... were recorded
    (\u00b11.4%)"), when no other percentage comes between."""
    found = _LATER_INTERVAL.search(after)
    if found is None or _PERCENT.search(after, 0, found.start()):
        return None
    return found.group("ci")


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts (a line break ends a sentence too)."""
    left = max(0, position - 400)
    start = left
    for boundary in re.finditer(
        r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[A-Z\u2018\u201c(])|\n(?![a-z])", text[left:position]
    ):
        start = left + boundary.end()
    return start


def _clause_after(text: str, position: int) -> str:
    """The rest of the sentence after ``position``, at most a couple of hundred characters."""
    rest = text[position : position + 200]
    stop = re.search(r"(?:(?<=[a-z)])|^)\.(?:\s|$)|;|\n(?![a-z])", rest)
    return rest[: stop.start()] if stop else rest


def _cue(before: str, after: str, sentence_start: int) -> _Cue | None:
    was = _WAS.search(before)
    if was and re.search(r"\brate\b|\brecord", before, re.IGNORECASE):
        return _Cue(sentence_start + was.start(), None)  # "recording rate now 90.2% (was 83.3%)"
    verb = _AFTER_VERB.search(before)
    if verb and not _UNRECORDED.search(before[verb.start() :]):
        return _Cue(sentence_start + verb.start(), None)
    rate = _AFTER_RATE.search(before)
    if rate:
        scope = rate.group("scope")
        return _Cue(sentence_start + rate.start(), " ".join(scope.split()) if scope else rate.group("rate"))
    named_after = _RATE_AFTER.match(after)
    if named_after:
        scope = named_after.group("scope1") or named_after.group("scope2")
        return _Cue(sentence_start + len(before), " ".join(scope.split()) if scope else "recording rate")
    average = _AFTER_AVERAGE.search(before)
    if average and re.search(r"\brecord|\bcompliance rate", before, re.IGNORECASE):
        return _Cue(sentence_start + average.start(), average.group("rate"))
    # "88.7 percent of crimes ... were recorded", "91.67 per cent, more than nine out of ten crimes,
    # recorded correctly": the recording follows, in the same clause.
    recorded = _RECORDED_AFTER.search(after)
    unrecorded = _UNRECORDED.search(after)
    # "86 per cent of violent crimes reported were recorded, leaving 5,900 unrecorded" is a rate;
    # "10 per cent of crimes ... failed to be recorded" is a share left out.
    # The recording must be this figure's: a recording verb followed by its own figure ("16 per
    # cent more calls, and the force recorded 90 per cent of crimes") ties only that figure to
    # recording; a list before "were recorded" ("78% of violent crime and 89% of sexual offences
    # reported were recorded") ties every figure in it.
    if (
        recorded
        and (unrecorded is None or recorded.start() < unrecorded.start())
        and re.search(r"crime|offence", after, re.I)
        and not _OWN_FIGURE.match(after, recorded.end())
    ):
        return _Cue(sentence_start + len(before), None)
    return None


def _earlier_after(after: str) -> str | None:
    """The year of an earlier inspection named after the figure ("... it was recording during its
    2017 inspection")."""
    found = _EARLIER_AFTER.match(after)
    return found.group("year") if found else None


def _earlier_year(before: str, text: str, sentence_start: int) -> str | None:
    """The year of the earlier inspection a figure is quoted from; None for the report's own."""
    if _WAS.search(before):
        return "previous"
    # Only the clause the figure sits in: "This is an improvement on our 2017 inspection, when we
    # found ..." is earlier; "Since our 2014 inspection the force has improved. We estimate ..." is not.
    clause = before
    for boundary in _CLAUSE_START.finditer(before):
        clause = before[boundary.end() :]
    if not _EARLIER.search(clause):
        return None
    years = _EARLIER_YEAR.findall(clause)
    return years[-1] if years else "previous"
