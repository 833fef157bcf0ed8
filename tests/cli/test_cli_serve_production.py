"""`inspectorate serve --production`: refuses to start while Django's deployment checks warn; started
behind a proxy on loopback, it answers HTTPS requests the proxy forwards (a POST passes the CSRF
check), sends plain HTTP to HTTPS, keeps its workspace private, runs its worker processes and stops
them all on SIGTERM."""

from __future__ import annotations

import http.cookiejar
import re
import secrets
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.serving import free_port, wait_until_answering

STARTUP_TIMEOUT = 90.0
WORKERS = 2
# What nginx adds to every request it forwards (docs/deployment.md).
PROXIED = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}


@pytest.mark.django_db
def test_serve_production_refuses_to_start_while_check_deploy_warns(own_cli, one_error_line, tmp_path):
    # The test run's settings are not production ones (no HSTS, cookies not secure); the test run's
    # own allowance of async-unsafe calls (tests/conftest.py) is not the deployment's to warn of.
    result = own_cli.with_env(INSPECTORATE_PRODUCTION="0", DJANGO_ALLOW_ASYNC_UNSAFE="")(
        "serve", "--production", "--workspace", tmp_path / "workspace"
    )
    line = one_error_line(result, "not starting in production: security.W")
    assert "`check --deploy`" in line


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Browser:
    """A browser behind the proxy: cookies kept, redirects shown rather than followed."""

    base: str

    def __post_init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            NoRedirect(), urllib.request.HTTPCookieProcessor(self.cookies)
        )

    def open(self, path: str, data: dict[str, str] | None = None, **headers: str) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Location", ""), exc.read().decode()

    def cookie(self, name: str) -> http.cookiejar.Cookie:
        return next(c for c in self.cookies if c.name == name)


@dataclass
class Served:
    base: str
    process: subprocess.Popen[str]
    workspace: Path
    log: Path


def children_of(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(status.parent.name))
    return found


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def served(own_script, tmp_path: Path) -> Iterator[Served]:
    workspace = tmp_path / "workspace"
    # A workspace made before its files were kept private: readable by every user of the machine.
    (workspace / "data").mkdir(parents=True)
    workspace.chmod(0o755)
    (workspace / "data" / "return.parquet").write_bytes(b"not really")
    (workspace / "data" / "return.parquet").chmod(0o644)
    port = free_port()
    script = own_script.with_env(
        INSPECTORATE_SECRET_KEY=secrets.token_urlsafe(50),
        INSPECTORATE_ALLOWED_HOSTS="127.0.0.1",
        INSPECTORATE_BEHIND_PROXY="1",
        INSPECTORATE_LOG_FILE="server.log",
        # The test run's (tests/conftest.py); empty, as in a deployment.
        DJANGO_ALLOW_ASYNC_UNSAFE="",
    )
    log = tmp_path / "serve.out"
    with log.open("w") as out:
        process = script.popen(
            "serve", "--production", "--workers", str(WORKERS), "--threads", "4",
            "--workspace", workspace, "--port", str(port), log=out,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(process, log, lambda: Browser(base).open("/", **PROXIED)[0], STARTUP_TIMEOUT)
        yield Served(base, process, workspace, log)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def test_serve_production_behind_the_proxy(served: Served) -> None:
    browser = Browser(served.base)

    # Straight to the server, as plain HTTP: sent to HTTPS.
    status, location, _ = browser.open("/login/")
    assert (status, location) == (301, f"https://127.0.0.1:{served.base.rsplit(':', 1)[1]}/login/")

    # Through the proxy: the sign-in page, its CSRF cookie secure; a POST back passes the check.
    status, _, page = browser.open("/login/", **PROXIED)
    assert status == 200
    assert browser.cookie("csrftoken").secure
    csrf = browser.cookie("csrftoken").value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    # A Secure cookie goes back only over HTTPS: the browser's side of the proxy.
    https = {**PROXIED, "Origin": served.base.replace("http://", "https://"), "Cookie": f"csrftoken={csrf}"}
    status, location, _ = browser.open(
        "/login/", {"csrfmiddlewaretoken": token[1], "username": "nobody", "password": "wrong"}, **https
    )
    assert status == 200  # the form again, "did not match": past the CSRF check (a 403 otherwise)
    status, location, _ = browser.open("/logout/", {"csrfmiddlewaretoken": token[1]}, **https)
    assert (status, location) == (302, "/")

    # The workspace is its owner's alone: what serve found there, and what it made.
    assert served.workspace.stat().st_mode & 0o777 == 0o700
    for path in served.workspace.rglob("*"):
        assert path.stat().st_mode & 0o077 == 0, path
    assert (served.workspace / "data" / "return.parquet").stat().st_mode & 0o777 == 0o600

    # Its worker processes run beside it, and SIGTERM stops them all.
    workers = children_of(served.process.pid)
    assert len(workers) == WORKERS, served.log.read_text()
    assert all(b"worker" in Path(f"/proc/{pid}/cmdline").read_bytes() for pid in workers)
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=30) == 0, served.log.read_text()
    assert not [pid for pid in workers if is_running(pid)]
