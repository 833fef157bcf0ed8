"""Which PEEL year a page or press release reports on, from its own wording.

Three families say it: the page's title line ("Kent PEEL 2016", "Durham 2017", "Greater Manchester
2018/19"), whose name must be a force's; the opening sentence of an overview page ("This is
HMIC's third PEEL ... assessment of ...", "This is the first PEEL Assessment of ...", "In making
this first PEEL Assessment of ..."); and a press release's title ("PEEL: police legitimacy 2017",
"PEEL: Police effectiveness, efficiency and legitimacy 2018/19"). A news item or a commissioner's
page that only talks about a PEEL report has none of these, and is not read as one. A force's
2015 effectiveness page ("Norfolk PEEL 2015" above the effectiveness question) belongs to the 2015
effectiveness report, ``peel-2015-effectiveness``, not to the 2015 assessment's pillar.
"""

from __future__ import annotations

import re
from functools import cache

from inspectorate.core.ingest.document import Document

_ORDINALS = {
    "first": "peel-2014",
    "second": "peel-2015",
    "third": "peel-2016",
    "fourth": "peel-2017",
    "fifth": "peel-2018",
}
_BY_YEAR = {
    "2014": "peel-2014",
    "2015": "peel-2015",
    "2016": "peel-2016",
    "2017": "peel-2017",
    "2018": "peel-2018",
    "2018/19": "peel-2018",
}

_TITLE = re.compile(
    r"^(?P<name>[A-Z][A-Za-z&' -]{2,40}?) (?:PEEL )?(?P<year>2014|2015|2016|2017|2018(?:/19)?)$"
)
_OPENING = re.compile(
    r"(?:This is|In making this) (?:the |HMIC(?:FRS)?[\u2019']s? )?"
    r"(?P<ordinal>first|second|third|fourth|fifth) "
    r"(?:PEEL\b|assessment of the effectiveness, efficiency and legitimacy)",
    re.IGNORECASE,
)
# "PEEL: police effectiveness 2015" is the 2015 effectiveness report, read by its own module.
_PRESS = re.compile(
    r"^PEEL:? (?:police|Police) (?:effectiveness, efficiency and legitimacy (?P<integrated>2018/19)"
    r"|(?P<pillar>efficiency|legitimacy|effectiveness) (?P<year>2016|2017)"
    r"|(?P<old>efficiency|legitimacy) 2015)\b",
    re.MULTILINE,
)
_HEAD_LINES = 25
# The first pillar question a pillar page prints below its title; the 2015 effectiveness page is
# the page of the 2015 effectiveness report, a programme of its own.
_PILLAR_QUESTION = re.compile(
    r"^How (?P<pillar>effective|efficient|legitimate) is the force at keeping people safe"
)


# The site's title line names some forces by their name without its last word ("Metropolitan PEEL
# 2014", "City of London 2016"), which is neither the Home Office's name nor the force's own.
_FORCE_WORD = re.compile(r" (?:Police(?: Service)?|Constabulary)$")


@cache
def _force_names() -> frozenset[str]:
    from inspectorate.core.forces.reference import all_forces

    return frozenset(
        name
        for force in all_forces()
        for name in (force.home_office_name, force.name, _FORCE_WORD.sub("", force.name))
    )


def _first_pillar(lines: list[str]) -> str | None:
    return next((m.group("pillar") for line in lines if (m := _PILLAR_QUESTION.match(line))), None)


def programme_of(document: Document) -> str | None:
    """The PEEL programme id (``peel-2014`` ... ``peel-2018``, or ``peel-2015-effectiveness`` for a
    force's 2015 effectiveness page) the text reports on, or None."""
    lines = [line for line in document.lines[:120] if line][:_HEAD_LINES]
    for line in lines:
        title = _TITLE.match(line)
        if title and title.group("name") in _force_names():
            programme = _BY_YEAR[title.group("year")]
            if programme == "peel-2015" and " PEEL " in line and _first_pillar(lines) == "effective":
                return "peel-2015-effectiveness"
            return programme
    head = document.text[:4000]
    opening = _OPENING.search(head)
    if opening:
        return _ORDINALS[opening.group("ordinal").casefold()]
    press = _PRESS.search(head)
    if press:
        year = press.group("integrated") or press.group("year") or "2015"
        return _BY_YEAR[year]
    return None
