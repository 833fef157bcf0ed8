"""Every page of the served demo, as every demo user and as the public, in Chromium: axe-core finds no
violation at the WCAG 2.2 AA level, and no page scrolls sideways at 320 or 1920 px.

The walk follows links from the home page and checks the first page of each kind (URL pattern) that
each user reaches (tests/support/site_walk.py); then the states links do not reach: the error pages,
a refused sign-in and forms sent back with their errors. A last test checks that the walk reached
every kind of page the site has, so that a new page cannot escape the check by being new.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from inspectorate.demo.build import DEMO_USERS
from support.browser import CHROMIUM
from support.site_walk import AXE, NOT_PAGES, PageCheck, check_page, sign_in, walk

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (Debian package chromium)"),
    pytest.mark.skipif(not AXE.exists(), reason=f"no axe-core at {AXE}: run scripts/build-assets"),
]

PASSWORDS = {user.username: user.password for user in DEMO_USERS}
ROLES = ("public", *PASSWORDS)

# Kinds of page a link does not lead to, and why the walk need not reach them.
NOT_WALKED = {
    "login": "the sign-in page is checked below, with and without an error",
    "accessibility": "checked below for every user",
    "earlier-finding-verdict": "the worklist's own forms post to it; it shows one finding's form again, "
    "with its errors (tests/web/test_web_earlier_findings.py)",
    "response-statement-new": "linked once a response is recorded, which the demo has none of "
    "(tests/web/responses)",
}
# Actions a form's button posts to (a GET is refused with 405): each answers by sending the user on to
# a page the walk checks, or with that page and the form's errors (checked by the tests of each form).
POST_ONLY = {
    "finding-delete",
    "report-store",
    "evidence-delete",
    "evidence-file-upload",
    "evidence-file-remove",
    "finding-link-decide",
    "report-publish",
    "report-correction",
    "inspection-progress-move",
    "audit-figures",
    "audit-evidence",
    "audit-worksheet-import",
    "review-evidence",
    "review-sheet-import",
    "plan-request-answer",
    "plan-request-decide",
    "plan-request-withdraw",
    "follow-up-post",
    "follow-up-details",
    "follow-up-verdict",
    "follow-up-reopen",
    "monitoring-place",
    "monitoring-exit",
    "person-deactivate",
    "person-reactivate",
    "person-password",
    "moderation-decide",
    "factual-accuracy-comment-add",
    "factual-accuracy-answer",
    "team-appoint",
    "team-remove",
    "contact-invite",
    "contact-remove",
}


def _kind(path: str) -> str | None:
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


def _every_kind() -> set[str]:
    """The name of every URL pattern that answers a page (not a twin, a file or the admin)."""
    names: set[str] = set()

    def visit(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith("admin"):
                    visit(pattern.url_patterns, route)
            elif (
                isinstance(pattern, URLPattern)
                and pattern.name
                and not NOT_PAGES.search("/" + route.replace("<", "").replace(">", ""))
            ):
                names.add(pattern.name)

    visit(get_resolver().url_patterns, "")
    return names


@pytest.fixture(scope="module")
def walked(served_demo: str, browser: Any) -> dict[str, list[PageCheck]]:
    """The walk of each user, in pytest-playwright's browser (Debian's Chromium: tests/conftest.py)."""
    found: dict[str, list[PageCheck]] = {}
    for role in ROLES:
        context = browser.new_context()
        page = context.new_page()
        if role != "public":
            sign_in(page, served_demo, role, PASSWORDS[role])
        found[role] = walk(page, served_demo, role, _kind)
        found[role] += _unlinked_states(page, served_demo, role)
        found[role] += _forms_sent_back(page, served_demo, role, found[role])
        context.close()
    return found


def _unlinked_states(page: Any, base: str, role: str) -> list[PageCheck]:
    """Pages no link leads to: a missing page, the statement, sign-in (refused), forms with errors."""
    checks = []
    for path in ("/no-such-page", "/accessibility"):
        response = page.goto(f"{base}{path}")
        expected = 404 if path == "/no-such-page" else 200
        status = 200 if response and response.status == expected else (response.status if response else 0)
        checks.append(check_page(page, role, path, _kind(path) or "not-found", status))
    if role == "public":
        page.goto(f"{base}/login/")
        page.get_by_label("Username").fill("nobody")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        checks.append(check_page(page, role, "/login/ (refused)", "login", 200))
    return checks


# Forms sent empty, which each refuses with its errors: (the kind of page, its submit button's name).
# Only forms that cannot accept an empty submission: the walk must change nothing.
EMPTY_FORMS = (
    ("finding-new", "save"),
    ("evidence-new", "save"),
    ("peer-group-new", "save"),
    ("person-new", "save"),
    ("inspection-new", "save"),
    ("plan-request-new", "save"),
    ("plan-activity-new", "save"),
    ("inspection", "publish"),
)


def _forms_sent_back(page: Any, base: str, role: str, walked: list[PageCheck]) -> list[PageCheck]:
    """Each form this user may send, sent empty: the page again with its error summary."""
    checks = []
    for kind, button in EMPTY_FORMS:
        paths = [c.path for c in walked if c.kind == kind and "?" not in c.path]
        if kind == "inspection":  # publishing is offered at the factual-accuracy check (its exercise)
            listing = json.loads(page.request.get(f"{base}/inspections.json").text())["inspections"]
            paths = [f"/inspections/{i['code']}" for i in listing if i["status"] == "factual-accuracy"]
        if not paths:
            continue
        path = paths[0]
        page.goto(f"{base}{path}")
        submit = page.locator(f"main form [type=submit][name={button}]")
        if submit.count() != 1:
            continue  # not a form this user may send
        for box in (
            page.locator("main form")
            .filter(has=submit)
            .locator("input[type=text], input:not([type]), textarea")
            .all()
        ):
            box.fill("")
        submit.click()
        page.wait_for_load_state()
        shown = page.locator(".govuk-error-summary").count() == 1
        checks.append(check_page(page, role, f"{path} (sent empty)", kind, 200 if shown else 0))
    return checks


def test_forms_sent_empty_show_their_errors(walked: dict[str, list[PageCheck]]):
    sent = {
        (check.role, check.kind)
        for checks in walked.values()
        for check in checks
        if "sent empty" in check.path
    }
    assert {("lead", "finding-new"), ("lead", "evidence-new"), ("admin", "peer-group-new")} <= sent
    assert {("lead", "inspection-new"), ("lead", "plan-request-new"), ("admin", "person-new")} <= sent
    assert ("lead", "inspection") in sent  # the publish form of the exercise at the check


@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe_and_fits_from_320_to_1920_px(walked: dict[str, list[PageCheck]], role: str):
    checks = walked[role]
    assert len(checks) >= 8, f"{role} reached only {[c.path for c in checks]}"
    problems = [problem for check in checks for problem in check.problems()]
    assert problems == [], "\n".join(problems)


def test_the_walk_reaches_every_kind_of_page(walked: dict[str, list[PageCheck]]):
    reached = {check.kind for checks in walked.values() for check in checks}
    missing = _every_kind() - reached - set(NOT_WALKED) - POST_ONLY
    assert missing == set(), f"kinds of page no demo user reached: {sorted(missing)}"


@pytest.mark.parametrize("kind", sorted(POST_ONLY))
def test_what_is_not_walked_is_only_posted_to(served_demo: str, kind: str):
    """A GET of each action is refused, so it has no page of its own to check."""
    from django.urls import reverse

    from support.serving import get

    example = {"code": uuid.uuid4(), "finding_code": uuid.uuid4(), "evidence_code": uuid.uuid4()}
    example |= {"audit_code": uuid.uuid4(), "review_code": uuid.uuid4()}
    example |= {"file_code": uuid.uuid4()}
    example |= {"request_code": uuid.uuid4(), "comment_code": uuid.uuid4(), "answer_code": uuid.uuid4()}
    example |= {"area_id": "responding", "username": "nobody", "force_id": "metropolitan"}
    pattern = get_resolver().reverse_dict.getlist(kind)[0][0][0][1]
    path = reverse(kind, kwargs={name: example[name] for name in pattern})
    assert get(f"{served_demo}{path}")[0] == 405, path


def test_the_public_reaches_no_team_page(walked: dict[str, list[PageCheck]]):
    team_only = {"finding-new", "evidence-new", "peer-group-new", "audit", "review", "review-case"}
    team_only |= {"inspection-new", "inspection-team"}
    assert {check.kind for check in walked["public"]} & team_only == set()
