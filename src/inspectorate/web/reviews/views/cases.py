"""One case of a review at a time: the case's facts and every question of the template, in its sections.

Writers answer and save a draft or save the review as complete, which goes on to the next case not
yet complete. ``read_answers`` judges the answers on the server, whatever the browser's skip logic
did: answers that cannot be stored are refused with a message by question and nothing is stored,
as is a save that lost the race with someone else's; the answers typed stay in the form either way.
An answer to a question the skip logic hides is not stored.

A case picked for a second review is reviewed again, blind, by someone other than its first
reviewer: until that second review is complete, a writer other than the first reviewer does not
see the first review's answers, and the first reviewer is refused the second review. The rest of
the team (who may only read) and staff see the stored answers; anyone else gets a 404.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from pydantic import ConfigDict

from inspectorate.core.casereview.answers import State, read_answers
from inspectorate.core.casereview.spec import QuestionType, Template
from inspectorate.core.problems import InputError
from inspectorate.web.fieldwork.access import READ_ONLY, refuse_closed_fieldwork
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.reviews.blind import BLIND, answer_sets, hidden_roles, refusal
from inspectorate.web.reviews.documents import CaseDocument, case_document
from inspectorate.web.reviews.forms import CaseAnswersForm
from inspectorate.web.reviews.models import AnswerStatus, CaseAnswers, CaseReview, ReviewCase, Role
from inspectorate.web.reviews.services import AnswerError, StaleAnswers, save_answers
from inspectorate.web.reviews.views.common import REVIEWS, case_url, next_case, review_url

STALE = (
    "Case {number} was saved by someone else since this page was opened, so your answers were not saved. "
    "They are kept in the form, and the answers stored now are shown above it: save again to replace "
    "those with yours, or reload the page to keep them."
)


def _case_for(review: CaseReview, number: int, role: str) -> ReviewCase:
    case = review.cases.filter(number=number).first()
    if case is None or (role == Role.SECOND and not case.second_review):
        raise Http404("No such case in this review")
    case.review = review
    return case


def _questions(
    template: Template, answers: dict[str, str], states: dict[str, State], problems: dict[str, str]
) -> list[dict[str, Any]]:
    """The template's questions grouped by section, each with what the page shows of it."""
    groups: list[dict[str, Any]] = []
    for question in template.questions:
        if not groups or groups[-1]["name"] != question.section:
            section = template.section(question.section)
            tree = template.parsed.get((question.section, "relevant")) if section else None
            relevant = json.dumps(tree.tree) if tree else ""
            label = section.label if section else ""
            groups.append({"name": question.section, "label": label, "relevant": relevant, "questions": []})
        value = answers.get(question.name, "")
        picked = value.split() if question.type is QuestionType.SELECT_MULTIPLE else [value]
        labels = {choice.name: choice.label for choice in template.choices_of(question)}
        own = template.parsed.get((question.name, "relevant"))
        groups[-1]["questions"].append(
            {
                "name": question.name,
                "label": question.label,
                "hint": question.hint,
                "type": question.type.value,
                "required": question.required,
                "relevant": json.dumps(own.tree) if own else "",
                "choices": [
                    {
                        "name": choice.name,
                        "label": choice.label,
                        "checked": choice.name in picked,
                        "key": index + 1,
                    }
                    for index, choice in enumerate(template.choices_of(question))
                ],
                "value": value,
                "shown_value": ", ".join(labels.get(name, name) for name in picked if name)
                if labels
                else value,
                "state": states.get(question.name, ""),
                "error": problems.get(question.name, ""),
            }
        )
    return groups


def _label(template: Template, name: str) -> str:
    try:
        return template.question(name).label
    except KeyError:
        return name


def _progress(review: CaseReview, role: str) -> tuple[int, int]:
    """(complete, to review) in this role."""
    cases = review.cases.filter(second_review=True) if role == Role.SECOND else review.cases.all()
    done = CaseAnswers.objects.filter(case__review=review, role=role, status=AnswerStatus.COMPLETE).count()
    return done, cases.count()


def _neighbours(review: CaseReview, case: ReviewCase, role: str) -> tuple[str | None, str | None]:
    cases = review.cases.filter(second_review=True) if role == Role.SECOND else review.cases.all()
    before = cases.filter(number__lt=case.number).order_by("-number").first()
    after = cases.filter(number__gt=case.number).order_by("number").first()
    return (
        case_url(review, before.number, role) if before else None,
        case_url(review, after.number, role) if after else None,
    )


def _after_save(
    request: HttpRequest, review: CaseReview, case: ReviewCase, role: str, complete: bool
) -> HttpResponse:
    if not complete:
        return HttpResponseRedirect(case_url(review, case.number, role))
    upcoming = next_case(review, role, signed_in(request), after=case.number)
    if upcoming is not None:
        return HttpResponseRedirect(case_url(review, upcoming.number, role))
    what = "second review" if role == Role.SECOND else "case"
    messages.success(request, f"Every {what} you may review in {review.reference} is complete.")
    return HttpResponseRedirect(review_url(review))  # at the top, where the message is


def _saved_message(
    request: HttpRequest, template: Template, case: ReviewCase, complete: bool, dropped: tuple[str, ...]
) -> None:
    messages.success(request, f"Case {case.number} saved {'as complete' if complete else 'as a draft'}.")
    if dropped:
        labels = "; ".join(template.question(name).label for name in dropped)
        messages.info(request, f"Not stored, as the answers before them mean they are not asked: {labels}")


def _document(case: ReviewCase, sets: dict[str, CaseAnswers], hidden: set[str]) -> CaseDocument:
    """The case, with the answers the blind second review withholds from this person taken out."""
    document = case_document(case, sets)
    withheld = {
        role: answers.model_copy(update={"answers": None, "blind": BLIND})
        for role in hidden
        if (answers := getattr(document, role)) is not None
    }
    return document.model_copy(update=withheld)


class ReviewRef(Document):
    reference: str
    code: str


class CaseProgress(Document):
    complete: int
    cases: int
    """The cases to review in this role."""


class CaseRow(Row):
    """The case, one reviewer's state and their answers, one column per question."""

    model_config = ConfigDict(extra="allow")
    number: int
    case_ref: str
    crime_id: str
    offence: str
    reported_on: str
    summary: str
    second_review: bool
    role: str
    status: str | None
    reviewer: str | None
    revision: int | None


class ReviewCasePage(PageDocument):
    ROW = CaseRow
    inspection: str
    """The inspection's reference."""
    review: ReviewRef
    role: str
    """first, or second (the blind second review)."""
    case: CaseDocument
    progress: CaseProgress
    questions: list[str]
    """The template's answerable questions: the CSV twin's answer columns."""

    def csv_rows(self) -> Sequence[CaseRow]:
        mine = getattr(self.case, self.role) if self.role in ("first", "second") else None
        answers = (mine.answers if mine else None) or {}
        return [
            CaseRow(
                **self.case.model_dump(exclude={"first", "second"}),
                role=self.role,
                status=mine.status if mine else None,
                reviewer=mine.reviewer if mine else None,
                revision=mine.revision if mine else None,
                **{name: answers.get(name, "") for name in self.questions},
            )
        ]


def review_case(
    request: HttpRequest, fmt: Fmt, code: UUID, review_code: UUID, number: int, role: str = Role.FIRST
) -> HttpResponse:
    review, can_write = REVIEWS.material_for_user(request, code, review_code)
    case = _case_for(review, number, role)
    template = review.template.spec
    user = signed_in(request)
    sets = answer_sets(case)
    hidden = hidden_roles(case, sets, user, can_write)
    refused = refusal(role, sets, user, hidden)
    today = timezone.localdate()  # the day skip logic and checks see, in the browser too
    form, typed, problems, stale = None, None, {}, False
    if request.method == "POST" and fmt == "html":
        if not can_write:
            raise PermissionDenied(READ_ONLY)
        refuse_closed_fieldwork(review.inspection)
        if refused:
            raise PermissionDenied(refused)
        form = CaseAnswersForm(request.POST)
        typed = CaseAnswersForm.answers(template, request.POST)
        if form.is_valid():
            try:
                revision = form.cleaned_data["revision"]
                saved = save_answers(
                    case,
                    role,
                    typed,
                    complete=form.complete(),
                    user=user,
                    expected_revision=revision,
                    today=today,
                )
            except AnswerError as exc:
                problems = exc.problems
            except (StaleAnswers, OperationalError):
                stale, sets = True, answer_sets(case)
                stored = sets.get(role)
                form = CaseAnswersForm({**request.POST.dict(), "revision": stored.revision if stored else 0})
                form.is_valid()
                form.add_error(None, STALE.format(number=case.number))
            except InputError as exc:
                form.add_error(None, str(exc))
            else:
                _saved_message(request, template, case, form.complete(), saved.reading.dropped)
                return _after_save(request, review, case, role, form.complete())
    elif can_write and not refused and fmt == "html":
        stored = sets.get(role)
        form = CaseAnswersForm(initial={"revision": stored.revision if stored else 0, "action": "draft"})
    case_doc = _document(case, sets, hidden)
    mine = getattr(case_doc, role)
    stored_answers = (mine.answers if mine else None) or {}
    done, total = _progress(review, role)
    document = ReviewCasePage(
        inspection=review.inspection.reference,
        review=ReviewRef(reference=review.reference, code=str(review.code)),
        role=role,
        case=case_doc,
        progress=CaseProgress(complete=done, cases=total),
        questions=[q.name for q in template.questions if q.answerable],
    )
    previous_url, next_url = _neighbours(review, case, role)
    reading = read_answers(template, stored_answers, complete=False, today=today)
    context = {
        "inspection": review.inspection,
        "review": review,
        "case": case,
        "role": role,
        "document": case_doc,
        "mine": mine or {},
        "can_write": can_write,
        "form": form,
        "refused": refused,
        "stale": stale,
        "hidden": role in hidden,
        "sections": _questions(template, typed if typed is not None else stored_answers, {}, problems),
        "stored_sections": _questions(template, stored_answers, dict(reading.states), {}),
        "problems": [(_label(template, name), name, message) for name, message in problems.items()],
        "saved_at": sets[role].saved_at if role in sets else None,
        "today": today.isoformat(),
        "complete": done,
        "total": total,
        "previous_url": previous_url,
        "next_url": next_url,
        "first_url": case_url(review, case.number, Role.FIRST),
        "second_url": case_url(review, case.number, Role.SECOND) if case.second_review else None,
    }
    title = f"{review.reference} case {number}{' (second review)' if role == Role.SECOND else ''}"
    filename = f"{review.reference}-{number}{'-second' if role == Role.SECOND else ''}"
    page = Page("reviews/review_case.html", title, document, context, filename)
    return render_page(request, fmt, page)


def review_case_second(
    request: HttpRequest, fmt: Fmt, code: UUID, review_code: UUID, number: int
) -> HttpResponse:
    return review_case(request, fmt, code, review_code, number, Role.SECOND)
