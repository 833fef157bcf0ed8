"""The factual-accuracy check's log as typed documents: its page, one comment's page, their twins
and the command line's ``--json``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from inspectorate.core.findings import FindingKind
from inspectorate.web.factcheck.models import Answer, Comment
from inspectorate.web.factcheck.targets import Words, reference_of, said_on
from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.pages.documents import Document, PageDocument, Row


class AnswerLine(Document):
    """The team's answer to a comment."""

    decision: str
    """accepted or not-accepted"""
    decision_label: str
    amendment: str | None
    """What was amended, where the comment was accepted."""
    reason: str | None
    """Why not, where it was not accepted."""
    answered_by: str | None
    answered_at: str


class CommentLine(Document):
    """A comment by the force's liaison on the draft report, with the team's answer once given."""

    code: str
    target_kind: str
    """paragraph, finding, judgment, figure or general"""
    target: str
    """What it is on, as the command line's --on names it: finding:CODE, area:ID, figure:N,
    paragraph:ID or general."""
    on: str
    """What it is on, in words: "Judgment: Investigating crime", "Finding: " and its first words,
    "Figure 2: " and its measure, "Paragraph: the summary", "The report as a whole"."""
    quoted: str
    """The text commented on, as the draft report said it when the comment was made."""
    text: str
    author: str | None
    created_at: str
    answer: AnswerLine | None
    """None while the team has not answered."""


class CommentRow(Row):
    """A comment and its answer, on one line."""

    code: str
    target_kind: str
    target: str
    on: str
    """What it is on, in words (as the comment's ``on``)."""
    quoted: str
    text: str
    author: str | None
    created_at: str
    decision: str | None
    amendment: str | None
    reason: str | None
    answered_by: str | None
    answered_at: str | None


def _row(line: CommentLine) -> CommentRow:
    answer = line.answer
    return CommentRow(
        code=line.code,
        target_kind=line.target_kind,
        target=line.target,
        on=line.on,
        quoted=line.quoted,
        text=line.text,
        author=line.author,
        created_at=line.created_at,
        decision=answer.decision if answer else None,
        amendment=answer.amendment if answer else None,
        reason=answer.reason if answer else None,
        answered_by=answer.answered_by if answer else None,
        answered_at=answer.answered_at if answer else None,
    )


class FactualAccuracyPage(PageDocument):
    """The factual-accuracy check of an inspection's draft report: every comment of the force's
    liaison, with the team's answer, who and when."""

    ROW = CommentRow
    inspection: str
    """The inspection's code."""
    reference: str
    title: str
    status: str
    open: bool
    """Whether the check is open (the inspection is at the factual-accuracy check): comments and
    answers are taken only then."""
    state: str
    """not-started (before the check), open (at it) or closed (after it)."""
    unanswered: int
    comments: list[CommentLine]
    """Oldest first."""

    def csv_rows(self) -> Sequence[CommentRow]:
        return [_row(line) for line in self.comments]


class CommentPage(PageDocument):
    """One comment of the factual-accuracy check, with the team's answer."""

    ROW = CommentRow
    inspection: str
    reference: str
    open: bool
    comment: CommentLine

    def csv_rows(self) -> Sequence[CommentRow]:
        return [_row(self.comment)]


def _who(user: object) -> str | None:
    return user.get_username() if user is not None and hasattr(user, "get_username") else None


def answer_line(answer: Answer) -> AnswerLine:
    return AnswerLine(
        decision=answer.decision,
        decision_label=answer.get_decision_display(),
        amendment=answer.amendment or None,
        reason=answer.reason or None,
        answered_by=_who(answer.answered_by),
        answered_at=answer.answered_at.isoformat(),
    )


def words_for(inspection: Inspection) -> Words:
    """The names of the inspection's areas, and which of its findings are recommendations."""
    titles = {place.area.id: place.area.title for place in inspection.spec.walk()}
    codes = inspection.findings.filter(kind=FindingKind.RECOMMENDATION.value).values_list("code", flat=True)
    return Words(titles=titles, recommendations=frozenset(str(code) for code in codes))


def check_state(inspection: Inspection, comments: int) -> str:
    """not-started before the check, open at it, closed after it (or when it was moved back from it
    with comments made)."""
    if inspection.status == Status.FACTUAL_ACCURACY:
        return "open"
    if inspection.status in (Status.EMBARGOED, Status.PUBLISHED) or comments:
        return "closed"
    return "not-started"


def comment_line(comment: Comment, words: Words | None = None) -> CommentLine:
    answer = getattr(comment, "answer", None)
    words = words if words is not None else words_for(comment.inspection)
    return CommentLine(
        code=str(comment.code),
        target_kind=comment.target_kind,
        target=reference_of(comment.target_kind, comment.target),
        on=said_on(comment.target_kind, comment.target, comment.quoted, words),
        quoted=comment.quoted,
        text=comment.text,
        author=_who(comment.author),
        created_at=comment.created_at.isoformat(),
        answer=answer_line(answer) if answer is not None else None,
    )


def comments_of(inspection: Inspection) -> list[Comment]:
    return list(
        Comment.objects.filter(inspection=inspection)
        .select_related("author", "answer", "answer__answered_by")
        .order_by("created_at", "id")
    )


def factual_accuracy_page(
    inspection: Inspection, comments: Iterable[Comment], is_open: bool
) -> FactualAccuracyPage:
    words = words_for(inspection)
    lines = [comment_line(c, words) for c in comments]
    return FactualAccuracyPage(
        inspection=str(inspection.code),
        reference=inspection.reference,
        title=inspection.title,
        status=inspection.status,
        open=is_open,
        state=check_state(inspection, len(lines)),
        unanswered=sum(1 for line in lines if line.answer is None),
        comments=lines,
    )


def comment_page(inspection: Inspection, comment: Comment, is_open: bool) -> CommentPage:
    return CommentPage(
        inspection=str(inspection.code),
        reference=inspection.reference,
        open=is_open,
        comment=comment_line(comment, words_for(inspection)),
    )
