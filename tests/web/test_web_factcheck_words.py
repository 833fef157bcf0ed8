"""The factual-accuracy check in words (web/factcheck): what a comment is on is named as the form
names it, never by its raw reference (which the twins keep beside it); figures are offered to comment
on, or the form says the draft has none; the log says whether the check has started, is open or is
closed; and once every comment is answered, the team is shown the way on to publishing under embargo.
The draft report read at the check is not placed under the published reports.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from inspectorate.web.factcheck.checking import add_comment, answer_comment
from inspectorate.web.factcheck.models import Decision
from inspectorate.web.inspections.models import (
    FigureSection,
    PublishedFigure,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.inspections.recording import save_finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def factual(cast: Any) -> Any:
    cast.factual.refresh_from_db()
    return cast.factual


def _client(cast: Any, who: str) -> Client:
    client = Client()
    if who == "inspector":
        user = User.objects.create_user("inspector")
        TeamMember.objects.create(inspection=cast.factual, user=user, role=TeamRole.INSPECTOR)
        client.force_login(user)
    elif who != "anonymous":
        client.force_login(cast.users[who])
    return client


def _log(inspection: Any, fmt: str = "") -> str:
    return reverse(f"factual-accuracy{'.' + fmt if fmt else ''}", kwargs={"code": inspection.code})


def _figure(inspection: Any) -> PublishedFigure:
    return PublishedFigure.objects.create(
        inspection=inspection,
        section=FigureSection.CRIME_DATA_INTEGRITY,
        measure="Crime recording rate",
        percent=91.2,
        ci_plus_minus=2.1,
        period="2021",
    )


# What a comment is on, in words -----------------------------------------------------------------


def test_the_log_names_what_each_comment_is_on_in_words(cast, factual, reading):
    liaison = cast.users["liaison"]
    finding = save_finding(
        factual,
        kind="area-for-improvement",
        area_ids=["investigating"],
        text="Supervision of investigations is thin.",
    )
    _figure(factual)
    add_comment(factual, liaison, "area:investigating", "The grade is wrong.")
    add_comment(factual, liaison, f"finding:{finding.code}", "Not so thin.")
    add_comment(factual, liaison, "general", "Dates are wrong throughout.")
    add_comment(factual, liaison, "figure:1", "The rate is 92.")
    title = factual.spec.area("investigating").title
    said = [
        f"Judgment: {title}",
        "Finding: Supervision of investigations is thin.",
        "The report as a whole",
        "Figure 1: Crime recording rate",
    ]
    document = _client(cast, "liaison").get(_log(factual, "json")).json()
    assert [c["on"] for c in document["comments"]] == said
    # The reference stays beside the words, as the command line's --on names it.
    assert [c["target"] for c in document["comments"]] == [
        "area:investigating",
        f"finding:{finding.code}",
        "general",
        "figure:1",
    ]
    rows = reading.csv(_client(cast, "writer").get(_log(factual, "csv")))
    assert [row["on"] for row in rows] == said
    page = reading.html(_client(cast, "writer").get(_log(factual)))
    headings = re.findall(r'<h2 class="govuk-summary-card__title app-comment-on">([^<]*)</h2>', page)
    assert headings == said
    assert "On judgment" not in page and "area:investigating" not in page and "On general" not in page


def test_a_recommendation_and_a_paragraph_are_named_as_such(cast, factual, reading):
    concern = save_finding(
        factual,
        kind="cause-of-concern",
        area_ids=["investigating"],
        text="Investigations are poorly supervised.",
    )
    recommendation = save_finding(
        factual,
        kind="recommendation",
        area_ids=["investigating"],
        text="Within six months the force should review supervision.",
        parent=concern,
    )
    factual.summary = "The force is adequate overall."
    factual.save()
    liaison = cast.users["liaison"]
    add_comment(factual, liaison, f"finding:{recommendation.code}", "Three months.")
    add_comment(factual, liaison, "paragraph:summary", "It is good overall.")
    document = _client(cast, "writer").get(_log(factual, "json")).json()
    assert [c["on"] for c in document["comments"]] == [
        "Recommendation: Within six months the force should review supervision.",
        "Paragraph: the summary",
    ]
    one = document["comments"][0]["code"]
    comment = _client(cast, "liaison").get(
        reverse("factual-accuracy-comment.json", kwargs={"code": factual.code, "comment_code": one})
    )
    assert comment.json()["comment"]["on"].startswith("Recommendation: Within six months")


def test_the_comment_links_on_the_draft_say_in_words_what_they_are_on(cast, factual, reading):
    finding = save_finding(
        factual, kind="area-for-improvement", area_ids=["investigating"], text="Supervision is thin."
    )
    page = reading.html(
        _client(cast, "liaison").get(reverse("inspection-report", kwargs={"code": factual.code}))
    )
    hidden = re.findall(r'Comment on this<span class="govuk-visually-hidden"> \(([^)]*)\)</span>', page)
    assert "Finding: Supervision is thin." in hidden
    assert f"finding:{finding.code}" not in hidden and not any(h.startswith("area:") for h in hidden)


# Figures ----------------------------------------------------------------------------------------


def test_the_comment_form_offers_the_drafts_figures(cast, factual, reading):
    _figure(factual)
    page = reading.html(_client(cast, "liaison").get(_log(factual)))
    assert re.search(r'<option value="figure:1"[^>]*>\s*Figure 1: Crime recording rate', page)
    assert "no figures" not in page
    sent = _client(cast, "liaison").post(
        reverse("factual-accuracy-comment-add", kwargs={"code": factual.code}),
        {"on": "figure:1", "text": "The rate is 92."},
    )
    assert sent.status_code == 302
    assert factual.factcheck_comments.get().quoted.startswith("Crime recording rate: 91.2%")


def test_the_comment_form_says_so_when_the_draft_has_no_figures(cast, factual, reading):
    page = reading.html(_client(cast, "liaison").get(_log(factual)))
    assert 'value="figure:' not in page
    assert "The draft has no figures yet" in page


# Breadcrumbs of the draft -----------------------------------------------------------------------


def _crumbs(page: str) -> list[str]:
    trail = page.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'class="govuk-breadcrumbs__link" href="[^"]*">([^<]*)</a>', trail)


@pytest.mark.parametrize(("who", "first"), [("liaison", "Your work"), ("writer", "Inspections")])
def test_the_draft_report_is_not_placed_under_the_published_reports(cast, factual, reading, who, first):
    page = reading.html(_client(cast, who).get(reverse("inspection-report", kwargs={"code": factual.code})))
    assert _crumbs(page) == [first, factual.reference]
    assert "Published reports</a></li>" not in page.split("</nav>", 1)[0] or who == "writer"
    if who == "writer":
        assert 'class="app-service-navigation' in page and "Team tools" not in _crumbs(page)


def test_a_published_report_is_still_under_the_published_reports(cast, reading):
    url = reverse("inspection-report", kwargs={"code": cast.published.code})
    assert _crumbs(reading.html(_client(cast, "anonymous").get(url))) == [
        "Published reports",
        "MPS-PUBLISHED",
    ]


# The check's state and the way on ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "state", "says"),
    [
        (Status.FIELDWORK, "not-started", "The check has not started"),
        (Status.FACTUAL_ACCURACY, "open", "comments on any paragraph"),
        (Status.EMBARGOED, "closed", "The check is closed"),
    ],
)
def test_the_log_says_whether_the_check_has_started_is_open_or_closed(
    cast, factual, reading, status, state, says
):
    factual.status = status
    factual.save()
    client = _client(cast, "writer")
    assert client.get(_log(factual, "json")).json()["state"] == state
    assert says in reading.html(client.get(_log(factual)))


def test_once_every_comment_is_answered_the_lead_is_shown_the_way_to_publish(cast, factual, reading):
    made = add_comment(factual, cast.users["liaison"], "general", "Dates are wrong.")
    page = reading.html(_client(cast, "writer").get(_log(factual)))
    assert 'id="way-on"' not in page  # one comment waits for its answer
    answer_comment(made, cast.users["writer"], Decision.NOT_ACCEPTED, reason="They are right.")
    inspection_page = reverse("inspection", kwargs={"code": factual.code})
    for who in ("writer", "staff"):
        page = reading.html(_client(cast, who).get(_log(factual)))
        assert "Every comment is answered." in page
        assert f'href="{inspection_page}#report">publish it on the inspection' in page
    # The team's other people are told who publishes; the liaison is not shown the way on.
    page = reading.html(_client(cast, "inspector").get(_log(factual)))
    assert "The inspection's lead publishes the report under embargo" in page
    assert 'id="way-on"' not in reading.html(_client(cast, "liaison").get(_log(factual)))
