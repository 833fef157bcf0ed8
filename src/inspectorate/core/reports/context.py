"""One report's content, whatever it is rendered to: HTML, PDF, JSON or CSV all come from this.

A context is a frozen, typed document: grades, findings by area and kind, and the published figures
(crime data integrity estimates, case-review counts), each figure with where it comes from and by
what method. Its JSON is what a published version stores, and reads back whole.
The layout (which sections, in what order) follows the programme's published reports (layouts.py).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field


class Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class GradeLine(Part):
    area_id: str
    code: str
    title: str
    level: str
    depth: int
    grade: str | None  # the scale level's id
    grade_label: str | None
    direction: str | None = None
    direction_label: str | None = None
    summary: str | None = None


class FindingItem(Part):
    kind: str
    kind_label: str
    text: str
    recommendations: tuple[str, ...] = ()
    code: str | None = None
    """The finding's code, by which its page and its lineage are found."""
    areas: tuple[str, ...] = ()
    """Every area the finding is on; the report prints it under the first."""
    recommendation_codes: tuple[str, ...] = ()


class AreaSection(Part):
    grade: GradeLine
    findings: tuple[FindingItem, ...] = ()

    def of_kind(self, kind: str) -> list[FindingItem]:
        return [f for f in self.findings if f.kind == kind]

    @property
    def main_findings(self) -> list[FindingItem]:
        return self.of_kind("main-finding")


class ReportFigure(Part):
    """A published figure: a rate with its interval, a count "N of M", or a number."""

    # Its JSON carries the figure as printed (``text``), which reading it back recomputes.
    model_config = ConfigDict(frozen=True, extra="ignore", use_attribute_docstrings=True)

    section: str  # "crime-data-integrity", "case-review"
    measure: str
    percent: float | None = None
    ci_plus_minus: float | None = None  # half-width of the 95% interval, in percentage points
    n: int | None = None
    m: int | None = None
    value: int | None = None
    period: str | None = None  # "2018" for a previous inspection's figure
    method: str = ""
    source: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        if self.percent is not None:
            interval = f" (+/- {self.ci_plus_minus:g})" if self.ci_plus_minus is not None else ""
            return f"{self.percent:g}%{interval}"
        if self.n is not None and self.m is not None:
            return f"{self.n} of {self.m}"
        return f"{self.value:,}" if self.value is not None else ""


class ComparedValue(Part):
    label: str  # "England and Wales", "Most similar group", "Previous 12 months", "Target"
    kind: str  # the comparator kind
    value: float | None
    difference: str | None = None  # "+3.1 percentage points", as the indicator states it
    significant: bool | None = None
    test: str | None = None


class NumberLine(Part):
    """One force-in-numbers indicator, computed by the platform from the force's data return."""

    indicator: str  # its id in docs/indicators.md
    title: str
    unit: str
    period: str
    value: float | None
    comparisons: tuple[ComparedValue, ...] = ()
    reason: str | None = None  # why there is no value

    @property
    def text(self) -> str:
        if self.value is None:
            return "not available"
        return f"{self.value:,.1f}"


class ForceInNumbers(Part):
    dataset: str
    synthetic: bool  # generated, not the force's real data: every rendering says so
    period: str
    population: int
    lines: tuple[NumberLine, ...]


class ReportContext(Part):
    layout: str
    reference: str
    title: str
    force_id: str
    force_name: str
    framework_id: str
    framework_title: str
    framework_version: str
    status: str
    draft: bool  # not yet published: every rendering says so
    exercise: bool = False  # run on synthetic data for practice: every rendering says so
    period: str | None
    published: str | None
    summary: str | None
    source: str | None
    grades: tuple[GradeLine, ...]
    areas: tuple[AreaSection, ...]
    observations: tuple[FindingItem, ...] = ()  # findings of no area (HM Inspector's observations)
    figures: tuple[ReportFigure, ...] = ()
    annex: tuple[tuple[str, str], ...] = ()  # (question, what is judged) pairs
    version: int | None = None  # the published version this is, None for the live report
    embargo_until: str | None = None  # ISO date and time the version became (or becomes) public
    correction: str | None = None  # why this version replaced the one before
    numbers: ForceInNumbers | None = None  # the force in numbers, where the workspace has its data
    embargo_notice: str | None = None
    """Said on every page of a copy read before its embargo ends, by those it was given to: until
    when, for whom, and that it may not be passed on. Never part of a version as published."""

    def figures_of(self, section: str) -> list[ReportFigure]:
        return [f for f in self.figures if f.section == section]

    def to_json(self) -> dict[str, Any]:
        # A version's JSON (and so its hash) is the same with or without the notice field: a copy
        # carries it only when it is marked for its reader.
        return self.model_dump(
            mode="json", exclude={"embargo_notice"} if self.embargo_notice is None else None
        )


def csv_rows(context: ReportContext) -> list[dict[str, Any]]:
    """Every grade, finding and figure of the report, one row each, with its section."""
    rows: list[dict[str, Any]] = []
    for line in context.grades:
        rows.append(
            {
                "section": "grade",
                "area": line.area_id,
                "title": line.title,
                "value": line.grade_label,
                "direction": line.direction_label,
            }
        )
    for item in context.observations:
        rows.append({"section": "observation", "kind": item.kind, "text": item.text})
    for area in context.areas:
        for item in area.findings:
            rows.append(
                {"section": "finding", "area": area.grade.area_id, "kind": item.kind, "text": item.text}
            )
            rows.extend(
                {"section": "finding", "area": area.grade.area_id, "kind": "recommendation", "text": text}
                for text in item.recommendations
            )
    if context.numbers is not None:
        synthetic = " (SYNTHETIC)" if context.numbers.synthetic else ""
        dataset = f"dataset {context.numbers.dataset}{synthetic}"
        for number in context.numbers.lines:
            rows.append(
                {
                    "section": "force-in-numbers",
                    "title": number.title,
                    "value": number.text,
                    "period": number.period,
                    "method": f"indicator {number.indicator} (docs/indicators.md), {dataset}",
                    **{f"compared_{c.kind}": c.value for c in number.comparisons},
                }
            )
    for figure in context.figures:
        rows.append(
            {
                "section": figure.section,
                "title": figure.measure,
                "value": figure.text,
                "percent": figure.percent,
                "ci_plus_minus": figure.ci_plus_minus,
                "n": figure.n,
                "m": figure.m,
                "count": figure.value,
                "period": figure.period,
                "method": figure.method,
                "source": figure.source,
            }
        )
    return rows


def document_hash(document: dict[str, Any]) -> str:
    """SHA-256 of a report's JSON in canonical form (sorted keys, no spaces): one report, one hash,
    however its JSON was laid out."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def context_from_json(data: dict[str, Any]) -> ReportContext:
    """A context back from its JSON (a published version's snapshot)."""
    return ReportContext.model_validate(data)
