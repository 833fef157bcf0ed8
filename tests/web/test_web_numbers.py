"""An inspection's force in numbers: figures from the data store, comparators, charts and twins."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.urls import reverse

from inspectorate.core.data.store import DataStore
from inspectorate.core.workspace import data_store_dir

pytestmark = pytest.mark.django_db

# The synthetic return the module's tests are drawn from (tests/conftest.py).
SYNTHETIC = (0.002, 7)


def _url(cast: Any, key: str, fmt: str = "html", **query: str) -> str:
    name = "inspection-numbers" if fmt == "html" else f"inspection-numbers.{fmt}"
    url = reverse(name, kwargs={"code": cast.inspection(key).code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_without_data_the_page_says_how_to_load_some(cast, client_for, settings, tmp_path):
    settings.WORKSPACE = tmp_path
    page = client_for("writer").get(_url(cast, "published")).content.decode()
    assert "No data has been loaded" in page
    assert "inspectorate data load" in page
    document = json.loads(client_for("writer").get(_url(cast, "published", "json")).content)
    assert document["datasets"] == [] and document["numbers"] is None


def test_the_public_reads_the_published_figures_never_the_forces_data_returns(cast, client_for, with_data):
    for role in ("anonymous", "outsider", "liaison"):
        document = json.loads(client_for(role).get(_url(cast, "published", "json")).content)
        # The report was published before any data return was loaded: it printed no numbers.
        assert (document["numbers"], document["published"], document["datasets"]) == (None, None, [])
        page = client_for(role).get(_url(cast, "published")).content.decode()
        assert "printed no force in numbers" in page and "synthetic" not in page.lower()


def test_the_json_twin_carries_every_indicator_labelled_synthetic(cast, client_for, with_data):
    document = json.loads(client_for("writer").get(_url(cast, "published", "json")).content)
    numbers = document["numbers"]
    assert numbers["synthetic"] is True
    assert numbers["dataset"] == "metropolitan/synthetic"
    assert numbers["period"] == "12 months to 31 March 2021"
    ids = {r["id"] for r in numbers["results"]}
    assert {"999-answered-within-10s", "101-abandoned", "stop-search-per-1000", "charge-rate"} <= ids
    # The figure on the page is the store's: count 999 calls answered within 10 seconds directly.
    store = DataStore(data_store_dir(with_data))
    con = store.connect(store.get_dataset("metropolitan/synthetic"))
    within, answered = con.execute(
        "SELECT count(*) FILTER (WHERE answered_at <= received_at + INTERVAL 10 SECOND), count(answered_at) "
        "FROM calls WHERE channel = '999' AND received_at >= '2020-04-01' AND received_at < '2021-04-01'"
    ).fetchall()[0]
    result = next(r for r in numbers["results"] if r["id"] == "999-answered-within-10s")
    assert result["numerator"] == within and result["denominator"] == answered
    assert result["value"] == pytest.approx(100 * within / answered)


def test_the_html_shows_the_synthetic_banner_charts_and_the_target(cast, client_for, with_data):
    page = client_for("reader").get(_url(cast, "draft")).content.decode()
    assert "Synthetic data." in page
    assert page.count("<svg") >= 10
    assert "Target: at least 90%" in page
    assert "Metropolitan Police Service (synthetic)" in page
    # 63.9% of thousands of 999 calls against a 90% target: far beyond chance, shown as a bound.
    assert "yes (p &lt; 0.0001)" in page


def test_the_csv_twin_has_a_row_per_indicator_and_comparator(cast, client_for, with_data):
    text = client_for("writer").get(_url(cast, "published", "csv")).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(row["synthetic"] == "true" for row in rows)
    target = [
        r
        for r in rows
        if r["indicator"] == "101-abandoned" and r["comparator"] == "target" and not r["dimension"]
    ]
    assert len(target) == 1 and target[0]["met"] == "false"


def test_a_chosen_period_without_data_says_so(cast, client_for, with_data):
    document = json.loads(client_for("writer").get(_url(cast, "published", "json", to="2015-03")).content)
    calls = next(r for r in document["numbers"]["results"] if r["id"] == "calls-per-1000")
    assert calls["value"] is None and "no calls in the period" in calls["reason"]


def test_a_malformed_period_is_a_message_not_an_error(cast, client_for, with_data):
    response = client_for("writer").get(_url(cast, "published", to="March"))
    assert response.status_code == 200
    assert "give the last month as YYYY-MM" in response.content.decode()


@pytest.mark.parametrize("role", ["outsider", "anonymous", "liaison"])
def test_a_draft_inspections_numbers_are_hidden_from_those_who_may_not_see_it(
    cast, client_for, with_data, role
):
    for fmt in ("html", "json", "csv"):
        assert client_for(role).get(_url(cast, "draft", fmt)).status_code == 404


def test_an_unknown_dataset_is_named_in_a_message(cast, client_for, with_data):
    document = json.loads(client_for("writer").get(_url(cast, "published", "json", dataset="nope")).content)
    assert document["numbers"] is None
    assert document["problem"] == "Metropolitan Police Service has no dataset named 'nope'"
