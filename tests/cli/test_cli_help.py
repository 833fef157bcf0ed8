"""Every command's --help works and shows its docstring: the docstring is the help.

Run in the test process, but for the installed console script's own --help."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import typer

from inspectorate.cli import app

EXPECTED_COMMANDS = {
    (),
    ("init",),
    ("backup",),
    ("backup-verify",),
    ("restore",),
    ("demo",),
    ("import-report",),
    ("import-reports",),
    ("report",),
    ("report-batch",),
    ("serve",),
    ("worker",),
    ("frameworks",),
    ("frameworks", "list"),
    ("frameworks", "show"),
    ("frameworks", "validate"),
    ("frameworks", "import"),
    ("inspections",),
    ("inspections", "list"),
    ("inspections", "show"),
    ("inspections", "create"),
    ("inspections", "team"),
    ("inspections", "appoint"),
    ("inspections", "remove"),
    ("inspections", "invite"),
    ("forces",),
    ("forces", "list"),
    ("forces", "peers-template"),
    ("forces", "peers-import"),
    ("data",),
    ("data", "load"),
    ("data", "synth"),
    ("data", "list"),
    ("data", "remove"),
    ("data", "schema"),
    ("indicators",),
    ("indicators", "list"),
    ("indicators", "compute"),
    ("cdi",),
    ("cdi", "sample"),
    ("cdi", "list"),
    ("cdi", "worksheet"),
    ("cdi", "estimate"),
    ("cdi", "set"),
    ("cdi", "evidence"),
    ("cdi", "simulate"),
    ("reviews",),
    ("reviews", "start"),
    ("reviews", "list"),
    ("reviews", "answers"),
    ("reviews", "results"),
    ("reviews", "evidence"),
    ("reviews", "template"),
    ("reviews", "template", "list"),
    ("reviews", "template", "compile"),
    ("reviews", "template", "export"),
    ("plan",),
    ("plan", "show"),
    ("plan", "request"),
    ("plan", "answer"),
    ("plan", "file"),
    ("plan", "accept"),
    ("plan", "return"),
    ("plan", "withdraw"),
    ("plan", "activity"),
    ("followup",),
    ("followup", "list"),
    ("followup", "show"),
    ("followup", "set"),
    ("followup", "update"),
    ("followup", "verdict"),
    ("followup", "reopen"),
    ("followup", "backfill"),
    ("factcheck",),
    ("factcheck", "show"),
    ("factcheck", "comment"),
    ("factcheck", "answer"),
    ("moderation",),
    ("moderation", "show"),
    ("moderation", "agree"),
    ("moderation", "change"),
    ("moderation", "across"),
    ("monitoring",),
    ("monitoring", "list"),
    ("monitoring", "show"),
    ("monitoring", "place"),
    ("monitoring", "exit"),
    ("lifecycle",),
    ("lifecycle", "status"),
    ("lifecycle", "move"),
    ("notify",),
    ("notify", "digest"),
    ("notify", "choose"),
    ("responses",),
    ("responses", "list"),
    ("responses", "show"),
    ("responses", "record"),
    ("responses", "statement"),
    ("evidence",),
    ("evidence", "add"),
    ("evidence", "list"),
    ("evidence", "attach"),
    ("users",),
    ("users", "list"),
    ("users", "add"),
    ("users", "set"),
    ("national",),
    ("national", "load"),
    ("national", "editions"),
    ("national", "remove"),
    ("national", "indicators"),
    ("national", "show"),
    ("national", "force"),
}


def every_command() -> dict[tuple[str, ...], Any]:
    """Each command and group of the app by its path; Typer vendors Click, whose objects these are."""
    found: dict[tuple[str, ...], Any] = {}

    def visit(command: Any, path: tuple[str, ...]) -> None:
        found[path] = command
        for name, sub in getattr(command, "commands", {}).items():
            visit(sub, (*path, name))

    visit(typer.main.get_command(app), ())
    return found


def flat(text: str) -> str:
    """Text without Rich's box drawing and line wrapping, for comparing sentences."""
    for mark in "│╭╮╰╯─":
        text = text.replace(mark, " ")
    return " ".join(text.split())


def test_the_command_tree_is_the_documented_one() -> None:
    assert set(every_command()) == EXPECTED_COMMANDS


def test_every_command_has_a_docstring_for_its_help() -> None:
    for path, command in every_command().items():
        assert command.help and command.help.strip(), f"`inspectorate {' '.join(path)}` has no help"


def test_help_of_every_command_exits_0_and_shows_its_docstring(plain_cli) -> None:
    commands = every_command()
    paths = sorted(commands)
    results = plain_cli.batch([(*path, "--help") for path in paths])
    for path, result in zip(paths, results, strict=True):
        name = f"inspectorate {' '.join(path)}".strip()
        assert result.returncode == 0, result
        assert "Traceback" not in result.stderr, result
        shown = flat(result.stdout)
        assert f"Usage: {name}" in shown, result
        for paragraph in inspect.cleandoc(commands[path].help or "").split("\n\n"):
            assert flat(paragraph) in shown, f"{name} --help lacks {paragraph!r}"


def test_the_console_script_itself_shows_the_root_help(plain_script) -> None:
    result = plain_script("--help")
    assert result.returncode == 0, result
    assert "Usage: inspectorate" in result.stdout
    assert flat(app.info.help or "") in flat(result.stdout)


GROUPS = [(), ("frameworks",), ("inspections",), ("forces",)]
USAGE_ERRORS = {
    ("frobnicate",): "No such command 'frobnicate'.",
    ("frameworks", "validate"): "Missing argument 'FILE...'.",
    ("frameworks", "list", "--colour"): "No such option: --colour",
    ("inspections", "show"): "Missing argument 'ID'.",
}


@pytest.fixture(scope="module")
def misuse(plain_cli) -> dict[tuple[str, ...], Any]:
    commands = [*GROUPS, *USAGE_ERRORS]
    return dict(zip(commands, plain_cli.batch(commands), strict=True))


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: " ".join(g) or "root")
def test_a_group_without_a_command_shows_its_help_without_a_traceback(misuse, group) -> None:
    result = misuse[group]
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr, result
    assert f"Usage: {' '.join(('inspectorate', *group))}" in flat(result.stdout + result.stderr)


@pytest.mark.parametrize("args", list(USAGE_ERRORS), ids=" ".join)
def test_a_usage_error_is_reported_without_a_traceback(misuse, args) -> None:
    result = misuse[args]
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr, result
    assert USAGE_ERRORS[args] in flat(result.stderr), result
