"""Starting a review and saving answers: the one way the web, the CLI and the demo do both.

Saving answers is a compare-and-swap on the answer set's revision, as for audit decisions: of two
people saving the same case at once exactly one wins and the other is told, with nothing
overwritten. A second review must be made by someone other than the first reviewer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from inspectorate.core.casereview.answers import REQUIRED, CaseReading, read_answers, required_message
from inspectorate.core.casereview.cases import CaseFile
from inspectorate.core.casereview.spec import Template
from inspectorate.core.problems import InputError
from inspectorate.web.inspections.locking import ensure_fieldwork_open
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.inspections.references import check_reference, free_reference
from inspectorate.web.reviews.models import (
    AnswerStatus,
    CaseAnswers,
    CaseReview,
    ReviewCase,
    ReviewTemplate,
    Role,
)


class AnswerError(InputError):
    """Answers that cannot be stored, with each problem by question name."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.problems.items()))


class StaleAnswers(Exception):
    """The answers were saved by someone else since they were loaded; nothing was stored."""


def store_template(template: Template, source: str) -> ReviewTemplate:
    """The stored version of ``template``, storing it the first time it is used.

    A version, once stored, never changes: the same id and version with other content is refused.
    """
    stored = ReviewTemplate.objects.filter(template_id=template.id, version=template.version).first()
    if stored is None:
        return ReviewTemplate.objects.create(
            template_id=template.id,
            version=template.version,
            title=template.title,
            framework=template.framework,
            document=template.document(),
            sha256=template.sha256,
            source=source,
        )
    if stored.sha256 != template.sha256:
        raise InputError(
            f"{template.key} is already stored with other content: a changed template needs a new version"
        )
    return stored


def next_reference(inspection: Inspection) -> str:
    return free_reference(CaseReview, inspection, "VSA")


def second_review_picks(count: int, share: float, seed: int) -> set[int]:
    """Positions (from 0) of the cases picked for a second review: a seeded random ``share``, at
    least one case when the share is above nothing."""
    if not 0 <= share <= 1:
        raise InputError(f"the share for second review should be between 0 and 1, not {share:g}")
    wanted = min(count, max(1, round(count * share))) if share > 0 else 0
    picks = np.random.default_rng(seed).choice(count, size=wanted, replace=False)
    return {int(i) for i in picks}


def create_review(
    inspection: Inspection,
    template: Template,
    cases: Sequence[CaseFile],
    *,
    source: str,
    template_source: str = "shipped with Inspectorate",
    synthetic: bool = False,
    second_share: float = 0.1,
    seed: int = 0,
    reference: str | None = None,
    user: User | None = None,
) -> CaseReview:
    ensure_fieldwork_open(inspection)
    if template.framework and template.framework != inspection.framework_id:
        raise InputError(
            f"{template.key} is written for {template.framework}; {inspection.reference} uses "
            f"{inspection.framework_id}"
        )
    if not cases:
        raise InputError("a review needs at least one case")
    reference = check_reference(reference or "") or next_reference(inspection)
    if CaseReview.objects.filter(reference=reference).exists():
        raise InputError(f"a review called {reference!r} already exists")
    picks = second_review_picks(len(cases), second_share, seed)
    with transaction.atomic():
        review = CaseReview.objects.create(
            reference=reference,
            inspection=inspection,
            template=store_template(template, template_source),
            source=source,
            synthetic=synthetic,
            second_share=second_share,
            seed=seed,
            created_by=user,
        )
        ReviewCase.objects.bulk_create(
            ReviewCase(
                review=review,
                number=index + 1,
                case_ref=case.case_ref,
                crime_id=case.crime_id,
                offence=case.offence,
                reported_on=case.reported_on,
                summary=case.summary,
                second_review=index in picks,
            )
            for index, case in enumerate(cases)
        )
    return review


@dataclass(frozen=True)
class Saved:
    answers: CaseAnswers
    reading: CaseReading
    changed: bool


def check_answers(
    template: Template, answers: Mapping[str, str], *, complete: bool, today: date | None = None
) -> CaseReading:
    """The reading of the answers; AnswerError unless they can be stored as asked."""
    reading = read_answers(template, answers, complete=complete, today=today)
    if reading.problems:
        messages = {}
        for problem in reading.problems:
            if problem.message == REQUIRED:
                messages[problem.question] = required_message(template.question(problem.question))
            else:
                messages[problem.question] = problem.message
        raise AnswerError(messages)
    return reading


def answer_set(case: ReviewCase, role: str) -> CaseAnswers | None:
    return case.answer_sets.filter(role=role).first()


def save_answers(
    case: ReviewCase,
    role: str,
    answers: Mapping[str, str],
    *,
    complete: bool,
    user: User | None,
    expected_revision: int,
    today: date | None = None,
) -> Saved:
    """Store a reviewer's answers if the stored set is still at ``expected_revision``.

    Raises AnswerError for answers that cannot be stored, StaleAnswers when someone saved first,
    InputError for a second review the case was not picked for, or when the user made the case's
    other review (the two reviews of a case are by two people).
    """
    ensure_fieldwork_open(case.review.inspection)
    template = case.review.template.spec
    if role not in Role.values:
        raise InputError(f"{role!r} is not a review role: use first or second")
    if role == Role.SECOND and not case.second_review:
        raise InputError(f"case {case.case_ref} was not picked for a second review")
    other = answer_set(case, Role.FIRST if role == Role.SECOND else Role.SECOND)
    if other is not None and user is not None and other.reviewer_id == user.pk:
        raise InputError(
            f"{user.username} made the {other.role} review of case {case.case_ref}: "
            f"its {role} review needs someone else"
        )
    reading = check_answers(template, answers, complete=complete, today=today)
    status = AnswerStatus.COMPLETE if complete else AnswerStatus.DRAFT
    try:
        with transaction.atomic():
            stored = answer_set(case, role)
            if stored is None:
                if expected_revision != 0:
                    raise StaleAnswers
                stored = CaseAnswers(case=case, role=role)
            elif stored.revision != expected_revision:
                raise StaleAnswers
            elif stored.answers == reading.answers and stored.status == status:
                return Saved(stored, reading, changed=False)
            else:
                claimed = CaseAnswers.objects.filter(pk=stored.pk, revision=expected_revision).update(
                    revision=expected_revision + 1
                )
                if claimed != 1:
                    raise StaleAnswers
            stored.answers = reading.answers
            stored.status = status
            stored.revision = expected_revision + 1
            stored.reviewer = user if user is not None else stored.reviewer
            stored.saved_at = timezone.now()
            stored.save()
    except IntegrityError:
        raise StaleAnswers from None  # another first save of the same case and role won
    return Saved(stored, reading, changed=True)
