"""The kinds of finding an inspection records."""

from __future__ import annotations

from enum import StrEnum


class FindingKind(StrEnum):
    CAUSE_OF_CONCERN = "cause-of-concern"
    RECOMMENDATION = "recommendation"
    AREA_FOR_IMPROVEMENT = "area-for-improvement"
    STRENGTH = "strength"
    WORK_IN_PROGRESS = "work-in-progress"
    GOOD_PRACTICE = "good-practice"
    # A headline finding the report prints without calling it a concern or an area for improvement
    # (PEEL 2021/22's "Main findings" and HM Inspector's observations).
    MAIN_FINDING = "main-finding"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    FindingKind.CAUSE_OF_CONCERN: "Cause of concern",
    FindingKind.RECOMMENDATION: "Recommendation",
    FindingKind.AREA_FOR_IMPROVEMENT: "Area for improvement",
    FindingKind.STRENGTH: "Strength",
    FindingKind.WORK_IN_PROGRESS: "Work in progress",
    FindingKind.GOOD_PRACTICE: "Innovative or good practice",
    FindingKind.MAIN_FINDING: "Main finding",
}
