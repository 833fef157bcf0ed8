"""The `inspectorate` command: thin wrappers over core and the workspace.

User errors are one clear line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

from inspectorate.cli import (
    backup,
    cdi,
    data,
    demo,
    evidence,
    factcheck,
    followup,
    forces,
    frameworks,
    importing,
    indicators,
    inspections,
    lifecycle,
    moderation,
    monitoring,
    national,
    notifications,
    plan,
    reports,
    responses,
    reviews,
    users,
)
from inspectorate.cli.output import fail
from inspectorate.core.problems import InputError, ProblemsError

app = typer.Typer(
    help="Inspectorate: inspect police forces against versioned frameworks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(frameworks.app, name="frameworks")
app.add_typer(inspections.app, name="inspections")
app.add_typer(forces.app, name="forces")
app.add_typer(data.app, name="data")
app.add_typer(indicators.app, name="indicators")
app.add_typer(cdi.app, name="cdi")
app.add_typer(reviews.app, name="reviews")
app.add_typer(users.app, name="users")
app.add_typer(plan.app, name="plan")
app.add_typer(factcheck.app, name="factcheck")
app.add_typer(moderation.app, name="moderation")
app.add_typer(monitoring.app, name="monitoring")
app.add_typer(evidence.app, name="evidence")
app.add_typer(lifecycle.app, name="lifecycle")
app.add_typer(followup.app, name="followup")
app.add_typer(notifications.app, name="notify")
app.add_typer(responses.app, name="responses")
app.add_typer(national.app, name="national")
demo.register(app)
importing.register(app)
reports.register(app)
backup.register(app)


ABORTED = 130  # the shell's status for a command stopped by Ctrl+C


def main(argv: Sequence[str] | None = None, *, prog_name: str | None = None) -> None:
    """The console script. The arguments (else the command line's) let the tests run a command
    line in their own process, the way the script runs it."""
    try:
        status = app(args=argv, prog_name=prog_name, standalone_mode=False)
    except ProblemsError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        sys.exit(1)
    except InputError as exc:
        fail(str(exc))
    except (typer.Abort, KeyboardInterrupt):
        print("aborted", file=sys.stderr)
        sys.exit(ABORTED)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.TyperException as exc:
        # Usage errors (a missing argument, an unknown option, a group given no command) carry
        # their own message and exit code. Typer vendors Click, so there is no `click` to import.
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:
            print(f"error: {exc.format_message()}", file=sys.stderr)
        sys.exit(exc.exit_code)
    # Not standalone, Click turns Ctrl+C into Exit(130) and an Exit into its code, returned, not raised.
    if status == ABORTED:
        print("aborted", file=sys.stderr)
    if isinstance(status, int) and status:
        sys.exit(status)
