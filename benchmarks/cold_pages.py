"""Benchmark: every page of a fresh demo opened once, cold, as each demo role, and the slowest named.

    .venv/bin/python benchmarks/cold_pages.py [--write-docs] [--roles lead,moderator,...]

What `make demo` gives, measured as a person meets it: a fresh demo workspace in a temporary folder
(`inspectorate demo --no-serve`, importing the published reports when they sit beside the project,
else from the built-in fixture; the demo runs its findings' embedding jobs before it returns), then
`inspectorate serve` on a free loopback port, started afresh. For each role (anonymous, then the
demo users the demo printed) a new session signs in and crawls every page reachable from the home
page by links within the site, HTML pages and their .json and .csv twins, each (role, address)
requested once, one at a time, timed from sending the request to the last byte of the answer.
Sign-out, Django's admin and the static files are not followed, nor forms (so no POST). Other
answers (PDF and spreadsheet downloads) are timed too and reported apart. The crawl is bounded
(pages per role, total time) and stops by itself.

This is a benchmark, not a test. It prints its section of docs/benchmarks.md; with --write-docs it
replaces that section. Target: every page under 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.cookiejar
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from doc_sections import put_section  # noqa: E402

SECTION = "cold-pages"
SCRIPT = "cold_pages.py"
CLI = Path(sys.executable).parent / "inspectorate"
TARGET_SECONDS = 1.0
DEFAULT_ROLES = ("anonymous", "lead", "moderator", "kent-liaison", "admin")
PAGE_TYPES = ("text/html", "application/json", "text/csv")
# Not followed: signing out ends the session; Django's admin is not the platform's pages; static files
# are files, not pages.
SKIPPED = ("/logout", "/admin/", "/static/")
MAX_PER_ROLE = 20000
REQUEST_TIMEOUT = 120.0
STARTUP_TIMEOUT = 120.0


@dataclass(frozen=True)
class Fetch:
    role: str
    url: str
    status: int
    seconds: float
    size: int
    content_type: str

    @property
    def is_page(self) -> bool:
        return self.content_type in PAGE_TYPES


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_demo(workspace: Path, env: dict[str, str]) -> tuple[str, float]:
    """`inspectorate demo --no-serve` into the workspace; what it printed, and how long it took."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(CLI), "demo", "--no-serve", "--workspace", str(workspace)],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"the demo failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout, time.perf_counter() - started


def demo_logins(printed: str) -> dict[str, str]:
    """The demo users and passwords, from the lines `inspectorate demo` printed under "Demo logins"."""
    logins: dict[str, str] = {}
    listing = printed.split("Demo logins", 1)[-1].splitlines()[1:]
    for line in listing:
        parts = line.split()
        if not line.startswith("  ") or len(parts) < 2:
            break
        logins[parts[0]] = parts[1]
    return logins


def wait_for_port(port: int, server: subprocess.Popen[str], log: Path) -> None:
    """Until the server accepts connections; no request is made, so that the first page stays cold."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if server.poll() is not None:
            sys.exit(f"serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                sys.exit(f"serve did not listen within {STARTUP_TIMEOUT} s:\n{log.read_text()}")
            time.sleep(0.1)


@contextlib.contextmanager
def served(workspace: Path, env: dict[str, str], log: Path) -> Iterator[str]:
    """`inspectorate serve` on a free loopback port, for the block; its address. Stopped after."""
    port = free_port()
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(CLI), "serve", "--workspace", str(workspace), "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
        )
    try:
        wait_for_port(port, server, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)


class Session:
    def __init__(self, base: str, role: str) -> None:
        self.base, self.role = base, role
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def fetch(self, url: str) -> tuple[Fetch, bytes, str | None]:
        """The answer to a GET, timed to its last byte; and where a redirect points."""
        started = time.perf_counter()
        try:
            with self.opener.open(url, timeout=REQUEST_TIMEOUT) as response:
                body, status, headers = response.read(), response.status, response.headers
        except urllib.error.HTTPError as exc:
            body, status, headers = exc.read(), exc.code, exc.headers
        seconds = time.perf_counter() - started
        kind = (headers.get("Content-Type") or "").split(";")[0].strip()
        return Fetch(self.role, url, status, seconds, len(body), kind), body, headers.get("Location")

    def sign_in(self, password: str) -> None:
        login = f"{self.base}/login/"
        _, page, _ = self.fetch(login)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            sys.exit("no CSRF token on the sign-in page")
        form = urllib.parse.urlencode(
            {"username": self.role, "password": password, "csrfmiddlewaretoken": token.group(1).decode()}
        ).encode()
        request = urllib.request.Request(login, data=form, headers={"Referer": login})
        try:
            self.opener.open(request, timeout=REQUEST_TIMEOUT)
        except urllib.error.HTTPError as exc:
            if exc.code != 302:
                sys.exit(f"{self.role} could not sign in: {exc.code}")
        if not any(cookie.name == "sessionid" for cookie in self.cookies):
            sys.exit(f"{self.role} could not sign in: no session")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed as links of their own, each timed and requested once."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def within(base: str, page: str, href: str) -> str | None:
    """The address a link points to, if it is a page of this site the crawl follows."""
    url, _ = urllib.parse.urldefrag(urllib.parse.urljoin(page, href))
    parts = urllib.parse.urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != base:
        return None
    if any(parts.path.startswith(prefix) for prefix in SKIPPED):
        return None
    if parts.path.startswith("/login/"):
        return f"{base}/login/"  # one sign-in page, whichever page sent the visitor there
    return url


def crawl(base: str, role: str, password: str | None, deadline: float) -> tuple[list[Fetch], bool]:
    """Every page reachable from the home page, once, as this role; and whether the crawl was cut short."""
    session = Session(base, role)
    if password is not None:
        session.sign_in(password)
    queue, seen, fetched = deque([f"{base}/"]), {f"{base}/"}, []
    while queue:
        if len(fetched) >= MAX_PER_ROLE or time.monotonic() > deadline:
            return fetched, True
        url = queue.popleft()
        result, body, location = session.fetch(url)
        fetched.append(result)
        found: list[str] = [location] if location else []
        if result.status == 200 and result.content_type == "text/html":
            parser = Links()
            parser.feed(body.decode("utf-8", "replace"))
            found.extend(parser.hrefs)
        for href in found:
            target = within(base, url, href)
            if target is not None and target not in seen:
                seen.add(target)
                queue.append(target)
    return fetched, False


def address(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"MemTotal:\s*(\d+) kB", meminfo.read_text())
        memory = f", {int(found.group(1)) / 1024 / 1024:.1f} GiB" if found else ""
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def section(
    fetched: list[Fetch],
    *,
    roles: dict[str, int],
    cut_short: list[str],
    built: float,
    seeds: bool,
    load: tuple[float, float],
    when: datetime.datetime,
) -> str:
    pages = [f for f in fetched if f.status == 200 and f.is_page]
    downloads = [f for f in fetched if f.status == 200 and not f.is_page]
    others = Counter(f.status for f in fetched if f.status != 200)
    times = [f.seconds for f in pages] or [0.0]
    slow = [f for f in pages if f.seconds >= TARGET_SECONDS]
    source = "the published reports imported from the seeds" if seeds else "the built-in fixture (no seeds)"
    answers = ", ".join(f"{n} answered {status}" for status, n in sorted(others.items())) or "none"
    verdict = "**met**." if not slow else f"**not met**: {len(slow)} page(s) took longer."
    lines = [
        "## Every page cold, as each role",
        "",
        f"Run of {when:%-d %B %Y at %H:%M} UTC on {machine()}. Load average (1 minute) from other "
        f"processes: {load[0]:.2f} before the crawl, {load[1]:.2f} after.",
        "",
        f"A fresh demo workspace (`inspectorate demo --no-serve`, {source}; {built:.0f} s including its "
        "background jobs: findings' embeddings, published reports' PDFs), then `inspectorate serve` "
        "started afresh on a loopback port (SQLite, "
        "waitress, a worker process beside it). For each role a new session signs in and follows every "
        "link within the site from the home page, each address once, one request at a time; HTML pages "
        "and their .json and .csv twins are pages, PDF and spreadsheet downloads are listed apart. "
        "Sign-out, Django's admin and static files are not followed, nor forms. Times run from sending "
        "the request to the last byte of the answer.",
        "",
        "| | |",
        "|---|---:|",
        *(f"| pages opened as {role} | {count:,} |" for role, count in roles.items()),
        f"| **pages (role and address), each answered 200** | **{len(pages):,}** |",
        f"| median | {statistics.median(times):.3f} s |",
        f"| 95th percentile | {percentile(times, 0.95):.3f} s |",
        f"| slowest | {max(times):.3f} s |",
        f"| pages at or over {TARGET_SECONDS:g} s | {len(slow):,} |",
        f"| downloads (PDF, spreadsheets) | {len(downloads):,} |",
        f"| other answers | {answers} |",
        "",
        f"Target: every page under {TARGET_SECONDS:g} s: {verdict}",
    ]
    if 202 in others:
        lines += [
            "",
            "A 202 is a PDF not printed yet (a working copy's, which only its team may ask for): the "
            "answer says it is being prepared and queues it for the worker, as it does for any reader.",
        ]
    if cut_short:
        lines += ["", f"The crawl was cut short (bounds reached) for: {', '.join(cut_short)}."]
    lines += ["", "The slowest pages:", "", "| seconds | role | page |", "|---:|---|---|"]
    lines += [
        f"| {f.seconds:.3f} | {f.role} | `{address(f.url)}` |"
        for f in sorted(pages, key=lambda f: -f.seconds)[:10]
    ]
    if downloads:
        lines += ["", "The slowest downloads (not pages, but requests all the same):", ""]
        lines += ["| seconds | role | download | type |", "|---:|---|---|---|"]
        lines += [
            f"| {f.seconds:.3f} | {f.role} | `{address(f.url)}` | {f.content_type} |"
            for f in sorted(downloads, key=lambda f: -f.seconds)[:5]
        ]
    rerun = f"`.venv/bin/python benchmarks/{SCRIPT} --write-docs` (about a quarter of an hour on 2 cores)"
    lines += ["", f"Re-running: {rerun}."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", default=",".join(DEFAULT_ROLES), help="Roles, comma-separated.")
    parser.add_argument("--minutes", type=float, default=45.0, help="Stop crawling after this long.")
    parser.add_argument("--write-docs", action="store_true", help="Rewrite its part of docs/benchmarks.md.")
    parser.add_argument("--raw", type=Path, help="Also write every request timed as JSON to this file.")
    args = parser.parse_args()
    if not CLI.exists():
        sys.exit(f"no inspectorate command next to {sys.executable}: run it with the project's .venv")
    roles = [role for role in args.roles.split(",") if role]
    with tempfile.TemporaryDirectory(prefix="inspectorate-cold-") as folder:
        workspace = Path(folder) / "workspace"
        # The workspace's own SQLite database, as `make demo` makes it.
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["INSPECTORATE_HOME"] = str(workspace)
        printed, built = build_demo(workspace, env)
        seeds = "imported from the published reports" in printed
        logins = demo_logins(printed)
        missing = [role for role in roles if role != "anonymous" and role not in logins]
        if missing:
            sys.exit(f"the demo printed no login for {', '.join(missing)}")
        fetched: list[Fetch] = []
        counts: dict[str, int] = {}
        cut_short: list[str] = []
        with served(workspace, env, Path(folder) / "serve.log") as base:
            load_before = os.getloadavg()[0]
            deadline = time.monotonic() + args.minutes * 60
            for role in roles:
                found, cut = crawl(base, role, logins.get(role), deadline)
                fetched += found
                counts[role] = sum(1 for f in found if f.status == 200 and f.is_page)
                if cut:
                    cut_short.append(role)
                print(f"{role}: {counts[role]} pages", file=sys.stderr)
            load_after = os.getloadavg()[0]
    if args.raw:
        args.raw.write_text(json.dumps([asdict(f) for f in fetched], indent=1), encoding="utf-8")
    body = section(
        fetched,
        roles=counts,
        cut_short=cut_short,
        built=built,
        seeds=seeds,
        load=(load_before, load_after),
        when=datetime.datetime.now(datetime.UTC),
    )
    print(body)
    if args.write_docs:
        docs = ROOT / "docs" / "benchmarks.md"
        text = put_section(docs.read_text(encoding="utf-8"), SECTION, body, SCRIPT)
        docs.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
