"""Docs that are checked: every environment variable and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _variables_read_by_code() -> set[str]:
    names: set[str] = set()
    # Names are read in several ways (os.environ, Typer's envvar=, a constant): catch the literals.
    pattern = re.compile(r"""["'](INSPECTORATE_[A-Z0-9_]+|DATABASE_URL)["']""")
    for path in (REPO / "src").rglob("*.py"):
        names.update(pattern.findall(path.read_text()))
    names.update(re.findall(r"\$\{?([A-Z][A-Z0-9_]+)", (REPO / "scripts" / "test").read_text()))
    return names - {"DJANGO_SETTINGS_MODULE", "PATH", "PWD"}


def test_every_environment_variable_is_in_the_settings_doc() -> None:
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", (REPO / "docs" / "settings.md").read_text()))
    read = _variables_read_by_code()
    assert "INSPECTORATE_HOME" in read  # the scan itself works
    assert read - documented == set()


def test_every_cli_command_is_in_the_readme() -> None:
    from typer.main import get_command

    from inspectorate.cli import app

    readme = (REPO / "README.md").read_text()
    root = get_command(app)
    commands = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        commands += (
            [f"inspectorate {name} {sub}" for sub in subcommands] if subcommands else [f"inspectorate {name}"]
        )
    assert len(commands) >= 10
    missing = [c for c in commands if c not in readme]
    assert missing == []
