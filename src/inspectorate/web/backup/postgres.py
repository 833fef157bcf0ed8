"""PostgreSQL's part of a backup: pg_dump's custom format out, pg_restore back in.

The connection reaches the programs as libpq's environment variables, so that a password is never
on a command line for other users of the machine to read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from inspectorate.core.problems import InputError

# Where Debian installs each PostgreSQL version's programs when they are not on the PATH.
VERSIONED_PROGRAMS = Path("/usr/lib/postgresql")
LIBPQ_VARIABLES = {
    "HOST": "PGHOST",
    "PORT": "PGPORT",
    "USER": "PGUSER",
    "PASSWORD": "PGPASSWORD",
    "NAME": "PGDATABASE",
}


def postgres_program(name: str) -> Path:
    """pg_dump or pg_restore: on the PATH, else the newest in /usr/lib/postgresql/VERSION/bin."""
    found = shutil.which(name)
    if found:
        return Path(found)
    installed = sorted(VERSIONED_PROGRAMS.glob(f"*/bin/{name}"), key=_version_of)
    if installed:
        return installed[-1]
    raise InputError(
        f"{name} is not on the PATH nor in {VERSIONED_PROGRAMS}/VERSION/bin: install PostgreSQL's "
        "client programs (Debian: postgresql-client) of the server's version"
    )


def _version_of(program: Path) -> tuple[int, ...]:
    version = program.parent.parent.name
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def libpq_environment(database: Mapping[str, Any]) -> dict[str, str]:
    """This process's environment with the connection of Django's ``database`` settings."""
    environment = dict(os.environ)
    for key, variable in LIBPQ_VARIABLES.items():
        value = database.get(key)
        if value:
            environment[variable] = str(value)
    return environment


def dump(database: Mapping[str, Any], target: Path) -> None:
    """pg_dump the database into ``target`` in its custom format: one consistent snapshot, taken in
    a single transaction while the app goes on writing."""
    _run(postgres_program("pg_dump"), ["--format=custom", "--no-password", f"--file={target}"], database)


def restore(database: Mapping[str, Any], source: Path, *, replace: bool) -> None:
    """pg_restore ``source`` into the database, all or nothing; with ``replace``, dropping the
    objects the dump holds first. Ownership and grants are left to the restoring user."""
    options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password"]
    if replace:
        options += ["--clean", "--if-exists"]
    _run(postgres_program("pg_restore"), [*options, f"--dbname={database['NAME']}", str(source)], database)


def is_empty(database: Mapping[str, Any]) -> bool:
    """True when the database holds no table outside PostgreSQL's own schemas."""
    import psycopg
    from psycopg.conninfo import make_conninfo

    given = {
        "host": database.get("HOST"),
        "port": database.get("PORT"),
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
        "dbname": database.get("NAME"),
    }
    try:
        conninfo = make_conninfo(**{key: str(value) for key, value in given.items() if value})
        with psycopg.connect(conninfo) as connection:
            row = connection.execute(
                "SELECT count(*) FROM pg_catalog.pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            ).fetchone()
    except psycopg.OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"database {database.get('NAME')}: could not connect ({first})") from None
    return row is not None and row[0] == 0


def _run(program: Path, arguments: list[str], database: Mapping[str, Any]) -> None:
    done = subprocess.run(
        [str(program), *arguments],
        env=libpq_environment(database),
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if done.returncode != 0:
        said = [line for line in done.stderr.splitlines() if line.strip()]
        reason = said[-1] if said else f"exit status {done.returncode}"
        raise InputError(f"{program.name} failed on database {database.get('NAME')}: {reason}")
