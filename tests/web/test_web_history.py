"""The audit trail: who changed what, when, from which value to which, for the team and staff."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.inspections.models import Finding, Inspection, Status
from inspectorate.web.inspections.recording import record_judgment, save_finding
from support.editing import post_edit

pytestmark = pytest.mark.django_db


def history_url(inspection, fmt: str = "html") -> str:
    name = "inspection-history" if fmt == "html" else f"inspection-history.{fmt}"
    return reverse(name, kwargs={"code": inspection.code})


def set_grade(client, inspection, area_id: str, grade: str) -> None:
    url = reverse("area", kwargs={"code": inspection.code, "area_id": area_id})
    assert post_edit(client, url, {"grade": grade}).status_code == 302


def test_a_grade_change_is_recorded_with_who_when_old_and_new(cast, writer, reading):
    started = timezone.now()
    set_grade(writer, cast.draft, "responding", "inadequate")
    set_grade(writer, cast.draft, "responding", "requires-improvement")

    changes = reading.json(writer.get(history_url(cast.draft, "json")))["changes"]
    grade_changes = [
        c
        for c in changes
        if c["object"] == "judgment" and c["action"] == "update" and "grade" in c["changes"]
    ]
    # Newest first.
    assert [c["changes"]["grade"] for c in grade_changes] == [
        ["inadequate", "requires-improvement"],
        ["", "inadequate"],
    ]
    latest = grade_changes[0]
    assert latest["who"] == "writer"
    assert latest["area"] == "responding"
    when = datetime.fromisoformat(latest["when"])
    assert started - timedelta(seconds=1) <= when <= timezone.now() + timedelta(seconds=1)


def test_history_csv_has_one_row_per_changed_field(cast, writer, reading):
    set_grade(writer, cast.draft, "responding", "inadequate")
    set_grade(writer, cast.draft, "responding", "good")
    rows = reading.csv(writer.get(history_url(cast.draft, "csv")))
    assert list(rows[0]) == [
        *("when", "who", "action", "object", "object_repr", "area", "field", "old", "new"),
        *("day", "time", "kind", "role", "text"),
    ]
    grade_rows = [r for r in rows if r["field"] == "grade" and r["action"] == "update"]
    assert [(r["who"], r["area"], r["old"], r["new"]) for r in grade_rows] == [
        ("writer", "responding", "inadequate", "good"),
        ("writer", "responding", "", "inadequate"),
    ]
    assert all(r["when"] for r in grade_rows)


def history_text(page: str) -> str:
    """The page's changes as a reader reads them: the text of the list of changes, tags stripped."""
    start = page.index('id="main-content"')
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[start:])).replace("&#x27;", "'")


def test_history_page_tells_a_grade_change_in_words_with_both_labels_and_the_area_title(
    cast, writer, reading
):
    set_grade(writer, cast.draft, "responding", "inadequate")
    set_grade(writer, cast.draft, "responding", "good")
    text = history_text(reading.html(writer.get(history_url(cast.draft))))
    assert (
        "Grade for Responding to the public changed from Inadequate to Good by writer (lead inspector)"
        in text
    )
    assert "Grade for Responding to the public set to Inadequate by writer (lead inspector)" in text
    change = reading.json(writer.get(history_url(cast.draft, "json")))["changes"][0]
    assert change["text"].startswith("Grade for Responding to the public changed from Inadequate to Good")
    assert (change["kind"], change["role"], change["areas"]) == ("grades", "lead inspector", ["responding"])
    assert {"field": "grade", "label": "Grade", "old": "Inadequate", "new": "Good"} in change["details"]


def test_history_page_shows_no_raw_timestamps_model_names_or_ids(cast, writer, reading):
    set_grade(writer, cast.draft, "responding", "inadequate")
    url = reverse("finding", kwargs={"code": cast.draft.code, "finding_code": cast.findings["draft"].code})
    post_edit(writer, url, {"kind": "strength", "areas": ["prevention"], "text": "Reworded"})
    page = reading.html(writer.get(history_url(cast.draft)))
    text = history_text(page)
    assert not re.search(r"\d\d:\d\d:\d\d", text), "times are to the minute"
    assert not re.search(r"\d{4}-\d\d-\d\dT", text), "no ISO timestamps"
    for raw in (
        "update judgment",
        "create finding",
        "judgment responding",
        "area_ids",
        "object_repr",
        "None",
    ):
        assert raw not in text, raw
    finding = cast.findings["draft"]
    assert str(finding.code) not in text and f">{finding.pk}<" not in page
    # Times to the minute, as UK time.
    change = reading.json(writer.get(history_url(cast.draft, "json")))["changes"][0]
    assert re.fullmatch(r"\d\d:\d\d", change["time"])
    assert f">{change['time']}<" in page


def test_history_tells_findings_and_evidence_added_changed_and_removed(cast, writer, reading):
    new_finding = reverse("finding-new", kwargs={"code": cast.draft.code})
    text = "The force does not answer emergency calls quickly enough"
    writer.post(new_finding, {"kind": "cause-of-concern", "areas": ["responding"], "text": text})
    finding = Finding.objects.get(inspection=cast.draft, text=text)
    finding_url = reverse("finding", kwargs={"code": cast.draft.code, "finding_code": finding.code})
    post_edit(
        writer, finding_url, {"kind": "cause-of-concern", "areas": ["responding"], "text": "Calls wait"}
    )
    evidence = cast.evidence["draft"]
    writer.post(reverse("evidence-delete", kwargs={"code": cast.draft.code, "evidence_code": evidence.code}))
    texts = [c["text"] for c in reading.json(writer.get(history_url(cast.draft, "json")))["changes"]]
    assert texts[:3] == [
        "Evidence removed: \u2018Plan of MPS-DRAFT\u2019 by writer (lead inspector)",
        "Finding (cause of concern) on Responding to the public changed (text reworded): "
        "\u2018Calls wait\u2019 by writer (lead inspector)",
        f"Finding (cause of concern) added to Responding to the public: \u2018{text}\u2019"
        " by writer (lead inspector)",
    ]


def test_status_publication_and_staff_are_told_in_words(cast, staff, reading):
    with set_actor(cast.users["staff"]):
        factual = Inspection.objects.get(pk=cast.factual.pk)
        factual.status = Status.MODERATION
        factual.save()
    changes = reading.json(staff.get(history_url(cast.factual, "json")))["changes"]
    assert changes[0]["text"] == "Status changed from Factual-accuracy check to Moderation by staff (staff)"
    assert changes[0]["kind"] == "status"
    published = reading.json(staff.get(history_url(cast.published, "json")))["changes"]
    assert any(c["text"].startswith("Report published as version 1, public from ") for c in published)


def _age(inspection, days: int, count: int) -> None:
    """Move the ``count`` newest changes of the inspection ``days`` back in time."""
    newest = LogEntry.objects.filter(additional_data__inspection=str(inspection.code)).order_by("-timestamp")
    for entry in newest[:count]:
        LogEntry.objects.filter(pk=entry.pk).update(timestamp=entry.timestamp - timedelta(days=days))


def test_history_is_grouped_by_day_newest_first(cast, writer, reading):
    set_grade(writer, cast.draft, "responding", "inadequate")
    _age(cast.draft, 400, LogEntry.objects.filter(additional_data__inspection=str(cast.draft.code)).count())
    set_grade(writer, cast.draft, "responding", "good")
    page = reading.html(writer.get(history_url(cast.draft)))
    headings = re.findall(r'<h2 class="govuk-heading-m" id="day-\d+">([^<]+)</h2>', page)
    today = timezone.localdate()
    before = timezone.localtime(timezone.now() - timedelta(days=400)).date()
    assert headings[0] == today.strftime("%-d %B %Y")
    assert before.strftime("%-d %B %Y") in headings[1:]
    first_day = page[page.index('id="day-1"') : page.index('id="day-2"')]
    assert "changed from Inadequate to Good" in first_day and "set to Inadequate" not in first_day


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=grades", {"grades"}),
        ("kind=findings", {"findings"}),
        ("kind=evidence", {"evidence"}),
        ("kind=status", {"status"}),
    ],
)
def test_history_filters_by_kind_of_change(cast, writer, reading, query, expected):
    set_grade(writer, cast.draft, "responding", "inadequate")
    save_finding(cast.draft, kind="strength", area_ids=["responding"], text="A fast response")
    with set_actor(cast.users["writer"]):
        draft = Inspection.objects.get(pk=cast.draft.pk)
        draft.status = Status.MODERATION
        draft.save()
    document = reading.json(writer.get(history_url(cast.draft, "json") + "?" + query))
    assert document["changes"] and {c["kind"] for c in document["changes"]} == expected
    assert document["filters"]["kind"] == query.split("=")[1]


def test_history_filters_by_person_and_by_area(cast, writer, staff, reading):
    set_grade(writer, cast.draft, "responding", "inadequate")
    set_grade(staff, cast.draft, "investigating", "good")
    by_staff = reading.json(writer.get(history_url(cast.draft, "json") + "?who=staff"))["changes"]
    assert by_staff and {c["who"] for c in by_staff} == {"staff"}
    by_no_one = reading.json(writer.get(history_url(cast.draft, "json") + "?who=platform"))["changes"]
    assert by_no_one and {c["who"] for c in by_no_one} == {None}  # the cast's set-up
    on_area = reading.json(writer.get(history_url(cast.draft, "json") + "?area=prevention"))["changes"]
    # The set-up's finding and evidence are on prevention; the grades are not.
    assert {c["kind"] for c in on_area} == {"findings", "evidence"}
    assert all("prevention" in c["areas"] for c in on_area)
    page = reading.html(writer.get(history_url(cast.draft) + "?area=responding&kind=grades"))
    assert '<option value="responding" selected>' in page and '<option value="grades" selected>' in page
    changes = page[page.index('id="history-count"') :]
    assert "Grade for Responding to the public" in changes and "Investigating crime" not in changes


def test_history_says_why_it_is_empty_when_no_change_matches(cast, writer, reading):
    page = reading.html(writer.get(history_url(cast.draft) + "?kind=team&area=responding"))
    assert 'id="history-empty"' in page and "No change matches these filters" in page


def test_history_is_paginated_50_a_page_with_the_filter_kept(cast, writer, reading):
    with set_actor(cast.users["writer"]):
        for n in range(60):
            record_judgment(cast.draft, "responding", summary=f"Summary {n}")
    first = reading.json(writer.get(history_url(cast.draft, "json") + "?kind=grades"))
    total = first["total"]  # the judgment's creation, then its 60 saves
    assert total == 61 and (first["pages"], first["page"], len(first["changes"])) == (2, 1, 50)
    page = reading.html(writer.get(history_url(cast.draft) + "?kind=grades"))
    assert 'class="govuk-pagination"' in page
    assert 'href="?kind=grades&amp;page=2" rel="next"' in page
    second = reading.json(writer.get(history_url(cast.draft, "json") + "?kind=grades&page=2"))
    assert (second["page"], len(second["changes"])) == (2, 11)
    assert second["changes"][-2]["text"].startswith("Summary for Responding to the public written")
    assert {c["when"] for c in first["changes"]}.isdisjoint(c["when"] for c in second["changes"])


@pytest.mark.parametrize("page", ["3", "0", "-1", "two"])
def test_a_page_beyond_the_last_or_not_a_page_is_404(cast, writer, page):
    set_grade(writer, cast.draft, "responding", "inadequate")
    assert writer.get(history_url(cast.draft) + f"?page={page}").status_code == 404
    assert writer.get(history_url(cast.draft) + "?page=1").status_code == 200


@pytest.mark.parametrize(("role", "status"), [("writer", 200), ("reader", 200), ("outsider", 404)])
def test_who_may_read_the_history(cast, client_for, role, status):
    for fmt in ("html", "json", "csv"):
        assert client_for(role).get(history_url(cast.draft, fmt)).status_code == status, fmt


def test_deleting_a_finding_is_recorded(cast, writer, reading):
    finding = cast.findings["draft"]
    url = reverse("finding-delete", kwargs={"code": cast.draft.code, "finding_code": finding.code})
    assert writer.post(url).status_code == 302
    changes = reading.json(writer.get(history_url(cast.draft, "json")))["changes"]
    deleted = [c for c in changes if c["action"] == "delete"]
    assert len(deleted) == 1
    assert (deleted[0]["object"], deleted[0]["who"]) == ("finding", "writer")
    assert deleted[0]["changes"]["text"][0] == "A strength of MPS-DRAFT"
    assert deleted[0]["changes"]["text"][1] in (None, "None")


def test_creating_evidence_is_recorded(cast, writer, reading):
    url = reverse("evidence-new", kwargs={"code": cast.draft.code})
    writer.post(url, {"kind": "interview", "title": "Chief constable", "areas": ["responding"]})
    changes = reading.json(writer.get(history_url(cast.draft, "json")))["changes"]
    created = [c for c in changes if c["action"] == "create" and c["object"] == "evidence" and c["who"]]
    assert len(created) == 1
    assert created[0]["who"] == "writer"
    assert created[0]["changes"]["title"][1] == "Chief constable"


def test_editing_a_finding_is_recorded_with_old_and_new_text(cast, writer, reading):
    finding = cast.findings["draft"]
    url = reverse("finding", kwargs={"code": cast.draft.code, "finding_code": finding.code})
    post_edit(writer, url, {"kind": "strength", "areas": ["prevention"], "text": "Reworded"})
    changes = reading.json(writer.get(history_url(cast.draft, "json")))["changes"]
    assert changes[0]["action"] == "update"
    assert changes[0]["changes"]["text"] == ["A strength of MPS-DRAFT", "Reworded"]


def test_history_lists_only_this_inspections_changes(cast, writer, reading):
    set_grade(writer, cast.factual, "responding", "good")
    changes = reading.json(writer.get(history_url(cast.draft, "json")))["changes"]
    assert not any(c["object"] == "judgment" for c in changes)
    assert str(cast.factual.code) not in str(changes)


def test_a_readers_refused_post_leaves_no_trace(cast, client_for, reading):
    reader = client_for("reader")
    before = reading.json(reader.get(history_url(cast.draft, "json")))["changes"]
    url = reverse("area", kwargs={"code": cast.draft.code, "area_id": "responding"})
    assert reader.post(url, {"grade": "good"}).status_code == 403
    assert reading.json(reader.get(history_url(cast.draft, "json")))["changes"] == before


def test_staff_changes_are_recorded_under_their_name(cast, staff, reading):
    set_grade(staff, cast.factual, "responding", "good")
    changes = reading.json(staff.get(history_url(cast.factual, "json")))["changes"]
    assert changes[0]["who"] == "staff"


def test_history_is_not_offered_to_those_who_may_not_see_it(cast, client_for):
    # The inspection page links to the history for the writer, and not for a reader of a published one.
    url = history_url(cast.published)
    assert (
        url.encode()
        in client_for("writer").get(reverse("inspection", kwargs={"code": cast.published.code})).content
    )
    anonymous_page = client_for("anonymous").get(reverse("inspection", kwargs={"code": cast.published.code}))
    assert url.encode() not in anonymous_page.content


def test_a_move_back_and_a_moderators_decision_are_told_in_words_with_their_reasons(cast, staff, reading):
    from inspectorate.core.lifecycle import Stage
    from inspectorate.web.lifecycle.service import move
    from inspectorate.web.moderation.deciding import decide

    staff_user = cast.users["staff"]
    with set_actor(staff_user):
        move(cast.factual, staff_user, Stage.MODERATION, "The force found a figure from the wrong year")
        record_judgment(Inspection.objects.get(pk=cast.factual.pk), "responding", grade="inadequate")
        decide(cast.factual, "responding", staff_user, grade="requires-improvement", reason="Calls improved")
    changes = reading.json(staff.get(history_url(cast.factual, "json")))["changes"]
    told = [(c["kind"], c["text"].split(" by ")[0]) for c in changes]
    assert told[0] == (
        "grades",
        "Moderation: Responding to the public moderated from Inadequate to Requires improvement: "
        "\N{LEFT SINGLE QUOTATION MARK}Calls improved\N{RIGHT SINGLE QUOTATION MARK}",
    )
    assert (
        "status",
        "Moved from factual-accuracy check to moderation: "
        "\N{LEFT SINGLE QUOTATION MARK}The force found a figure from the wrong year"
        "\N{RIGHT SINGLE QUOTATION MARK}",
    ) in told
