"""Walking a served site in Chromium as one user: every page reached by following links from the home
page, each checked with axe-core at the WCAG 2.2 AA level and for sideways scrolling of the whole page
at the narrowest and widest screens the site supports.

The walk keeps the first page of each kind (each URL pattern): the next inspection's area page is
built by the same template from the same kind of document, so it adds time, not coverage.

It runs from the tests (tests/cli/test_cli_demo_every_page.py) and by hand against any served site::

    PYTHONPATH=tests .venv/bin/python -m support.site_walk --base http://127.0.0.1:8000 \
        --user lead:demo-lead-2026 --user ""
"""

from __future__ import annotations

import argparse
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPOSITORY = Path(__file__).resolve().parents[2]
AXE = REPOSITORY / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, as axe-core tags its rules.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
NARROWEST, WIDEST, CHECKED_AT = 320, 1920, 1280
# Not pages: data twins, files, the Django admin (not this site's pages) and signing out.
# Twins, downloads (a file kept with evidence ends in /download), the admin, static files.
NOT_PAGES = re.compile(r"(\.(json|csv|pdf|xlsx|yaml|xml)$)|(/download$)|^/(admin|static|logout)\b")

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n')[1])
  }));
}"""

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@dataclass
class PageCheck:
    role: str
    path: str
    kind: str  # the URL pattern's name
    status: int
    violations: list[dict[str, Any]] = field(default_factory=list)
    overflow: dict[int, int] = field(default_factory=dict)  # window width -> pixels the page is wider

    def problems(self) -> list[str]:
        found = []
        if self.status != 200:
            found.append(f"{self.role} {self.path}: answered {self.status}")
        for violation in self.violations:
            found.append(
                f"{self.role} {self.path}: {violation['id']} ({violation['impact']}): {violation['help']}; "
                + " | ".join(violation["nodes"])
            )
        for width, extra in self.overflow.items():
            if extra > 0:
                found.append(f"{self.role} {self.path}: {extra} px wider than a {width} px window")
        return found


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE, WCAG_22_AA)
    return violations


def overflow_at(page: Any, width: int) -> int:
    page.set_viewport_size({"width": width, "height": 900})
    extra: int = page.evaluate(OVERFLOW)
    return extra


def check_page(page: Any, role: str, path: str, kind: str, status: int) -> PageCheck:
    check = PageCheck(role, path, kind, status)
    check.overflow = {width: overflow_at(page, width) for width in (NARROWEST, WIDEST)}
    page.set_viewport_size({"width": CHECKED_AT, "height": 900})
    check.violations = axe_violations(page)
    return check


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/login" in page.url:
        raise RuntimeError(f"could not sign in as {username}")


def _links(page: Any, base: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != base:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not NOT_PAGES.search(parts.path):
            found.append(path)
    return found


def walk(
    page: Any,
    base: str,
    role: str,
    kind_of: Callable[[str], str | None],
    start: tuple[str, ...] = ("/",),
    limit: int = 400,
) -> list[PageCheck]:
    """Every kind of page this user reaches from ``start``: the first of each kind, checked."""
    checks: list[PageCheck] = []
    kinds_seen: set[str] = set()
    queued: set[str] = set(start)
    queue = deque(start)
    while queue and len(checks) < limit:
        path = queue.popleft()
        kind = kind_of(urlsplit(path).path)
        # A query string (a filter, a page of a list) is its own kind: filtered pages can break alone.
        key = f"{kind}?" if "?" in path else str(kind)
        if kind is None or key in kinds_seen:
            continue
        kinds_seen.add(key)
        response = page.goto(f"{base}{path}")
        page.wait_for_load_state("load")
        checks.append(check_page(page, role, path, kind, response.status if response else 0))
        for link in _links(page, base):
            if link not in queued:
                queued.add(link)
                queue.append(link)
    return checks


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description="Walk a served site and check every kind of page.")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", action="append", default=[], help='USERNAME:PASSWORD, or "" for no one')
    parser.add_argument("--start", action="append", default=[], help="paths to start from (default /)")
    args = parser.parse_args()
    base = args.base.rstrip("/")

    def kind_of(path: str) -> str | None:  # without Django: the path with ids and numbers generalised
        return re.sub(r"[0-9a-f-]{36}|\b\d+\b", "{id}", path)

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for user in args.user or [""]:
            context = browser.new_context()
            page = context.new_page()
            role = "public"
            if user:
                role, password = user.split(":", 1)
                sign_in(page, base, role, password)
            checks = walk(page, base, role, kind_of, tuple(args.start) or ("/",))
            print(f"{role}: {len(checks)} kinds of page")
            for check in checks:
                problems += check.problems()
            context.close()
        browser.close()
    print("\n".join(problems) or "no problems")


if __name__ == "__main__":
    main()
