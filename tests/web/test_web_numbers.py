"""An inspection's force in numbers: figures from the data store, comparators, charts and twins."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Any

import pytest
from django.urls import reverse

from inspectorate.core.data.store import DataStore
from inspectorate.core.workspace import data_store_dir
from inspectorate.web.inspections.models import ContactRole, Inspection, InspectionContact, Status
from inspectorate.web.registry.peer_groups import save_peer_group_version
from inspectorate.web.reports.publishing import publish_as_published

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
    assert 'class="govuk-inset-text app-synthetic"' in page and "SYNTHETIC data." in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 10
    # Each chart is an image with a name, beside the table of its figures.
    assert page.count('role="img" aria-labelledby="chart-') == page.count("<svg")
    assert page.count('<table class="govuk-table app-comparisons"') >= page.count("<svg")
    assert "Target: at least 90%" in page
    assert "Metropolitan Police Service (SYNTHETIC data)" in page
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
    page = response.content.decode()
    assert "12 months to: &#x27;March&#x27;: give the last month as YYYY-MM" in page
    # As a form with an error is: the summary leads to the field, which says what is wrong with it.
    assert "<title>Error: " in page and 'href="#numbers-to"' in page
    assert 'govuk-input--error" id="numbers-to"' in page and 'id="numbers-to-error"' in page


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


def _notes(client: Any, url: str) -> dict[str, Any]:
    return {note["id"]: note for note in json.loads(client.get(url).content)["missing"]}


def test_each_missing_figure_says_why_once_and_who_can_fill_it_in(cast, client_for, with_data):
    writer = client_for("writer")
    page = writer.get(_url(cast, "draft")).content.decode()
    document = json.loads(writer.get(_url(cast, "draft", "json")).content)
    notes = {note["id"]: note for note in document["missing"]}
    # No most similar groups are entered in this workspace, no England and Wales figure is published
    # for the year to March 2021 for most indicators, and only the call-handling ones have targets.
    assert {"msg-no-groups", "ew-not-known", "no-target"} <= set(notes)
    ids = {result["id"] for result in document["numbers"]["results"]}
    assert set(notes["msg-no-groups"]["indicators"]) == ids
    assert "member of staff" in notes["msg-no-groups"]["fill"]
    assert notes["msg-no-groups"]["where"] == reverse("peer-groups")
    assert (notes["ew-not-known"]["command"] or "").startswith("inspectorate national load")
    assert "999-answered-within-10s" not in notes["no-target"]["indicators"]
    assert [note["note"] for note in document["missing"]] == list(range(1, len(notes) + 1))
    # Each reason is said once; each cell without its figure says so in a few words and links to it.
    for note in notes.values():
        assert page.count(html.escape(note["why"])) == 1, note["id"]
    links = re.findall(r'\(<a class="govuk-link" href="#missing-([a-z0-9-]+)">note (\d+)</a>\)', page)
    assert links and all(notes[cause]["note"] == int(number) for cause, number in links)
    assert sum(cause == "msg-no-groups" for cause, _ in links) == len(ids)
    assert page.count("No group set (<a") == len(ids)
    assert "Not available" not in page


def test_the_csv_twin_names_the_note_of_each_missing_comparator(cast, client_for, with_data):
    text = client_for("writer").get(_url(cast, "draft", "csv")).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    msg = [row for row in rows if row["comparator"] == "msg"]
    assert msg and {row["comparator_note"] for row in msg} == {"msg-no-groups"}
    known = [row for row in rows if row["comparator"] == "previous-period" and row["comparator_value"]]
    assert known and all(row["comparator_note"] == "" for row in known if not row["comparator_reason"])


def test_a_group_without_the_force_or_without_its_peers_data_says_which(cast, client_for, with_data):
    writer = client_for("writer")
    save_peer_group_version({"kent": ["essex"]}, label="Groups A", source="a test")
    notes = _notes(writer, _url(cast, "draft", "json"))
    assert "msg-no-groups" not in notes
    assert "Groups A" in notes["msg-no-group"]["why"] and "group blank" in notes["msg-no-group"]["why"]
    save_peer_group_version({"metropolitan": ["kent", "essex"]}, label="Groups B", source="a test")
    notes = _notes(writer, _url(cast, "draft", "json"))
    assert "msg-no-group" not in notes
    assert (
        notes["msg-not-pooled"]["command"] == "inspectorate data load FILE --force PEER --dataset synthetic"
    )


def _exercise(status: str) -> Inspection:
    return Inspection.objects.create(
        reference=f"MPS-NUMBERS-{status}".upper(),
        title="Numbers",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=status,
        exercise=True,
    )


def test_a_printed_reports_missing_figures_say_why_and_what_its_reader_can_do(cast, client_for, with_data):
    factual = _exercise(Status.FACTUAL_ACCURACY)
    InspectionContact.objects.create(inspection=factual, user=cast.users["liaison"], role=ContactRole.LIAISON)
    url = reverse("inspection-numbers.json", kwargs={"code": factual.code})
    document = json.loads(client_for("liaison").get(url).content)
    assert document["numbers"] is None and document["published"] is not None
    notes = {note["id"]: note for note in document["missing"]}
    assert "factual-accuracy response" in notes["msg-no-groups"]["fill"]
    assert notes["msg-no-groups"]["where"] is None  # the staff's page is not the liaison's
    page = client_for("liaison").get(reverse("inspection-numbers", kwargs={"code": factual.code})).content
    assert b"No group set (<a" in page and b"Not known for this period (<a" in page

    published = _exercise(Status.FIELDWORK)
    publish_as_published(published)
    code = published.code
    notes = _notes(client_for("anonymous"), reverse("inspection-numbers.json", kwargs={"code": code}))
    assert "Published figures never change" in notes["ew-not-known"]["fill"]
    text = client_for("anonymous").get(reverse("inspection-numbers.csv", kwargs={"code": code})).content
    rows = list(csv.DictReader(io.StringIO(text.decode())))
    assert {row["comparator_note"] for row in rows if row["comparator"] == "msg"} == {"msg-no-groups"}
