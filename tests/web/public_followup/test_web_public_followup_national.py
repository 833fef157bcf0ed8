"""The national list of followed findings with its filters and its summary of open items by force and
age, the open data, and the page cache: a verdict shows at once on pages kept for the public."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from inspectorate.core.followup.states import FollowStatus
from inspectorate.web.public.followup_documents import AgeBand, age_band
from support.public_followup import IMPROVEMENT, KENT_IMPROVEMENT, follow, move

pytestmark = pytest.mark.django_db


def _codes(client: Any, query: str = "") -> set[str]:
    response = client.get(reverse("recommendations.json") + query)
    assert response.status_code == 200, (query, response.content[:300])
    return {row["code"] for row in response.json()["findings"]}


def _code(published: Any, key: str) -> str:
    return str(published.findings[key].code)


def test_it_lists_every_forces_followed_findings_with_open_items_by_force_and_age(met, kent, client_for):
    document = client_for("anonymous").get(reverse("recommendations.json")).json()
    codes = {row["code"] for row in document["findings"]}
    for published in (met, kent):
        assert {_code(published, k) for k in ("concern", "recommendation", "improvement")} <= codes
        assert _code(published, "strength") not in codes
    summary = {row["force"]: row for row in document["open_by_force"]}
    assert (summary["kent"]["open"], summary["kent"]["two_to_5"], summary["kent"]["under_1"]) == (3, 3, 0)
    assert (summary["metropolitan"]["open"], summary["metropolitan"]["under_1"]) == (3, 3)
    met_concern = follow(met.findings["concern"])
    move(met_concern, FollowStatus.MET, "Waits are measured and published monthly.")
    summary = {
        row["force"]: row
        for row in client_for("anonymous").get(reverse("recommendations.json")).json()["open_by_force"]
    }
    assert summary["metropolitan"]["open"] == 2, "a met finding is no longer open"


def test_each_filter_chooses_its_findings(met, kent, client_for):
    anonymous = client_for("anonymous")
    superseded = follow(kent.findings["improvement"])
    move(superseded, FollowStatus.SUPERSEDED, "A later finding asks the same.")
    overdue = follow(met.findings["recommendation"], due_on=timezone.localdate() - datetime.timedelta(days=2))
    assert _codes(anonymous, "?force=kent") == {
        _code(kent, k) for k in ("concern", "recommendation", "improvement")
    }
    assert _codes(anonymous, "?kind=area-for-improvement") == {
        _code(met, "improvement"),
        _code(kent, "improvement"),
    }
    assert _codes(anonymous, "?state=closed") == {_code(kent, "improvement")}
    assert _code(kent, "improvement") not in _codes(anonymous, "?state=open")
    assert _codes(anonymous, "?status=superseded") == {_code(kent, "improvement")}
    assert _codes(anonymous, "?theme=investigating") == {
        _code(met, "improvement"),
        _code(kent, "improvement"),
    }
    assert _codes(anonymous, "?age=2-5") == {
        _code(kent, k) for k in ("concern", "recommendation", "improvement")
    }
    assert _codes(anonymous, "?overdue=yes") == {str(overdue.finding.code)}
    assert _codes(anonymous, "?force=metropolitan&kind=cause-of-concern&age=under-1") == {
        _code(met, "concern")
    }
    assert _codes(anonymous, "?force=dorset") == set()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?force=atlantis", "force"),
        ("?kind=strength", "kind"),
        ("?state=half-open", "state"),
        ("?status=finished", "status"),
        ("?theme=nothing", "theme"),
        ("?age=ancient", "age"),
        ("?overdue=maybe", "overdue"),
    ],
)
def test_a_filter_it_cannot_read_is_named_in_a_clear_message(met, client_for, query, field):
    anonymous = client_for("anonymous")
    answer = anonymous.get(reverse("recommendations.json") + query)
    assert answer.status_code == 400
    document = answer.json()
    assert [line.split(":")[0] for line in document["problems"]] == [field]
    assert document["findings"] == []
    page = anonymous.get(reverse("recommendations") + query)
    assert page.status_code == 400
    text = page.content.decode()
    assert "There is a problem with the filters" in text and f'href="#f-{field}"' in text
    assert anonymous.get(reverse("recommendations.csv") + query).status_code == 400


def test_a_page_number_past_the_end_shows_the_last_page(met, client_for):
    response = client_for("anonymous").get(reverse("recommendations") + "?page=999")
    assert response.status_code == 200 and IMPROVEMENT in response.content.decode()
    assert client_for("anonymous").get(reverse("recommendations") + "?page=x").status_code == 200


def test_nothing_published_to_follow_says_so(cast, client_for):
    page = client_for("anonymous").get(reverse("recommendations")).content.decode()
    assert "Nothing to follow yet" in page
    filtered = client_for("anonymous").get(reverse("recommendations") + "?force=kent").content.decode()
    assert "Nothing to follow yet" in filtered or "No item matches these filters" in filtered


def test_the_open_data_lists_every_followed_finding_with_its_verdict(met, kent, client_for, reading):
    concern = follow(met.findings["concern"], addressee="chief-constable", due_on=datetime.date(2030, 1, 31))
    move(concern, FollowStatus.NOT_MET, "Waits are still not measured.", on=datetime.date(2026, 11, 2))
    anonymous = client_for("anonymous")
    rows = {row["code"]: row for row in reading.csv(anonymous.get(reverse("open-recommendations.csv")))}
    assert len(rows) == 6
    row = rows[_code(met, "concern")]
    assert (row["force"], row["report_title"], row["kind"], row["areas"], row["themes"]) == (
        "metropolitan",
        "Inspection MPS-FOLLOWED",
        "cause-of-concern",
        "responding",
        "responding",
    )
    assert (row["addressee"], row["due_on"], row["status"], row["verdict"], row["verdict_on"]) == (
        "chief-constable",
        "2030-01-31",
        "not-met",
        "not-met",
        "2026-11-02",
    )
    assert rows[_code(kent, "improvement")]["text"] == KENT_IMPROVEMENT
    index = reading.json(anonymous.get(reverse("open-data.json")))
    assert {d["name"]: d["rows"] for d in index["datasets"]}["recommendations"] == 6
    page = reading.html(anonymous.get(reverse("open-data")))
    assert reverse("open-recommendations.csv") in page and reverse("open-recommendations") in page
    shown = reading.html(anonymous.get(reverse("open-recommendations")))
    assert "6 rows" in shown and "Not met" in shown


def test_a_verdict_shows_at_once_on_pages_kept_by_the_cache(met, client_for):
    anonymous = client_for("anonymous")
    urls = [
        reverse(
            "force-recommendation.json",
            kwargs={"force_id": "metropolitan", "finding_code": met.findings["concern"].code},
        ),
        reverse("force-recommendations.json", kwargs={"force_id": "metropolitan"}),
        reverse("recommendations.json") + "?force=metropolitan",
        reverse("open-recommendations.csv"),
    ]
    for url in urls:
        assert anonymous.get(url)["X-Cache"] == "miss", url
        assert anonymous.get(url)["X-Cache"] == "hit", url
    concern = follow(met.findings["concern"])
    move(concern, FollowStatus.PARTLY_MET, "Faster answers; waits still not measured.")
    for url in urls:
        answer = anonymous.get(url)
        assert answer["X-Cache"] == "miss", url
        assert "partly-met" in answer.content.decode(), url
    # A move the force makes shows at once too.
    move(concern, FollowStatus.REOPENED, "The backlog has grown again.")
    status = anonymous.get(urls[0]).json()["finding"]["status"]
    assert status == "reopened"


@pytest.mark.parametrize(
    ("published_on", "band"),
    [
        (datetime.date(2026, 1, 1), AgeBand.UNDER_1),
        (datetime.date(2025, 12, 6), AgeBand.ONE_TO_2),  # a year old to the day
        (datetime.date(2024, 12, 7), AgeBand.ONE_TO_2),
        (datetime.date(2024, 12, 6), AgeBand.TWO_TO_5),
        (datetime.date(2021, 12, 7), AgeBand.TWO_TO_5),
        (datetime.date(2021, 12, 6), AgeBand.OVER_5),
        (datetime.date(2014, 3, 27), AgeBand.OVER_5),
    ],
)
def test_age_bands_count_whole_years_since_publication(published_on, band):
    assert age_band(published_on, datetime.date(2026, 12, 6)) is band


def test_a_report_of_a_leap_day_is_a_year_old_on_the_first_of_march():
    assert age_band(datetime.date(2024, 2, 29), datetime.date(2025, 2, 28)) is AgeBand.UNDER_1
    assert age_band(datetime.date(2024, 2, 29), datetime.date(2025, 3, 1)) is AgeBand.ONE_TO_2
