"""Scoring what the readers read against hand-checked truth files.

One text's score compares the imported report with its truth, field by field: programme, force,
date, the grades (as (area id, grade) pairs), the areas said to be ungraded, the recording-rate
estimates and the counts of findings by kind. A grade the reader gives that the truth does not
hold (a wrong area, a wrong label, an earlier year's grade, a grade on a page that states none) is
*invented*: the one error the importer must never make. Scores add up per programme and overall.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from inspectorate.core.ingest.model import ImportedReport
from inspectorate.core.ingest.truth import Truth

GradePair = tuple[str | None, str]
Estimate = tuple[float, float | None, str | None]


def _plain(text: str | None) -> str:
    return " ".join((text or "").replace("\u2019", "'").split()).casefold()


def read_grades(report: ImportedReport) -> Counter[GradePair]:
    return Counter((j.area_id, _plain(j.grade)) for j in report.judgments if j.grade)


def true_grades(truth: Truth) -> Counter[GradePair]:
    return Counter((g.area, _plain(g.grade)) for g in truth.grades)


def read_estimates(report: ImportedReport) -> Counter[Estimate]:
    return Counter((f.percent, f.ci_plus_minus, f.year) for f in report.cdi_figures)


def true_estimates(truth: Truth) -> Counter[Estimate]:
    return Counter((e.percent, e.interval, e.year) for e in truth.cdi)


def read_finding_counts(report: ImportedReport) -> dict[str, int]:
    return dict(Counter(str(f.kind) for f in report.findings))


@dataclass(frozen=True)
class TextScore:
    """How one text was read, against its truth."""

    name: str
    programme: str  # the truth's programme, "none" when the text reports on none
    programme_right: bool
    force_right: bool
    date_right: bool
    grades_true: int
    grades_read: int
    grades_right: int
    ungraded_true: int
    ungraded_right: int
    estimates_true: int
    estimates_read: int
    estimates_right: int
    findings_right: bool  # every kind the truth counts is read in that number
    invented: tuple[str, ...]  # the grades read that the text does not state, "area: grade"
    missed: tuple[str, ...]  # the stated grades not read

    @property
    def grades_exact(self) -> bool:
        return self.grades_right == self.grades_true == self.grades_read


def score(name: str, report: ImportedReport, truth: Truth) -> TextScore:
    read, true = read_grades(report), true_grades(truth)
    right = read & true
    read_est, true_est = read_estimates(report), true_estimates(truth)
    ungraded_read = {j.area_id for j in report.judgments if not j.grade}
    counts = read_finding_counts(report)
    return TextScore(
        name=name,
        programme=truth.programme or "none",
        programme_right=report.programme == truth.programme,
        force_right=report.force_id == truth.force,
        date_right=_plain(report.date) == _plain(truth.date),
        grades_true=sum(true.values()),
        grades_read=sum(read.values()),
        grades_right=sum(right.values()),
        ungraded_true=len(truth.ungraded),
        ungraded_right=sum(1 for u in truth.ungraded if u.area in ungraded_read),
        estimates_true=sum(true_est.values()),
        estimates_read=sum(read_est.values()),
        estimates_right=sum((read_est & true_est).values()),
        findings_right=all(counts.get(kind, 0) == n for kind, n in truth.findings.items()),
        invented=tuple(f"{area}: {grade}" for area, grade in sorted((read - true).elements(), key=str)),
        missed=tuple(f"{area}: {grade}" for area, grade in sorted((true - read).elements(), key=str)),
    )


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Tally:
    """Scores added up over several texts."""

    texts: int = 0
    programme_right: int = 0
    force_right: int = 0
    date_right: int = 0
    grades_exact: int = 0
    with_grades: int = 0  # texts that state at least one grade
    grades_true: int = 0
    grades_read: int = 0
    grades_right: int = 0
    ungraded_true: int = 0
    ungraded_right: int = 0
    estimates_true: int = 0
    estimates_read: int = 0
    estimates_right: int = 0
    findings_right: int = 0
    invented: list[str] = field(default_factory=list)

    def add(self, s: TextScore) -> None:
        self.texts += 1
        self.programme_right += s.programme_right
        self.force_right += s.force_right
        self.date_right += s.date_right
        self.grades_exact += s.grades_exact
        self.with_grades += s.grades_true > 0
        self.grades_true += s.grades_true
        self.grades_read += s.grades_read
        self.grades_right += s.grades_right
        self.ungraded_true += s.ungraded_true
        self.ungraded_right += s.ungraded_right
        self.estimates_true += s.estimates_true
        self.estimates_read += s.estimates_read
        self.estimates_right += s.estimates_right
        self.findings_right += s.findings_right
        self.invented.extend(f"{s.name}: {grade}" for grade in s.invented)

    @property
    def grades_exact_rate(self) -> float | None:
        return _ratio(self.grades_exact, self.texts)

    @property
    def grade_precision(self) -> float | None:
        return _ratio(self.grades_right, self.grades_read)

    @property
    def grade_recall(self) -> float | None:
        return _ratio(self.grades_right, self.grades_true)

    @property
    def estimate_precision(self) -> float | None:
        return _ratio(self.estimates_right, self.estimates_read)

    @property
    def estimate_recall(self) -> float | None:
        return _ratio(self.estimates_right, self.estimates_true)


def tally(scores: list[TextScore]) -> tuple[Tally, dict[str, Tally]]:
    """The overall tally and one per programme (by the truth's programme)."""
    overall = Tally()
    by_programme: dict[str, Tally] = {}
    for s in scores:
        overall.add(s)
        by_programme.setdefault(s.programme, Tally()).add(s)
    return overall, dict(sorted(by_programme.items()))
