"""The audit trail: who changed what, when, from which value to which, for the team and staff."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

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
    assert list(rows[0]) == ["when", "who", "action", "object", "object_repr", "area", "field", "old", "new"]
    grade_rows = [r for r in rows if r["field"] == "grade" and r["action"] == "update"]
    assert [(r["who"], r["area"], r["old"], r["new"]) for r in grade_rows] == [
        ("writer", "responding", "inadequate", "good"),
        ("writer", "responding", "", "inadequate"),
    ]
    assert all(r["when"] for r in grade_rows)


def test_history_page_shows_the_change(cast, writer, reading):
    set_grade(writer, cast.draft, "responding", "inadequate")
    set_grade(writer, cast.draft, "responding", "good")
    page = reading.html(writer.get(history_url(cast.draft)))
    rows = re.findall(r"<tr><td>.*?</tr>", page, re.S)
    row = next(r for r in rows if "<td>grade</td>" in r and 'class="new">good<' in r)
    assert "<td>writer</td>" in row
    assert "update judgment <code>responding</code>" in row
    assert '<td class="old">inadequate</td>' in row
    assert re.search(r"<td>\d{4}-\d\d-\d\dT\d\d:\d\d", row)


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
