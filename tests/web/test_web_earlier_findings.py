"""The next inspection of a force reviews the open findings of its earlier reports: the team's
worklist (who sees it, who records a verdict, what it lists), and the report's section saying what
became of them, frozen with each published version."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import context_from_json, document_hash
from inspectorate.web.followup.earlier import earlier_inspections, record_verdict, reviewed, worklist
from inspectorate.web.followup.earlier_documents import EarlierFindingsPage
from inspectorate.web.followup.models import FollowUp, FollowUpdate, UpdateKind
from inspectorate.web.inspections.models import (
    ContactRole,
    Finding,
    Inspection,
    InspectionContact,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.pages.twins import rows_to_csv
from inspectorate.web.reports.build import report_context
from inspectorate.web.reports.publishing import publish_record
from inspectorate.web.reports.render import html as paper_html

pytestmark = pytest.mark.django_db


def _inspection(reference: str, *, force: str = "metropolitan", exercise: bool = False) -> Inspection:
    return Inspection.objects.create(
        reference=reference,
        title=f"Inspection {reference}",
        force_id=force,
        framework_id="peel-2021",
        status=Status.FIELDWORK,
        period_label="2019",
        exercise=exercise,
    )


def _published(inspection: Inspection, day: datetime.date) -> None:
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    publish_record(inspection, when, day.strftime("%-d %B %Y"))
    for finding in inspection.findings.filter(
        kind__in=("cause-of-concern", "recommendation", "area-for-improvement")
    ):
        FollowUp.objects.get_or_create(finding=finding)


def _follow(finding: Finding) -> FollowUp:
    return FollowUp.objects.get(finding=finding)


@pytest.fixture(scope="module")
def earlier(cast: Any, django_db_blocker: Any) -> dict[str, Any]:
    """An earlier MPS report (2019) with a cause of concern and its recommendation, two areas for
    improvement (one met already) and a strength; an MPS exercise and a Kent report of the same
    time; then the inspection that reviews them (at fieldwork: writer leads, reader moderates, the
    liaison is invited), and an MPS report that came out after it started."""
    with django_db_blocker.unblock():
        old = _inspection("MPS-2019")
        concern = save_finding(
            old, kind="cause-of-concern", area_ids=["prevention"], text="Calls wait too long."
        )
        recommendation = save_finding(
            old,
            kind="recommendation",
            area_ids=["prevention"],
            text="Answer 999 calls faster.",
            parent=concern,
        )
        afi = save_finding(
            old, kind="area-for-improvement", area_ids=["prevention"], text="Review THRIVE+ use."
        )
        met = save_finding(
            old, kind="area-for-improvement", area_ids=["prevention"], text="Train call handlers."
        )
        save_finding(old, kind="strength", area_ids=["prevention"], text="Good neighbourhood teams.")
        _published(old, datetime.date(2019, 9, 27))
        met_follow = _follow(met)
        met_follow.status = "met"
        met_follow.save()

        practice = _inspection("MPS-PRACTICE", exercise=True)
        practice_afi = save_finding(
            practice, kind="area-for-improvement", area_ids=["prevention"], text="Practice finding."
        )
        _published(practice, datetime.date(2020, 1, 10))
        kent = _inspection("KENT-2019", force="kent")
        kent_afi = save_finding(
            kent, kind="area-for-improvement", area_ids=["prevention"], text="Kent finding."
        )
        _published(kent, datetime.date(2019, 5, 1))

        later = _inspection("MPS-2025")
        TeamMember.objects.create(inspection=later, user=cast.users["writer"], role=TeamRole.LEAD)
        TeamMember.objects.create(inspection=later, user=cast.users["reader"], role=TeamRole.REVIEWER)
        InspectionContact.objects.create(
            inspection=later, user=cast.users["liaison"], role=ContactRole.LIAISON
        )

        after = _inspection("MPS-AFTER")
        after_afi = save_finding(after, kind="area-for-improvement", area_ids=["prevention"], text="Too new.")
        publish_record(after, timezone.now() + datetime.timedelta(minutes=5), "soon")
        FollowUp.objects.get_or_create(finding=after_afi)
        return {
            "old": old,
            "later": later,
            "concern": _follow(concern),
            "recommendation": _follow(recommendation),
            "afi": _follow(afi),
            "met": met_follow,
            "practice": _follow(practice_afi),
            "kent": _follow(kent_afi),
            "after": _follow(after_afi),
        }


def _url(inspection: Inspection, fmt: str = "") -> str:
    name = f"earlier-findings.{fmt}" if fmt else "earlier-findings"
    return reverse(name, kwargs={"code": inspection.code})


def _verdict_url(inspection: Inspection, follow_up: FollowUp) -> str:
    return reverse(
        "earlier-finding-verdict", kwargs={"code": inspection.code, "follow_up_code": follow_up.code}
    )


# Which findings are reviewed ---------------------------------------------------------------------


def test_it_reviews_the_forces_earlier_open_findings_only(earlier):
    listed = set(reviewed(earlier["later"]))
    assert listed == {earlier["concern"], earlier["recommendation"], earlier["afi"]}


def test_it_leaves_out_exercises_other_forces_and_reports_published_after_it_started(earlier):
    references = [e.reference for e in earlier_inspections(earlier["later"])]
    assert "MPS-2019" in references
    assert not {"MPS-PRACTICE", "KENT-2019", "MPS-AFTER", "MPS-2025"} & set(references)
    listed = set(reviewed(earlier["later"]))
    assert not listed & {earlier["practice"], earlier["kent"], earlier["after"], earlier["met"]}


def test_an_exercise_reads_real_findings_but_judges_only_earlier_exercises(earlier):
    # Practice on the force's real findings, but an exercise's verdict never touches one.
    drill = _inspection("MPS-DRILL", exercise=True)
    references = {e.reference for e in earlier_inspections(drill)}
    assert {"MPS-2019", "MPS-PRACTICE"} <= references and "KENT-2019" not in references
    with pytest.raises(InputError, match="is an exercise: it reads the force's real findings"):
        record_verdict(earlier["afi"], drill, "met", "Practice.", None)
    earlier["afi"].refresh_from_db()
    assert earlier["afi"].status == "open"


def test_an_exercises_worklist_offers_no_verdict_on_a_real_finding(earlier, client_for, reading):
    drill = _inspection("MPS-DRILL", exercise=True)
    page = reading.html(client_for("staff").get(_url(drill)))
    assert 'id="earlier-practice"' in page
    assert f'id="verdict-{earlier["afi"].code}"' not in page
    assert f'id="finding-{earlier["afi"].code}"' in page  # read, not judged


def test_a_verdict_given_in_a_draft_is_the_teams_alone_until_it_is_published(earlier, cast):
    from inspectorate.web.followup.visible import public_status, working_status

    record_verdict(earlier["afi"], earlier["later"], "met", "Seen met in fieldwork.", None)
    follow_up = type(earlier["afi"]).objects.get(pk=earlier["afi"].pk)
    assert working_status(follow_up).status.value == "met"
    # The public, the force and the history read it as it stood before the draft's verdict.
    seen = public_status(follow_up)
    assert (seen.status.value, seen.verdict_in) == ("open", None)
    assert "Seen met in fieldwork." not in seen.verdict_reasons


def test_it_keeps_a_finding_it_judged_met_and_drops_one_met_by_another(earlier, cast):
    record_verdict(earlier["afi"], earlier["later"], "met", "The force now reviews THRIVE+ monthly.", None)
    assert earlier["afi"] in set(reviewed(earlier["later"]))
    other = _inspection("MPS-2026")
    assert earlier["afi"] not in set(reviewed(other))


def test_the_worklist_lists_them_in_the_reports_order(earlier):
    codes = [f.finding.text for f in worklist(earlier["later"])]
    assert codes == ["Calls wait too long.", "Answer 999 calls faster.", "Review THRIVE+ use."]


# Who sees and changes the worklist ----------------------------------------------------------------


@pytest.mark.parametrize("role", ["writer", "reader", "staff"])
def test_the_team_and_staff_read_the_worklist(earlier, client_for, reading, role):
    response = client_for(role).get(_url(earlier["later"]))
    assert response.status_code == 200
    page = reading.html(response)
    assert "Answer 999 calls faster." in page
    assert "Of 3 earlier causes of concern, recommendations and areas for improvement: 3 awaiting" in page


@pytest.mark.parametrize("role", ["liaison", "outsider"])
def test_the_liaison_and_outsiders_are_told_nothing(earlier, client_for, role):
    for url in (_url(earlier["later"]), _url(earlier["later"], "json"), _url(earlier["later"], "csv")):
        assert client_for(role).get(url).status_code == 404, url
    post = client_for(role).post(
        _verdict_url(earlier["later"], earlier["afi"]), {"verdict": "met", "reasons": "x"}
    )
    assert post.status_code == 404


def test_a_visitor_is_sent_to_sign_in(earlier, client_for):
    assert client_for("anonymous").get(_url(earlier["later"])).status_code == 404
    response = client_for("anonymous").post(
        _verdict_url(earlier["later"], earlier["afi"]), {"verdict": "met"}
    )
    assert response.status_code == 302 and "login" in response["Location"]


def test_only_writers_see_the_verdict_forms(earlier, client_for, reading):
    writer = reading.html(client_for("writer").get(_url(earlier["later"])))
    reader = reading.html(client_for("reader").get(_url(earlier["later"])))
    assert f'id="verdict-{earlier["afi"].code}"' in writer
    assert "verdict-form" not in reader and f'id="verdict-{earlier["afi"].code}"' not in reader
    assert 'id="earlier-read-only"' in reader


def test_a_moderators_post_is_refused_and_writes_nothing(earlier, client_for):
    response = client_for("reader").post(
        _verdict_url(earlier["later"], earlier["afi"]), {"verdict": "met", "reasons": "Looks done."}
    )
    assert response.status_code == 403
    earlier["afi"].refresh_from_db()
    assert earlier["afi"].status == "open" and earlier["afi"].verdict_in is None


def test_a_writer_records_a_verdict_logged_and_audited(earlier, client_for, cast):
    follow_up = earlier["recommendation"]
    response = client_for("writer").post(
        _verdict_url(earlier["later"], follow_up),
        {"verdict": "partly-met", "reasons": "Answer times improved but still miss the target."},
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.verdict_in, follow_up.verdict_by) == (
        "partly-met",
        earlier["later"],
        cast.users["writer"],
    )
    update = FollowUpdate.objects.get(follow_up=follow_up)
    assert (update.kind, update.status_from, update.status_to) == (UpdateKind.VERDICT, "open", "partly-met")
    entry = LogEntry.objects.get_for_object(follow_up).latest("timestamp")
    assert entry.actor == cast.users["writer"]
    assert "partly-met" in str(entry.changes)


def test_a_verdict_without_reasons_is_refused_naming_the_field(earlier, client_for, reading):
    response = client_for("writer").post(_verdict_url(earlier["later"], earlier["afi"]), {"verdict": "met"})
    assert response.status_code == 200
    assert "Enter the reasons for the verdict" in reading.errors(response)
    earlier["afi"].refresh_from_db()
    assert earlier["afi"].status == "open"
    assert not FollowUpdate.objects.filter(follow_up=earlier["afi"]).exists()


def test_an_unknown_verdict_is_refused_by_the_service(earlier):
    with pytest.raises(InputError, match="Verdict"):
        record_verdict(earlier["afi"], earlier["later"], "done", "Reasons.", None)
    with pytest.raises(InputError, match="Reasons"):
        record_verdict(earlier["afi"], earlier["later"], "met", "   ", None)


def test_a_finding_it_does_not_review_is_not_found(earlier, client_for):
    response = client_for("writer").post(
        _verdict_url(earlier["later"], earlier["kent"]), {"verdict": "met", "reasons": "Not ours."}
    )
    assert response.status_code == 404
    with pytest.raises(InputError, match="does not review"):
        record_verdict(earlier["practice"], earlier["later"], "met", "Not ours.", None)


def test_after_fieldwork_the_worklist_is_read_only(earlier, client_for, reading):
    later = earlier["later"]
    Inspection.objects.filter(pk=later.pk).update(status=Status.MODERATION)
    page = reading.html(client_for("writer").get(_url(later)))
    assert 'id="earlier-closed"' in page and "verdict-form" not in page
    response = client_for("writer").post(
        _verdict_url(later, earlier["afi"]), {"verdict": "met", "reasons": "x"}
    )
    assert response.status_code == 403
    later.refresh_from_db()
    with pytest.raises(InputError, match="planning and fieldwork"):
        record_verdict(earlier["afi"], later, "met", "Done.", None)


def test_confirming_the_standing_verdict_records_this_inspections_reasons(earlier):
    follow_up = earlier["afi"]
    follow_up.status = "not-met"
    follow_up.verdict_reasons = "An earlier review found nothing done."
    follow_up.save()
    record_verdict(follow_up, earlier["later"], "not-met", "Still no review of THRIVE+ use.", None)
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.verdict_in) == ("not-met", earlier["later"])
    assert follow_up.verdict_reasons == "Still no review of THRIVE+ use."


def test_the_force_s_latest_update_is_shown(earlier, client_for, reading):
    FollowUpdate.objects.create(
        follow_up=earlier["afi"], kind=UpdateKind.PROGRESS, body="First draft policy."
    )
    FollowUpdate.objects.create(follow_up=earlier["afi"], kind=UpdateKind.PROGRESS, body="Policy adopted.")
    rows = reading.json(client_for("writer").get(_url(earlier["later"], "json")))["findings"]
    row = next(r for r in rows if r["code"] == str(earlier["afi"].code))
    assert row["latest_update"] == "Policy adopted."
    assert row["latest_update_on"] == timezone.localdate().isoformat()


# The twins -----------------------------------------------------------------------------------------


def test_the_twins_are_the_document(earlier, client_for, reading):
    record_verdict(earlier["concern"], earlier["later"], "not-met", "Calls still wait.", None)
    data = reading.json(client_for("writer").get(_url(earlier["later"], "json")))
    document = EarlierFindingsPage.model_validate(data)
    assert document.to_json() == data
    assert data["summary"] == (
        "Of 3 earlier causes of concern, recommendations and areas for improvement: 1 not met, "
        "2 awaiting this inspection's verdict"
    )
    response = client_for("writer").get(_url(earlier["later"], "csv"))
    assert response.content.decode() == rows_to_csv(document.csv_rows())
    assert [r["verdict_here"] for r in reading.csv(response)] == ["not-met", "", ""]


# The report -------------------------------------------------------------------------------------


def _judge_all(earlier: dict[str, Any]) -> None:
    later = earlier["later"]
    record_verdict(earlier["concern"], later, "partly-met", "Waits are shorter.", None)
    record_verdict(earlier["recommendation"], later, "met", "Answered within target.", None)
    record_verdict(earlier["afi"], later, "not-met", "No review yet.", None)


def test_the_report_says_what_became_of_the_earlier_findings(earlier):
    _judge_all(earlier)
    section = report_context(earlier["later"], with_numbers=False).earlier_findings
    assert section.summary == (
        "Of 3 earlier causes of concern, recommendations and areas for improvement: 1 met, 1 partly met, "
        "1 not met"
    )
    assert [(i.kind, i.verdict, i.reasons) for i in section.items] == [
        ("cause-of-concern", "partly-met", "Waits are shorter."),
        ("recommendation", "met", "Answered within target."),
        ("area-for-improvement", "not-met", "No review yet."),
    ]
    item = section.items[0]
    assert (item.report_reference, item.report_published) == ("MPS-2019", "27 September 2019")
    assert [(t.key, t.count) for t in section.by_kind] == [
        ("cause-of-concern", 1),
        ("recommendation", 1),
        ("area-for-improvement", 1),
    ]


def test_the_report_prints_the_text_as_published_not_as_edited_since(earlier):
    record_verdict(earlier["afi"], earlier["later"], "met", "Done.", None)
    Finding.objects.filter(pk=earlier["afi"].finding_id).update(text="Edited after publication.")
    section = report_context(earlier["later"], with_numbers=False).earlier_findings
    assert [i.text for i in section.items] == ["Review THRIVE+ use."]


def test_a_report_that_judged_none_has_no_section(earlier, client_for, reading):
    context = report_context(earlier["later"], with_numbers=False)
    assert context.earlier_findings.items == ()
    assert "earlier_findings" not in context.to_json()
    page = reading.html(
        client_for("writer").get(reverse("inspection-report", kwargs={"code": earlier["later"].code}))
    )
    assert "Earlier findings" not in page


def test_the_working_report_prints_the_section(earlier, client_for, reading):
    _judge_all(earlier)
    url = reverse("inspection-report", kwargs={"code": earlier["later"].code})
    page = reading.html(client_for("writer").get(url))
    assert 'id="earlier-findings"' in page
    assert "Of 3 earlier causes of concern, recommendations and areas for improvement: 1 met" in page
    rows = reading.csv(
        client_for("writer").get(reverse("inspection-report.csv", kwargs={"code": earlier["later"].code}))
    )
    assert [r["value"] for r in rows if r["section"] == "earlier-finding"] == ["Partly met", "Met", "Not met"]


def test_the_published_version_keeps_its_verdicts_when_they_change_after(earlier, client_for, reading, cast):
    _judge_all(earlier)
    later = earlier["later"]
    version = publish_record(later, timezone.now(), "6 December 2026")
    frozen = dict(version.context)
    assert context_from_json(frozen).earlier_findings.by_verdict[0].key == "met"
    # A later decision reopens the area for improvement and finds it met after all.
    follow_up = earlier["afi"]
    follow_up.status, follow_up.verdict_reasons = "met", "Reviewed again: done."
    follow_up.save()
    version.refresh_from_db()
    assert version.context == frozen
    assert version.content_hash == document_hash(frozen)
    public = reading.html(
        client_for("anonymous").get(reverse("inspection-report", kwargs={"code": later.code}))
    )
    assert "No review yet." in public and "Reviewed again: done." not in public
    assert "1 not met" in public
    live = report_context(later, with_numbers=False).earlier_findings
    assert live.summary.endswith("2 met, 1 partly met")


def test_the_liaison_does_not_see_the_worklist_but_reads_the_published_section(earlier, client_for, reading):
    _judge_all(earlier)
    later = earlier["later"]
    publish_record(later, timezone.now(), "6 December 2026")
    assert client_for("liaison").get(_url(later)).status_code == 404
    page = reading.html(client_for("liaison").get(reverse("inspection-report", kwargs={"code": later.code})))
    assert 'id="earlier-findings"' in page


def test_the_inspection_page_links_the_worklist_for_the_team(earlier, client_for, reading):
    page = reading.html(
        client_for("writer").get(reverse("inspection", kwargs={"code": earlier["later"].code}))
    )
    assert _url(earlier["later"]) in page


@pytest.mark.parametrize("layout", ["peel-2021", "peel-2015", "ba-2006", "letter"])
def test_every_layout_prints_the_section_on_paper(earlier, layout):
    _judge_all(earlier)
    context = report_context(earlier["later"], with_numbers=False).model_copy(update={"layout": layout})
    printed = paper_html(context, charts=False)
    assert printed.count('id="earlier-findings"') == 1
    assert "Answered within target." in printed
    bare = context.model_copy(
        update={"earlier_findings": context.earlier_findings.model_copy(update={"items": ()})}
    )
    assert 'id="earlier-findings"' not in paper_html(bare, charts=False)


def test_the_writers_home_counts_the_findings_awaiting_a_verdict(earlier, client_for, reading):
    record_verdict(earlier["afi"], earlier["later"], "met", "Done.", None)
    items = reading.json(client_for("writer").get("/index.json"))["awaiting"]
    (item,) = [i for i in items if i["kind"] == "earlier-findings" and i["inspection"] == "MPS-2025"]
    assert item["count"] == 2 and item["url"] == _url(earlier["later"])
    reader = reading.json(client_for("reader").get("/index.json"))["awaiting"]
    assert not [i for i in reader if i["kind"] == "earlier-findings"]
