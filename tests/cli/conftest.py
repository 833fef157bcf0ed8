"""Running the `inspectorate` command in the tests: in the test process, or as the real script.

Most tests run their command lines in the test process (``cli``, ``plain_cli``, ``own_cli``; see
tests/support/cli.py): through the console script's entry point, so with its error lines and exit
statuses, on pytest-django's test database. A test whose commands use the database is marked
``django_db``; then

- ``demo_workspace`` (and ``demo_build``, ``demo_documents``) gives the module the demo: built once
  for the session by the code `inspectorate demo --no-serve --no-seeds` runs, into a workspace
  folder of its own and the test database, and put back into the database for each module that
  asks for it, inside a transaction rolled back when the module ends;
- without it, the test starts from an empty database, as a new workspace would.

A few tests run the installed console script in a subprocess (``script``, ``own_script``,
``plain_script``, ``script_demo_workspace``): that it starts and works end to end, and what needs a
process of its own (``serve``, ``demo`` run again on a workspace another process built,
``report-batch``'s worker processes). When the suite runs on PostgreSQL (DATABASE_URL set), the
script gets a fresh database on that server, made for the session and dropped after it, so it
never writes into the suite's database. Without DATABASE_URL the script uses the workspace's
SQLite file. Starting the script costs about a second (Python, Pydantic models, Django), so
command lines that share a workspace can run as one batch: one subprocess that calls the console
script's entry point once per command line.
"""

from __future__ import annotations

import json
import os
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

from support.cli import SCRUBBED, Args, InProcess, Result, assert_one_error_line, demo_counts, run_in_process
from support.db_rows import Recorder, TableRows, insert
from support.demo_references import DRAFT, PUBLISHED

CLI = Path(sys.executable).parent / "inspectorate"

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


# In the test process ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def cli() -> InProcess:
    """The command in the test process; with ``demo_workspace``, on the demo."""
    return InProcess()


@pytest.fixture(scope="session")
def plain_cli() -> InProcess:
    """The command in the test process, for what needs no database (framework files, forces, help)."""
    return InProcess()


@pytest.fixture(scope="session")
def own_cli() -> InProcess:
    """The command in the test process, on the test's own empty database (mark the test django_db)."""
    return InProcess()


@dataclass(frozen=True)
class BuiltDemo:
    workspace: Path
    result: Result  # what `inspectorate demo` printed
    rows: tuple[TableRows, ...]  # what it added to the database


# The demo users' passwords are hashed with the fastest hasher: they are never checked here.
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def built_demo(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> BuiltDemo:
    """`inspectorate demo --no-serve --no-seeds`, run once in the test process; its rows are kept and
    rolled back, its files stay in the workspace folder."""
    from django.db import transaction
    from django.test import override_settings

    workspace = tmp_path_factory.mktemp("cli-demo") / "workspace"
    with django_db_blocker.unblock():
        recorder = Recorder()
        with transaction.atomic(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
            # The fixture alone, on every machine: with the seed reports present the demo would import them.
            result = run_in_process(("demo", "--no-serve", "--no-seeds", "--workspace", workspace))
            assert result.returncode == 0, result
            assert demo_counts(result.stdout)[1] == 0, result
            rows = recorder.added()
            transaction.set_rollback(True)
    return BuiltDemo(workspace, result, rows)


@pytest.fixture(scope="module")
def demo_build(built_demo: BuiltDemo, django_db_blocker: Any) -> Iterator[tuple[Path, Result]]:
    """The demo workspace, in the database for this module, and what building it printed."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        insert(built_demo.rows)
        yield built_demo.workspace, built_demo.result
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo_workspace(demo_build: tuple[Path, Result]) -> Path:
    return demo_build[0]


@pytest.fixture(scope="module")
def demo_documents(cli: InProcess, demo_workspace: Path) -> dict[str, dict[str, Any]]:
    """`inspections show REF --json` of the demo's six inspections, by reference."""
    references = [*PUBLISHED, DRAFT]
    results = cli.batch([("inspections", "show", ref, "--json", "-w", demo_workspace) for ref in references])
    shown = {}
    for reference, result in zip(references, results, strict=True):
        assert result.returncode == 0, result
        shown[reference] = result.json()
    return shown


# The console script, in a subprocess ----------------------------------------------------------


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
    """The console script, bound to one database (or none: the workspace's SQLite)."""

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
        """Several command lines in one subprocess, on one workspace or none."""
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
        """Rows from the script's database, to check what it stored."""
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
def script() -> Iterator[Cli]:
    """The console script with the session's database (shared by its demo workspace)."""
    _require_console_script()
    with database_for_cli() as url:
        yield Cli(url)


@pytest.fixture
def own_script() -> Iterator[Cli]:
    """The console script with a database of its own for one test (a fresh one on PostgreSQL)."""
    _require_console_script()
    with database_for_cli() as url:
        yield Cli(url)


@pytest.fixture(scope="session")
def plain_script() -> Cli:
    """The console script for what needs no workspace database."""
    _require_console_script()
    return Cli(None)


@pytest.fixture(scope="session")
def script_demo_build(script: Cli, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """A demo workspace built by the console script, once for the session, and what it printed."""
    workspace = tmp_path_factory.mktemp("script-demo") / "workspace"
    result = script("demo", "--no-serve", "--no-seeds", "--workspace", workspace)
    assert result.returncode == 0, result
    assert demo_counts(result.stdout)[1] == 0, result
    return workspace, result


@pytest.fixture(scope="session")
def script_demo_workspace(script_demo_build: tuple[Path, Result]) -> Path:
    return script_demo_build[0]


SERVE_STARTUP_TIMEOUT = 30.0


@pytest.fixture(scope="module")
def served_demo(
    script: Cli, script_demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`inspectorate serve` on the console script's demo workspace, on a free port: its address."""
    from support.serving import free_port, get, stop, wait_until_answering

    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("w") as out:
        process = script.popen("serve", "--workspace", script_demo_workspace, "--port", str(port), log=out)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(process, log, lambda: get(f"{base}/")[0], SERVE_STARTUP_TIMEOUT)
        yield base
    finally:
        stop(process)


# Checks ---------------------------------------------------------------------------------------


@pytest.fixture
def counts_of_demo() -> Callable[[str], tuple[int, int]]:
    return demo_counts


@pytest.fixture
def one_error_line() -> Callable[..., str]:
    return assert_one_error_line
