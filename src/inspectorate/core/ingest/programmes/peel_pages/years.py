"""What each PEEL year (2014 to 2018/19) prints, as the readers of its pages need it.

For every year: the programme's id and name, each graded area's id (``efficiency``,
``effectiveness.q2``, ...) with the headings the pages print for it (the pillar's or question's
question, or the 2014 pillar's strapline) and the words a judgment sentence uses for its subject
("good at investigating crime and reducing re-offending"). The ids follow the order in which that
year's framework publishes its questions, and agree with the framework files of the library
(``frameworks/library/peel-2014.yaml`` ... ``peel-2018.yaml``, ``peel-2015-effectiveness.yaml``),
which a test checks. Each area's heading is its framework's published question, read from the
library on first use; the table adds only what the pages print that the frameworks do not hold (other wordings
of a heading, the subjects of judgment sentences).

Topic words are regular expressions matched where the sentence's subject starts, after "at",
"in" or "for" and the filler words ``TOPIC_FILLER`` removes ("the way that it is", "how well it",
"its"). They are kept narrow on purpose: a sentence whose subject matches none of them gives no
grade (a summary that names a strength in passing is not a judgment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from inspectorate.core.frameworks.library import get_framework


@dataclass(frozen=True)
class Area:
    id: str
    level: str  # pillar or question
    # As the year's pages print it: the framework's question (or title) unless given here, where
    # the pages word it otherwise (``Year.areas`` fills it in from the library).
    title: str = ""
    headings: tuple[str, ...] = ()  # other lines the pages print above the area's grade
    topics: tuple[str, ...] = ()  # regular expressions for the subject of a judgment sentence


@dataclass(frozen=True)
class Year:
    programme: str  # the programme id
    name: str  # as the inspectorate names the year ("2018/19")
    title: str
    table: tuple[Area, ...]  # as written below: a heading left empty is the framework's

    @cached_property
    def areas(self) -> tuple[Area, ...]:
        """The areas with every heading: the framework's published question where the table gives
        none. Read from the library on first use, not when the readers are imported."""
        framework = get_framework(self.programme)

        def titled(area: Area) -> Area:
            if area.title:
                return area
            published = framework.area(area.id)
            return replace(area, title=published.question or published.title)

        return tuple(titled(area) for area in self.table)

    def area(self, area_id: str) -> Area:
        return next(area for area in self.areas if area.id == area_id)

    def topic_area(self, text: str) -> Area | None:
        """The area whose subject words ``text`` (a sentence from the subject on) starts with."""
        pillar = _PILLAR_NOUN.match(text)
        if pillar is not None:
            # "its efficiency at keeping people safe": the noun names the pillar, whose own subject follows.
            return next((area for area in self.areas if area.id == pillar.group("pillar").casefold()), None)
        for _ in range(_FILLER_LAYERS):
            shorter = TOPIC_FILLER.sub("", text, count=1)
            if shorter == text:
                break
            text = shorter
        for area in self.areas:
            if any(re.match(topic, text, re.IGNORECASE) for topic in area.topics):
                return area
        return None


# Filler words come in layers ("its effectiveness at investigating crime"): each layer is removed in
# turn, up to ``_FILLER_LAYERS``. "Its approach to <topic> is outstanding" praises a part of the area:
# "approach to" is not filler, so such a subject names no area.
TOPIC_FILLER = re.compile(
    r"^(?:respect of |the way (?:in which |that )?(?:it )?(?:is )?|how (?:well )?(?:it )?(?=[a-z]+s\b)"
    r"|its |(?:effectiveness|efficiency) (?:at|in) )",
    re.IGNORECASE,
)
_FILLER_LAYERS = 3
# A pillar's noun before the subject the three pillars share ("its efficiency at keeping people safe and
# reducing crime"); before a question's subject ("its effectiveness at investigating crime") it is filler.
_PILLAR_NOUN = re.compile(
    r"^(?:respect of )?(?:(?:the|its) )?(?P<pillar>effectiveness|efficiency|legitimacy) (?:at|in|of|for) "
    r"(?:keeping people safe|reducing crime and keeping people safe)",
    re.IGNORECASE,
)

# The pillars' own subjects, the same words from 2015 to 2017 and others in 2018/19: the pillar's noun,
# its adjective or adverb ("how efficient it is", "legitimate in how it keeps people safe"), and for
# efficiency the press releases' and summaries' other words ("working efficiently", "operating
# efficiently").
_EFFECTIVE = (
    r"keeping people safe and reducing crime",
    r"keeps people safe and reduces crime",
    r"(?:the|its) effectiveness\b",
    r"how effective(?:ly)? it\b",
    r"(?:being )?effective (?:at|in) (?:keeping people safe|how it keeps people safe)",
)
_EFFICIENT = (
    r"(?:the|its) efficiency with which",
    r"(?:the|its) efficiency\b",
    r"using its resources efficiently\b",
    r"(?:working|operating) efficiently\b",
    r"how efficient(?:ly)? it\b",
    r"(?:being )?efficient (?:at|in) (?:keeping people safe|how it keeps people safe)",
)
_LEGITIMATE = (
    r"(?:the|its) legitimacy\b",
    r"how legitimate(?:ly)? it\b",
    r"(?:being )?legitimate (?:at|in) (?:keeping people safe|how it keeps people safe)",
)

# "preventing crime" alone names the question too, as "investigating crime" names question 2.
_PREVENT_2016 = (
    r"preventing crime(?:,| and) tackling anti-social behaviour",
    r"preventing crime, tackling",
    r"preventing crime and anti-social behaviour",
    r"prevent(?:ing|s) crime\b",
)
# "investigating crime" alone names the question too; crime against vulnerable people is question 3's.
_INVESTIGATE_CRIME = (
    r"investigat(?:ing|es) crime\b(?! involving)",
    r"investigation of crime\b",
)
_VULNERABLE_2016 = (
    r"protect(?:ing|s) those who are vulnerable from harm",
    r"protect(?:ing|s) vulnerable people\b",
    r"(?:identifying and )?protecting people who are vulnerable\b",
    r"identifying and protecting vulnerable people\b",
)
_SOC = (r"tackl(?:ing|es) serious and organised crime",)
_DEMAND_2016 = (r"understanding of demand\b", r"understanding demand\b")
_RESOURCES_2016 = (
    r"use of resources to manage (?:current )?demand",
    r"using its resources to (?:manage|meet) (?:current )?demand",
)
_PLANNING_2016 = (r"planning for (?:future )?demand", r"planning for demand in the future")
_TREAT_PUBLIC = (
    r"treating all of the people it serves with fairness and respect",
    r"treating the people it serves",
)
_ETHICAL = (
    r"ensures? (?:that )?(?:its|the) workforce behaves ethically",
    r"ensuring (?:that )?(?:its|the) workforce behaves ethically",
)
_TREAT_WORKFORCE = (r"treating its workforce with fairness and respect",)

_PILLARS_2015_2017 = (
    Area(
        "effectiveness",
        "pillar",
        topics=_EFFECTIVE,
    ),
    Area(
        "efficiency",
        "pillar",
        topics=_EFFICIENT,
    ),
    Area(
        "legitimacy",
        "pillar",
        topics=_LEGITIMATE,
    ),
)

PEEL_2014 = Year(
    "peel-2014",
    "2014",
    "PEEL 2014",
    (
        Area("effectiveness", "pillar"),
        Area(
            "effectiveness.q1",
            "question",
            topics=(r"reducing crime and preventing offending",),
        ),
        Area(
            "effectiveness.q2",
            "question",
            topics=(r"investigat(?:ing|es) offending", r"investigat(?:ing|es) crime\b(?! involving)"),
        ),
        Area(
            "effectiveness.q3",
            "question",
            topics=(r"tackling anti-social behaviour",),
        ),
        # Narrative questions in 2014: their pages print "Ungraded" (or nothing) below them.
        Area("effectiveness.q4", "question"),
        Area("effectiveness.q5", "question"),
        Area("effectiveness.q6", "question"),
        Area(
            "efficiency",
            "pillar",
            topics=(r"the efficiency with which the force carries out its responsibilities",),
        ),
        Area("efficiency.q1", "question"),
        Area("efficiency.q2", "question"),
        Area("efficiency.q3", "question"),
        Area("legitimacy", "pillar"),
        Area("legitimacy.q1", "question"),
        Area("legitimacy.q2", "question"),
    ),
)

PEEL_2015 = Year(
    "peel-2015",
    "2015",
    "PEEL 2015",
    (
        *_PILLARS_2015_2017,
        Area(
            "effectiveness.q1",
            "question",
            topics=(r"preventing crime and anti-social behaviour",),
        ),
        Area(
            "effectiveness.q2",
            "question",
            topics=(r"investigat(?:ing|es) crime and manag(?:ing|es) offenders", *_INVESTIGATE_CRIME),
        ),
        Area(
            "effectiveness.q3",
            "question",
            topics=(r"protecting from harm those who are vulnerable",),
        ),
        Area(
            "effectiveness.q4",
            "question",
            topics=_SOC,
        ),
        Area("efficiency.q1", "question"),
        Area("efficiency.q2", "question"),
        Area("efficiency.q3", "question"),
        Area("legitimacy.q1", "question"),
        Area("legitimacy.q2", "question"),
        Area("legitimacy.q3", "question"),
        Area("legitimacy.q4", "question"),
        Area("leadership", "pillar"),
        Area("leadership.q1", "question"),
        Area("leadership.q2", "question"),
        Area("leadership.q3", "question"),
    ),
)

# The 2015 effectiveness report, a programme of its own (``peel-2015-effectiveness``) with its own
# ids: its overall question and four questions, as the force's 2015 effectiveness page prints them.
PEEL_2015_EFFECTIVENESS = Year(
    "peel-2015-effectiveness",
    "2015",
    "PEEL: Police effectiveness 2015",
    (
        Area(
            "overall",
            "overall",
            topics=(r"keeping people safe and reducing crime", r"reducing crime and keeping people safe"),
        ),
        Area(
            "q1",
            "question",
            topics=(r"prevent(?:ing|s) crime and anti-social behaviour",),
        ),
        Area(
            "q2",
            "question",
            topics=(r"investigat(?:ing|es) crime and manag(?:ing|es) offenders", *_INVESTIGATE_CRIME),
        ),
        Area(
            "q3",
            "question",
            topics=(
                r"protect(?:ing|s) from harm those who are vulnerable",
                r"protect(?:ing|s) vulnerable people\b",
            ),
        ),
        Area(
            "q4",
            "question",
            headings=(
                "How effective is the force at tackling serious and organised crime, including its "
                "arrangement for fulfilling its national policing responsibilities?",
            ),
            topics=_SOC,
        ),
    ),
)

# Questions 2 to 5 of effectiveness, worded alike from 2016 to 2018/19 (question 1 changed).
_EFFECTIVENESS_Q2_TO_Q5 = (
    Area(
        "effectiveness.q2",
        "question",
        topics=_INVESTIGATE_CRIME,
    ),
    Area(
        "effectiveness.q3",
        "question",
        topics=_VULNERABLE_2016,
    ),
    Area(
        "effectiveness.q4",
        "question",
        topics=_SOC,
    ),
    Area("effectiveness.q5", "question"),
)

_EFFECTIVENESS_2016_2017 = (
    Area(
        "effectiveness.q1",
        "question",
        topics=_PREVENT_2016,
    ),
    *_EFFECTIVENESS_Q2_TO_Q5,
)

_EFFICIENCY_2016_2017 = (
    Area(
        "efficiency.q1",
        "question",
        headings=("How well does the force understand its current and likely future demand?",),
        topics=_DEMAND_2016,
    ),
    Area(
        "efficiency.q2",
        "question",
        "How well does the force use its resources to manage current demand?",
        topics=_RESOURCES_2016,
    ),
    Area(
        "efficiency.q3",
        "question",
        topics=_PLANNING_2016,
    ),
)

_LEGITIMACY_2016_2017 = (
    Area(
        "legitimacy.q1",
        "question",
        headings=("How well does the force treat the people it serves with fairness and respect?",),
        topics=_TREAT_PUBLIC,
    ),
    Area(
        "legitimacy.q2",
        "question",
        # 2016's pages print 2017's wording ("behaves"; the 2016 framework says "acts").
        "How well does the force ensure that its workforce behaves ethically and lawfully?",
        topics=_ETHICAL,
    ),
    Area(
        "legitimacy.q3",
        "question",
        topics=_TREAT_WORKFORCE,
    ),
)

PEEL_2016 = Year(
    "peel-2016",
    "2016",
    "PEEL 2016",
    (
        *_PILLARS_2015_2017,
        *_EFFECTIVENESS_2016_2017,
        *_EFFICIENCY_2016_2017,
        *_LEGITIMACY_2016_2017,
        Area("leadership", "pillar"),
        Area("leadership.q1", "question"),
    ),
)

PEEL_2017 = Year(
    "peel-2017",
    "2017",
    "PEEL 2017",
    (
        *_PILLARS_2015_2017,
        *_EFFECTIVENESS_2016_2017,
        *_EFFICIENCY_2016_2017,
        *_LEGITIMACY_2016_2017,
        # Not graded in 2017: assessed within the other pillars' questions.
        Area("leadership", "pillar"),
    ),
)

PEEL_2018 = Year(
    "peel-2018",
    "2018/19",
    "PEEL 2018/19",
    (
        Area(
            "effectiveness",
            "pillar",
            topics=(
                r"reducing crime and keeping people safe",
                r"effectively reducing crime",
                r"how effectively it\b",
            ),
        ),
        Area(
            "effectiveness.q1",
            "question",
            topics=(
                r"preventing crime(?: and|,) tackling anti-social behaviour",
                r"prevent(?:ing|s) crime\b",
            ),
        ),
        *_EFFECTIVENESS_Q2_TO_Q5,
        Area(
            "efficiency",
            "pillar",
            topics=(
                r"(?:operating|working) efficiently",
                r"using its resources efficiently\b",
                r"how efficient(?:ly)? it\b",
            ),
        ),
        Area(
            "efficiency.q1",
            "question",
            topics=(r"meeting current demands? and using (?:its )?resources",),
        ),
        Area(
            "efficiency.q2",
            "question",
            topics=(r"planning for the future", r"future planning\b"),
        ),
        Area(
            "legitimacy",
            "pillar",
            "How legitimately does the force treat the public and its workforce?",
            topics=(
                r"how legitimately it treats\b",
                r"treating the public and its workforce legitimately",
                r"how legitimate it is\b",
            ),
        ),
        Area(
            "legitimacy.q1",
            "question",
            topics=(r"treating the public fairly", *_TREAT_PUBLIC),
        ),
        Area(
            "legitimacy.q2",
            "question",
            topics=_ETHICAL,
        ),
        Area(
            "legitimacy.q3",
            "question",
            topics=(r"treating (?:the|its) workforce (?:fairly|with fairness)",),
        ),
    ),
)

YEARS: dict[str, Year] = {
    year.programme: year for year in (PEEL_2014, PEEL_2015, PEEL_2016, PEEL_2017, PEEL_2018)
}
