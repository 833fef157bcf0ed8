"""Running `inspectorate` command lines inside the test process, the way the console script runs them.

``run_in_process(args)`` calls the console script's own entry point, ``inspectorate.cli.main``,
with the arguments, so a user error is the same ``error: ...`` line on stderr and the same exit
status as from the installed command; its output is captured with Typer's ``CliRunner``
isolation (stdout and stderr apart, the environment set and put back afterwards).

What differs from a real process, and how it is made up for:

- Django is already set up, by pytest-django, on the test database: every workspace shares that
  database. A test that reads or writes it is marked ``django_db``; its changes are rolled back.
- ``settings.WORKSPACE`` was fixed when the settings were imported. A new process takes it from
  ``--workspace`` (``open_workspace`` puts it in INSPECTORATE_HOME before Django starts), so each
  command line here runs with ``settings.WORKSPACE`` set to the workspace it names.
- The Rich consoles of ``inspectorate.cli`` were made when the module was imported; each command
  line gets them as a process writing to a pipe would: no colour, 200 columns (COLUMNS, as the
  subprocess tests give the command).
- Warnings logged while a command runs go to pytest's log capture, not to the command's stderr.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Environment the test process may carry that must not reach the command.
SCRUBBED = ("DATABASE_URL", "INSPECTORATE_HOME", "INSPECTORATE_SECRET_KEY", "INSPECTORATE_DEBUG")
# Rich wraps help and tables to the terminal width; a wide one keeps each line whole.
COLUMNS = "200"

Args = Sequence[str | os.PathLike[str]]


@dataclass(frozen=True)
class Result:
    """What a command line printed, and its exit status."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    @property
    def error_lines(self) -> list[str]:
        return self.stderr.splitlines()

    def __str__(self) -> str:
        return f"$ inspectorate {' '.join(self.args)}\n[{self.returncode}]\n{self.stdout}\n{self.stderr}"


def assert_one_error_line(result: Result, *fragments: str) -> str:
    """The command failed with exit 1 and one `error: ...` line on stderr, without a traceback."""
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr, result
    lines = result.error_lines
    assert len(lines) == 1, result
    line = lines[0]
    assert line.startswith("error: "), result
    for fragment in fragments:
        assert fragment in line, result
    return line


def _exit_status(code: object) -> int:
    """The status a process exits with after ``SystemExit(code)``; a message goes to stderr."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _workspace_named(argv: Sequence[str], env: Mapping[str, str | None]) -> Path:
    """The workspace a command line names: --workspace/-w, else INSPECTORATE_HOME, else the default."""
    from inspectorate.core.workspace import ENV_VAR, workspace_dir

    given: str | None = env.get(ENV_VAR)
    for index, arg in enumerate(argv):
        if arg in ("-w", "--workspace") and index + 1 < len(argv):
            given = argv[index + 1]
        elif arg.startswith("--workspace="):
            given = arg.partition("=")[2]
    return workspace_dir(given)


@contextmanager
def _settings_workspace(path: Path) -> Iterator[None]:
    from django.test import override_settings

    with override_settings(WORKSPACE=path):
        yield


@contextmanager
def _consoles_as_in_a_pipe() -> Iterator[None]:
    """The CLI's Rich consoles without the width and colours they took from the test process."""
    from inspectorate.cli.output import console
    from inspectorate.cli.progress import progress_console

    consoles = (console, progress_console)
    saved = [(c._width, c._color_system) for c in consoles]
    try:
        for c in consoles:
            # No fixed width: Rich then reads COLUMNS when it prints. No colour, as in a pipe.
            c._width, c._color_system = None, None
        yield
    finally:
        for c, (width, colours) in zip(consoles, saved, strict=True):
            c._width, c._color_system = width, colours


def run_in_process(args: Args, env: Mapping[str, str] | None = None) -> Result:
    """`inspectorate ARGS...` run in this process through the console script's entry point."""
    from typer.testing import CliRunner

    from inspectorate.cli import main

    argv = tuple(str(a) for a in args)
    overrides: dict[str, str | None] = {key: None for key in SCRUBBED}
    overrides |= {"COLUMNS": COLUMNS, **(env or {})}
    excepthook = sys.excepthook  # Typer installs its own on every call
    with (
        CliRunner().isolation(env=overrides) as (out, err, _),
        _settings_workspace(_workspace_named(argv, overrides)),
        _consoles_as_in_a_pipe(),
    ):
        try:
            main(argv, prog_name="inspectorate")
            status = 0
        except SystemExit as exc:
            status = _exit_status(exc.code)
        except Exception:
            # What the interpreter prints for an uncaught exception, and the status it exits with.
            traceback.print_exc()
            status = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            sys.excepthook = excepthook
        stdout, stderr = out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")
    return Result(argv, status, stdout, stderr)


@dataclass(frozen=True)
class InProcess:
    """The command, run in the test process (see the module's docstring)."""

    extra_env: tuple[tuple[str, str], ...] = ()

    def __call__(self, *args: str | os.PathLike[str]) -> Result:
        return run_in_process(args, dict(self.extra_env))

    def batch(self, commands: Sequence[Args]) -> list[Result]:
        """Several command lines, one after another."""
        return [self(*args) for args in commands]

    def with_env(self, **variables: str) -> InProcess:
        return InProcess((*self.extra_env, *variables.items()))

    def query(self, workspace: Path, statement: str) -> list[tuple[Any, ...]]:
        """Rows from the database the commands ran on (the test database, whatever the workspace)."""
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(statement)
            return [tuple(row) for row in cursor.fetchall()]


def demo_counts(stdout: str) -> tuple[int, int]:
    """(created, kept) from `inspectorate demo`, which always ends with eleven inspections: the six
    published, the draft and an exercise at each other stage (demo/exercises.py)."""
    import re

    match = re.search(r"^  11 inspections \((\d+) created, (\d+) kept as they were\)$", stdout, re.MULTILINE)
    assert match, stdout
    return int(match[1]), int(match[2])
