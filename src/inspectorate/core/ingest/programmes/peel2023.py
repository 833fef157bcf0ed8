"""PEEL 2023-25, read by ``five_tier_round``: its name as the texts print it ("PEEL 2023-2025",
"PEEL Assessment Framework 2023-25", "PEEL assessments 2023 - 2025") and the words that name its
areas, in the reports' headings and in the other words commissioners and local pages use
("treating the public fairly, appropriately and respectfully" for police powers and public
treatment). A page that names no round but a PEEL report published in 2023 or 2024 graded on the
five tiers (it says "adequate") is of this round too.
"""

from __future__ import annotations

import re

from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.programmes.five_tier_round import five_tier_round

_ROUND = re.compile(
    r"PEEL(?:\s+Assessment\s+Framework(?:\s+\(PAF\))?|\s+assessments?|\s+inspections?)?\s*(?:for\s+)?"
    r"2023\s*[\u2013\u2014-]\s*(?:20)?25\b",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(r"\bPEEL\b[\s\S]{0,600}?\bpublished\s+in\s+(?:[A-Z][a-z]+\s+)?(?:2023|2024)\b")
_FIVE_TIER = re.compile(r"\badequate\b", re.IGNORECASE)

AREA_WORDS = (
    (("police powers and public treatment", "treating the public fairly", "treating people fairly",
      "police powers"),
     "police-powers-and-public-treatment"),
    (("preventing crime", "preventing and deterring crime", "prevention and deterrence", "prevents crime"),
     "preventing-crime"),
    (("responding to the public", "responds to the public"), "responding-to-the-public"),
    (("investigating crime", "investigates crime"), "investigating-crime"),
    (("protecting vulnerable people", "protects vulnerable people"), "protecting-vulnerable-people"),
    (("managing offenders", "manages offenders"), "managing-offenders-and-suspects"),
    (("building supporting and protecting the workforce", "supporting and protecting the workforce"),
     "building-supporting-and-protecting-the-workforce"),
    (("leadership and force management",), "leadership-and-force-management"),
    (("recording data about crime", "reporting data about crime", "recording crime", "crime recording"),
     "recording-data-about-crime"),
)  # fmt: skip


def recognises(document: Document) -> bool:
    text = document.text
    return bool(_ROUND.search(text) or (_PUBLISHED.search(text) and _FIVE_TIER.search(text)))


PROGRAMME = five_tier_round("peel-2023", "PEEL 2023\u20132025", "2023-25", recognises, AREA_WORDS)
