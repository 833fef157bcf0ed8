"""What a comment may be on: the parts of the draft report, each with its reference and its text.

A reference is written ``KIND:REF`` (the form's choice and the command line's ``--on``): ``finding:CODE``
(a finding or a recommendation, by its code), ``area:ID`` (an area's judgment: its grade and summary),
``figure:N`` (the report's Nth figure, 1 the first), ``paragraph:ID`` (a paragraph by its anchor:
``summary``, the report's summary; ``summary-AREA``, an area's) or ``general`` (the report as a whole).
The report's pages carry the same anchors (``finding-CODE``, ``area-ID``, ``figure-N``, ``paragraph-ID``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import ReportContext
from inspectorate.web.factcheck.models import TargetKind

# How a reference names each kind: "area" is the judgment of that area.
PREFIXES = {
    "finding": TargetKind.FINDING,
    "area": TargetKind.JUDGMENT,
    "figure": TargetKind.FIGURE,
    "paragraph": TargetKind.PARAGRAPH,
}
PREFIX_OF = {kind: prefix for prefix, kind in PREFIXES.items()}
GENERAL = "general"


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    ref: str
    label: str
    """Where it is, in plain words: "Finding: The force ...", "Judgment: Investigating crime"."""
    quoted: str
    """The text commented on, as the draft says it now."""

    @property
    def reference(self) -> str:
        return GENERAL if self.kind == TargetKind.GENERAL else f"{PREFIX_OF[self.kind]}:{self.ref}"

    @property
    def anchor(self) -> str:
        return "" if self.kind == TargetKind.GENERAL else f"{PREFIX_OF[self.kind]}-{self.ref}"


def reference_of(kind: str, ref: str) -> str:
    return GENERAL if kind == TargetKind.GENERAL else f"{PREFIX_OF[TargetKind(kind)]}:{ref}"


@dataclass(frozen=True)
class Words:
    """What names the parts of an inspection's report in words: its areas' titles, and which of its
    findings are recommendations (by code)."""

    titles: Mapping[str, str] = field(default_factory=dict)
    recommendations: frozenset[str] = frozenset()


def said_on(kind: str, ref: str, quoted: str, words: Words) -> str:
    """What a comment is on, in words, as the form names it: "Judgment: Investigating crime",
    "Finding: The force does not…" (its first words, as quoted), "Figure 2: Recording rate" (its
    measure), "Paragraph: the summary of Investigating crime", "The report as a whole"."""
    if kind == TargetKind.GENERAL:
        return "The report as a whole"
    if kind == TargetKind.JUDGMENT:
        return f"Judgment: {words.titles.get(ref, ref)}"
    if kind == TargetKind.FINDING:
        named = "Recommendation" if ref in words.recommendations else "Finding"
        return f"{named}: {_short(quoted, 60)}" if quoted else named
    if kind == TargetKind.FIGURE:
        measure = quoted.partition(": ")[0].strip()
        return f"Figure {ref}: {_short(measure)}" if measure else f"Figure {ref}"
    if ref == "summary":
        return "Paragraph: the summary"
    area = ref.removeprefix("summary-")
    return f"Paragraph: the summary of {words.titles.get(area, area)}"


def _short(text: str, size: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def targets(report: ReportContext) -> list[Target]:
    """Every part of the report a comment may be on, in the report's order."""
    found = [Target(TargetKind.GENERAL, "", "The report as a whole", "")]
    if report.summary:
        found.append(Target(TargetKind.PARAGRAPH, "summary", "Paragraph: the summary", report.summary))
    for item in report.observations:
        if item.code:
            found.append(Target(TargetKind.FINDING, item.code, f"Finding: {_short(item.text)}", item.text))
    for section in report.areas:
        grade = section.grade
        judged = ", ".join(part for part in (grade.grade_label, grade.direction_label) if part)
        found.append(
            Target(
                TargetKind.JUDGMENT,
                grade.area_id,
                f"Judgment: {grade.title}",
                f"{grade.title}: {judged or 'not graded'}",
            )
        )
        if grade.summary:
            found.append(
                Target(
                    TargetKind.PARAGRAPH,
                    f"summary-{grade.area_id}",
                    f"Paragraph: the summary of {grade.title}",
                    grade.summary,
                )
            )
        for item in section.findings:
            if item.code:
                found.append(
                    Target(TargetKind.FINDING, item.code, f"Finding: {_short(item.text)}", item.text)
                )
            for code, text in zip(item.recommendation_codes, item.recommendations, strict=False):
                found.append(Target(TargetKind.FINDING, code, f"Recommendation: {_short(text)}", text))
    for number, figure in enumerate(report.figures, start=1):
        label = f"{figure.measure}: {figure.text}" + (f" ({figure.period})" if figure.period else "")
        found.append(Target(TargetKind.FIGURE, str(number), f"Figure {number}: {_short(label)}", label))
    return found


def find_target(report: ReportContext, reference: str) -> Target:
    """The part of the report a reference names; a one-line error naming what was typed otherwise."""
    typed = reference.strip()
    prefix, _, ref = typed.partition(":")
    prefix, ref = prefix.strip().lower(), ref.strip()
    if prefix == GENERAL and not ref:
        return targets(report)[0]
    if prefix not in PREFIXES or not ref:
        raise InputError(
            f"{typed!r} names no part of the report:"
            " give finding:CODE, area:ID, figure:N, paragraph:ID or general"
        )
    kind = PREFIXES[prefix]
    for target in targets(report):
        if target.kind == kind and target.ref == ref:
            return target
    raise InputError(f"the draft report has no {prefix} {ref!r}")
