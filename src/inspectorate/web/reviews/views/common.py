"""What every review page needs: the reviews as fieldwork, their addresses, the next case to review."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse

from inspectorate.core.casereview.library import templates
from inspectorate.core.casereview.spec import Template
from inspectorate.web.fieldwork.access import Fieldwork
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.reviews.models import AnswerStatus, CaseAnswers, CaseReview, ReviewCase, Role

REVIEWS = Fieldwork[CaseReview](
    of=lambda inspection: inspection.case_reviews.select_related("template", "evidence"),
    missing="No such review",
    material_missing="No such case",
)


def review_url(review: CaseReview, name: str = "review", anchor: str = "") -> str:
    url = reverse(name, kwargs={"code": review.inspection.code, "review_code": review.code})
    return f"{url}#{anchor}" if anchor else url


def case_url(review: CaseReview, number: int, role: str = Role.FIRST) -> str:
    name = "review-case-second" if role == Role.SECOND else "review-case"
    kwargs = {"code": review.inspection.code, "review_code": review.code, "number": number}
    return reverse(name, kwargs=kwargs)


def next_case(review: CaseReview, role: str, user: User | None, after: int = 0) -> ReviewCase | None:
    """The next case whose review in ``role`` is not complete, after ``after`` and then from the start.

    A second review is looked for only among the cases picked for one and not first reviewed by ``user``.
    """
    answers = CaseAnswers.objects.filter(case__review=review)
    cases = review.cases.exclude(
        pk__in=answers.filter(role=role, status=AnswerStatus.COMPLETE).values("case_id")
    )
    if role == Role.SECOND:
        cases = cases.filter(second_review=True)
        if user is not None:
            cases = cases.exclude(pk__in=answers.filter(role=Role.FIRST, reviewer=user).values("case_id"))
    cases = cases.order_by("number")
    return cases.filter(number__gt=after).first() or cases.first()


def shipped_for(inspection: Inspection) -> dict[str, Template]:
    return {key: t for key, t in templates().items() if t.framework == inspection.framework_id}
