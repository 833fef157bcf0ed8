"""What a published report is read into: typed, immutable, each value with where it was found.

``Location`` points into the document's normalised text (``document.py``): the line, the
character span and a short quotation, so that every imported figure can be checked by eye
against its source.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from inspectorate.core.findings import FindingKind

QUOTE_LENGTH = 160


@dataclass(frozen=True)
class Location:
    line: int  # from 1
    start: int  # character offsets in the normalised text
    end: int
    quote: str


@dataclass(frozen=True)
class ImportedJudgment:
    level: str  # as the framework names it: overall, pillar, question, area, framework, assessment
    title: str  # the heading as the report prints it
    grade: str | None  # the grade label as printed, None when the item is ungraded
    area_id: str | None  # the framework area it maps to, None when none matched
    at: Location | None
    direction: str | None = None  # direction of travel (2006) as printed: Improved ... Not Graded
    grade_at: Location | None = None


@dataclass(frozen=True)
class ImportedFinding:
    kind: FindingKind
    text: str
    area_title: str | None
    area_id: str | None
    at: Location
    recommendations: tuple[str, ...] = ()  # a cause of concern's recommendations


@dataclass(frozen=True)
class CdiFigure:
    scope: str  # "all reported crime (excluding fraud)", "violent offences", ...
    percent: float
    ci_plus_minus: float | None
    year: str | None  # "2018" for a previous inspection's figure; None for the report's own
    comparison: str | None  # "broadly unchanged", "improved", ... as printed
    at: Location


@dataclass(frozen=True)
class CdiVolume:
    measure: str
    value: int
    at: Location


@dataclass(frozen=True)
class CaseReviewCount:
    measure: str  # the sentence it is stated in
    n: int
    m: int
    at: Location


@dataclass(frozen=True)
class CaseReviewTotal:
    measure: str
    count: int
    at: Location


@dataclass(frozen=True)
class ImportedReport:
    source: str
    programme: str | None  # framework id in the library, None when not recognised
    programme_title: str | None
    framework_version: str | None
    force_id: str | None
    force_name: str | None
    date: str | None  # as printed: "3 September 2014", "February 2016"
    judgments: tuple[ImportedJudgment, ...] = ()
    findings: tuple[ImportedFinding, ...] = ()
    cdi_figures: tuple[CdiFigure, ...] = ()
    cdi_volumes: tuple[CdiVolume, ...] = ()
    case_review_counts: tuple[CaseReviewCount, ...] = ()
    case_review_totals: tuple[CaseReviewTotal, ...] = ()
    missing: tuple[str, ...] = field(default=())  # what the reader looked for and could not find
    year: str | None = None  # the programme's year as the text names it ("2017", "2021/22", "2023-25")

    def to_json(self) -> dict[str, Any]:
        document = asdict(self)
        for finding in document["findings"]:
            finding["kind"] = str(finding["kind"])
        return document
