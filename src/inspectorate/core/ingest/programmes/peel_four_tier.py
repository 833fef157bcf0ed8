"""What PEEL reports of 2015 to 2020 share: four-tier grade labels printed on a line of their own
after a question's heading, one-sentence judgments ("The force is good at ..."), and bulleted
lists under "Areas for improvement" and "Cause of concern" / "Recommendations".

Lines are addressed by index from 0 into ``document.lines``; what is returned carries a
``Location`` into the normalised text. A programme's reader decides which lines are headings
(``stop``) and which area a list belongs to; this module only reads the shapes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest import common
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedFinding, Location

Stop = Callable[[int], bool]  # is line i a heading (where a list or block ends)?

# Footnote markers glued to headings by PDF conversion: superscript digits, "^{9 10}", asterisks.
_FOOTNOTE_MARKS = re.compile(r"\^\{[\d ]*\}|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\*+$")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_YEAR = re.compile(rf"(?:\d{{1,2}}(?:st|nd|rd|th)? )?(?:{_MONTHS}) \d{{4}}")
# Bullets as pdftotext, HTML (``- ``) and the inspectorate's web pages print them.
_BULLET = re.compile(
    r"^(?:[\u2022\u2023\u25aa\u25cf\u25e6\u2043\uf0b7\uf0a7]\s*|[-\u2013\u2014*]\s+|\d{1,2}[.)]\s+)"
)
# An unbulleted item is a sentence telling the force what to do.
_INSTRUCTION = re.compile(r"^[A-Z][^.?!]{0,90}?\b(?:should|must|needs? to|recommends?)\b")
_RECOMMENDATIONS = re.compile(
    r"^(?:recommendations?:?|to address (?:this|these) causes? of concern\b.*|.*\brecommends? that\b.*:)$",
    re.IGNORECASE,
)


def plain_heading(line: str) -> str:
    """A heading without the footnote markers that PDF conversion leaves on it."""
    return " ".join(_FOOTNOTE_MARKS.sub("", line).split())


def is_heading_word(line: str, *words: str) -> bool:
    """Whether the line is one of the structural headings ``words`` (any case, footnotes aside)."""
    return plain_heading(line).casefold().rstrip(":") in {word.casefold() for word in words}


def full_line_date(document: Document, lines: range) -> tuple[str, Location] | None:
    """The first line among ``lines`` that is nothing but a date ("February 2016", "3 September 2014")."""
    for index in lines:
        if index >= len(document.lines):
            break
        text = document.lines[index]
        if _MONTH_YEAR.fullmatch(text):
            return text, document.at_line(index + 1)
    return None


def next_text(document: Document, index: int, skip: Callable[[str], bool]) -> int | None:
    """The first line of text after line ``index`` that ``skip`` does not pass over."""
    for j in range(index + 1, len(document.lines)):
        if document.lines[j] and not skip(document.lines[j]):
            return j
    return None


def block_end(document: Document, index: int, stop: Stop) -> int:
    """The last line before the first heading after line ``index``."""
    for j in range(index + 1, len(document.lines)):
        if document.lines[j] and stop(j):
            return j - 1
    return len(document.lines) - 1


# ---- grades ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grade:
    label: str  # as the framework's scale names it
    at: Location
    from_label: bool  # False: read from a judgment sentence because no label was printed


class Grades:
    """The grade labels of a framework's scale, found as label lines or inside judgment sentences."""

    def __init__(self, labels: tuple[str, ...]) -> None:
        self.labels = labels
        self._by_fold = {label.casefold(): label for label in labels}
        patterns: list[str] = []
        for label in labels:
            words = label.split()
            if len(words) > 1:
                # "requires improvement", and "require improvement" after a plural subject.
                first = re.escape(words[0].casefold().removesuffix("s")) + "s?"
                rest = r"\s+".join(map(re.escape, words[1:]))
                patterns.append(rf"(?P<g{len(patterns)}>\b{first}\s+{rest}\b)")
            else:
                # A bare adjective counts only as a judgment: "is good at", "to be inadequate."
                patterns.append(
                    rf"\b(?:is|are|be|as|remains?)\s+(?P<g{len(patterns)}>{re.escape(label)})"
                    r"(?=\s+(?:at|in|overall)\b|\s*[.;,]|\s*$)"
                )
        self._sentence = re.compile("|".join(patterns), re.IGNORECASE)

    def label(self, line: str) -> str | None:
        """The grade a line states when it is nothing but a grade label."""
        return self._by_fold.get(" ".join(line.split()).rstrip(".").casefold())

    def label_after(
        self, document: Document, index: int, skip: Callable[[str], bool], limit: int = 8
    ) -> Grade | None:
        """The label printed after line ``index``, past blank lines and lines ``skip`` accepts.
        A label broken over two lines by a narrow box ("Requires" / "improvement") is joined."""
        lines = document.lines
        seen: list[int] = []
        for j in range(index + 1, min(len(lines), index + 1 + limit)):
            text = lines[j]
            if not text or (not seen and skip(text)):
                continue
            seen.append(j)
            words = " ".join(lines[k] for k in seen)
            found = self.label(words)
            if found is not None:
                start = document.line_start(seen[0] + 1)
                end = document.line_start(j + 1) + len(text)
                return Grade(found, document.at(start, end), from_label=True)
            if len(seen) == 2 or not any(
                label.casefold().startswith(words.casefold() + " ") for label in self.labels
            ):
                return None
        return None

    def in_sentences(self, document: Document, first: int, last: int) -> Grade | None:
        """The first judgment sentence in lines ``first`` to ``last`` (inclusive), for a block
        whose label is not printed."""
        if first > last or first >= len(document.lines):
            return None
        start = document.line_start(first + 1)
        end = document.line_start(last + 1) + len(document.lines[last])
        match = self._sentence.search(document.text, start, end)
        if match is None:
            return None
        group = next(name for name, value in match.groupdict().items() if value is not None)
        label = self._label_of(match.group(group))
        _, at = common.sentence(document, match.start(group), match.end(group))
        return Grade(label, at, from_label=False)

    def _label_of(self, words: str) -> str:
        folded = " ".join(words.split()).casefold()
        for label in self.labels:
            head, _, rest = label.casefold().partition(" ")
            if folded in (label.casefold(), f"{head.removesuffix('s')} {rest}"):
                return label
        return words


# ---- lists: areas for improvement, causes of concern ---------------------------------------------


@dataclass(frozen=True)
class Item:
    text: str
    start: int
    end: int


def list_items(document: Document, first: int, stop: Stop) -> tuple[list[Item], int]:
    """The items of the list that starts at or after line ``first``, and the line it ends on.

    Items are bulleted lines, or (in copies that lost their bullets) paragraphs telling the force
    what to do. A line right below an item continues it, as does a lower-case line after a page
    break; the list ends at a heading or at the first other paragraph. Text from HTML has no blank
    lines: there every line is a paragraph of its own."""
    lines = document.lines
    wrapped = "" in lines
    items: list[Item] = []
    pieces: list[str] = []
    start = end = 0
    bulleted = False
    blank = False
    index = first
    while index < len(lines):
        text = lines[index]
        if not text:
            blank = True
            index += 1
            continue
        if stop(index):
            break
        if text.isdigit():  # a page number between two pages of the list
            index += 1
            continue
        line_start = document.line_start(index + 1)
        bullet = _BULLET.match(text)
        paragraph = blank or not wrapped
        if bullet or (_INSTRUCTION.match(text) and (not pieces or (paragraph and not bulleted))):
            if pieces:
                items.append(Item(" ".join(pieces), start, end))
            bulleted = bullet is not None
            offset = bullet.end() if bullet else 0
            pieces, start = [text[offset:]], line_start + offset
        elif pieces and (not paragraph or text[0].islower()):
            pieces.append(text)
        else:
            break
        end = line_start + len(text)
        blank = False
        index += 1
    if pieces:
        items.append(Item(" ".join(pieces), start, end))
    return items, index


def listed_findings(
    document: Document, stop: Stop, owner: Callable[[int], tuple[str | None, str | None]]
) -> tuple[list[ImportedFinding], list[str]]:
    """Every area for improvement and cause of concern, each given to the area ``owner`` names
    (title, id) for its heading's line; with the headings under which nothing could be read."""
    findings: list[ImportedFinding] = []
    missing: list[str] = []
    for index, line in enumerate(document.lines):
        improvement = is_heading_word(line, "Areas for improvement", "Area for improvement")
        if not (improvement or is_heading_word(line, "Cause of concern", "Causes of concern")):
            continue
        title, area_id = owner(index)
        read = improvement_findings if improvement else concern_findings
        found = read(document, index, stop, title, area_id)
        if not found:
            missing.append(f"{plain_heading(line)} (line {index + 1}): no items could be read under it")
        findings.extend(found)
    return findings, missing


def improvement_findings(
    document: Document, heading: int, stop: Stop, area_title: str | None, area_id: str | None
) -> list[ImportedFinding]:
    """The areas for improvement listed under the heading at line ``heading``."""
    items, _ = list_items(document, heading + 1, stop)
    return [
        ImportedFinding(
            kind=FindingKind.AREA_FOR_IMPROVEMENT,
            text=" ".join(item.text.split()),
            area_title=area_title,
            area_id=area_id,
            at=document.at(item.start, item.end),
        )
        for item in items
    ]


def concern_findings(
    document: Document, heading: int, stop: Stop, area_title: str | None, area_id: str | None
) -> list[ImportedFinding]:
    """The causes of concern under the heading at line ``heading``: each is its text, then the
    recommendations listed after "Recommendations" or "To address this cause of concern ...".
    A concern with no recommendations is its first paragraph only (what follows is narrative)."""
    lines = document.lines
    wrapped = "" in lines  # as in ``list_items``: without blank lines, a line is a paragraph
    found: list[ImportedFinding] = []
    index = heading + 1
    while True:
        marker = _recommendations_line(document, index, stop)
        paragraph: list[int] = []
        for j in range(index, marker if marker is not None else len(lines)):
            if lines[j] and stop(j):
                break
            if paragraph and marker is None and (not lines[j] or not wrapped):
                break
            if lines[j]:
                paragraph.append(j)
        if not paragraph:
            break
        recommendations: list[Item] = []
        if marker is not None:
            # "Recommendations" may be followed by "To address this cause of concern, ... :".
            following = next_text(document, marker, skip=lambda text: False)
            while following is not None and _RECOMMENDATIONS.match(lines[following]):
                marker, following = following, next_text(document, following, skip=lambda text: False)
            recommendations, index = list_items(document, marker + 1, stop)
        start = document.line_start(paragraph[0] + 1)
        end = document.line_start(paragraph[-1] + 1) + len(lines[paragraph[-1]])
        found.append(
            ImportedFinding(
                kind=FindingKind.CAUSE_OF_CONCERN,
                text=" ".join(document.text[start:end].split()),
                area_title=area_title,
                area_id=area_id,
                at=document.at(start, end),
                recommendations=tuple(" ".join(item.text.split()) for item in recommendations),
            )
        )
        if not recommendations:
            break
    return found


def _recommendations_line(document: Document, first: int, stop: Stop) -> int | None:
    """The line introducing a concern's recommendations, if one comes before the next heading."""
    for index in range(first, len(document.lines)):
        text = document.lines[index]
        if text and _RECOMMENDATIONS.match(text):
            return index
        if text and stop(index):
            return None
    return None
