"""An anonymous visitor's crawl of the whole demo site finds nothing but what is for the public: no
file names, line references, hashes, slugs or rule ids in what a page says, no synthetic figures,
and no link between findings that a person has not confirmed.

The crawl starts at the home page and follows every link within the site (pages, their JSON and CSV
twins, reports and their PDFs are fetched; the PDFs are not read). Ids may stand in addresses and in
the twins' fields: they are how a reader's software finds things. What a page says, its visible text,
must use plain words.
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

# Pages of the review templates are the specification of a questionnaire: its question names and
# skip-logic expressions are what it says, so names are not looked for there.
SPECIFICATIONS = ("/review-templates",)
FILE_NAME = re.compile(r"\b[\w-]+\.(?:txt|pdf|html?|csv|xlsx|ya?ml|parquet|json)\b", re.IGNORECASE)
LINE_REFERENCE = re.compile(r"\bline \d+\b", re.IGNORECASE)
HASH = re.compile(r"\b[0-9a-f]{32,}\b")
SYNTHETIC = re.compile(r"synthetic", re.IGNORECASE)
MOST_PAGES = 4000


class _Text(HTMLParser):
    """A page's links, and its visible text (not its tags, attributes, scripts or styles)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        if tag == "a":
            self.links += [value for name, value in attrs if name == "href" and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def _slugs() -> set[str]:
    """Every id a reader should see in plain words: frameworks, areas, scale levels, rules, kinds."""
    from inspectorate.core.findings import FindingKind
    from inspectorate.core.frameworks import library

    found: set[str] = {kind.value for kind in FindingKind}
    for framework in library().values():
        found.add(framework.id)
        found |= {place.area.id for place in framework.walk()}
        found |= {rule.id for rule in framework.rules} | {rule.check for rule in framework.rules}
        found |= {level.id for scale in framework.scales for level in scale.levels}
    # A slug the inspectorate itself prints as a word ("accurate crime-recording" in a published
    # question) is a word too.
    printed = " ".join(
        f"{place.area.title} {place.area.question}".lower()
        for framework in library().values()
        for place in framework.walk()
    )
    printed_words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", printed))
    return {slug for slug in found if "-" in slug} - printed_words  # one-word ids (q1, good) are words too


def _crawl(client: Any) -> dict[str, tuple[str, str]]:
    """Every page the crawl reaches: address -> (content type, body); PDFs and workbooks are fetched,
    not read."""
    seen: dict[str, tuple[str, str]] = {}
    queue = deque(["/"])
    while queue and len(seen) < MOST_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        kind = response["Content-Type"]
        readable = kind.startswith(("text/", "application/json", "application/yaml", "application/xml"))
        body = response.content.decode() if readable else ""  # a PDF or a workbook: fetched, not read
        seen[url] = (kind, body)
        if kind.startswith("text/html"):
            parser = _Text()
            parser.feed(body)
            for link in parser.links:
                link = link.split("#")[0]
                if link.startswith("/national/"):
                    # Each indicator's page for every force and period is the same page over other
                    # figures (thousands of them): each is read once, as it first opens.
                    link = link.split("?")[0]
                if link.startswith("/") and not link.startswith(("/admin", "/login", "/logout", "/static")):
                    queue.append(link)
    assert len(seen) < MOST_PAGES, "the crawl did not end"
    return seen


@pytest.fixture(scope="module")
def crawled(demo_workspace: Path) -> dict[str, tuple[str, str]]:
    from django.test import Client, override_settings

    with override_settings(WORKSPACE=demo_workspace):
        return _crawl(Client())


def _visible(body: str) -> str:
    parser = _Text()
    parser.feed(body)
    return " ".join(" ".join(parser.text).split())


def test_the_crawl_reaches_the_published_reports_and_their_pages(crawled):
    paths = set(crawled)
    assert {"/reports", "/grades", "/open-data", "/forces/metropolitan/history"} <= paths
    inspections = {p for p in paths if re.fullmatch(r"/inspections/[0-9a-f-]{36}", p)}
    assert len(inspections) == 6  # the six published Metropolitan reports; the exercise is not public
    assert any("/areas/" in p for p in paths) and any("/findings/" in p for p in paths)


def test_what_the_public_reads_has_no_plumbing(crawled):
    slugs = _slugs()
    problems = []
    for url, (kind, body) in crawled.items():
        if not kind.startswith("text/html"):
            continue
        text = _visible(body)
        for name, pattern in (("file name", FILE_NAME), ("line reference", LINE_REFERENCE), ("hash", HASH)):
            problems += [f"{url}: {name} {m.group(0)!r}" for m in pattern.finditer(text)]
        if not url.startswith(SPECIFICATIONS):
            words = set(re.findall(r"(?<![\w/.-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])", text))
            problems += [f"{url}: id {slug!r}" for slug in sorted(words & slugs)]
    assert problems == [], "\n".join(problems)


def test_no_synthetic_figure_and_no_unconfirmed_link_reaches_the_public(crawled):
    problems = []
    for url, (kind, body) in crawled.items():
        text = _visible(body) if kind.startswith("text/html") else body
        problems += [f"{url}: synthetic" for _ in SYNTHETIC.finditer(text)][:1]
        if '"status": "suggested"' in body or "suggested" in text.lower():
            problems.append(f"{url}: a suggested link")
    assert problems == [], "\n".join(problems)
