"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from inspectorate.core.problems import InputError, ProblemsError
from inspectorate.core.workspace import ENV_VAR

WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        envvar=ENV_VAR,
        help=f"Workspace folder (else ${ENV_VAR}, else ./inspectorate-data).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def parse_date(text: str | None, option: str) -> date | None:
    """An ISO date typed after ``option``, or None when the option was not given."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None


def as_options(exc: ProblemsError, options: Mapping[str, str]) -> InputError:
    """Core's problems with what was typed, one line each, named by the option that gave the field."""
    lines = [f"{options.get(p.path, p.path)}: {p.message}" for p in exc.problems]
    return InputError("\n".join(lines))
