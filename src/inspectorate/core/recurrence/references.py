"""A later report's own references to earlier findings: read, then resolved.

Reports say what became of earlier findings in a few families of wording: "in our 2019 inspection
we recommended...", "we previously highlighted...", "the cause of concern from our 2017 report",
"HMIC's crime inspection in 2014 recommended...", "In 2019, we said that...", "Since our last
inspection in 2022...". ``read_citations`` finds such sentences and returns typed ``Citation``s:
the year cited (or "previous"/"last" with no year), the kind of finding named, a hint of the
programme, and the outcome the passage states (met, partly met, not met). It leaves alone what
only looks like a reference: a figure compared with an earlier year's, an earlier grade quoted,
"previous" used in passing, another force's or a national report.

``resolve`` finds the earlier finding a citation takes up: the earlier inspection of the same
force by year (publication year or period) and programme, then its finding closest in topic by
distinctive terms. A citation of an inspection the library does not hold stays unresolved with
its reason; nothing is forced. docs/history.md gives the measured quality.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from inspectorate.core.findings import FindingKind


class Outcome(StrEnum):
    MET = "met"
    PARTLY_MET = "partly-met"
    NOT_MET = "not-met"
    NONE = "none"

    @property
    def label(self) -> str:
        return {"met": "Met", "partly-met": "Partly met", "not-met": "Not met", "none": "No outcome stated"}[
            self.value
        ]


@dataclass(frozen=True)
class Citation:
    line: int  # from 1, in the text read
    sentence: str  # the sentence that refers back
    years: tuple[str, ...]  # the years it names ("2018/19" names both), empty when relative
    relative: str | None  # "last", "previous" (one inspection) or "earlier" (any), when no year
    kind: FindingKind | None  # the kind of finding it names, if any
    programmes: frozenset[str]  # programme hints: "peel", "crime-inspection", "cdi", ...
    outcome: Outcome
    context: str  # the sentence and what follows it in the paragraph: what the topic is read from

    @property
    def cited(self) -> str:
        """The earlier inspection as the sentence names it, in a few words ("PEEL 2019", "crime
        inspection 2014", "the last inspection")."""
        when = "/".join(self.years) if self.years else f"the {self.relative} inspection"
        named = ", ".join(PROGRAMME_NAMES.get(p, p) for p in sorted(self.programmes))
        return f"{named} {when}".strip() if named else when


# --- reading ----------------------------------------------------------------------------------

_YEAR = r"(?:19|20)\d\d(?:\s*/\s*\d\d(?:\d\d)?)?"
_WHO = r"(?:we|hmic|hmicfrs|inspectors|the inspectorate|her majesty's inspectorate)"
_RAISE = (
    r"(?:recommended|raised|highlighted|identified|said|found|reported|noted|told|asked|concluded|"
    r"set out|made|gave|issued|flagged|observed|explained|stated|considered)"
)
_DOC = r"(?:inspections?|reports?|assessments?|reviews?|visits?|letters?)"
_PROGRAMME_WORDS = (
    r"(?:peel|crime|crime data integrity|cdi|core business|baseline|effectiveness|efficiency|legitimacy|"
    r"vulnerability|child protection|custody|counter-corruption|vetting|domestic abuse|integrated|"
    r"national child protection|joint|thematic|force|rape|leadership)"
)

# A reference back: an earlier inspection or report named by year, or as the last/previous one.
_BACK = [
    # "in our 2019 inspection", "the 2019 PEEL inspection", "our 2018 crime data integrity report"
    re.compile(
        rf"\b(?:our|the|its|hmic'?s|hmicfrs'?s|this)\s+(?P<year>{_YEAR})\s+(?:{_PROGRAMME_WORDS}\s+){{0,4}}{_DOC}\b",
        re.I,
    ),
    # "HMIC's crime inspection in 2014", "our legitimacy inspection in 2017"
    re.compile(
        rf"\b(?:our|the|hmic'?s|hmicfrs'?s)\s+(?:{_PROGRAMME_WORDS}\s+){{0,4}}{_DOC}\s+(?:in|of)\s+(?P<year>{_YEAR})\b",
        re.I,
    ),
    # "In 2019, we said that", "In 2014 HMIC recommended", "in 2020 we recommended"
    re.compile(rf"\b(?:in|during)\s+(?P<year>{_YEAR}),?\s+{_WHO}\s+(?:also\s+)?{_RAISE}\b", re.I),
    # "we recommended in 2020", "we made in 2020", "we identified in 2022", "we gave it in 2019"
    re.compile(
        rf"\b{_WHO}\s+(?:had\s+)?{_RAISE}(?:\s+(?:it|the force|them))?\s+in\s+(?P<year>{_YEAR})\b", re.I
    ),
    # "when we (last) inspected the force in 2019", "since we inspected it in 2019"
    re.compile(
        rf"\b(?:when|since|after)\s+{_WHO}\s+(?:last\s+)?inspected\s+(?:the force|it|the service)?"
        rf"\s*(?:in\s+(?P<year>{_YEAR}))?",
        re.I,
    ),
    # "since our last inspection in 2022", "at our last inspection", "our previous report found"
    re.compile(
        rf"\b(?:(?:in|at|since|from|during|of)\s+)?(?:our|the|its)\s+"
        rf"(?P<rel>last|previous|earlier|prior|most recent)\s+"
        rf"(?:{_PROGRAMME_WORDS}\s+){{0,3}}{_DOC}(?:\s+in\s+(?P<year>{_YEAR}))?",
        re.I,
    ),
    # "as we noted in our previous report" (covered above), "we previously raised/highlighted"
    re.compile(rf"\b{_WHO}\s+(?:have\s+|had\s+)?(?P<rel>previously)\s+{_RAISE}\b", re.I),
    # "in previous inspections, we have found"
    re.compile(rf"\bin\s+(?P<rel>previous|earlier|past)\s+{_DOC}\b", re.I),
]

# What makes a finding taken up rather than a fact recalled: a verb of raising, a kind named, or
# a change since then.
_TAKEN_UP = re.compile(
    rf"\b{_RAISE}\b|recommendation|cause of concern|area for improvement|areas for improvement|"
    r"requir(?:ed|ing) improvement|concern|since|addressed|acted on|responded|progress|improv|"
    r"still|remains|no longer|implemented|met\b",
    re.I,
)

# Looks like a reference, is not one.
_FIGURE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:percent|per cent|%)|\bper 1,?000\b|confidence interval|"
    r"\b\d{1,3}(?:,\d{3})+\b|\b(?:compared (?:with|to)|up from|down from|fewer than|more than at)\b.*\b\d",
    re.I,
)
_GRADE = re.compile(
    r"\b(?:graded|rated|judged|assessed|grade[ds]?)\b[^.]*\b"
    r"(?:outstanding|good|adequate|requires? improvement|inadequate|require improvement)\b",
    re.I,
)
_ELSEWHERE = re.compile(
    r"\b(?:other|neighbouring|all|every|several|many)\s+(?:\w+\s+)?forces\b|"
    r"\bforces (?:across|in) england\b|"
    r"\b(?:audit commission|ofsted|care quality commission|iopc|ipcc|hmcpsi|hmi probation|hmi prisons)\b|"
    r"\bnational\b|\bthematic\b|\bspotlight\b|state of policing|\bacross england and wales\b|"
    r"\bto all forces\b",
    re.I,
)
# Another force named: "our 2019 inspection of Eastvale Police".
_OTHER_FORCE = re.compile(
    r"\binspections? of (?!the force|this force|it\b|the service)(?:[A-Z][\w-]*\s+){1,3}"
    r"(?:Police|Constabulary|Service|forces?)\b"
)
_PASSING = re.compile(
    r"\bprevious(?:ly)?\s+(?:history|offending|convictions?|experience|year|years|\d+|twelve|12|months?|"
    r"chief|attempts?|system|budget)\b|\bprevious year's\b|\bin previous years\b",
    re.I,
)

_OUTCOMES: list[tuple[Outcome, re.Pattern[str]]] = [
    (
        Outcome.PARTLY_MET,
        re.compile(
            r"\bnot (?:yet )?(?:wholly|fully|entirely|completely)\b|\bpartly\b|\bpartially\b|\bin part\b|"
            r"\bsome (?:progress|improvement)\b|\bonly (?:a )?(?:slight|limited|modest|little|small)\b|"
            r"\blimited progress\b|\bbegun\b|\bstarted (?:to|work)\b|\bmore work is (?:needed|required)\b|"
            r"\bfurther (?:work|improvements?|progress) (?:is |are )?(?:needed|required)\b|"
            r"\bwant to see further\b|\bnot yet complete\b|\b(?:made|some) progress,? but\b|"
            r"\b(?:improved|increased|fallen|started|introduced),? but\b|\bbetter picture\b.*\bbut\b|"
            r"\bmost, but not all\b|\bin most(?:,)? but\b|\bbut (?:not|only|few|some|rarely)\b|"
            r"\bbut [\w ]{0,40}\b(?:still|remains?|yet|not yet)\b",
            re.I,
        ),
    ),
    (
        Outcome.NOT_MET,
        re.compile(
            r"\b(?:has|have|had)n'?t (?:\w+ )?(?:improved|changed|been addressed|addressed|happened|"
            r"taken place|been met)\b|\b(?:has|have|had) not (?:\w+ )?(?:improved|changed|been addressed|"
            r"addressed|happened|taken place|been met|been done|done so)\b|"
            r"\bno (?:real |significant |meaningful |further )?(?:progress|improvement)\b|\bdisappoint|"
            r"\bremains? (?:the case|unchanged|unresolved|a concern|a problem)\b|"
            r"\bstill (?:does not|doesn't|do not|don't|fails?|isn't|is not|are not|aren't|"
            r"has not|hasn't|lacks?|cannot|can't|not|wait|inconsistent|overdue|the case|"
            r"below)\b|\bgot worse\b|\bworsened\b|\bdeteriorat|\bgrown\b|\blittle evidence\b|"
            r"\bcontinues? to (?:fail|lack|struggle)\b|\bnot been (?:acted|addressed)\b|\bnot addressed\b|"
            r"\btoo (?:many|few|often|long)\b[^.]*\bstill\b|\b(?:not|n't) (?:got|become) better\b|"
            # Negated forms of what would otherwise read as met.
            r"\bnot (?:yet )?been implemented\b|\bno longer (?:meets|complies|has|does|records|reviews)\b|"
            r"\b(?:not|n't) (?:\w+ )?(?:reassured|pleased|satisfied|convinced)\b|"
            r"\b(?:not|n't) (?:yet )?(?:responded well|addressed|implemented|resolved|acted on)\b",
            re.I,
        ),
    ),
    (
        Outcome.MET,
        re.compile(
            r"\b(?:has|have) (?:now )?(?:fully |all )?(?:addressed|implemented|resolved|met|acted on|"
            r"responded (?:well )?to|completed|cleared|discharged|done so|been (?:addressed|implemented|"
            r"met|completed|cleared|discharged|done|resolved))\b|\bresponded well\b|\bnow (?:meets|complies|"
            r"records|reviews|identifies|assesses|publishes|has|does|sees|routinely|up to date|all)\b|"
            r"\b(?:good|significant|considerable|substantial) progress\b|\bno longer\b|"
            r"\bimplemented in full\b|\bpleased\b|\breassured\b|\bhas been (?:done|met|addressed|discharged|"
            r"cleared|implemented)\b|\bhave now all been\b|\bnow (?:do|does) so\b|\bnow done so\b|"
            r"\bhas (?:improved|been met)\b|\bthis area for improvement has been met\b|"
            r"\bhas acted on\b|\bacted on the\b",
            re.I,
        ),
    ),
]

_KINDS: list[tuple[FindingKind, re.Pattern[str]]] = [
    (FindingKind.CAUSE_OF_CONCERN, re.compile(r"\bcauses? of concern\b", re.I)),
    (FindingKind.RECOMMENDATION, re.compile(r"\brecommend", re.I)),
    (
        FindingKind.AREA_FOR_IMPROVEMENT,
        re.compile(r"\bareas? for improvement\b|\bas requiring improvement\b|\barea that we\b", re.I),
    ),
]

# A kind named as a noun ("the recommendation we made") rather than by a verb ("we recommended",
# said also of areas for improvement).
_NOUN = re.compile(r"\brecommendations?\b|\bcauses? of concern\b|\bareas? for improvement\b", re.I)

PROGRAMME_HINTS: dict[str, re.Pattern[str]] = {
    "peel": re.compile(r"\bpeel\b", re.I),
    "crime-inspection": re.compile(r"\bcrime inspection\b", re.I),
    "cdi": re.compile(r"\bcrime data integrity\b|\bcdi\b", re.I),
    "core-business": re.compile(r"\bcore business\b|\bbest use of police time\b", re.I),
    "baseline": re.compile(r"\bbaseline\b", re.I),
    "child-protection": re.compile(r"\bchild protection\b", re.I),
    "custody": re.compile(r"\bcustody\b", re.I),
    "domestic-abuse": re.compile(r"\bdomestic abuse\b", re.I),
    "vetting": re.compile(r"\bvetting\b|\bcounter-corruption (?:inspection|report)\b", re.I),
    "legitimacy": re.compile(r"\blegitimacy\b", re.I),
    "effectiveness": re.compile(r"\beffectiveness\b", re.I),
    "efficiency": re.compile(r"\befficiency\b", re.I),
}
# How the pages name each programme hint.
PROGRAMME_NAMES = {
    "peel": "PEEL",
    "crime-inspection": "crime inspection",
    "cdi": "crime data integrity",
    "core-business": "core business",
    "child-protection": "child protection",
    "domestic-abuse": "domestic abuse",
}
# Pillars narrow a choice among an inspection's reports but never rule one out: the PEEL report of a
# year holds all three.
SOFT_HINTS = frozenset({"legitimacy", "effectiveness", "efficiency"})

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"\u2018'(])")
# Curly apostrophes read as straight ones, so that the patterns need only one.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def programme_hints(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in PROGRAMME_HINTS.items() if pattern.search(text))


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(paragraph) if s.strip()]


def _years(text: str) -> tuple[str, ...]:
    """'2018/19' -> ('2018', '2019'); '2019' -> ('2019',)."""
    match = re.fullmatch(r"((?:19|20)\d\d)(?:\s*/\s*(\d\d(?:\d\d)?))?", text.strip())
    if match is None:
        return ()
    first, second = match.group(1), match.group(2)
    if second is None:
        return (first,)
    return (first, second if len(second) == 4 else first[:2] + second)


def _back_reference(sentence: str) -> tuple[tuple[str, ...], str | None, str] | None:
    """The years (or relative word) a sentence refers back to, and the span that says so."""
    for pattern in _BACK:
        match = pattern.search(sentence)
        if match is None:
            continue
        groups = match.groupdict()
        year = groups.get("year")
        rel = groups.get("rel")
        if year:
            return _years(year), None, match.group(0)
        if rel:
            # "previously" and "previous inspections" may mean any earlier one; "our previous
            # report" and "our last inspection" mean the one before.
            relative = rel.lower()
            plural = re.search(r"(?:inspections|reports|assessments)\b", match.group(0), re.I)
            many = relative in {"previously", "earlier", "past"} or plural is not None
            return (), ("earlier" if many else "last"), match.group(0)
        # "when we last inspected the force", with no year
        if "inspected" in match.group(0).lower():
            return (), "last", match.group(0)
    return None


def _is_trap(sentence: str, span: str) -> bool:
    if any(p.search(sentence) for p in (_FIGURE, _GRADE, _ELSEWHERE, _OTHER_FORCE)):
        return True
    # "previous" in passing: the only backward word is one that describes something else.
    return bool(_PASSING.search(sentence)) and not re.search(r"\b(?:19|20)\d\d\b", span)


def _named(sentence: str, span: str) -> str:
    """Where the sentence names the programme: the reference itself, else a document named with a
    year elsewhere in it ("the recommendation from our 2017 legitimacy inspection")."""
    named = re.findall(rf"(?:{_PROGRAMME_WORDS}\s+){{1,4}}{_DOC}\b", sentence, re.I)
    return " ".join([span, *named])


def outcome_of(text: str) -> Outcome:
    for outcome, pattern in _OUTCOMES:
        if pattern.search(text):
            return outcome
    return Outcome.NONE


def kind_named(text: str) -> FindingKind | None:
    return next((kind for kind, pattern in _KINDS if pattern.search(text)), None)


def read_citations(lines: Sequence[str], *, follow: int = 3) -> list[Citation]:
    """Every sentence of ``lines`` (a report's text, one paragraph a line) that refers back to an
    earlier inspection's findings. The outcome is read from the sentence, else from up to
    ``follow`` sentences after it in the same paragraph (a later reference ends the search); its
    context (for the matter) adds up to two sentences before it in the paragraph."""
    found: list[Citation] = []
    for number, line in enumerate(lines, start=1):
        parts = sentences(line.translate(_APOSTROPHES))
        backs = [_back_reference(part) for part in parts]
        for index, (part, back) in enumerate(zip(parts, backs, strict=True)):
            if back is None:
                continue
            years, relative, span = back
            # A verb of raising in the reference itself, or a change "since" it, takes a finding up.
            raised = re.search(rf"\b{_RAISE}\b|^since\b", span.strip(), re.I) is not None
            if _is_trap(part, span) or not (raised or _TAKEN_UP.search(part.replace(span, " "))):
                continue
            after: list[str] = []
            for later, other in zip(
                parts[index + 1 : index + 1 + follow], backs[index + 1 : index + 1 + follow], strict=True
            ):
                if other is not None:
                    break
                after.append(later)
            outcome = outcome_of(part)
            if outcome is Outcome.NONE:
                outcome = next(
                    (o for o in (outcome_of(s) for s in after) if o is not Outcome.NONE), Outcome.NONE
                )
            # The topic is read from the sentences around the reference in its paragraph: a
            # reference often names the matter in a word ("THRIVE+") that the sentences before it
            # explain ("call handling").
            before = [
                earlier
                for earlier, other in zip(
                    parts[max(0, index - 2) : index], backs[max(0, index - 2) : index], strict=True
                )
                if other is None
            ]
            context = " ".join([*before, part, *after])
            found.append(
                Citation(
                    line=number,
                    sentence=part,
                    years=years,
                    relative=relative,
                    kind=kind_named(part),
                    programmes=programme_hints(_named(part, span)),
                    outcome=outcome,
                    context=context,
                )
            )
    return found


# --- resolving --------------------------------------------------------------------------------

# Words that say nothing of a finding's matter: common words and the vocabulary of inspection.
_STOP_WORDS = (
    "a about above after again against all also although am an and any are aren as at be because been "
    "before being below between both but by can cannot could did do does doing don done down during "
    "each few for from further had has have having he her here hers him his how i if in into is it "
    "its itself just least less made make makes making many may me might more most much must my no "
    "nor not now of off on once only or other our ours out over own same she should so some such than "
    "that the their them then there these they this those through to too under until up upon very was "
    "we were what when where which while who whom why will with within would you your yet still every "
    "each across one two three six months month weeks week days day year years time times new now "
    "since again already force forces police policing service services constabulary inspection "
    "inspections inspected report reports reported inspectorate hmic hmicfrs peel we found find finds "
    "said say says recommend recommended recommendation recommendations area areas improvement "
    "improvements improve improved improving concern concerns cause causes ensure ensured sure need "
    "needs needed needing requires required require requiring previously previous last earlier "
    "highlighted highlight raised raise identified identify noted note told asked progress addressed "
    "address met partly fully full consistently consistent effective effectively good better well "
    "often always never routinely however although further done case cases whether they it's isn't "
    "hasn't haven't doesn't don't officers staff "
)
_STOP = frozenset(_STOP_WORDS.split())


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ments", "ment", "ers", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:7]


def terms(text: str) -> set[str]:
    """The distinctive terms of a text: content words, crudely stemmed (THRIVE+ kept whole)."""
    words = re.findall(r"[a-z][a-z0-9+'-]*", text.lower().translate(_APOSTROPHES))
    return {_stem(w.strip("'-")) for w in words if w.strip("'-") not in _STOP and len(w.strip("'-")) > 2}


@dataclass(frozen=True)
class EarlierFinding:
    key: str
    kind: FindingKind
    text: str


@dataclass(frozen=True)
class EarlierInspection:
    key: str
    when: str  # sortable, as FindingText.when
    years: frozenset[str]  # publication year and the years of its period
    programmes: frozenset[str]  # programme_hints of its framework's and its own title
    findings: tuple[EarlierFinding, ...]


@dataclass(frozen=True)
class Resolution:
    citation: Citation
    inspection: str | None  # the earlier inspection's key, when one was found
    finding: str | None  # the earlier finding's key, when one was found
    score: float
    reason: str  # why it is unresolved ("" when resolved)

    @property
    def resolved(self) -> bool:
        return self.finding is not None


# Below this topic score a citation's inspection is found but none of its findings is the matter;
# a citation naming no inspection ("in previous inspections") has every earlier finding to choose
# from, so it must be closer still.
MIN_TOPIC = 0.15
MIN_TOPIC_UNNAMED = 0.35
SHARED = 2
Similar = Callable[[str, EarlierFinding], float]


def candidate_inspections(
    citation: Citation,
    later_when: str,
    earlier: Iterable[EarlierInspection],
    later_programmes: frozenset[str] = frozenset(),
) -> tuple[list[EarlierInspection], str]:
    """The earlier inspections the citation may mean, or none and why. "Our last inspection" is
    the latest of the later report's own programme, when the library has one."""
    before = sorted((i for i in earlier if i.when < later_when), key=lambda i: i.when)
    strict = citation.programmes - SOFT_HINTS
    if citation.years:
        chosen = [i for i in before if i.years & set(citation.years)]
        if not chosen:
            return [], f"no earlier inspection of {'/'.join(citation.years)} in the library"
    elif citation.relative == "earlier":
        chosen = before
    else:
        chosen = before
        own = (strict or later_programmes) - SOFT_HINTS
        if own:
            chosen = [i for i in chosen if i.programmes & own] or ([] if strict else chosen)
        chosen = chosen[-1:] if chosen else []
        if not chosen:
            return [], "no earlier inspection in the library"
    if strict:
        named = [i for i in chosen if i.programmes & strict]
        if not named:
            return [], f"no earlier {', '.join(sorted(strict))} inspection of that time in the library"
        chosen = named
    soft = citation.programmes & SOFT_HINTS
    if soft and len(chosen) > 1:
        chosen = [i for i in chosen if i.programmes & soft] or chosen
    return chosen, ""


def resolve(
    citation: Citation,
    later_when: str,
    earlier: Sequence[EarlierInspection],
    *,
    similar: Similar | None = None,
    min_topic: float = MIN_TOPIC,
    later_programmes: frozenset[str] = frozenset(),
) -> Resolution:
    """The earlier finding a citation takes up: among the findings of the inspections it names, the
    closest in distinctive terms (and, given ``similar``, in meaning), when close enough."""
    chosen, reason = candidate_inspections(citation, later_when, earlier, later_programmes)
    if not chosen:
        return Resolution(citation, None, None, 0.0, reason)
    pool = [(inspection, finding) for inspection in chosen for finding in inspection.findings]
    if not pool:
        return Resolution(citation, chosen[0].key, None, 0.0, f"{chosen[0].key} has no followed findings")
    idf = _idf([finding.text for inspection in earlier for finding in inspection.findings])
    wanted = terms(citation.context)
    scored = []
    for inspection, finding in pool:
        score = _overlap(wanted, terms(finding.text), idf)
        if similar is not None:
            score = max(score, similar(citation.context, finding) - 0.5)
        if citation.kind is not None and finding.kind == citation.kind:
            score += 0.02
        scored.append((score, inspection, finding))
    # A kind named ("the cause of concern from...") chooses among findings on the matter.
    named = citation.kind is not None and _NOUN.search(citation.sentence) is not None
    of_kind = [item for item in scored if named and item[2].kind == citation.kind]
    if of_kind and max(item[0] for item in of_kind) >= min_topic:
        scored = of_kind
    score, inspection, finding = max(scored, key=lambda item: item[0])
    if score < (max(min_topic, MIN_TOPIC_UNNAMED) if citation.relative == "earlier" else min_topic):
        return Resolution(
            citation, inspection.key, None, round(score, 4), f"no finding of {inspection.key} on this matter"
        )
    return Resolution(citation, inspection.key, finding.key, round(score, 4), "")


def _idf(texts: Sequence[str]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(terms(text))
    n = len(texts)
    return {term: math.log((n + 1) / (df + 1)) + 1.0 for term, df in counts.items()}


def _overlap(wanted: set[str], have: set[str], idf: dict[str, float]) -> float:
    """Cosine of the two term sets, each term weighted by its rarity among the earlier findings;
    0 when they share fewer than ``SHARED`` terms (one word in common is chance, not a matter)."""
    if len(wanted & have) < SHARED:
        return 0.0
    default = max(idf.values(), default=1.0)
    shared = sum(idf.get(t, default) ** 2 for t in wanted & have)
    norm = math.sqrt(sum(idf.get(t, default) ** 2 for t in wanted)) * math.sqrt(
        sum(idf.get(t, default) ** 2 for t in have)
    )
    return shared / norm if norm else 0.0


# --- anchoring: the later finding a citation belongs to ------------------------------------------


@dataclass(frozen=True)
class LaterFinding:
    key: str
    line: int | None  # where the report prints it, when known
    text: str


# A finding printed at most this many lines above a citation heads the passage it is in.
HEADING_REACH = 3


def anchor(citation: Citation, later: Sequence[LaterFinding], min_topic: float = MIN_TOPIC) -> str | None:
    """The later finding whose passage holds the citation: the one printed just above it, else the
    one closest to it in terms; None when no finding is about the same matter."""
    above = [f for f in later if f.line is not None and 0 <= citation.line - f.line <= HEADING_REACH]
    if above:
        return max(above, key=lambda f: f.line or 0).key
    if not later:
        return None
    idf = _idf([f.text for f in later])
    wanted = terms(citation.context)
    score, best = max(((_overlap(wanted, terms(f.text), idf), f.key) for f in later), key=lambda p: p[0])
    return best if score >= min_topic else None
