"""HMIC's 2014 crime data integrity inspection of every force ("Crime-recording: making the victim
count", its interim report "Crime recording: A matter of fact", and the force reports), as its
pages, news items and commissioners' statements tell it.

The 2014 inspection graded no force: its reports gave audit counts ("121 of the 132 crimes that
should have been recorded") and recommendations. So this reader reads no grade; the rates a text
quotes are read by ``common``. It recognises a text whose opening is about crime recording by HMIC
(the inspectorate's name until July 2017) and that names neither a later crime data integrity
inspection nor a PEEL round, which are read by their own readers (listed before this one).
"""

from __future__ import annotations

import re

from inspectorate.core.frameworks.library import get_framework
from inspectorate.core.ingest.contract import Programme, ProgrammeReading
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.programmes.peel2021.text import publication_date

FRAMEWORK_ID = "cdi-2014"

_TOPIC = re.compile(
    r"crime data integrity|crime[- ]recording|recording (?:of )?crime|crime data\b|\bfails? to record\b",
    re.IGNORECASE,
)
_HMIC = re.compile(
    r"\bHMIC\b|Her Majesty[\u2019']s Inspectorate of Constabulary\b(?! and Fire)"
    r"|HM Inspectorate of Constabulary\b(?! and Fire)"
)
_LATER = re.compile(r"\bHMICFRS\b|Fire (?:and|&) Rescue|\b20(?:1[6-9]|2\d)\b|\bPEEL\b")
_OPENING = 700


def recognises(document: Document) -> bool:
    head = document.text[:_OPENING]
    # A copyright line's year is the page's, not the inspection's.
    body = "\n".join(
        line for line in document.lines if not re.search(r"\u00a9|copyright", line, re.IGNORECASE)
    )
    return bool(_TOPIC.search(head) and _HMIC.search(document.text[:3000]) and not _LATER.search(body))


def read(document: Document) -> ProgrammeReading:
    date = publication_date(document, len(document.lines))
    return ProgrammeReading(
        framework_version=get_framework(FRAMEWORK_ID).version,
        date=date[0] if date else None,
        missing=("grades: the 2014 crime data integrity inspection graded no force",),
        year="2014",
    )


PROGRAMME = Programme(FRAMEWORK_ID, "Crime data integrity inspection 2014", recognises, read)
