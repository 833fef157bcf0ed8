"""Truth files: what a published text states, checked by hand, to score the readers against.

Each text of the corpus (``tests/data/published-reports/``) has a ``<name>.truth.yaml`` next to it
recording the text's programme, force, date, every grade it states for its own report (not an
earlier year's it quotes), the areas it says are not graded, every recording-rate estimate, the
findings it states by kind, and the traps a reader could fall into. Every ``quote`` must be a
literal substring of the text: that is how a truth value stays checkable by eye.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from inspectorate.core.problems import InputError, Problem
from inspectorate.core.yamldoc import parse_yaml

TRUTH_SUFFIX = ".truth.yaml"
TEXT_SUFFIX = ".txt"

Form = Literal["web page", "press release", "report", "other"]
TrapKind = Literal["earlier-grade", "passing-mention", "partial-grades", "no-grade", "other-force", "other"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TrueGrade(_Strict):
    area: str
    grade: str
    quote: str


class TrueUngraded(_Strict):
    area: str
    quote: str


class TrueEstimate(_Strict):
    scope: str
    percent: float
    interval: float | None
    year: str | None  # None: the report's own estimate; "2014": an earlier inspection's, quoted
    quote: str


class TrueTrap(_Strict):
    kind: TrapKind
    quote: str
    note: str = ""


class Truth(_Strict):
    source: str = Field(pattern=r"^https?://")
    form: Form
    force: str | None
    programme: str | None
    year: str | None
    date: str | None
    grades: tuple[TrueGrade, ...]
    ungraded: tuple[TrueUngraded, ...]
    cdi: tuple[TrueEstimate, ...]
    findings: dict[str, int]
    traps: tuple[TrueTrap, ...]
    truncated: bool
    checked: str

    def quotes(self) -> list[tuple[str, str]]:
        """(where, quote) for every quote the file makes."""
        found = [(f"grades[{i}]", g.quote) for i, g in enumerate(self.grades)]
        found += [(f"ungraded[{i}]", u.quote) for i, u in enumerate(self.ungraded)]
        found += [(f"cdi[{i}]", e.quote) for i, e in enumerate(self.cdi)]
        found += [(f"traps[{i}]", t.quote) for i, t in enumerate(self.traps)]
        return found


@dataclass(frozen=True)
class CorpusText:
    name: str  # the file name without its suffix
    part: str  # the folder it sits in: dev or heldout
    text_path: Path
    truth: Truth


def read_truth(path: Path) -> Truth:
    """A truth file, validated; a problem is one located line."""
    document = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    problems = document.model_problems(Truth)
    if problems:
        raise InputError(str(problems[0]))
    return Truth.model_validate(document.data)


def quote_problems(text: str, truth: Truth, source: str) -> list[Problem]:
    """Every quote that is not a literal substring of the text."""
    return [
        Problem(source, None, where, f"quote not in the text: {quote[:60]!r}")
        for where, quote in truth.quotes()
        if quote not in text
    ]


def corpus(root: Path, parts: tuple[str, ...] = ("dev", "heldout")) -> list[CorpusText]:
    """Every text of the corpus under ``root`` with its truth, in name order within each part."""
    found: list[CorpusText] = []
    for part in parts:
        folder = root / part
        if not folder.is_dir():
            continue
        for text_path in sorted(folder.glob(f"*{TEXT_SUFFIX}")):
            name = text_path.name.removesuffix(TEXT_SUFFIX)
            truth_path = folder / f"{name}{TRUTH_SUFFIX}"
            if not truth_path.exists():
                raise InputError(f"{text_path}: no truth file {truth_path.name} next to it")
            found.append(CorpusText(name, part, text_path, read_truth(truth_path)))
    return found
