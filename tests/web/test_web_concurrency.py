"""Two people at work on the same inspection: nobody's save is lost without their knowing.

A second writer of the same judgment, finding or evidence is told (409) and shown both values; new
findings never share a place; publishing twice gives one version; the admin checks grades as the
team's forms do. The same races run with real threads on PostgreSQL in test_web_concurrency_threads.
"""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.db.models.query import QuerySet
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.inspections.models import Finding, Judgment
from inspectorate.web.inspections.recording import EditConflict, record_judgment, save_finding
from inspectorate.web.reports.models import ReportVersion
from inspectorate.web.reports.publishing import open_correction
from support.editing import opened_revision, post_edit, revision_in
from support.lifecycle import at_factual_accuracy

pytestmark = pytest.mark.django_db


def area_url(inspection: Any) -> str:
    return reverse("area", kwargs={"code": inspection.code, "area_id": "responding"})


def finding_url(finding: Any) -> str:
    return reverse("finding", kwargs={"code": finding.inspection.code, "finding_code": finding.code})


def evidence_url(evidence: Any) -> str:
    return reverse("evidence", kwargs={"code": evidence.inspection.code, "evidence_code": evidence.code})


def conflict_table(reading: Any, response: Any) -> str:
    page = reading.html(response)
    assert 'id="conflict"' in page, "the second writer is told of the conflict"
    return page[page.index('id="conflict"') : page.index("</div>", page.index('id="conflict"'))]


# Two writers of one record --------------------------------------------------------------------


def test_the_second_writer_of_a_judgment_is_told_and_shown_both_grades(cast, client_for, reading):
    first, second = client_for("writer"), client_for("staff")
    url = area_url(cast.draft)
    first_opened, second_opened = opened_revision(first, url), opened_revision(second, url)
    saved = first.post(url, {"grade": "inadequate", "summary": "Slow", "revision": first_opened})
    assert saved.status_code == 302

    refused = second.post(url, {"grade": "good", "summary": "Fast", "revision": second_opened})

    assert refused.status_code == 409
    conflict = conflict_table(reading, refused)
    assert "writer saved it" in conflict
    assert '<td class="stored">Inadequate</td><td class="yours">Good</td>' in conflict
    assert '<td class="stored">Slow</td><td class="yours">Fast</td>' in conflict
    assert "someone else saved this since you opened it" in reading.errors(refused)
    judgment = Judgment.objects.get(inspection=cast.draft, area_id="responding")
    assert (judgment.grade, judgment.summary) == ("inadequate", "Slow")  # the first is not lost
    # The form keeps the second writer's values, now at the stored revision: saving again keeps theirs.
    assert 'id="id_summary">\nFast</textarea>' in reading.html(refused)
    assert revision_in(refused) == judgment.revision
    kept = second.post(url, {"grade": "good", "summary": "Fast", "revision": judgment.revision})
    assert kept.status_code == 302
    judgment.refresh_from_db()
    assert (judgment.grade, judgment.summary) == ("good", "Fast")


def test_the_second_writer_may_take_the_stored_values_instead(cast, client_for, reading):
    first, second = client_for("writer"), client_for("staff")
    url = area_url(cast.draft)
    stale = opened_revision(second, url)
    post_edit(first, url, {"grade": "inadequate"})
    refused = second.post(url, {"grade": "good", "revision": stale})
    assert f'href="{url}">reload the page</a>' in conflict_table(reading, refused)
    page = reading.html(second.get(url))  # reloading: the form holds what is stored now
    assert '<option value="inadequate" selected>' in page
    assert Judgment.objects.get(inspection=cast.draft, area_id="responding").grade == "inadequate"


def test_the_second_writer_of_a_finding_is_told_and_shown_both_texts(cast, client_for, reading):
    finding = cast.findings["draft"]
    first, second = client_for("writer"), client_for("staff")
    url = finding_url(finding)
    stale = opened_revision(second, url)
    data = {"kind": "strength", "areas": ["prevention"]}
    assert post_edit(first, url, {**data, "text": "The first writer's text"}).status_code == 302

    refused = second.post(url, {**data, "text": "The second writer's text", "revision": stale})

    assert refused.status_code == 409
    conflict = conflict_table(reading, refused)
    assert "The first writer&#x27;s text" in conflict
    assert "The second writer&#x27;s text" in conflict
    assert Finding.objects.get(pk=finding.pk).text == "The first writer's text"
    again = second.post(url, {**data, "text": "The second writer's text", "revision": stale + 1})
    assert again.status_code == 302
    assert Finding.objects.get(pk=finding.pk).text == "The second writer's text"


def test_the_second_writer_of_evidence_is_told_and_shown_both_titles(cast, client_for, reading):
    evidence = cast.evidence["draft"]
    first, second = client_for("writer"), client_for("staff")
    url = evidence_url(evidence)
    stale = opened_revision(second, url)
    assert post_edit(first, url, {"kind": "interview", "title": "Chief constable"}).status_code == 302

    refused = second.post(url, {"kind": "document", "title": "Force plan", "revision": stale})

    assert refused.status_code == 409
    conflict = conflict_table(reading, refused)
    assert '<td class="stored">Chief constable</td><td class="yours">Force plan</td>' in conflict
    assert '<td class="stored">Interview</td><td class="yours">Document</td>' in conflict
    evidence.refresh_from_db()
    assert (evidence.kind, evidence.title) == ("interview", "Chief constable")


def test_an_edit_without_the_revision_it_was_opened_at_is_refused(cast, writer, reading):
    response = writer.post(area_url(cast.draft), {"grade": "good"})
    assert response.status_code == 200
    assert "without the revision it was opened at" in reading.html(response)
    assert not Judgment.objects.filter(inspection=cast.draft, area_id="responding").exists()


def test_a_save_from_outside_a_form_moves_the_revision_on_so_open_forms_learn_of_it(cast, writer):
    url = area_url(cast.draft)
    stale = opened_revision(writer, url)
    record_judgment(cast.draft, "responding", grade="good")  # e.g. an import
    assert writer.post(url, {"grade": "inadequate", "revision": stale}).status_code == 409
    with pytest.raises(EditConflict):
        record_judgment(cast.draft, "responding", grade="inadequate", revision=stale)


# Places of findings ---------------------------------------------------------------------------


def test_a_finding_added_after_a_deletion_takes_a_place_of_its_own(cast):
    """Places were counted, so after a deletion a new finding took the last one's place again."""
    draft = cast.draft
    added = [save_finding(draft, kind="strength", area_ids=["prevention"], text=f"S{n}") for n in range(3)]
    added[0].delete()
    newest = save_finding(draft, kind="strength", area_ids=["prevention"], text="After")
    places = list(Finding.objects.filter(inspection=draft).values_list("position", flat=True))
    assert len(places) == len(set(places))
    assert newest.position == max(places)


def test_two_findings_cannot_share_a_place(cast):
    taken = cast.findings["draft"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.create(
            inspection=cast.draft, kind="strength", text="Same place", position=taken.position
        )


def test_a_writer_who_loses_the_race_for_a_place_takes_the_next(cast):
    """The race, played in order: the loser read the last place before the winner's finding was
    saved, so its first attempt collides with the winner's, and it tries again."""
    draft = cast.draft
    winner = save_finding(draft, kind="strength", area_ids=["prevention"], text="Winner")
    real_aggregate = QuerySet.aggregate
    reads: list[int] = []

    def stale_then_real(self: QuerySet[Any], *args: Any, **kwargs: Any) -> Any:
        result = real_aggregate(self, *args, **kwargs)
        reads.append(1)
        if len(reads) == 1 and self.model is Finding:
            return {"last": winner.position - 1}  # as read before the winner's save
        return result

    with mock.patch.object(QuerySet, "aggregate", stale_then_real):
        loser = save_finding(draft, kind="strength", area_ids=["prevention"], text="Loser")
    assert len(reads) == 2
    assert loser.position == winner.position + 1


# Publishing twice -----------------------------------------------------------------------------


@pytest.fixture
def ready(cast: Any) -> Any:
    """The cast's draft, graded and with the finding its grade needs, at the factual-accuracy check,
    so it may be published."""
    record_judgment(cast.draft, "responding", grade="inadequate")
    concern = save_finding(
        cast.draft, kind="cause-of-concern", area_ids=["responding"], text="Calls wait too long."
    )
    save_finding(
        cast.draft, kind="recommendation", area_ids=["responding"], text="Answer sooner.", parent=concern
    )
    return at_factual_accuracy(cast.draft)


def press_publish(client: Any, inspection: Any, reason: str = "") -> Any:
    when = timezone.localtime(timezone.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("report-publish", kwargs={"code": inspection.code})
    return client.post(url, {"embargo_until": when, "reason": reason}, follow=True)


def test_pressing_publish_twice_gives_one_version_and_says_so(ready, writer, reading):
    assert press_publish(writer, ready).status_code == 200
    again = press_publish(writer, ready)
    assert again.status_code == 200
    assert "Already published as version 1: nothing has changed since." in reading.html(again)
    assert "Not published" not in reading.html(again)
    assert ReportVersion.objects.filter(inspection=ready).count() == 1


def test_pressing_publish_twice_on_a_correction_gives_one_new_version(ready, writer):
    press_publish(writer, ready)
    open_correction(ready, "The grade was misprinted")
    post_edit(writer, area_url(ready), {"grade": "requires-improvement"})
    press_publish(writer, ready, reason="The grade was misprinted")
    press_publish(writer, ready, reason="The grade was misprinted")
    numbers = list(ReportVersion.objects.filter(inspection=ready).values_list("number", flat=True))
    assert numbers == [1, 2]


def test_a_correction_with_a_change_is_still_published(ready, writer):
    press_publish(writer, ready)
    open_correction(ready, "Regraded on appeal")
    post_edit(writer, area_url(ready), {"grade": "requires-improvement"})
    press_publish(writer, ready)
    assert ReportVersion.objects.filter(inspection=ready).count() == 2


# The admin ------------------------------------------------------------------------------------


def admin_change(client: Any, judgment: Judgment, **changes: str) -> Any:
    url = reverse("admin:inspections_judgment_change", args=[judgment.pk])
    data = {
        "inspection": judgment.inspection_id,
        "area_id": judgment.area_id,
        "grade": judgment.grade,
        "direction": judgment.direction,
        "summary": judgment.summary,
        "source": judgment.source,
        **changes,
    }
    return client.post(url, data)


@pytest.fixture
def superuser(cast: Any, client_for: Any) -> Any:
    staff = cast.users["staff"]
    staff.is_superuser = True
    staff.save()
    return client_for("staff")


def test_the_admin_refuses_a_grade_that_is_not_on_the_areas_scale(cast, superuser, reading):
    judgment = record_judgment(cast.draft, "responding", grade="good")
    response = admin_change(superuser, judgment, grade="terrible")
    assert response.status_code == 200
    assert "&#x27;terrible&#x27; is not a grade on" in reading.html(response)
    judgment.refresh_from_db()
    assert judgment.grade == "good"


def test_the_admin_saves_a_grade_on_the_scale_and_open_forms_learn_of_it(cast, superuser, writer):
    judgment = record_judgment(cast.draft, "responding", grade="good")
    stale = opened_revision(writer, area_url(cast.draft))
    assert admin_change(superuser, judgment, grade="inadequate").status_code == 302
    judgment.refresh_from_db()
    assert judgment.grade == "inadequate"
    assert writer.post(area_url(cast.draft), {"grade": "adequate", "revision": stale}).status_code == 409
