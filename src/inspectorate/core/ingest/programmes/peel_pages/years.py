"""What each PEEL year (2014 to 2018/19) prints, as the readers of its pages need it.

For every year: the programme's id and name, each graded area's id (``efficiency``,
``effectiveness.q2``, ...) with the headings the pages print for it (the pillar's or question's
question, or the 2014 pillar's strapline) and the words a judgment sentence uses for its subject
("good at investigating crime and reducing re-offending"). The ids follow the order in which that
year's framework publishes its questions, and agree with the framework files of the library
(``frameworks/library/peel-2014.yaml`` ... ``peel-2018.yaml``, ``peel-2015-effectiveness.yaml``),
which a test checks; the table adds what the pages print that the frameworks do not hold (other
wordings of a heading, the subjects of judgment sentences).

Topic words are regular expressions matched where the sentence's subject starts, after "at",
"in" or "for" and the filler words ``TOPIC_FILLER`` removes ("the way that it is", "how well it",
"its"). They are kept narrow on purpose: a sentence whose subject matches none of them gives no
grade (a summary that names a strength in passing is not a judgment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    id: str
    level: str  # pillar or question
    title: str  # as the year's pages print it
    headings: tuple[str, ...] = ()  # other lines the pages print above the area's grade
    topics: tuple[str, ...] = ()  # regular expressions for the subject of a judgment sentence


@dataclass(frozen=True)
class Year:
    programme: str  # the programme id
    name: str  # as the inspectorate names the year ("2018/19")
    title: str
    areas: tuple[Area, ...]

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
        "How effective is the force at keeping people safe and reducing crime?",
        topics=_EFFECTIVE,
    ),
    Area(
        "efficiency",
        "pillar",
        "How efficient is the force at keeping people safe and reducing crime?",
        topics=_EFFICIENT,
    ),
    Area(
        "legitimacy",
        "pillar",
        "How legitimate is the force at keeping people safe and reducing crime?",
        topics=_LEGITIMATE,
    ),
)

PEEL_2014 = Year(
    "peel-2014",
    "2014",
    "PEEL 2014",
    (
        Area("effectiveness", "pillar", "How well the force tackles crime"),
        Area(
            "effectiveness.q1",
            "question",
            "How effective is the force at reducing crime and preventing offending?",
            topics=(r"reducing crime and preventing offending",),
        ),
        Area(
            "effectiveness.q2",
            "question",
            "How effective is the force at investigating offending?",
            # "investigating crime" names the question too, in the pages' own words.
            topics=(r"investigat(?:ing|es) offending", r"investigat(?:ing|es) crime\b(?! involving)"),
        ),
        Area(
            "effectiveness.q3",
            "question",
            "How effective is the force at tackling anti-social behaviour?",
            topics=(r"tackling anti-social behaviour",),
        ),
        # Narrative questions in 2014: their pages print "Ungraded" (or nothing) below them.
        Area(
            "effectiveness.q4",
            "question",
            "How effective is the force at protecting those at greatest risk of harm?",
        ),
        Area(
            "effectiveness.q5",
            "question",
            "How effective is the force at tackling serious, organised and complex crime?",
        ),
        Area(
            "effectiveness.q6",
            "question",
            "How effective is the force at meeting its commitments under the Strategic Policing Requirement?",
        ),
        Area(
            "efficiency",
            "pillar",
            "How well the force delivers value for money",
            topics=(r"the efficiency with which the force carries out its responsibilities",),
        ),
        Area("efficiency.q1", "question", "To what extent is the force efficient?"),
        Area(
            "efficiency.q2",
            "question",
            "To what extent is the force taking steps to ensure a secure financial position for the short "
            "and long term?",
        ),
        Area(
            "efficiency.q3",
            "question",
            "To what extent has the force got an affordable way of providing policing?",
        ),
        Area(
            "legitimacy",
            "pillar",
            "Does the force act with integrity and provide a service the public expects?",
        ),
        Area(
            "legitimacy.q1",
            "question",
            "To what extent does the force ensure that the workforce acts with integrity?",
        ),
        Area("legitimacy.q2", "question", "What are the public perceptions of the force?"),
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
            "How effective is the force at preventing crime and anti-social behaviour, and keeping people "
            "safe?",
            topics=(r"preventing crime and anti-social behaviour",),
        ),
        Area(
            "effectiveness.q2",
            "question",
            "How effective is the force at investigating crime and managing offenders?",
            topics=(r"investigat(?:ing|es) crime and manag(?:ing|es) offenders", *_INVESTIGATE_CRIME),
        ),
        Area(
            "effectiveness.q3",
            "question",
            "How effective is the force at protecting from harm those who are vulnerable, and supporting "
            "victims?",
            topics=(r"protecting from harm those who are vulnerable",),
        ),
        Area(
            "effectiveness.q4",
            "question",
            "How effective is the force at tackling serious and organised crime, including its arrangement "
            "for "
            "fulfilling its national policing responsibilities?",
            topics=_SOC,
        ),
        Area("efficiency.q1", "question", "How well does the force use its resources to meet its demand?"),
        Area("efficiency.q2", "question", "How sustainable and affordable is the workforce model?"),
        Area(
            "efficiency.q3",
            "question",
            "How sustainable is the force\u2019s financial position for the short and long term?",
        ),
        Area(
            "legitimacy.q1",
            "question",
            "To what extent does practice and behaviour reinforce the wellbeing of staff and an ethical "
            "culture?",
        ),
        Area(
            "legitimacy.q2",
            "question",
            "To what extent are forces recording crimes in accordance with the Home Office Counting Rules?",
        ),
        Area(
            "legitimacy.q3",
            "question",
            "How well does the force understand, engage with and treat fairly the people it serves to "
            "maintain and "
            "improve its legitimacy?",
        ),
        Area(
            "legitimacy.q4",
            "question",
            "To what extent are decisions taken on the use of stop and search and Taser fair and "
            "appropriate?",
        ),
        Area("leadership", "pillar", "Leadership"),
        Area(
            "leadership.q1",
            "question",
            "How well does the force have a clear understanding of the current state of its leadership at "
            "every level?",
        ),
        Area(
            "leadership.q2",
            "question",
            "How well has the force provided a clear and compelling sense of the future direction of the "
            "organisation?",
        ),
        Area(
            "leadership.q3",
            "question",
            "How is the force developing leadership, motivating the workforce and encouraging staff "
            "engagement?",
        ),
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
            "How effective is the force at keeping people safe and reducing crime?",
            topics=(r"keeping people safe and reducing crime", r"reducing crime and keeping people safe"),
        ),
        Area(
            "q1",
            "question",
            "How effective is the force at preventing crime and anti-social behaviour, and keeping people "
            "safe?",
            topics=(r"prevent(?:ing|s) crime and anti-social behaviour",),
        ),
        Area(
            "q2",
            "question",
            "How effective is the force at investigating crime and managing offenders?",
            topics=(r"investigat(?:ing|es) crime and manag(?:ing|es) offenders", *_INVESTIGATE_CRIME),
        ),
        Area(
            "q3",
            "question",
            "How effective is the force at protecting from harm those who are vulnerable, and supporting "
            "victims?",
            topics=(
                r"protect(?:ing|s) from harm those who are vulnerable",
                r"protect(?:ing|s) vulnerable people\b",
            ),
        ),
        Area(
            "q4",
            "question",
            "How effective is the force at tackling serious and organised crime, including its arrangements "
            "for fulfilling its national policing responsibilities?",
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
        "How effective is the force at investigating crime and reducing re-offending?",
        topics=_INVESTIGATE_CRIME,
    ),
    Area(
        "effectiveness.q3",
        "question",
        "How effective is the force at protecting those who are vulnerable from harm, and supporting "
        "victims?",
        topics=_VULNERABLE_2016,
    ),
    Area(
        "effectiveness.q4",
        "question",
        "How effective is the force at tackling serious and organised crime?",
        topics=_SOC,
    ),
    Area("effectiveness.q5", "question", "How effective are the force\u2019s specialist capabilities?"),
)

_EFFECTIVENESS_2016_2017 = (
    Area(
        "effectiveness.q1",
        "question",
        "How effective is the force at preventing crime, tackling anti-social behaviour and keeping people "
        "safe?",
        topics=_PREVENT_2016,
    ),
    *_EFFECTIVENESS_Q2_TO_Q5,
)

_EFFICIENCY_2016_2017 = (
    Area(
        "efficiency.q1",
        "question",
        "How well does the force understand demand?",
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
        "How well is the force planning for demand in the future?",
        topics=_PLANNING_2016,
    ),
)

_LEGITIMACY_2016_2017 = (
    Area(
        "legitimacy.q1",
        "question",
        "To what extent does the force treat all of the people it serves with fairness and respect?",
        headings=("How well does the force treat the people it serves with fairness and respect?",),
        topics=_TREAT_PUBLIC,
    ),
    Area(
        "legitimacy.q2",
        "question",
        "How well does the force ensure that its workforce behaves ethically and lawfully?",
        topics=_ETHICAL,
    ),
    Area(
        "legitimacy.q3",
        "question",
        "To what extent does the force treat its workforce with fairness and respect?",
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
        Area("leadership", "pillar", "Leadership"),
        Area("leadership.q1", "question", "How well does the force understand leadership?"),
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
        Area("leadership", "pillar", "Leadership"),
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
            "How effectively does the force reduce crime and keep people safe?",
            topics=(
                r"reducing crime and keeping people safe",
                r"effectively reducing crime",
                r"how effectively it\b",
            ),
        ),
        Area(
            "effectiveness.q1",
            "question",
            "How effective is the force at preventing crime, tackling anti-social behaviour and keeping "
            "people safe?",
            topics=(
                r"preventing crime(?: and|,) tackling anti-social behaviour",
                r"prevent(?:ing|s) crime\b",
            ),
        ),
        *_EFFECTIVENESS_Q2_TO_Q5,
        Area(
            "efficiency",
            "pillar",
            "How efficiently does the force operate and how sustainable are its services to the public?",
            topics=(
                r"(?:operating|working) efficiently",
                r"using its resources efficiently\b",
                r"how efficient(?:ly)? it\b",
            ),
        ),
        Area(
            "efficiency.q1",
            "question",
            "How well does the force use its resources to meet the demand it faces?",
            topics=(r"meeting current demands? and using (?:its )?resources",),
        ),
        Area(
            "efficiency.q2",
            "question",
            "How well does the force plan for the future?",
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
            "To what extent does the force treat all of the people it serves with fairness and respect?",
            topics=(r"treating the public fairly", *_TREAT_PUBLIC),
        ),
        Area(
            "legitimacy.q2",
            "question",
            "How well does the force ensure that its workforce behaves ethically and lawfully?",
            topics=_ETHICAL,
        ),
        Area(
            "legitimacy.q3",
            "question",
            "To what extent does the force treat its workforce with fairness and respect?",
            topics=(r"treating (?:the|its) workforce (?:fairly|with fairness)",),
        ),
    ),
)

YEARS: dict[str, Year] = {
    year.programme: year for year in (PEEL_2014, PEEL_2015, PEEL_2016, PEEL_2017, PEEL_2018)
}
