"""The demo's SYNTHETIC data return: `inspectorate demo --no-serve` loads metropolitan/synthetic and warms
its figures, and the published PEEL 2021/22 inspection's "in numbers" twin shows them.

This uses the demo workspace conftest.py builds once for the session (in the test process, by the
code the command runs) and puts in the test database for this module, so it costs no second build.
The page is asked for with Django's test client, on that workspace's database and data store, as
`inspectorate serve` would serve it. The expected figures are the ones the demo is calibrated to
(PEEL 2021/22: 63.9% of 999 calls answered within 10 seconds, 36.6% of 101 calls abandoned, 34.6
person searches per 1,000 in the year ending 31 March 2021, against 7.6 for England and Wales),
checked again exactly against the files the demo generated, counted here with the csv module.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

REFERENCE = "MPS-PEEL-2021"
MET_CENSUS_2011 = 8166566

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seen(demo_workspace: Path) -> dict[str, Any]:
    """What the demo's lead gets from MPS-PEEL-2021's numbers page and its JSON twin: the force's
    data return as it is now (the public reads the figures the published report printed)."""
    from django.contrib.auth.models import User
    from django.test import Client, override_settings

    from inspectorate.web.inspections.models import Inspection
    from inspectorate.web.registry.peer_groups import current_peer_table

    def files(name: str) -> list[str]:
        folder = demo_workspace / "data" / name
        return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []

    with override_settings(WORKSPACE=demo_workspace):
        before = {"results": files("results"), "charts": files("charts")}
        code = Inspection.objects.get(reference=REFERENCE).code
        client = Client()
        client.force_login(User.objects.get(username="lead"))
        twin = client.get(f"/inspections/{code}/numbers.json")
        page = client.get(f"/inspections/{code}/numbers")
        after = {"results": files("results"), "charts": files("charts")}
        return {
            "twin_status": twin.status_code,
            "twin": json.loads(twin.content) if twin.status_code == 200 else None,
            "page_status": page.status_code,
            "page": page.content.decode(),
            "peer_table": current_peer_table() is not None,
            "before": before,
            "after": after,
        }


@pytest.fixture(scope="module")
def listed(cli, demo_workspace: Path) -> list[dict[str, Any]]:
    (result,) = cli.batch([("data", "list", "--json", "-w", demo_workspace)])
    assert result.returncode == 0, result
    return result.json()


def result_of(numbers: dict[str, Any], indicator: str) -> dict[str, Any]:
    return next(r for r in numbers["results"] if r["id"] == indicator)


def comparison(result: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(c for c in result["comparisons"] if c["kind"] == kind)


def test_the_demo_store_holds_the_metropolitan_synthetic_return(listed, demo_build) -> None:
    _, built = demo_build
    assert "data: metropolitan/synthetic — SYNTHETIC, generated for the demo" in built.stdout
    # Beside the synthetic return, the real national figures come with the package.
    from inspectorate.core.national.store import load_national

    shipped = len(load_national(None).editions)
    assert f"national figures: {shipped} editions of the official tables (real, shipped)" in built.stdout
    assert [d["dataset"] for d in listed] == ["metropolitan/synthetic"]
    dataset = listed[0]
    assert dataset["synthetic"] is True
    assert dataset["scale"] == 0.01
    assert "year 2021" in dataset["description"] and "seed 2021" in dataset["description"]
    months = dataset["tables"]["calls"]["months"]
    assert (months[0], months[-1], len(months)) == ("2019-04", "2021-03", 24)


def test_the_peel_2021_numbers_twin_shows_the_calibrated_figures(seen: dict[str, Any]) -> None:
    assert seen["twin_status"] == 200
    document = seen["twin"]
    assert document["datasets"] == [{"dataset": "metropolitan/synthetic", "synthetic": True}]
    numbers = document["numbers"]
    assert numbers["synthetic"] is True
    assert numbers["dataset"] == "metropolitan/synthetic"
    assert numbers["period"] == "12 months to 31 March 2021"
    assert numbers["population"] == round(MET_CENSUS_2011 * 0.01)

    # Sampled at a hundredth of the force's volume: close to the published figures, not equal.
    assert result_of(numbers, "999-answered-within-10s")["value"] == pytest.approx(63.9, abs=1.5)
    assert result_of(numbers, "101-abandoned")["value"] == pytest.approx(36.6, abs=1.5)
    searches = result_of(numbers, "stop-search-per-1000")
    assert searches["value"] == pytest.approx(34.6, abs=1.0)
    england = comparison(searches, "england-and-wales")
    assert england["value"] == 7.6
    assert "PEEL 2021/22" in england["source"]
    # Four and a half times the England and Wales rate, on thousands of searches.
    assert england["significant"] is True
    assert comparison(result_of(numbers, "999-answered-within-10s"), "target")["met"] is False
    assert comparison(result_of(numbers, "101-abandoned"), "target")["met"] is False


def test_the_twin_equals_the_files_the_demo_generated(seen: dict[str, Any], demo_workspace: Path) -> None:
    folder = demo_workspace / "data" / "synthetic" / "demo-metropolitan-2021"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    assert (manifest["force_id"], manifest["year"], manifest["scale"], manifest["seed"]) == (
        "metropolitan",
        2021,
        0.01,
        2021,
    )
    quick = answered = abandoned = calls_101 = 0
    with (folder / "calls.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            received = datetime.strptime(row["received_at"], "%Y-%m-%d %H:%M:%S")
            if not datetime(2020, 4, 1) <= received < datetime(2021, 4, 1):
                continue
            if row["channel"] == "999" and row["answered_at"]:
                answered += 1
                wait = datetime.strptime(row["answered_at"], "%Y-%m-%d %H:%M:%S") - received
                quick += wait <= timedelta(seconds=10)
            elif row["channel"] == "101":
                calls_101 += 1
                abandoned += row["abandoned"] == "true"
    numbers = seen["twin"]["numbers"]
    result = result_of(numbers, "999-answered-within-10s")
    assert (result["numerator"], result["denominator"]) == (quick, answered)
    result = result_of(numbers, "101-abandoned")
    assert (result["numerator"], result["denominator"]) == (abandoned, calls_101)


def test_the_page_shows_the_synthetic_banner_and_charts(seen: dict[str, Any]) -> None:
    assert seen["page_status"] == 200
    page = seen["page"]
    assert "SYNTHETIC data." in page and "app-synthetic" in page
    assert page.count("<svg") >= 10
    assert "Metropolitan Police Service (SYNTHETIC data)" in page


def test_the_demo_warmed_the_figures_and_charts_the_page_shows(seen: dict[str, Any]) -> None:
    if seen["peer_table"]:
        # test_cli_forces.py imports a most-similar-group table into this shared workspace; the
        # figures then depend on it, and the demo could not have warmed them.
        pytest.skip("a most-similar-group table was imported into the demo workspace since it was built")
    # The demo computed them; viewing the page and its twin adds nothing to either cache.
    assert seen["before"]["results"]
    assert len(seen["before"]["charts"]) >= 10
    assert seen["after"] == seen["before"]
