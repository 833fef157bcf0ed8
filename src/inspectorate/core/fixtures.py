"""The shape of a recorded-inspections fixture: a force's inspections from published reports.

It is data, checked on load with every problem located; the web side turns it into records.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.io import read_text
from inspectorate.core.problems import ProblemsError
from inspectorate.core.yamldoc import YamlSyntaxError, parse_yaml

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RecordedJudgment(Strict):
    grade: str | None = None
    direction: str | None = None
    summary: str | None = None


class RecordedFinding(Strict):
    kind: FindingKind
    areas: tuple[Text, ...] = Field(min_length=1)
    text: Text
    note: str | None = None
    recommendations: tuple[Text, ...] = ()
    kept_when_imported: bool = False
    """A point the report makes without a label, which a later report says was raised: recorded
    even when the report itself is imported (the importer reads labelled findings only), so that
    the later report's reference finds it. Its note says it was not labelled."""


class RecordedEvidence(Strict):
    kind: Text
    title: Text
    areas: tuple[Text, ...] = ()
    description: str | None = None
    date_label: str | None = None


class RecordedFigure(Strict):
    """A figure the report published: a rate with its +/- interval, "N of M", or a number."""

    section: Literal["crime-data-integrity", "case-review"]
    measure: Text
    percent: float | None = None
    ci_plus_minus: float | None = None
    n: int | None = None
    m: int | None = None
    value: int | None = None
    period: str | None = None


class RecordedInspection(Strict):
    reference: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]*$")]
    framework: Text
    title: Text
    status: Text = "published"
    period_label: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    published_label: str | None = None
    published_on: date | None = None
    source: str | None = None
    summary: str | None = None
    judgments: dict[str, RecordedJudgment] = Field(default_factory=dict)
    findings: tuple[RecordedFinding, ...] = ()
    evidence: tuple[RecordedEvidence, ...] = ()
    figures: tuple[RecordedFigure, ...] = ()


class InspectionFixture(Strict):
    force: Text
    inspections: tuple[RecordedInspection, ...]


def load_fixture(path: Path) -> InspectionFixture:
    text = read_text(path)
    try:
        doc = parse_yaml(text, str(path))
    except YamlSyntaxError as exc:
        raise ProblemsError([exc.problem]) from exc
    problems = doc.model_problems(InspectionFixture)
    if problems:
        raise ProblemsError(problems)
    return InspectionFixture.model_validate(doc.data)
