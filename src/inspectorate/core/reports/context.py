"""One report's content, whatever it is rendered to: HTML, PDF, JSON or CSV all come from this.

A context is a frozen, typed document: grades, findings by area and kind, and the published figures
(crime data integrity estimates, case-review counts), each figure with where it comes from and by
what method. Its JSON is what a published version stores, and reads back whole.
The layout (which sections, in what order) follows the programme's published reports (layouts.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
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


# The verdicts a later report gives an earlier finding, in the order its counts are printed.
VERDICT_ORDER = ("met", "partly-met", "not-met", "superseded")
VERDICT_LABELS = {
    "met": "Met",
    "partly-met": "Partly met",
    "not-met": "Not met",
    "superseded": "Superseded",
}
# The followed kinds as a sentence names them: one, and more than one.
_KIND_NOUNS = {
    "cause-of-concern": ("cause of concern", "causes of concern"),
    "recommendation": ("recommendation", "recommendations"),
    "area-for-improvement": ("area for improvement", "areas for improvement"),
}


class EarlierFinding(Part):
    """An earlier report's finding, and what this report says became of it."""

    code: str | None = None
    """The earlier finding's code, by which its page and its history are found."""
    report_reference: str
    report_title: str
    report_published: str | None = None
    """The earlier report's publication date, as it prints it."""
    kind: str
    """cause-of-concern, recommendation or area-for-improvement."""
    kind_label: str
    text: str
    """The finding as the earlier report published it."""
    verdict: str
    """met, partly-met, not-met or superseded."""
    verdict_label: str
    reasons: str


class Tally(Part):
    """How many earlier findings are of one kind, or were given one verdict."""

    key: str
    label: str
    count: int


class EarlierFindings(Part):
    """What became of the earlier reports' findings this report reviewed: empty when it reviewed none."""

    items: tuple[EarlierFinding, ...] = ()
    by_verdict: tuple[Tally, ...] = ()
    by_kind: tuple[Tally, ...] = ()
    summary: str = ""
    """One sentence: "Of 12 earlier recommendations and areas for improvement: 7 met, 3 partly met,
    2 not met"."""


def in_kind_order(kinds: Iterable[str]) -> list[str]:
    """The kinds, once each: causes of concern, recommendations, areas for improvement, then others."""
    present = set(kinds)
    return [kind for kind in _KIND_NOUNS if kind in present] + sorted(present - set(_KIND_NOUNS))


def kinds_phrase(kinds: Sequence[str], total: int) -> str:
    """The kinds present, as a sentence names them: "recommendations and areas for improvement"."""
    nouns = [_KIND_NOUNS.get(kind, (kind, kind))[0 if total == 1 else 1] for kind in kinds]
    if len(nouns) <= 1:
        return "".join(nouns) or ("finding" if total == 1 else "findings")
    return f"{', '.join(nouns[:-1])} and {nouns[-1]}"


def verdicts_sentence(kinds: Sequence[str], total: int, counts: Sequence[tuple[str, int]]) -> str:
    """ "Of 12 earlier recommendations and areas for improvement: 7 met, 3 partly met, 2 not met":
    ``counts`` are (what, how many) pairs in order, those of none left out."""
    said = ", ".join(f"{count:,} {what}" for what, count in counts if count)
    return f"Of {total:,} earlier {kinds_phrase(kinds, total)}: {said}" if total else ""


def earlier_findings(items: Sequence[EarlierFinding]) -> EarlierFindings:
    """The section from its items, with its counts by verdict and by kind, and its sentence."""
    if not items:
        return EarlierFindings()
    kind_order = in_kind_order(i.kind for i in items)
    by_kind = tuple(
        Tally(
            key=kind,
            label=next(i.kind_label for i in items if i.kind == kind),
            count=sum(1 for i in items if i.kind == kind),
        )
        for kind in kind_order
    )
    by_verdict = tuple(
        Tally(key=verdict, label=VERDICT_LABELS[verdict], count=sum(1 for i in items if i.verdict == verdict))
        for verdict in VERDICT_ORDER
        if any(i.verdict == verdict for i in items)
    )
    counts = [(tally.label.lower(), tally.count) for tally in by_verdict]
    return EarlierFindings(
        items=tuple(items),
        by_verdict=by_verdict,
        by_kind=by_kind,
        summary=verdicts_sentence(kind_order, len(items), counts),
    )


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
    earlier_findings: EarlierFindings = EarlierFindings()
    """What became of the findings of the force's earlier reports that this inspection reviewed."""

    def figures_of(self, section: str) -> list[ReportFigure]:
        return [f for f in self.figures if f.section == section]

    def to_json(self) -> dict[str, Any]:
        # A version's JSON (and so its hash) is the same with or without the notice field: a copy
        # carries it only when it is marked for its reader. A report that reviewed no earlier
        # findings leaves out their section, so that versions frozen before it existed hash alike.
        left_out = set()
        if self.embargo_notice is None:
            left_out.add("embargo_notice")
        if not self.earlier_findings.items:
            left_out.add("earlier_findings")
        return self.model_dump(mode="json", exclude=left_out or None)


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
    for earlier in context.earlier_findings.items:
        rows.append(
            {
                "section": "earlier-finding",
                "kind": earlier.kind,
                "text": earlier.text,
                "title": earlier.report_title,
                "period": earlier.report_published,
                "value": earlier.verdict_label,
                "reasons": earlier.reasons,
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
