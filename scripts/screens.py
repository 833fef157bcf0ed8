"""Screenshots and layout measurements of the main pages, for each role, at a phone's and a desktop's
width: what the interface notes compare before and after a change to the look of the site.

Run it against a served demo workspace (``inspectorate demo``, or ``inspectorate serve`` on a built
one)::

    .venv/bin/python scripts/screens.py --base http://127.0.0.1:8000 --out /tmp/screens

It writes one PNG per page, role and width (the first screenful, and the full page for the history),
and ``measures.md``: per page the width the page asks for against the window's (more is sideways
scrolling of the whole page), the height of everything above the page's heading (header and
navigation), the page's full height, and the chart labels cut short with an ellipsis.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
WIDTHS = (375, 1280)
# The demo's logins (inspectorate demo prints them).
ROLES = {
    "public": None,
    "lead": "demo-lead-2026",
    "moderator": "demo-moderator-2026",
    "met-liaison": "demo-met-2026",
}

MEASURE = """() => {
  const doc = document.documentElement;
  const h1 = document.querySelector('main h1, h1');
  const above = h1 ? h1.getBoundingClientRect().top + window.scrollY : 0;
  const cut = [...document.querySelectorAll('svg text')]
    .filter(t => /…|\\.\\.\\.$/.test(t.textContent)).length;
  return {scroll_width: doc.scrollWidth, window_width: window.innerWidth, above_heading: Math.round(above),
          height: doc.scrollHeight, cut_labels: cut};
}"""


@dataclass
class Shot:
    role: str
    name: str
    path: str
    width: int
    measures: dict[str, Any]


def _sign_in(page: Page, base: str, role: str) -> None:
    password = ROLES[role]
    if password is None:
        return
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(role)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _json(page: Page, base: str, path: str) -> Any:
    return json.loads(page.request.get(f"{base}{path}").text())


def _pages(page: Page, base: str, role: str) -> dict[str, str]:
    """The main pages this role would visit, by name: found from the site's own JSON twins."""
    listing = _json(page, base, "/inspections.json")["inspections"]
    published = next(i for i in listing if i["framework"] == "peel-2021" and i["status"] == "published")
    pages = {
        "home": "/",
        "reports": "/reports",
        "grades": "/grades",
        "force-history": "/forces/metropolitan/history",
        "inspections": "/inspections",
        "published-inspection": f"/inspections/{published['code']}",
        "published-report": f"/inspections/{published['code']}/report",
        "published-numbers": f"/inspections/{published['code']}/numbers",
        "published-history": f"/inspections/{published['code']}/history",
        "frameworks": "/frameworks",
        "not-found": "/no-such-page",
    }
    if role == "public":
        pages["sign-in"] = "/login/"
        pages["open-data"] = "/open-data"
    drafts = [i for i in listing if i["status"] != "published"]
    if drafts and role in ("lead", "moderator"):
        draft = drafts[0]["code"]
        pages["draft-inspection"] = f"/inspections/{draft}"
        pages["draft-history"] = f"/inspections/{draft}/history"
        pages["draft-numbers"] = f"/inspections/{draft}/numbers"
        area = _json(page, base, f"/inspections/{draft}.json")
        areas = area.get("areas") or []
        if areas:
            pages["draft-area"] = f"/inspections/{draft}/areas/{areas[0].get('id') or areas[0].get('area')}"
        audits = _json(page, base, f"/inspections/{draft}/cdi.json").get("audits") or []
        if audits:
            pages["audit"] = f"/inspections/{draft}/cdi/{audits[0]['code']}"
            pages["audit-record"] = f"/inspections/{draft}/cdi/{audits[0]['code']}/records/1"
        reviews = _json(page, base, f"/inspections/{draft}/reviews.json").get("reviews") or []
        if reviews:
            pages["review"] = f"/inspections/{draft}/reviews/{reviews[0]['code']}"
            pages["review-case"] = f"/inspections/{draft}/reviews/{reviews[0]['code']}/cases/1"
    elif role == "met-liaison":
        pages["forbidden"] = f"/inspections/{drafts[0]['code']}" if drafts else "/most-similar-groups/new"
    return pages


def run(base: str, out: Path) -> list[Shot]:
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Shot] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for role in ROLES:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            _sign_in(page, base, role)
            for name, path in _pages(page, base, role).items():
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    page.goto(f"{base}{path}")
                    page.wait_for_load_state("networkidle")
                    file = out / f"{role}-{name}-{width}.png"
                    page.screenshot(path=str(file), full_page=name.endswith("history") and width == 1280)
                    shots.append(Shot(role, name, path, width, page.evaluate(MEASURE)))
            context.close()
        browser.close()
    return shots


def write_measures(shots: list[Shot], out: Path) -> None:
    lines = [
        "| role | page | width | page asks for (px) | above the heading (px) | height (px) | cut labels |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for shot in shots:
        m = shot.measures
        lines.append(
            f"| {shot.role} | {shot.name} | {shot.width} | {m['scroll_width']} | {m['above_heading']} "
            f"| {m['height']} | {m['cut_labels']} |"
        )
    overflowing = sum(1 for s in shots if s.measures["scroll_width"] > s.measures["window_width"])
    lines.append("")
    lines.append(f"Pages wider than the window: {overflowing} of {len(shots)}.")
    (out / "measures.md").write_text("\n".join(lines) + "\n")
    (out / "measures.json").write_text(json.dumps([s.__dict__ for s in shots], indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    shots = run(args.base.rstrip("/"), args.out)
    write_measures(shots, args.out)
    print((args.out / "measures.md").read_text())


if __name__ == "__main__":
    main()
