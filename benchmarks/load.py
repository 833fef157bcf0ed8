"""Benchmark: the demo under load on PostgreSQL, as many readers and writers at once.

    .venv/bin/python benchmarks/load.py [--seconds 60] [--public-users 50] [--team-users 10]
                                        [--wait 1] [--no-page-cache] [--no-compare] [--write-docs]

It makes everything it needs and removes it after: a PostgreSQL database of its own on
127.0.0.1:5432 (``--postgres``, created, then dropped), a demo workspace in a temporary folder
(`inspectorate demo --no-serve` on that database), and `inspectorate serve` on a free loopback port.
Then locust (headless, loopback only, a fixed number of clients for a bounded time; the clients are
benchmarks/load_users.py) runs two scenarios, one after the other:

- public: ``--public-users`` readers who are not signed in, on the grades table, the published reports,
  force pages, published inspections and their reports, open data, and their .json twins;
- team: ``--team-users`` members of the draft's team, signed in, reading the team's pages while
  saving judgments and adding evidence through the forms.

Each client pauses about ``--wait`` seconds between requests (half to one and a half times it), as a
reader does; ``--wait 0`` makes clients that never pause, to find the most the server answers. It
prints its section of docs/benchmarks.md (requests, requests a second, median, 95th and 99th
percentiles and failures, by page group); with --write-docs it replaces that section.

The public scenario then runs again on a server started with the page cache off
(INSPECTORATE_PAGE_CACHE_SECONDS=0), on the same workspace, so that the two are measured side by
side (``--no-compare`` leaves it out); ``--no-page-cache`` runs every scenario with the cache off.
Targets: public pages p95 under 300 ms with 50 clients; team pages p95 under 1 s with 10 writers.

A benchmark shares the machine: run it on a quiet one. A short run proves it works:
``--seconds 15 --public-users 5 --team-users 3``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from cold_pages import build_demo, demo_logins, machine, served  # noqa: E402
from doc_sections import put_section  # noqa: E402

SECTION = "load"
SCRIPT = "load.py"
CLI = Path(sys.executable).parent / "inspectorate"
LOCUST = Path(sys.executable).parent / "locust"
USERS_FILE = HERE / "load_users.py"
TEAM_LOGINS = ("lead", "analyst")  # the demo's users who may change its draft
TARGETS_MS = {"public": 300.0, "team": 1000.0}
MAX_SECONDS = 600
PREVIOUS = (
    "Before the page cache (the probe of issue 15: `serve` with 8 threads on PostgreSQL, 50 clients): "
    "about 9 requests a second, p95 of 8 s on /grades and /reports; one client alone: medians of "
    "0.16 to 0.19 s."
)


@dataclass(frozen=True)
class Line:
    """One page group's figures, as locust's statistics give them (times in milliseconds)."""

    name: str
    requests: int
    failures: int
    rps: float
    median: float
    p95: float
    p99: float


@dataclass(frozen=True)
class Scenario:
    name: str
    users: int
    seconds: int
    lines: list[Line]
    total: Line
    cached: bool = True  # the public page cache on, as served by default

    @property
    def label(self) -> str:
        cache = "" if self.cached else ", page cache off"
        return f"{self.name} ({self.users} clients, {self.seconds} s{cache})"


def postgres_database(base: str, name: str, create: bool) -> None:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')
        else:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_locust(
    kind: str, users: int, seconds: int, base: str, env: dict[str, str], folder: Path, cached: bool
) -> Scenario:
    user_class = {"public": "PublicReader", "team": "TeamWriter"}[kind]
    prefix = folder / f"{kind}-{'cached' if cached else 'uncached'}"
    done = subprocess.run(
        [
            str(LOCUST),
            "-f",
            str(USERS_FILE),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
            user_class,
        ],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=seconds + 120,
        check=False,
    )
    stats = Path(f"{prefix}_stats.csv")
    if done.returncode != 0 or not stats.exists():
        sys.exit(f"locust failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists() and len(failures.read_text(encoding="utf-8").splitlines()) > 1:
        print(f"{kind}: failures\n{failures.read_text(encoding='utf-8')[:3000]}", file=sys.stderr)
    lines = read_stats(stats)
    total = next(line for line in lines if line.name == "Aggregated")
    if total.requests == 0:
        sys.exit(f"{kind}: no request was made; locust said:\n{done.stderr[-3000:]}")
    shown = [line for line in lines if line.name != "Aggregated"]
    return Scenario(kind, users, seconds, shown, total, cached)


def read_stats(path: Path) -> list[Line]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Line(
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                rps=float(row["Requests/s"]),
                median=float(row["50%"] if row["50%"] != "N/A" else 0),
                p95=float(row["95%"] if row["95%"] != "N/A" else 0),
                p99=float(row["99%"] if row["99%"] != "N/A" else 0),
            )
            for row in csv.DictReader(handle)
        ]


def section(
    scenarios: list[Scenario],
    *,
    when: datetime.datetime,
    wait: float,
    cache: str,
    built: float,
    load: tuple[float, float],
    postgres: str,
) -> str:
    pause = f"about {wait:g} s (half to one and a half times it)" if wait > 0 else "none (closed loop)"
    lines = [
        "## Load: many readers and writers at once",
        "",
        f"Run of {when:%-d %B %Y at %H:%M} UTC on {machine()}. Load average (1 minute): "
        f"{load[0]:.2f} before, {load[1]:.2f} after.",
        "",
        f"A fresh demo workspace on PostgreSQL ({postgres}; built in {built:.0f} s), served by "
        "`inspectorate serve` (waitress, its default threads, the worker beside it) on a loopback port; "
        f"public page cache: {cache}. locust (headless, in one process on the same machine) runs each "
        f"scenario for a fixed time with a fixed number of clients; each client pauses {pause} between "
        "requests. Times in milliseconds, from locust (its percentiles are rounded to two significant "
        "figures).",
        "",
        "| scenario | page group | requests | requests/s | median | p95 | p99 | failures |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scenarios:
        label = s.label
        for line in [*s.lines, s.total]:
            name = "**all**" if line.name == "Aggregated" else line.name
            lines.append(
                f"| {label} | {name} | {line.requests:,} | {line.rps:.1f} | {line.median:.0f} | "
                f"{line.p95:.0f} | {line.p99:.0f} | {line.failures:,} |"
            )
    lines.append("")
    for s in (s for s in scenarios if s.cached or cache == "off"):
        target = TARGETS_MS[s.name]
        met = s.total.p95 < target and s.total.failures == 0
        verdict = "**met**" if met else "**not met**"
        lines.append(
            f"Target, {s.name} pages with {s.users} clients: p95 under {target:g} ms and no failures: "
            f"{verdict} (p95 {s.total.p95:.0f} ms, {s.total.failures} failures)."
        )
        lines.append("")
    with_cache = next((s for s in scenarios if s.name == "public" and s.cached and cache != "off"), None)
    without = next((s for s in scenarios if s.name == "public" and not s.cached), None)
    if with_cache and without:
        a, b = with_cache.total, without.total
        lines += [
            f"Side by side in this run, public pages with the cache and without: median {a.median:.0f} "
            f"and {b.median:.0f} ms, p95 {a.p95:.0f} and {b.p95:.0f} ms (without the cache "
            f"{b.p95 / max(a.p95, 1):.0f} times slower at p95), {a.rps:.1f} and {b.rps:.1f} requests a "
            "second (the clients' pauses, not the server, set the rate while it keeps up).",
            "",
        ]
    lines += [
        PREVIOUS,
        "",
        "A failure is an error answer (4xx, 5xx) or a form not saved; a judgment's 409 (someone saved "
        "the same judgment first, and the form says so, showing both values) counts as answered.",
        "",
        "Re-running: `.venv/bin/python benchmarks/load.py --write-docs` (about seven minutes with the "
        "defaults; `--help` for the options).",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="Each scenario's run time.")
    parser.add_argument("--public-users", type=int, default=50, help="Public readers at once.")
    parser.add_argument("--team-users", type=int, default=10, help="Team writers at once.")
    parser.add_argument("--wait", type=float, default=1.0, help="Seconds a client pauses, about.")
    parser.add_argument("--scenarios", default="public,team", help="Which, comma-separated.")
    parser.add_argument("--no-page-cache", action="store_true", help="Serve with the page cache off.")
    parser.add_argument(
        "--no-compare",
        dest="compare",
        action="store_false",
        help="Do not run the public scenario again with the page cache off, to compare.",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("LOAD_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="The PostgreSQL server (loopback) where its database is made and dropped.",
    )
    parser.add_argument("--write-docs", action="store_true", help="Rewrite its part of docs/benchmarks.md.")
    args = parser.parse_args()
    if not CLI.exists() or not LOCUST.exists():
        sys.exit(f"no inspectorate or locust command next to {sys.executable}: run it with the .venv")
    if not 0 < args.seconds <= MAX_SECONDS:
        sys.exit(f"--seconds {args.seconds}: between 1 and {MAX_SECONDS}")
    for option, users in (("--public-users", args.public_users), ("--team-users", args.team_users)):
        if users < 1:
            sys.exit(f"{option} {users}: at least 1 (leave a scenario out with --scenarios)")
    host = args.postgres.split("@")[-1].split(":")[0]
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"--postgres {args.postgres}: loopback only")
    kinds = [k for k in args.scenarios.split(",") if k]
    unknown = set(kinds) - set(TARGETS_MS)
    if unknown:
        sys.exit(f"--scenarios: no such scenario {', '.join(sorted(unknown))} (public, team)")
    database = f"inspectorate_load_{os.getpid()}"
    postgres_database(args.postgres, database, create=True)
    # What to run, in order: each scenario with the page cache as asked, then (--compare) the public
    # one again on a server started with the cache off, on the same workspace, to set side by side.
    runs = [(kind, not args.no_page_cache) for kind in kinds]
    if args.compare and "public" in kinds and not args.no_page_cache:
        runs.append(("public", False))
    scenarios: list[Scenario] = []
    try:
        with tempfile.TemporaryDirectory(prefix="inspectorate-load-") as name:
            folder = Path(name)
            workspace = folder / "workspace"
            env = {**os.environ, "INSPECTORATE_HOME": str(workspace)}
            env["DATABASE_URL"] = f"{args.postgres}/{database}"
            if args.no_page_cache:
                env["INSPECTORATE_PAGE_CACHE_SECONDS"] = "0"
            cache = "off" if args.no_page_cache else _cache_label(env)
            printed, built = build_demo(workspace, env)
            logins = demo_logins(printed)
            team = {user: logins[user] for user in TEAM_LOGINS if user in logins}
            if "team" in kinds and not team:
                sys.exit(f"the demo printed no login for {', '.join(TEAM_LOGINS)}")
            load_before = os.getloadavg()[0]
            for cached in sorted({cached for _, cached in runs}, reverse=True):
                server_env = env if cached else {**env, "INSPECTORATE_PAGE_CACHE_SECONDS": "0"}
                with served_checked(workspace, server_env, folder / f"serve-{cached}.log") as base:
                    clients = {**env, "LOAD_WAIT": str(args.wait), "LOAD_LOGINS": json.dumps(team)}
                    for kind in (kind for kind, on in runs if on == cached):
                        users = args.public_users if kind == "public" else args.team_users
                        scenarios.append(run_locust(kind, users, args.seconds, base, clients, folder, cached))
                        print(f"{kind} (page cache {'on' if cached else 'off'}): done", file=sys.stderr)
            load_after = os.getloadavg()[0]
    finally:
        postgres_database(args.postgres, database, create=False)
    body = section(
        scenarios,
        when=datetime.datetime.now(datetime.UTC),
        wait=args.wait,
        cache=cache,
        built=built,
        load=(load_before, load_after),
        postgres=_postgres_version(args.postgres),
    )
    print(body)
    if args.write_docs:
        docs = ROOT / "docs" / "benchmarks.md"
        text = put_section(docs.read_text(encoding="utf-8"), SECTION, body, SCRIPT)
        docs.write_text(text, encoding="utf-8")


@contextlib.contextmanager
def served_checked(workspace: Path, env: dict[str, str], log: Path) -> Iterator[str]:
    """cold_pages.served, then any traceback the server logged shown."""
    try:
        with served(workspace, env, log) as base:
            yield base
    finally:
        if "Traceback" in log.read_text():
            print(f"the server logged errors:\n{log.read_text()[-3000:]}", file=sys.stderr)


def _cache_label(env: dict[str, str]) -> str:
    url = env.get("INSPECTORATE_CACHE_URL", "").strip()
    seconds = env.get("INSPECTORATE_PAGE_CACHE_SECONDS", "").strip() or "600"
    where = "Redis" if url else "the embedded cache, in the server's memory"
    return f"on ({where}; entries kept up to {seconds} s)"


def _postgres_version(base: str) -> str:
    import psycopg

    with psycopg.connect(f"{base}/postgres") as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0].split()[0]}" if row else "PostgreSQL"


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"({time.monotonic() - started:.0f} s)", file=sys.stderr)
