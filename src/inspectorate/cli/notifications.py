"""`inspectorate notify`: the daily digest of followed findings by email, and how each person likes
to be told. Mail goes where the settings say (the workspace's outbox by default; docs/notifications.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from inspectorate.cli.options import JsonOption, WorkspaceOption, parse_date
from inspectorate.cli.output import console, fail, print_json
from inspectorate.cli.progress import progress_bar
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

app = typer.Typer(
    help="Email about followed findings: the daily digest, and each person's choice.", no_args_is_help=True
)


@app.command("digest")
def digest(
    today: Annotated[
        str | None, typer.Option("--today", metavar="DATE", help="The digest's day (YYYY-MM-DD; else today).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say who would be mailed what; send nothing.")
    ] = False,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Send the daily digest: one email per person listing what is overdue, what falls due within 14
    days, local policing bodies' responses due or overdue, and what happened since their last digest.
    Only people with something new are mailed, once a day: run it again and nothing more is sent.
    Run it daily (cron or a systemd timer)."""
    day = parse_date(today, "--today")
    open_workspace(workspace)
    from django.utils import timezone

    if day is not None and day > timezone.localdate() and not dry_run:
        # Each notice is sent once: a digest for a day to come would use up notices not yet due.
        fail(
            f"--today: {day.isoformat()} is after today; a digest for a day to come runs only with --dry-run"
        )

    from inspectorate.web.notifications.digest import run_digest
    from inspectorate.web.notifications.notices import long_date

    with progress_bar("Digest", enabled=not as_json) as progress:
        run = run_digest(day or timezone.localdate(), dry_run=dry_run, progress=progress)
    if as_json:
        print_json(run.to_json())
    else:
        verb = "would send" if dry_run else "sent"
        for mail in run.mails:
            if dry_run or mail.sent:
                console.print(
                    f"{verb} {mail.username} <{mail.address}>: {mail.new} new, {mail.listed} listed",
                    highlight=False,
                )
        summary = f"digest of {long_date(run.day)}: {run.sent if not dry_run else len(run.mails)} {verb}"
        if run.already_sent:
            summary += f", {run.already_sent} already sent that day"
        console.print(summary, highlight=False)
    if run.failed:
        fail(f"{run.failed} digests not sent (the mail server refused or could not be reached): see the log")


@app.command("choose")
def choose(
    username: Annotated[str, typer.Argument(metavar="USERNAME", help="Whose choice.")],
    digest_only: Annotated[
        bool | None,
        typer.Option(
            "--digest-only/--at-once",
            help="Updates and verdicts only in the daily digest, or mailed at once too (the default).",
            show_default=False,
        ),
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Show or set how a person is told of updates and verdicts: at once, or only in the daily
    digest."""
    open_workspace(workspace)
    from django.contrib.auth.models import User

    from inspectorate.web.notifications.models import MailChoice

    user = User.objects.filter(username=username).first()
    if user is None:
        raise InputError(f"USERNAME: no user {username!r} in this workspace (see `inspectorate users list`)")
    if digest_only is not None:
        MailChoice.objects.update_or_create(user=user, defaults={"immediate": not digest_only})
    choice = MailChoice.objects.filter(user=user).first()
    immediate = choice is None or choice.immediate
    told = "at once, and in the daily digest" if immediate else "only in the daily digest"
    address = user.email or "no email address: told of nothing"
    console.print(f"{user.username} ({address}): updates and verdicts {told}", highlight=False)
