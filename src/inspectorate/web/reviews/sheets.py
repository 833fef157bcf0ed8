"""The answer sheet of a review, out and back in: the web and the CLI share this.

An import is planned whole against the stored answers, then stored in one transaction or not at
all: a sheet never half-lands, and never overwrites answers saved since it was exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from inspectorate.core.casereview.answer_sheet import SheetRow, read_sheet, write_csv, write_xlsx
from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.web.reviews.models import CaseAnswers, CaseReview, Role
from inspectorate.web.reviews.services import StaleAnswers, save_answers


def sheet_rows(review: CaseReview) -> list[SheetRow]:
    stored = {(a.case_id, a.role): a for a in CaseAnswers.objects.filter(case__review=review)}
    rows = []
    for case in review.cases.all():
        for role in (Role.FIRST, Role.SECOND) if case.second_review else (Role.FIRST,):
            answers = stored.get((case.pk, role))
            rows.append(
                SheetRow(
                    case_ref=case.case_ref,
                    role=role.value,
                    status=answers.status if answers else "",
                    revision=answers.revision if answers else 0,
                    offence=case.offence,
                    reported_on=case.reported_on,
                    summary=case.summary,
                    answers=answers.answers if answers else {},
                )
            )
    return rows


def export_sheet(review: CaseReview, path: Path) -> int:
    """Write the sheet as CSV or XLSX by the path's suffix; how many rows were written."""
    rows = sheet_rows(review)
    template = review.template.spec
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, template, review.reference, rows)
    elif path.suffix.lower() == ".csv":
        write_csv(path, template, review.reference, rows)
    else:
        raise InputError(f"{path.name}: an answer sheet is written as .csv or .xlsx")
    return len(rows)


@dataclass(frozen=True)
class SheetImport:
    changed: int
    unchanged: int
    blank: int

    def summary(self) -> str:
        return (
            f"{self.changed} answer sets changed, {self.unchanged} unchanged, "
            f"{self.blank} blank rows left as they were"
        )


def import_sheet(review: CaseReview, path: Path, user: User | None, source_name: str = "") -> SheetImport:
    """Store every filled-in row of the sheet, or none: ProblemsError lists what is wrong."""
    source = source_name or path.name
    cases = {case.case_ref: case for case in review.cases.all()}
    stored = {
        (a.case.case_ref, a.role): a
        for a in CaseAnswers.objects.filter(case__review=review).select_related("case")
    }
    known = {
        (ref, role): (stored[(ref, role)].revision if (ref, role) in stored else 0)
        for ref, case in cases.items()
        for role in ((Role.FIRST, Role.SECOND) if case.second_review else (Role.FIRST,))
    }
    rows = read_sheet(path, review.template.spec, review.reference, known, source_name=source)
    blank = len(known) - len(rows)
    changed = unchanged = 0
    conflicts: list[Problem] = []
    for row in rows:
        current = stored.get((row.case_ref, row.role))
        if current is not None and current.revision > row.revision:
            message = (
                f"{row.case_ref!r} ({row.role}) changed in the platform since this sheet was exported "
                f"(revision {current.revision}, sheet has {row.revision}); export again, or blank the row"
            )
            conflicts.append(Problem(source, row.line, "revision", message))
    if conflicts:
        raise ProblemsError(conflicts)
    try:
        with transaction.atomic():
            for row in rows:
                current = stored.get((row.case_ref, row.role))
                saved = save_answers(
                    cases[row.case_ref],
                    row.role,
                    row.answers,
                    complete=row.complete,
                    user=user if current is None or current.reviewer is None else current.reviewer,
                    expected_revision=current.revision if current else 0,
                )
                changed += saved.changed
                unchanged += not saved.changed
    except StaleAnswers:
        raise InputError(
            f"{source}: answers were saved in the platform during the import; nothing was stored, try again"
        ) from None
    except InputError as exc:
        raise InputError(f"{source}: {exc}; nothing was stored") from None
    return SheetImport(changed, unchanged, blank)
