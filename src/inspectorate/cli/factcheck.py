"""`inspectorate factcheck`: the factual-accuracy check of an inspection's draft report: its log, the
liaison's comments and the team's answers, with the same rules as the pages (web/factcheck)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from inspectorate.cli.acting import AsOption, acting_user
from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

if TYPE_CHECKING:
    pass

app = typer.Typer(
    help="The factual-accuracy check: comments on the draft report and their answers.", no_args_is_help=True
)

InspectionArgument = Annotated[
    str, typer.Argument(metavar="REF", help="The inspection's reference (MPS-PEEL-2021) or code (UUID).")
]


@app.command("show")
def show(
    inspection_id: InspectionArgument, as_json: JsonOption = False, workspace: WorkspaceOption = None
) -> None:
    """Show the check's log: every comment, what it quotes, and the team's answer."""
    open_workspace(workspace)
    from inspectorate.web.factcheck.checking import at_the_check
    from inspectorate.web.factcheck.documents import comments_of, factual_accuracy_page
    from inspectorate.web.inspections.lookup import find_inspection

    inspection = find_inspection(inspection_id)
    document = factual_accuracy_page(inspection, comments_of(inspection), at_the_check(inspection))
    if as_json:
        print_json(document.to_json())
        return
    state = {"not-started": "not started", "open": "open", "closed": "closed"}[document.state]
    console.print(
        f"[bold]{document.reference}[/bold] factual-accuracy check ({state}): "
        f"{len(document.comments)} comments, {document.unanswered} not answered"
    )
    shown = table("comment", "on", "comment text", "by", "answer")
    for line in document.comments:
        answer = line.answer
        said = (
            "not answered"
            if answer is None
            else f"{answer.decision_label}: {answer.amendment or answer.reason}"
        )
        shown.add_row(line.code[:8], f"{line.on} ({line.target})", line.text, line.author or "", said)
    console.print(shown)


@app.command("comment")
def comment(
    inspection_id: InspectionArgument,
    on: Annotated[
        str,
        typer.Option("--on", help="What it is on: finding:CODE, area:ID, figure:N, paragraph:ID or general."),
    ],
    text: Annotated[str, typer.Option("--text", help="The comment.")],
    username: AsOption,
    workspace: WorkspaceOption = None,
) -> None:
    """Comment on the draft report, as the force's liaison invited to the inspection."""
    open_workspace(workspace)
    from auditlog.context import set_actor

    from inspectorate.web.factcheck.checking import add_comment
    from inspectorate.web.factcheck.documents import comment_line
    from inspectorate.web.inspections.lookup import find_inspection

    inspection = find_inspection(inspection_id)
    user = acting_user(username)
    with set_actor(user):
        made = add_comment(inspection, user, on, text)
    console.print(f"comment {made.code} on {comment_line(made).on} ({on.strip()}) recorded")


@app.command("answer")
def answer(
    inspection_id: InspectionArgument,
    comment_code: Annotated[
        str, typer.Argument(metavar="COMMENT_CODE", help="The comment's code, or its first characters.")
    ],
    username: AsOption,
    accepted: Annotated[bool, typer.Option("--accepted", help="The comment is accepted.")] = False,
    not_accepted: Annotated[
        bool, typer.Option("--not-accepted", help="The comment is not accepted.")
    ] = False,
    amendment: Annotated[str, typer.Option("--amendment", help="The amendment made (with --accepted).")] = "",
    reason: Annotated[str, typer.Option("--reason", help="Why not (with --not-accepted).")] = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Answer a comment, as the team: --accepted with --amendment, or --not-accepted with --reason."""
    if accepted == not_accepted:
        raise InputError("give one of --accepted (with --amendment) or --not-accepted (with --reason)")
    if accepted and reason:
        raise InputError("--reason goes with --not-accepted; say what was amended with --amendment")
    if not_accepted and amendment:
        raise InputError("--amendment goes with --accepted; give why not with --reason")
    open_workspace(workspace)
    from auditlog.context import set_actor

    from inspectorate.web.factcheck.checking import answer_comment
    from inspectorate.web.factcheck.models import Comment, Decision
    from inspectorate.web.inspections.lookup import find_inspection

    inspection = find_inspection(inspection_id)
    prefix = comment_code.strip().lower()
    found = (
        [c for c in Comment.objects.filter(inspection=inspection) if str(c.code).startswith(prefix)]
        if prefix
        else []
    )
    if len(found) != 1:
        many = "more than one comment" if found else "no comment"
        raise InputError(
            f"{many} of {inspection.reference} has a code starting {comment_code!r}"
            " (see `inspectorate factcheck show`)"
        )
    user = acting_user(username)
    decision = Decision.ACCEPTED if accepted else Decision.NOT_ACCEPTED
    with set_actor(user):
        answer_comment(found[0], user, decision, amendment, reason)
    console.print(f"comment {found[0].code} answered: {decision.label.lower()}")
