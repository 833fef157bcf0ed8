"""The answer sheet of a review, out and back in: the web and the CLI share this.

An import is planned whole against the stored answers, then stored in one transaction or not at
all: a sheet never half-lands, and never overwrites answers saved since it was exported. The
blind second review holds here as on the case page (``blind.py``): a review the person may not see
is exported as ``withheld``, without its answers, and may not be filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from inspectorate.core.casereview.answer_sheet import WITHHELD, SheetRow, read_sheet, write_csv, write_xlsx
from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.web.inspections.locking import ensure_fieldwork_open
from inspectorate.web.reviews.blind import hidden_roles, refusal
from inspectorate.web.reviews.models import CaseAnswers, CaseReview, ReviewCase, Role
from inspectorate.web.reviews.services import StaleAnswers, save_answers


def _roles(case: ReviewCase) -> tuple[Role, ...]:
    return (Role.FIRST, Role.SECOND) if case.second_review else (Role.FIRST,)


def _answer_sets(review: CaseReview) -> dict[int, dict[str, CaseAnswers]]:
    found: dict[int, dict[str, CaseAnswers]] = {}
    for answers in CaseAnswers.objects.filter(case__review=review):
        found.setdefault(answers.case_id, {})[answers.role] = answers
    return found


def sheet_rows(review: CaseReview, user: User | None = None, can_write: bool = False) -> list[SheetRow]:
    """Every case and role; a review hidden from ``user`` by the blind rules is withheld."""
    stored = _answer_sets(review)
    rows = []
    for case in review.cases.all():
        sets = stored.get(case.pk, {})
        hidden = hidden_roles(case, sets, user, can_write)
        for role in _roles(case):
            answers = sets.get(role)
            withheld = role in hidden
            rows.append(
                SheetRow(
                    case_ref=case.case_ref,
                    role=role.value,
                    status=WITHHELD if withheld else (answers.status if answers else ""),
                    revision=answers.revision if answers else 0,
                    offence=case.offence,
                    reported_on=case.reported_on,
                    summary=case.summary,
                    answers={} if withheld or answers is None else answers.answers,
                )
            )
    return rows


def export_sheet(review: CaseReview, path: Path, user: User | None = None, can_write: bool = False) -> int:
    """Write the sheet as CSV or XLSX by the path's suffix; how many rows were written.

    ``user`` and ``can_write`` say who it is for; without a user (the command line) nothing is withheld.
    """
    rows = sheet_rows(review, user, can_write)
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
    """Store every filled-in row of the sheet, or none: ProblemsError lists what is wrong.

    The answers are by ``user`` (kept as the reviewer's where someone else answered first); with
    a user, the blind rules hold: a review they may not see, or the other review of a case they
    reviewed, may not be filled in.
    """
    ensure_fieldwork_open(review.inspection)
    source = source_name or path.name
    cases = {case.case_ref: case for case in review.cases.all()}
    sets = _answer_sets(review)
    stored = {
        (ref, role): answers for ref, case in cases.items() for role, answers in sets.get(case.pk, {}).items()
    }
    known = {
        (ref, role.value): (stored[(ref, role)].revision if (ref, role) in stored else 0)
        for ref, case in cases.items()
        for role in _roles(case)
    }
    rows = read_sheet(path, review.template.spec, review.reference, known, source_name=source)
    blank = len(known) - len(rows)
    changed = unchanged = 0
    conflicts: list[Problem] = []
    for row in rows:
        case = cases[row.case_ref]
        case_sets = sets.get(case.pk, {})
        refused = refusal(row.role, case_sets, user, hidden_roles(case, case_sets, user, can_write=True))
        if refused:
            conflicts.append(Problem(source, row.line, "role", f"{row.case_ref!r} ({row.role}): {refused}"))
            continue
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
