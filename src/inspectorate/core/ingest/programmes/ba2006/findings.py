"""The findings of a 2006 baseline assessment: each framework's Strengths, Work in Progress and
Areas for Improvement lists, one finding a bullet, and its GOOD PRACTICE boxes, one finding a box.

The lists are where the report's layout bites:
- a page footer ("October 2006") falls mid-bullet; the bullet goes on after it on a line with no
  dash, often starting in lower case. Every line without a bullet mark is therefore read as the
  previous bullet going on, whether it follows a footer, a blank line or nothing (a PDF wraps each
  bullet over several lines), so a page break neither adds a finding nor cuts one in two. Once in
  a while the line after the footer is given a dash of its own; a "bullet" that starts in lower
  case straight after a page break, when the one before stopped mid-sentence, goes on that one;
- themed sub-headings ("Child Abuse Investigations", "Firearms") sit between bullets: a short
  Title Case line on its own, after a finished bullet and before the next one;
- a list whose items are paragraphs rather than bullets (a conversion that dropped the marks) is
  read a paragraph an item.
Contextual factors, national context and the Audit Commission's table hold no findings, so bullets
under them are not read.

A good practice box is a title, some paragraphs (perhaps with a bulleted list of outcomes) and a
contact; its finding is "title: text", without the contact's name and telephone number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.model import ImportedFinding
from inspectorate.core.ingest.programmes.ba2006.layout import (
    GRADE_HEADER,
    OTHER_BLOCK,
    Layout,
    Section,
    frameworks,
    list_kind,
)

_BULLET = re.compile(r"^[-\u2022\u00b7\u25aa\u25cf\u25e6*](?:\s+(?P<text>\S.*))?$")
_CONTACT = re.compile(r"^Contacts?\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;:)\"'\u2019\u201d]$")
_MINOR_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"})


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    after_break: bool  # a blank line, page furniture or the block's heading comes before it
    after_page: bool  # page furniture comes before it


@dataclass
class _Block:
    kind: FindingKind | None
    heading: str
    lines: list[_Line] = field(default_factory=list)


@dataclass
class _Item:
    start: int  # character offsets of the item's text
    end: int
    parts: list[str]
    bulleted: bool

    def text(self) -> str:
        return join(self.parts)


def join(parts: list[str]) -> str:
    """Lines of one bullet as one text; a word hyphenated over a line break ("NCRS-" / "related")
    is joined without a space."""
    text = ""
    for part in parts:
        if text and re.search(r"[A-Za-z]-$", text) and part[:1].islower():
            text += part
        else:
            text = f"{text} {part}" if text else part
    return " ".join(text.split())


def _is_subheading(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 8 or len(text) > 70 or text[-1] in ".;:!?,":
        return False
    return all(w[0].isupper() or w.casefold() in _MINOR_WORDS or not w[0].isalpha() for w in words)


def _goes_on(current: _Item | None, line: _Line, text: str | None) -> bool:
    """Whether a bulleted line after a page break is the previous bullet going on."""
    return (
        current is not None
        and current.bulleted
        and line.after_page
        and text is not None
        and text[:1].islower()
        and not _SENTENCE_END.search(current.parts[-1])
    )


def _blocks(layout: Layout, section: Section) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    after_break, after_page = True, False
    for number in range(section.heading.line + 1, section.end):
        text = layout.line(number)
        kind = list_kind(text)
        if kind is not None or OTHER_BLOCK.match(text) or GRADE_HEADER.match(text):
            current = _Block(kind, text)
            blocks.append(current)
            after_break, after_page = True, False
        elif not text:
            after_break = True
        elif layout.is_furniture(text):
            after_break, after_page = True, True
        elif current is not None:
            current.lines.append(_Line(number, text, after_break, after_page))
            after_break, after_page = False, False
    return [block for block in blocks if block.kind is not None]


def _list_items(layout: Layout, block: _Block) -> list[_Item]:
    document = layout.document
    items: list[_Item] = []
    current: _Item | None = None
    for index, line in enumerate(block.lines):
        start = document.line_start(line.number)
        end = start + len(line.text)
        bullet = _BULLET.match(line.text)
        if bullet and _goes_on(current, line, bullet.group("text")):
            assert current is not None
            current.parts.append(bullet.group("text"))
            current.end = end
            continue
        if bullet:
            if bullet.group("text") is None:
                current = None  # an empty bullet: its text may come on the next line
                continue
            current = _Item(start + bullet.start("text"), end, [bullet.group("text")], bulleted=True)
            items.append(current)
            continue
        following = block.lines[index + 1] if index + 1 < len(block.lines) else None
        if (
            line.after_break
            and _is_subheading(line.text)
            and (current is None or _SENTENCE_END.search(current.parts[-1]))
            and following is not None
            and _BULLET.match(following.text)
        ):
            current = None
            continue
        starts_paragraph = current is not None and not current.bulleted and line.after_break
        if current is None or (starts_paragraph and _SENTENCE_END.search(current.parts[-1])):
            current = _Item(start, end, [line.text], bulleted=False)
            items.append(current)
        else:
            current.parts.append(line.text)
            current.end = end
    return items


def _good_practice(layout: Layout, block: _Block) -> _Item | None:
    document = layout.document
    body: list[_Line] = []
    for line in block.lines:
        if _CONTACT.match(line.text):
            break
        body.append(line)
    if not body:
        return None
    parts: list[str] = []
    for line in body:
        bullet = _BULLET.match(line.text)
        if bullet is None:
            parts.append(line.text)
        elif bullet.group("text"):
            parts.append(bullet.group("text"))
    title = body[0].text
    if len(body) > 1 and not _BULLET.match(title) and _is_subheading(title):
        text = f"{title}: {join(parts[1:])}"
    else:
        text = join(parts)
    start = document.line_start(body[0].number)
    return _Item(start, document.line_start(body[-1].number) + len(body[-1].text), [text], bulleted=False)


def section_findings(layout: Layout, section: Section) -> tuple[list[ImportedFinding], list[str]]:
    document = layout.document
    heading = section.heading
    found: list[ImportedFinding] = []
    missing: list[str] = []
    for block in _blocks(layout, section):
        kind = block.kind
        assert kind is not None
        if kind is FindingKind.GOOD_PRACTICE:
            box = _good_practice(layout, block)
            items = [box] if box else []
        else:
            items = _list_items(layout, block)
        if not items:
            name = f"{heading.area.code} {heading.area.title}"
            missing.append(f"{name}: nothing could be read under its heading {block.heading!r}")
        for item in items:
            found.append(
                ImportedFinding(
                    kind=kind,
                    text=item.text(),
                    area_title=heading.title,
                    area_id=heading.area.id,
                    at=document.at(item.start, item.end),
                )
            )
    return found, missing


def findings(layout: Layout) -> tuple[list[ImportedFinding], list[str]]:
    """Every framework's findings in the report's order, and what could not be read."""
    found: list[ImportedFinding] = []
    missing: list[str] = []
    for area in frameworks():
        section = layout.section_of(area.id)
        if section is None:
            missing.append(f"{area.code} {area.title}: its section was not found; its findings were not read")
            continue
        read, unread = section_findings(layout, section)
        found.extend(read)
        missing.extend(unread)
    if not found and layout.sections:
        missing.append("findings: no strengths, work in progress or areas for improvement were found")
    return found, missing
