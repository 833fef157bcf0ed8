"""The clients of the load test (benchmarks/load.py runs them with locust; not run by hand).

Two kinds, each request named by its page group so that locust's statistics come out by group:

- ``PublicReader``: not signed in, reads the public site: the grades table, the published reports,
  forces, published inspections and their reports, open data, and their .json twins;
- ``TeamWriter``: signed in as a team member of the demo's draft, reads the team's pages and writes
  through the forms as a person does: a judgment (grade and summary), now and then a new piece of
  evidence.

What they read and who they are come from the environment load.py sets: ``LOAD_LOGINS`` (JSON,
username to password, of the team members) and ``LOAD_WAIT`` (seconds a client pauses between
requests, as a reader does; 0 for clients that never pause).
"""

from __future__ import annotations

import json
import os
import random
import re
from html.parser import HTMLParser
from typing import Any

import requests
from locust import HttpUser, between, constant, events, task
from locust.env import Environment

WAIT = float(os.environ.get("LOAD_WAIT", "1"))
LOGINS: dict[str, str] = json.loads(os.environ.get("LOAD_LOGINS", "{}"))
DRAFT_REFERENCE = os.environ.get("LOAD_DRAFT", "MPS-PEEL-DRAFT")


def _wait() -> Any:
    return constant(0) if WAIT <= 0 else between(WAIT / 2, WAIT * 1.5)


class PostForm(HTMLParser):
    """The first form a page posts to itself (not the sign-out form every page carries): its fields'
    values as the page filled them in, and each select's choices."""

    def __init__(self) -> None:
        super().__init__()
        self.found = False
        self.inside = False
        self.fields: dict[str, str] = {}
        self.choices: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        posts_here = a.get("method", "").lower() == "post" and not a.get("action")
        if tag == "form" and not self.found and posts_here:
            self.found = self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "checkbox", "radio"):
            self.fields[name] = a.get("value", "")
        elif tag == "input" and name and "checked" in a:
            self.fields[name] = a.get("value", "on")
        elif tag == "select" and name:
            self._select = name
            self.choices[name] = []
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select:
            self.choices[self._select].append(a.get("value", ""))
            if "selected" in a:
                self.fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside = False


def post_form(html: str) -> PostForm:
    form = PostForm()
    form.feed(html)
    return form


# What the public reads, found once from the running site before the clients start.
PUBLIC: dict[str, list[str]] = {"inspections": [], "forces": []}


@events.test_start.add_listener
def find_public_pages(environment: Environment, **_: Any) -> None:
    import urllib.request

    with urllib.request.urlopen(f"{environment.host}/reports.json", timeout=60) as answer:
        reports = json.load(answer)["reports"]
    PUBLIC["inspections"] = [r["code"] for r in reports]
    PUBLIC["forces"] = sorted({r["force"] for r in reports})


class PublicReader(HttpUser):
    """A reader who is not signed in, going round the public site."""

    wait_time = _wait()

    def _get(self, url: str, group: str) -> None:
        self.client.get(url, name=group)

    @task(3)
    def grades(self) -> None:
        self._get("/grades", "public: /grades")

    @task(1)
    def grades_twin(self) -> None:
        self._get("/grades.json", "public: .json twins")

    @task(3)
    def reports(self) -> None:
        self._get("/reports", "public: /reports")

    @task(1)
    def reports_twin(self) -> None:
        self._get("/reports.json", "public: .json twins")

    @task(2)
    def force(self) -> None:
        if PUBLIC["forces"]:
            self._get(f"/forces/{random.choice(PUBLIC['forces'])}", "public: force pages")

    @task(4)
    def inspection(self) -> None:
        if PUBLIC["inspections"]:
            code = random.choice(PUBLIC["inspections"])
            self._get(f"/inspections/{code}", "public: published inspections")

    @task(1)
    def inspection_twin(self) -> None:
        if PUBLIC["inspections"]:
            self._get(f"/inspections/{random.choice(PUBLIC['inspections'])}.json", "public: .json twins")

    @task(2)
    def report(self) -> None:
        if PUBLIC["inspections"]:
            code = random.choice(PUBLIC["inspections"])
            self._get(f"/inspections/{code}/report", "public: published reports")

    @task(1)
    def home_and_open_data(self) -> None:
        self._get("/", "public: home, open data")
        self._get("/open-data", "public: home, open data")


class TeamWriter(HttpUser):
    """A member of the draft's team: reads the team's pages, saves judgments and adds evidence."""

    wait_time = _wait()
    code = ""
    areas: list[str] = []

    def on_start(self) -> None:
        """Signed in before the clock starts, on a session of its own whose cookies the client then
        carries: signing in (a deliberately slow password hash) is not a page the team reads, so it
        is kept out of the statistics."""
        username = random.choice(sorted(LOGINS))
        session = requests.Session()
        login = session.get(f"{self.host}/login/", timeout=120)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
        signed_in = session.post(
            f"{self.host}/login/",
            data={
                "username": username,
                "password": LOGINS[username],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/login/"},
            allow_redirects=False,
            timeout=120,
        )
        if signed_in.status_code != 302:
            raise RuntimeError(f"{username} could not sign in: {signed_in.status_code}")
        self.client.cookies.update(session.cookies)
        listing = self.client.get("/inspections.json", name="team: inspections").json()
        found = [i for i in listing["inspections"] if i["reference"] == DRAFT_REFERENCE]
        if not found:
            raise RuntimeError(f"{username} does not see {DRAFT_REFERENCE}")
        self.code = found[0]["code"]
        page = self.client.get(f"/inspections/{self.code}.json", name="team: draft inspection").json()
        self.areas = [a["area"] for a in page["areas"] if a["graded"]]

    @task(3)
    def read_draft(self) -> None:
        self.client.get(f"/inspections/{self.code}", name="team: draft inspection")

    @task(2)
    def read_area(self) -> None:
        area = random.choice(self.areas)
        self.client.get(f"/inspections/{self.code}/areas/{area}", name="team: area pages")

    @task(1)
    def read_history_and_home(self) -> None:
        self.client.get(f"/inspections/{self.code}/history", name="team: history, home")
        self.client.get("/", name="team: history, home")

    @task(3)
    def save_judgment(self) -> None:
        """The area's form as shown, with a grade chosen and a summary written: saved (a redirect), or
        shown again when another writer saved it first (409, the conflict: also a right answer)."""
        url = f"/inspections/{self.code}/areas/{random.choice(self.areas)}"
        form = post_form(self.client.get(url, name="team: area pages").text)
        fields = dict(form.fields)
        grades = [g for g in form.choices.get("grade", []) if g]
        if grades:
            fields["grade"] = random.choice(grades)
        fields["summary"] = f"Load test summary {random.randint(1, 10**6)}"
        self._post(url, fields, "team: save judgment", "judgment", (302, 303, 409))

    @task(1)
    def add_evidence(self) -> None:
        url = f"/inspections/{self.code}/evidence/new"
        form = post_form(self.client.get(url, name="team: evidence form").text)
        fields = dict(form.fields)
        kinds = [k for k in form.choices.get("kind", []) if k]
        if kinds:
            fields["kind"] = random.choice(kinds)
        fields["title"] = f"Load test evidence {random.randint(1, 10**6)}"
        self._post(url, fields, "team: add evidence", "evidence", (302, 303))

    def _post(self, url: str, fields: dict[str, str], name: str, what: str, saved: tuple[int, ...]) -> None:
        """Post a form as the browser would; an answer not in ``saved`` counts as a failure."""
        with self.client.post(
            url,
            data=fields,
            headers={"Referer": f"{self.host}{url}"},
            name=name,
            catch_response=True,
            allow_redirects=False,
        ) as answer:
            if answer.status_code in saved:
                answer.success()
            else:
                answer.failure(f"{what} not saved: {answer.status_code}")
