"""Publishing a report under embargo: a recorded act by the lead, invisible before the embargo ends
to all but the team, public after it, never changed once published, corrected by a new version."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.inspections.locking import LockedRecord
from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.inspections.recording import record_judgment, save_finding
from inspectorate.web.reports.models import ImmutableVersion, ReportVersion
from inspectorate.web.reports.publishing import open_correction
from support.dates import typed_date
from support.editing import post_edit
from support.lifecycle import at_factual_accuracy

pytestmark = pytest.mark.django_db

OUTSIDERS = ("outsider", "anonymous", "liaison")


def _publish(client: Any, inspection: Any, when: datetime.datetime, reason: str = "") -> Any:
    local = timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")
    url = reverse("report-publish", kwargs={"code": inspection.code})
    return client.post(url, {"embargo_until": local, "reason": reason})


def _report(client: Any, inspection: Any, fmt: str = "json", version: int | None = None) -> Any:
    name = (
        "inspection-report-pdf"
        if fmt == "pdf"
        else ("inspection-report" if fmt == "html" else f"inspection-report.{fmt}")
    )
    query = f"?version={version}" if version else ""
    return client.get(reverse(name, kwargs={"code": inspection.code}) + query)


@pytest.fixture
def ready(cast: Any) -> Any:
    """The cast's draft, graded and with the finding its grade needs, at the factual-accuracy check,
    so it may be published."""
    draft = cast.draft
    record_judgment(draft, "responding", grade="inadequate")
    concern = save_finding(
        draft, kind="cause-of-concern", area_ids=["responding"], text="Calls wait too long."
    )
    save_finding(draft, kind="recommendation", area_ids=["responding"], text="Answer sooner.", parent=concern)
    return at_factual_accuracy(draft)


def test_before_the_embargo_ends_only_the_team_sees_the_published_version(ready, client_for, reading):
    lead = client_for("writer")
    response = _publish(lead, ready, timezone.now() + datetime.timedelta(days=2))
    assert response.status_code == 302
    assert ReportVersion.objects.filter(inspection=ready).count() == 1
    ready.refresh_from_db()
    assert ready.status == Status.EMBARGOED
    for role in ("writer", "reader", "staff"):
        assert reading.json(_report(client_for(role), ready, version=1))["version"] == 1
    for role in OUTSIDERS:
        for fmt in ("html", "json", "csv", "pdf"):
            assert _report(client_for(role), ready, fmt).status_code == 404, (role, fmt)
            assert _report(client_for(role), ready, fmt, version=1).status_code == 404, (role, fmt)
        assert client_for(role).get(reverse("inspection", kwargs={"code": ready.code})).status_code == 404


def test_after_the_embargo_everyone_reads_the_version_as_published(ready, client_for, reading, later):
    _publish(client_for("writer"), ready, timezone.now() + datetime.timedelta(days=2))
    later(3)
    for role in OUTSIDERS:
        report = reading.json(_report(client_for(role), ready))
        assert (report["version"], report["draft"], report["status"]) == (1, False, "published")
        assert [g["grade_label"] for g in report["grades"]] == ["Inadequate"]
        summary = reading.json(client_for(role).get(reverse("inspection.json", kwargs={"code": ready.code})))
        assert summary["status"] == "published"


def test_a_published_version_never_changes_and_later_edits_stay_out_of_it(ready, client_for, reading, later):
    _publish(client_for("writer"), ready, timezone.now())
    version = ReportVersion.objects.get(inspection=ready)
    with pytest.raises(ImmutableVersion):
        version.save()
    with pytest.raises(ImmutableVersion):
        version.delete()
    with pytest.raises(LockedRecord):  # the working copy is locked once published
        record_judgment(ready, "responding", grade="requires-improvement")
    open_correction(ready, "The responding grade was misprinted.")
    record_judgment(ready, "responding", grade="requires-improvement")  # an edit after publication
    later(0.01)
    public = reading.json(_report(client_for("anonymous"), ready))
    assert [g["grade_label"] for g in public["grades"]] == ["Inadequate"]
    live = reading.json(_report(client_for("writer"), ready))
    assert [g["grade_label"] for g in live["grades"]] == ["Requires improvement"]


def test_a_correction_is_a_new_version_with_its_reason(ready, client_for, reading, later):
    lead = client_for("writer")
    _publish(lead, ready, timezone.now())
    area = reverse("area", kwargs={"code": ready.code, "area_id": "responding"})
    assert lead.post(area, {"grade": "requires-improvement"}).status_code == 403  # locked: no change
    correcting = reverse("report-correction", kwargs={"code": ready.code})
    lead.post(correcting, {"reason": "  "})  # no reason: refused
    assert lead.post(area, {"grade": "requires-improvement"}).status_code == 403
    assert client_for("reader").post(correcting, {"reason": "A reader's"}).status_code == 403
    lead.post(correcting, {"reason": "The responding grade was misprinted."})
    assert post_edit(lead, area, {"grade": "requires-improvement"}).status_code == 302
    _publish(lead, ready, timezone.now())  # the open correction's reason
    assert list(ReportVersion.objects.filter(inspection=ready).values_list("number", flat=True)) == [1, 2]
    assert lead.post(area, {"grade": "good"}).status_code == 403  # locked again
    later(0.01)
    public = reading.json(_report(client_for("anonymous"), ready))
    assert (public["version"], public["correction"]) == (2, "The responding grade was misprinted.")
    first = reading.json(_report(client_for("anonymous"), ready, version=1))
    assert [g["grade_label"] for g in first["grades"]] == ["Inadequate"]
    page = reading.html(client_for("anonymous").get(reverse("inspection", kwargs={"code": ready.code})))
    assert "The responding grade was misprinted." in page


@pytest.mark.parametrize(("role", "status"), [("reader", 403), ("outsider", 404), ("anonymous", 404)])
def test_only_the_lead_or_staff_publishes(ready, client_for, role, status):
    assert _publish(client_for(role), ready, timezone.now()).status_code == status
    assert not ReportVersion.objects.filter(inspection=ready).exists()


def test_staff_may_publish(ready, client_for):
    assert _publish(client_for("staff"), ready, timezone.now()).status_code == 302
    assert ReportVersion.objects.filter(inspection=ready, published_by__username="staff").exists()


def test_publishing_is_in_the_audit_trail(ready, client_for):
    _publish(client_for("writer"), ready, timezone.now() + datetime.timedelta(hours=1))
    entry = LogEntry.objects.get(
        content_type__model="reportversion", additional_data__inspection=str(ready.code)
    )
    assert entry.action == LogEntry.Action.CREATE and entry.actor.username == "writer"
    assert entry.additional_data == {"inspection": str(ready.code), "version": 1}


def _publish_form(client: Any, inspection: Any, day: str, month: str, year: str, time: str) -> Any:
    """The publish form as a person fills it: the day, month and year, and the time (UK time)."""
    url = reverse("report-publish", kwargs={"code": inspection.code})
    return client.post(url, {**typed_date("embargo_date", day, month, year), "embargo_time": time})


def _error_summary(response: Any = None, page: str = "") -> str:
    page = page or response.content.decode()
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', page, re.S)
    assert match, "no error summary"
    return match.group(0)


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (("31", "2", "2030", "09:30"), "must be a real date"),
        (("1", "13", "2030", "09:30"), "must be a real date"),
        (("", "2", "2030", "09:30"), "must include a day"),
        (("", "", "", "09:30"), "Enter the day the embargo ends"),
        (("1", "2", "2030", "25:00"), "as hours and minutes"),
        (("1", "2", "2030", ""), "Enter the time the embargo ends"),
        (("1", "1", "2020", "09:00"), "The embargo must end now or later"),
    ],
)
def test_a_bad_embargo_publishes_nothing_and_says_why_in_the_error_summary(ready, client_for, when, message):
    response = _publish_form(client_for("writer"), ready, *when)
    assert response.status_code == 200
    assert message in _error_summary(response)
    page = response.content.decode()
    assert "<title>Error: " in page
    assert not ReportVersion.objects.filter(inspection=ready).exists()


@pytest.mark.parametrize(
    ("when", "message", "faulty"),
    [
        (("31", "2", "2030"), "The day the embargo ends must be a real date", {"", "_month", "_year"}),
        (("10", "", "2030"), "The day the embargo ends must include a month", {"_month"}),
        (("", "", ""), "Enter the day the embargo ends", {"", "_month", "_year"}),
    ],
)
def test_a_wrong_embargo_day_links_from_the_summary_to_its_first_box_and_marks_the_boxes_at_fault(
    ready, client_for, when, message, faulty
):
    page = _publish_form(client_for("writer"), ready, *when, "09:30").content.decode()
    assert f'<a href="#id_embargo_date">{message}</a>' in _error_summary(page=page)
    assert page.count(message) == 2, "in the error summary and at the field"
    # The day box carries the field's id; the boxes keep what was typed (a blank box has no value).
    typed = f' value="{when[0]}"' if when[0] else ""
    assert re.search(rf'<input type="text" name="embargo_date_day"{typed}[^>]*id="id_embargo_date"', page)
    marked = {
        suffix
        for suffix in ("", "_month", "_year")
        if re.search(rf'class="[^"]*govuk-input--error[^"]*"[^>]*id="id_embargo_date{suffix}"', page)
    }
    assert marked == faulty


def test_the_embargo_is_read_in_uk_time(ready, client_for):
    """10 July 2030 09:30 in London is 08:30 UTC (British Summer Time); 10 January, 09:30 UTC."""
    assert _publish_form(client_for("writer"), ready, "10", "7", "2030", "09:30").status_code == 302
    version = ReportVersion.objects.get(inspection=ready)
    assert version.embargo_until == datetime.datetime(2030, 7, 10, 8, 30, tzinfo=datetime.UTC)


def test_the_publish_form_is_a_gov_uk_date_input_not_a_browser_picker(ready, client_for):
    page = client_for("writer").get(reverse("inspection", kwargs={"code": ready.code})).content.decode()
    assert 'type="datetime-local"' not in page
    form = page[page.index('id="publish-form"') : page.index("</form>", page.index('id="publish-form"'))]
    for name in ("embargo_date_day", "embargo_date_month", "embargo_date_year", "embargo_time"):
        assert f'name="{name}"' in form
    assert "Day" in form and "Month" in form and "Year" in form and "(UK time)" in form


def test_a_script_may_still_post_one_iso_value_and_a_bad_one_is_refused(ready, client_for):
    url = reverse("report-publish", kwargs={"code": ready.code})
    response = client_for("writer").post(url, {"embargo_until": "next tuesday"})
    summary = _error_summary(response)
    assert '<a href="#id_embargo_date">The day the embargo ends must be a real date' in summary
    assert "2026-12-10T09:30" in summary, "the script is told the form of the value"
    assert not ReportVersion.objects.filter(inspection=ready).exists()


def test_a_report_whose_grades_break_the_rules_is_not_published(cast, client_for):
    draft = cast.draft
    record_judgment(draft, "investigating", grade="inadequate")  # no cause of concern or AFI for it
    response = _publish(client_for("writer"), draft, timezone.now())
    assert response.status_code == 200
    assert "grading-rule breach" in _error_summary(response)
    assert not ReportVersion.objects.filter(inspection=draft).exists()


def test_a_correction_without_a_reason_is_refused_in_the_error_summary(ready, client_for):
    _publish(client_for("writer"), ready, timezone.now())
    url = reverse("report-correction", kwargs={"code": ready.code})
    response = client_for("writer").post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "Enter why the report is corrected" in _error_summary(response)
    ready.refresh_from_db()
    assert ready.correction_reason == ""


def test_the_force_invited_to_check_facts_reads_the_draft_then_the_version_under_embargo(
    cast, client_for, reading
):
    factual = at_factual_accuracy(cast.factual)
    assert reading.json(_report(client_for("liaison"), factual))["draft"] is True
    _publish(client_for("writer"), factual, timezone.now() + datetime.timedelta(days=1))
    embargoed = reading.json(_report(client_for("liaison"), factual))
    assert (embargoed["draft"], embargoed["version"]) == (False, 1)
    assert "may not be passed on" in embargoed["embargo_notice"]
    assert _report(client_for("outsider"), factual).status_code == 404


def test_once_a_version_is_published_the_public_never_sees_the_working_copy(
    ready, client_for, reading, later
):
    _publish(client_for("writer"), ready, timezone.now())
    Inspection.objects.filter(pk=ready.pk).update(status=Status.PUBLISHED)  # set by hand, say in the admin
    open_correction(ready, "A correction under way")
    record_judgment(ready, "responding", grade="requires-improvement")
    later(0.01)
    public = reading.json(_report(client_for("anonymous"), ready))
    assert (public["version"], [g["grade_label"] for g in public["grades"]]) == (1, ["Inadequate"])


def test_publishing_prints_the_pdf_in_the_background_so_readers_never_wait(
    ready, client_for, django_capture_on_commit_callbacks
):
    from inspectorate.web.reports.models import Rendition
    from inspectorate.web.worker import run_queued

    with django_capture_on_commit_callbacks(execute=True):
        _publish(client_for("writer"), ready, timezone.now())
    assert not Rendition.objects.exists()  # queued, not rendered in the request
    assert run_queued() == 1
    response = _report(client_for("anonymous"), ready, "pdf")
    assert (response.status_code, response.content[:4]) == (200, b"%PDF")
    assert run_queued() == 0  # asking again queued nothing
    # The HTML the public reads is the rendition too, not drawn again in the request.
    Rendition.objects.update(html="<p>AS RENDERED</p>")
    page = _report(client_for("anonymous"), ready, "html").content
    assert b"<p>AS RENDERED</p>" in page and b'id="main-content"' in page  # in the site's frame


def test_the_worker_prints_what_was_left_unprinted_once(ready, client_for):
    from inspectorate.web.reports.models import Rendition
    from inspectorate.web.reports.renditions import queue_unrendered
    from inspectorate.web.worker import run_queued

    _publish(client_for("writer"), ready, timezone.now())  # its job lost: never committed here
    versions = ReportVersion.objects.count()  # the cast's published reports' versions among them
    assert queue_unrendered() == versions
    assert run_queued() == versions
    assert set(Rendition.objects.values_list("content_hash", flat=True)) == set(
        ReportVersion.objects.values_list("content_hash", flat=True)
    )
    assert queue_unrendered() == 0


def test_a_rendition_drawn_by_an_earlier_layout_is_drawn_again(ready, client_for):
    from inspectorate.web.reports.models import Rendition
    from inspectorate.web.reports.renditions import LAYOUT, queue_unrendered
    from inspectorate.web.worker import run_queued

    _publish(client_for("writer"), ready, timezone.now())
    queue_unrendered()
    run_queued()
    version = ReportVersion.objects.get(inspection=ready)
    Rendition.objects.filter(content_hash=version.content_hash).update(layout="", html="<p>OLD LAYOUT</p>")
    page = _report(client_for("anonymous"), ready, "html").content
    assert b"OLD LAYOUT" not in page  # not served: the report is drawn in the request meanwhile
    assert queue_unrendered() == 1 and run_queued() == 1
    again = Rendition.objects.get(content_hash=version.content_hash)
    assert again.layout == LAYOUT and "OLD LAYOUT" not in again.html
