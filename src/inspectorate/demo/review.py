"""The demo's case-file review: cases drawn from the SYNTHETIC return, mostly reviewed.

The answers are made by seeded stand-ins for two reviewers. The first answers each shown question
at about the rate the Metropolitan 2021/22 report found (THRIVE+ made in about one applicable case
in five, and so on); the second re-reviews the cases picked for it and reads a few answers
differently, so that the agreement figures have something to show. Some cases are left for the
visitor to review.
"""

from __future__ import annotations

import numpy as np
from auditlog.context import set_actor
from django.contrib.auth.models import User
from django.db import transaction

from inspectorate.core.casereview.answers import State, read_answers
from inspectorate.core.casereview.cases import default_period, draw_review_cases
from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.published import MPS_2021_CASES, MPS_2021_COUNTS
from inspectorate.core.casereview.spec import COUNTED_CHOICE, NOT_APPLICABLE_CHOICE, QuestionType, Template
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.reviews.models import CaseReview, Role
from inspectorate.web.reviews.services import create_review, save_answers
from inspectorate.web.workspace import data_store

DEMO_REVIEW_REFERENCE = "MPS-PEEL-DRAFT-VSA"
DEMO_TEMPLATE = "peel-2021-victim-service"
DEMO_CASES = 60
LEFT_FOR_THE_VISITOR = 8
DEMO_SEED = 2022
SECOND_SHARE = 0.2
DISAGREEMENT = 0.08  # the chance the second stand-in reads an answer differently
# Facts about cases, not checks: how often each is "yes" among the cases where it is asked.
FACT_RATES = {"repeat_victim": 0.16, "attended": 0.7, "investigated_further": 0.85, "victim_withdrew": 0.2}
OUTCOMES = {"charge": 0.15, "caution": 0.06, "community_resolution": 0.06, "evidential_difficulties": 0.3,
            "no_suspect": 0.3, "other": 0.05, "open": 0.08}  # fmt: skip


def build_demo_review(draft_reference: str, dataset_name: str) -> CaseReview | None:
    """Create the demo review on the draft inspection, unless it exists; None without the data."""
    existing = CaseReview.objects.filter(reference=DEMO_REVIEW_REFERENCE).first()
    if existing is not None:
        return existing
    draft = Inspection.objects.filter(reference=draft_reference).first()
    store = data_store()
    dataset = store.dataset(draft.force_id, dataset_name) if draft is not None else None
    if draft is None or dataset is None:
        return None
    if default_period(dataset) is None:
        return None
    drawn = draw_review_cases(store, dataset, DEMO_CASES, DEMO_SEED)
    template = get_template(DEMO_TEMPLATE)
    rng = np.random.default_rng(DEMO_SEED)
    with set_actor(None), transaction.atomic():
        review = create_review(
            draft,
            template,
            drawn.cases,
            source=drawn.source,
            synthetic=drawn.synthetic,
            second_share=SECOND_SHARE,
            seed=DEMO_SEED,
            reference=DEMO_REVIEW_REFERENCE,
        )
        # The two stand-ins act for the demo's lead inspector and analyst, so the second is someone else.
        first = User.objects.filter(username="lead").first()
        second = User.objects.filter(username="analyst").first()
        for case in list(review.cases.order_by("number"))[: DEMO_CASES - LEFT_FOR_THE_VISITOR]:
            answers = stand_in_answers(template, rng)
            save_answers(case, Role.FIRST, answers, complete=True, user=first, expected_revision=0)
            if case.second_review:
                again = second_opinion(template, answers, rng)
                save_answers(case, Role.SECOND, again, complete=True, user=second, expected_revision=0)
    return review


def _rates(name: str) -> tuple[float, float]:
    """(chance the question applies, chance of yes when it does), from the published counts."""
    if name in MPS_2021_COUNTS:
        met, applicable = MPS_2021_COUNTS[name]
        return applicable / MPS_2021_CASES, met / applicable
    return 0.85, FACT_RATES.get(name, 0.85)


def stand_in_answers(template: Template, rng: np.random.Generator) -> dict[str, str]:
    answers: dict[str, str] = {}
    for question in template.questions:
        if not question.answerable or not _shown(template, question.name, answers):
            continue
        if question.type is QuestionType.TEXT:
            continue
        choices = [choice.name for choice in template.choices_of(question)]
        if question.name == "outcome_type":
            answers[question.name] = str(rng.choice(list(OUTCOMES), p=list(OUTCOMES.values())))
            continue
        applies, yes = _rates(question.name)
        if NOT_APPLICABLE_CHOICE in choices and rng.random() > applies:
            answers[question.name] = NOT_APPLICABLE_CHOICE
        else:
            answers[question.name] = COUNTED_CHOICE if rng.random() < yes else "no"
    return answers


def second_opinion(template: Template, first: dict[str, str], rng: np.random.Generator) -> dict[str, str]:
    """The first answers with a few read differently, then completed where that shows new questions."""
    again: dict[str, str] = {}
    for question in template.questions:
        if not question.answerable or question.type is QuestionType.TEXT:
            continue
        if not _shown(template, question.name, again):
            continue
        choices = [choice.name for choice in template.choices_of(question)]
        answer = first.get(question.name)
        if answer is None or rng.random() < DISAGREEMENT:
            others = [choice for choice in choices if choice != answer]
            answer = str(rng.choice(others))
        again[question.name] = answer
    return again


def _shown(template: Template, name: str, answers: dict[str, str]) -> bool:
    return read_answers(template, answers, complete=False).states.get(name) is not State.SKIPPED
