"""PEEL 2025-27, read by ``five_tier_round`` like 2023-25: its name as printed ("PEEL assessment
framework (PAF) 2025-2027", "our 2025-27 round of PEEL inspections"). Its framework holds only the
first core question (leadership and force management) so far; the other areas' words are those of
2023-25, and a grade for an area the framework does not hold is listed as missing.
"""

from __future__ import annotations

import re

from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.programmes.five_tier_round import five_tier_round
from inspectorate.core.ingest.programmes.peel2023 import AREA_WORDS

_ROUND = re.compile(
    r"PEEL[^.\n]{0,60}?2025\s*[\u2013\u2014-]\s*(?:20)?27\b|2025\s*[\u2013\u2014-]\s*(?:20)?27\s+round\s+of\s+PEEL",
    re.IGNORECASE,
)


def recognises(document: Document) -> bool:
    return bool(_ROUND.search(document.text))


PROGRAMME = five_tier_round("peel-2025", "PEEL 2025\u20132027", "2025-27", recognises, AREA_WORDS)
