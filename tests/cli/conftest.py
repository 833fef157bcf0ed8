"""Running the real `inspectorate` command in a subprocess, on a workspace of its own.

When the suite runs on PostgreSQL (DATABASE_URL set), the command gets a fresh database on that
server, made for the session and dropped after it, so it never writes into the suite's database.
Without DATABASE_URL the command uses the workspace's SQLite file.

Starting the command costs about a second (Python, Pydantic models, Django), so commands that
only read, and share a workspace or need none, can run as one batch: one subprocess that calls
the console script's entry point, ``inspectorate.cli:main``, once per command line.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import pytest

CLI = Path(sys.executable).parent / "inspectorate"
# Environment the parent process may carry that must not leak into the command.
SCRUBBED = ("DATABASE_URL", "INSPECTORATE_HOME", "INSPECTORATE_SECRET_KEY", "INSPECTORATE_DEBUG")

# What the console script does, once per command line, each with its own stdout, stderr and status.
BATCH = """
import contextlib, io, json, sys, traceback
from inspectorate.cli import main

results = []
for argv in json.load(sys.stdin):
    out, err, status = io.StringIO(), io.StringIO(), 0
    sys.argv = ["inspectorate", *argv]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main()
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            traceback.print_exc()
            status = 1
    results.append([status, out.getvalue(), err.getvalue()])
json.dump(results, sys.__stdout__)
"""

Args = Sequence[str | os.PathLike[str]]


@dataclass(frozen=True)
class Result:
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


def _database_url_named(url: str, name: str) -> str:
    return urlsplit(url)._replace(path=f"/{name}").geturl()


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server of ``server_url``; dropped afterwards."""
    import psycopg
    from psycopg import sql

    name = f"inspectorate_cli_{secrets.token_hex(6)}"
    maintenance = _database_url_named(server_url, "postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _database_url_named(server_url, name)
    finally:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def database_for_cli() -> Iterator[str | None]:
    """A fresh PostgreSQL database when the suite runs on PostgreSQL; else None (SQLite)."""
    server_url = os.environ.get("DATABASE_URL")
    if not server_url:
        yield None
        return
    with fresh_database(server_url) as url:
        yield url


@dataclass(frozen=True)
class Cli:
    """The command, bound to one database (or none: the workspace's SQLite)."""

    database_url: str | None
    extra_env: tuple[tuple[str, str], ...] = ()

    @property
    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
        # Rich wraps help and tables to the terminal width; a wide one keeps each line whole.
        env["COLUMNS"] = "200"
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env | dict(self.extra_env)

    def with_env(self, **variables: str) -> Cli:
        return Cli(self.database_url, (*self.extra_env, *variables.items()))

    def __call__(self, *args: str | os.PathLike[str], timeout: float = 120) -> Result:
        argv = tuple(str(a) for a in args)
        done = subprocess.run(
            [str(CLI), *argv],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        return Result(argv, done.returncode, done.stdout, done.stderr)

    def batch(self, commands: Sequence[Args], timeout: float = 120) -> list[Result]:
        """Several command lines in one subprocess: read-only ones, on one workspace or none."""
        argvs = [[str(a) for a in args] for args in commands]
        done = subprocess.run(
            [sys.executable, "-c", BATCH],
            env=self.env,
            input=json.dumps(argvs),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return [
            Result(tuple(argv), status, out, err)
            for argv, (status, out, err) in zip(argvs, json.loads(done.stdout), strict=True)
        ]

    def popen(self, *args: str | os.PathLike[str], log: IO[str]) -> subprocess.Popen[str]:
        """Start a long-running command (such as serve), its output going to ``log``."""
        return subprocess.Popen(
            [str(CLI), *(str(a) for a in args)],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
        )

    def query(self, workspace: Path, statement: str) -> list[tuple[Any, ...]]:
        """Rows from the command's database, to check what it stored."""
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as conn:
                return [tuple(row) for row in conn.execute(statement).fetchall()]
        with sqlite3.connect(workspace / "inspectorate.sqlite3") as conn:
            return [tuple(row) for row in conn.execute(statement).fetchall()]


def _require_console_script() -> None:
    if not CLI.exists():
        pytest.skip(f"the inspectorate console script is not installed next to {sys.executable}")


@pytest.fixture(scope="session")
def cli() -> Iterator[Cli]:
    """The command with the session's database (shared by the demo workspace)."""
    _require_console_script()
    with database_for_cli() as url:
        yield Cli(url)


@pytest.fixture
def own_cli() -> Iterator[Cli]:
    """The command with a database of its own for one test (a fresh one on PostgreSQL)."""
    _require_console_script()
    with database_for_cli() as url:
        yield Cli(url)


@pytest.fixture(scope="session")
def plain_cli() -> Cli:
    """The command for what needs no workspace database (framework files, forces, help)."""
    _require_console_script()
    return Cli(None)


def demo_counts(stdout: str) -> tuple[int, int]:
    """(created, kept) from `inspectorate demo`, which always ends with six inspections."""
    match = re.search(r"^  6 inspections \((\d+) created, (\d+) kept as they were\)$", stdout, re.MULTILINE)
    assert match, stdout
    return int(match[1]), int(match[2])


@pytest.fixture(scope="session")
def demo_build(cli: Cli, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """The demo workspace, built once for the session, and what building it printed."""
    workspace = tmp_path_factory.mktemp("cli-demo") / "workspace"
    # The fixture alone, on every machine: with the seed reports present the demo would import them.
    result = cli("demo", "--no-serve", "--no-seeds", "--workspace", workspace)
    assert result.returncode == 0, result
    assert demo_counts(result.stdout)[1] == 0, result
    return workspace, result


@pytest.fixture(scope="session")
def demo_workspace(demo_build: tuple[Path, Result]) -> Path:
    return demo_build[0]


PUBLISHED = ("MPS-BA-2006", "MPS-CORE-2014", "MPS-PEEL-2015", "MPS-PEEL-2018", "MPS-PEEL-2021")
DRAFT = "MPS-PEEL-DRAFT"


@pytest.fixture(scope="session")
def demo_documents(cli: Cli, demo_workspace: Path) -> dict[str, dict[str, Any]]:
    """`inspections show REF --json` of the demo's six inspections, by reference."""
    references = [*PUBLISHED, DRAFT]
    results = cli.batch([("inspections", "show", ref, "--json", "-w", demo_workspace) for ref in references])
    shown = {}
    for reference, result in zip(references, results, strict=True):
        assert result.returncode == 0, result
        shown[reference] = result.json()
    return shown


@pytest.fixture
def counts_of_demo() -> Callable[[str], tuple[int, int]]:
    return demo_counts


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


@pytest.fixture
def one_error_line() -> Callable[..., str]:
    return assert_one_error_line
