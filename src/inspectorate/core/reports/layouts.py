"""Which layout each programme's reports are printed in (templates reports/<layout>.html).

They follow the published reports: PEEL 2021/22 opens with the grades table, HM Inspector's
observations and the victim service assessment; PEEL 2015 with an overview and the force in
numbers, its judgment criteria in an annex; the 2006 baseline with its summary of judgements
(grade and direction of travel); the 2014 core-business inspection is a letter to the force.
"""

from __future__ import annotations

LAYOUTS = {
    "peel-2021": "peel-2021",
    "peel-2015-effectiveness": "peel-2015",
    "peel-2018": "peel-2015",
    "ba-2006": "ba-2006",
    "core-business-2014": "letter",
    "cdi-2016": "peel-2015",
}
DEFAULT_LAYOUT = "peel-2015"


def layout_for(framework_id: str) -> str:
    return LAYOUTS.get(framework_id, DEFAULT_LAYOUT)
