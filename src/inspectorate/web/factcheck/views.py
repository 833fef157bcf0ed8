"""The factual-accuracy check's pages: the log of comments and answers, with the liaison's comment
form and the team's answer forms; one comment's page; and the two POST-only acts.

Who reads: the team, of any role, staff, and the force's liaison invited to the inspection (at the
check and after it); anyone else gets 404, so that a draft's check is not revealed. A POST by a reader
who may not make it is a 403 (checking.py holds the rules)."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from inspectorate.core.problems import InputError
from inspectorate.web.factcheck.checking import (
    add_comment,
    answer_comment,
    at_the_check,
    may_answer,
    may_comment,
    reads_log,
)
from inspectorate.web.factcheck.documents import comment_page, comments_of, factual_accuracy_page
from inspectorate.web.factcheck.forms import AnswerForm, CommentForm
from inspectorate.web.factcheck.models import Comment
from inspectorate.web.factcheck.targets import targets
from inspectorate.web.inspections.access import can_see_history
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.requests import AuthenticatedHttpRequest
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.reports.build import report_context
from inspectorate.web.reports.publishing import can_publish


def _inspection(request: HttpRequest, code: UUID) -> Inspection:
    """The inspection, for those who read its check's log; 404 for everyone else."""
    inspection = Inspection.objects.select_related("force", "framework").filter(code=code).first()
    if inspection is None or not reads_log(request.user, inspection):
        raise Http404("No such inspection")
    return inspection


def _comment(inspection: Inspection, comment_code: UUID) -> Comment:
    found = (
        Comment.objects.select_related("author", "answer__answered_by")
        .filter(inspection=inspection, code=comment_code)
        .first()
    )
    if found is None:
        raise Http404("No such comment")
    return found


def _comment_form(
    request: HttpRequest, inspection: Inspection, data: Mapping[str, str] | None = None
) -> CommentForm:
    action = reverse("factual-accuracy-comment-add", kwargs={"code": inspection.code})
    parts = targets(report_context(inspection, with_numbers=False))
    if data is not None:
        return CommentForm(data, targets=parts, action=action)
    wanted = request.GET.get("on", "").strip()
    initial = {"on": wanted} if any(t.reference == wanted for t in parts) else {}
    return CommentForm(targets=parts, action=action, initial=initial)


def _answer_form(
    inspection: Inspection, comment: Comment, data: Mapping[str, str] | None = None
) -> AnswerForm:
    action = reverse(
        "factual-accuracy-answer", kwargs={"code": inspection.code, "comment_code": comment.code}
    )
    return AnswerForm(data, action=action, key=str(comment.code)[:8])


def factual_accuracy(
    request: HttpRequest, fmt: Fmt, code: UUID, comment_form: CommentForm | None = None
) -> HttpResponse:
    inspection = _inspection(request, code)
    comments = comments_of(inspection)
    document = factual_accuracy_page(inspection, comments, at_the_check(inspection))
    commenting = may_comment(request.user, inspection)
    answering = may_answer(request.user, inspection)
    answer_forms = (
        {str(c.code): _answer_form(inspection, c) for c in comments if not hasattr(c, "answer")}
        if answering and fmt == "html"
        else {}
    )
    form = comment_form
    if form is None and commenting and fmt == "html":
        form = _comment_form(request, inspection)
    context = {
        "inspection": inspection,
        "is_team": can_see_history(request.user, inspection),
        # The way on once every comment is answered: the lead (or staff) publishes under embargo.
        "can_publish": can_publish(request.user, inspection),
        "comment_form": form,
        "answer_forms": answer_forms,
        "items": list(zip(document.comments, comments, strict=True)),
    }
    page = Page(
        "factcheck/factual_accuracy.html",
        f"Factual-accuracy check: {inspection.reference}",
        document,
        context,
        f"{inspection.reference}-factual-accuracy",
    )
    return render_page(request, fmt, page)


def factual_accuracy_comment(
    request: HttpRequest, fmt: Fmt, code: UUID, comment_code: UUID, answer_form: AnswerForm | None = None
) -> HttpResponse:
    inspection = _inspection(request, code)
    comment = _comment(inspection, comment_code)
    document = comment_page(inspection, comment, at_the_check(inspection))
    form = answer_form
    if (
        form is None
        and fmt == "html"
        and document.comment.answer is None
        and may_answer(request.user, inspection)
    ):
        form = _answer_form(inspection, comment)
    context = {"inspection": inspection, "comment": comment, "answer_form": form}
    page = Page(
        "factcheck/comment.html",
        f"Comment on the draft report: {inspection.reference}",
        document,
        context,
        f"{inspection.reference}-comment-{str(comment.code)[:8]}",
    )
    return render_page(request, fmt, page)


@require_POST
def comment_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The liaison's comment on the draft report, at the factual-accuracy check."""
    inspection = _inspection(request, code)
    if not may_comment(request.user, inspection):
        raise PermissionDenied("Only the force's liaison comments, and only at the factual-accuracy check.")
    form = _comment_form(request, inspection, request.POST)
    if form.is_valid():
        try:
            comment = add_comment(
                inspection, request.user, form.cleaned_data["on"], form.cleaned_data["text"]
            )
        except InputError as exc:  # the part commented on is gone from the draft since the form was opened
            form.add_error("on", f"Not sent: {exc}")
        else:
            messages.success(request, "Your comment is sent: the team answers it here.")
            url = reverse("factual-accuracy", kwargs={"code": inspection.code})
            return HttpResponseRedirect(f"{url}#comment-{comment.code}")
    return factual_accuracy(request, "html", inspection.code, comment_form=form)


@require_POST
def comment_answer(request: AuthenticatedHttpRequest, code: UUID, comment_code: UUID) -> HttpResponse:
    """The team's answer to a comment: accepted with the amendment made, or not with the reason."""
    inspection = _inspection(request, code)
    comment = _comment(inspection, comment_code)
    if not may_answer(request.user, inspection):
        raise PermissionDenied(
            "Only the team's writers and staff answer, and only at the factual-accuracy check."
        )
    form = _answer_form(inspection, comment, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            answer_comment(comment, request.user, data["decision"], data["amendment"], data["reason"])
        except InputError as exc:  # answered meanwhile by someone else
            form.add_error(None, f"Not answered: {exc}")
        else:
            messages.success(request, "The comment is answered.")
            url = reverse("factual-accuracy", kwargs={"code": inspection.code})
            return HttpResponseRedirect(f"{url}#comment-{comment.code}")
    return factual_accuracy_comment(request, "html", inspection.code, comment.code, answer_form=form)
