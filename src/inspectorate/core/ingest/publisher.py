"""Who speaks in a text: the inspectorate itself, or someone writing about its report.

Only the inspectorate's own forms are reports: its report pages and PDFs, its force and pillar
pages, its press releases (also when a news wire republishes them word for word). A police and
crime commissioner's page, a newspaper's or broadcaster's item, a force's own news item or a
council page may repeat the inspectorate's grades, but it is not the report: the importer reads no
programme from it (its recording-rate figures and force are still read; a figure it states is
still a figure it states).

The test is by wording families, not by address (a text is read from its words alone):

* an outside voice: a commissioner or a force speaking ("the Police and Crime Commissioner
  said", "PCC welcomes ...", "Deputy Chief Constable ... said", "fully accepts the grading"),
  another body's spokesperson, a newspaper's furniture ("Have your say", "Sign up to our daily
  newsletter", a byline), and the reporter's way of citing the report or the inspectorate ("the
  report said", "said the report", "the police watchdog", "..., HMICFRS found.", "HMI says");
* the inspectorate's own voice: its link and note lines ("Get the report", "Notes to editors")
  and its first person plural outside quotation marks ("we found", "our inspection").

A text with an outside voice and none of the inspectorate's own is not a report. Words inside
quotation marks are someone quoted, so a news item quoting HM Inspector's "we found" stays a
news item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import Location

_NAME = r"(?:[A-Z][a-z'\u2019-]+\s+){0,4}"
_COMMISSIONER = (
    r"(?:PCC|(?:Police|Police,?\s+Fire|Police,?\s+Crime)\s*(?:and|&)\s*(?:Crime\s+|Victims[\u2019']?\s+)?"
    r"Commissioner|Police\s+Commissioner|Commissioner)"
)
_SPEAKS = r"(?:said|says|welcome[sd]?|responds?|responded|stressed|commented|added)"

_OUTSIDE = (
    # A commissioner speaking or welcoming: "PCC welcomes ...", "Mr Roddick said" after naming
    # the commissioner, "the Office of the Police and Crime Commissioner said".
    re.compile(rf"\b{_COMMISSIONER}\b[^.\n\u201c\"]{{0,80}}?\b{_SPEAKS}\b", re.IGNORECASE),
    re.compile(rf"\bAs\s+(?:the\s+)?{_COMMISSIONER},\s+I\b", re.IGNORECASE),
    re.compile(
        rf"^(?:STATEMENT|Statement)\s+(?:FROM|from|by|BY)\b.*\b{_COMMISSIONER}\b", re.IGNORECASE | re.M
    ),
    # A force speaking of its own inspection: "Deputy Chief Constable Ian Pilling said", "a force
    # spokesman said", "<Force> fully accepts the grading by HMICFRS".
    re.compile(
        r"\b(?:(?:Deputy|Assistant|Temporary)\s+)?Chief\s+Constable\b[^.\n\u201c\"]{0,60}?\b"
        r"(?:said|says|has\s+welcomed|welcomed|added|commented)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:force|police)\s+spokes(?:man|woman|person)\b", re.IGNORECASE),
    re.compile(r"\b(?:fully\s+)?accepts\s+the\s+(?:findings|grading|report|judgment)\b", re.IGNORECASE),
    # A newspaper's furniture.
    re.compile(
        r"^(?:Have your say|Share this article|Sign up to our daily newsletter|Hide Ad|Read More|"
        r"Advertisement|Comments are closed|Stock image\.?|editorial image)\s*$",
        re.IGNORECASE | re.M,
    ),
    re.compile(r"\b(?:Crime|Home affairs|Political)\s+(?:correspondent|reporter)\b", re.IGNORECASE),
    re.compile(r"\bPic(?:ture)?\s+submitted\b|\bPhoto:\s", re.IGNORECASE),
    # The reporter citing the report or the inspectorate from outside.
    re.compile(
        r"\bsaid\s+the\s+report\b|\bthe\s+(?:latest\s+|full\s+)?report\s+(?:said|says|states|stated)\b", re.I
    ),
    re.compile(r"\b(?:police\s+|government\s+)?watchdogs?\b", re.IGNORECASE),
    # A reporter's attribution after the statement, in the past tense ("..., HMICFRS found.",
    # "..., the Inspectorate said."): the inspectorate's own releases say "the police inspectorate
    # has said" or open with "HMICFRS said".
    re.compile(
        r",\s+(?:the\s+)?(?:HMICFRS|HMIC|[Ii]nspectorate|[Ii]nspectors|report)\s+(?:said|found|concluded|added)\.",
    ),
    # "HMI says ...", "HMI believes ...": the inspectorate named as an entity by a reporter (its own
    # texts name the inspector who speaks).
    re.compile(r"\bHMI\s+(?:says|believes|thinks|warns)\b"),
    # Another body's spokesperson ("spokesperson for Rape Crisis").
    re.compile(r"\bspokes(?:man|woman|person)\s+for\b", re.IGNORECASE),
    re.compile(r"^Readers\s+may\s+remember\b", re.M),
)
# The inspectorate's own lines: its link and note headings, and "we" speaking of the inspection.
_OWN_LINES = re.compile(
    r"^(?:Get the (?:report|press release|force reports?|full report)|Notes to editors|Notes|"
    r"Read the (?:full )?report)\b",
    re.IGNORECASE | re.M,
)
_OWN_VOICE = re.compile(
    r"\b(?:we|We)\s+(?:found|estimate[sd]?|inspected|examined|assessed|reviewed|judged|graded|"
    r"concluded|have\s+(?:found|inspected|assessed|judged|graded)|also\s+found|consider)\b"
    r"|\b(?:[Oo]ur)\s+(?:inspection|inspectors|findings|judg(?:e)?ments?|report|assessment|"
    r"(?:19|20)\d\d\s+(?:report|inspection))\b"
)
_OPENING_QUOTES = '\u201c"\u2018'


@dataclass(frozen=True)
class Voice:
    """Why a text is taken for someone else's: the words that show the outside voice."""

    at: Location


def outside_voice(document: Document) -> Voice | None:
    """The first sign that ``document`` is written about the inspectorate's report by someone
    else; None when the text is (or may be) the inspectorate's own."""
    if _OWN_LINES.search(document.text) or any(
        not _quoted(document.text, match.start()) for match in _OWN_VOICE.finditer(document.text)
    ):
        return None
    for pattern in _OUTSIDE:
        for match in pattern.finditer(document.text):
            return Voice(document.at(match.start(), match.end()))
    return None


def _quoted(text: str, position: int) -> bool:
    """True when ``position`` lies inside a quotation: its line opens one that is still open
    (news items print each quoted paragraph from its opening mark, often without a closing one)."""
    line_start = text.rfind("\n", 0, position) + 1
    before = text[line_start:position]
    if before[:1] and before[:1] in _OPENING_QUOTES:
        return True
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1
