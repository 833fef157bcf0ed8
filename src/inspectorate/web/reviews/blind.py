"""The blind second review: whose answers a person may see and change while a pair is under way.

A case picked for a second review is reviewed twice, by two people. Until the second review is
complete, each reviewer sees only their own review, and anyone else who may write (and so could
make the review not yet made) sees neither the first review nor, before there is one, a second.
Those who may only read, and the command line, see everything. Nobody changes answers they may
not see, and a case's two reviews are never made by the same person. The case page, saving and
the answer sheet all ask here.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import User

from inspectorate.web.reviews.models import AnswerStatus, CaseAnswers, ReviewCase, Role

BLIND = (
    "This case is picked for a second review, made blind: until the second review is complete, each of "
    "the case's two reviews is shown only to the person making it."
)
FIRST_REVIEWER = (
    "You made the first review of this case, so you cannot make its second review: someone else must, "
    "for the agreement figures to mean anything."
)
SECOND_REVIEWER = (
    "You made the second review of this case, so you cannot change its first review: the two reviews "
    "must stay by two people."
)


def hidden_roles(
    case: ReviewCase, sets: Mapping[str, CaseAnswers], user: User | None, can_write: bool
) -> set[str]:
    """The reviews of this case whose answers this user may not see yet."""
    second = sets.get(Role.SECOND)
    if (
        not case.second_review
        or not can_write
        or user is None
        or (second is not None and second.status == AnswerStatus.COMPLETE)
    ):
        return set()
    first = sets.get(Role.FIRST)
    if first is not None and first.reviewer_id == user.pk:
        return {Role.SECOND.value}
    if second is not None and second.reviewer_id == user.pk:
        return {Role.FIRST.value}
    return {Role.SECOND.value} if first is None else {Role.FIRST.value}


def refusal(role: str, sets: Mapping[str, CaseAnswers], user: User | None, hidden: set[str]) -> str:
    """Why this user may not answer this case in this role, or ''."""
    if user is not None:
        other = sets.get(Role.FIRST if role == Role.SECOND else Role.SECOND)
        if other is not None and other.reviewer_id == user.pk:
            return FIRST_REVIEWER if role == Role.SECOND else SECOND_REVIEWER
    if role in hidden and role in sets:
        return BLIND  # answers they may not see are not theirs to overwrite
    return ""


def answer_sets(case: ReviewCase) -> dict[str, CaseAnswers]:
    return {answers.role: answers for answers in case.answer_sets.select_related("reviewer")}
