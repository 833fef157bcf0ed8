"""Following published findings (web/followup/services.py): what is followed, the details, the
force's updates with their files, the inspectorate's verdicts, the audit trail and the signals."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from inspectorate.core.problems import InputError
from inspectorate.web.followup import services
from inspectorate.web.followup.models import FollowUp, FollowUpdate, UpdateFile
from inspectorate.web.followup.services import NotAllowed, Upload
from inspectorate.web.followup.signals import update_posted, verdict_given
from inspectorate.web.inspections.models import Inspection, Origin
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.reports.publishing import open_correction, publish
from support.followup import published_inspection

pytestmark = pytest.mark.django_db


def test_every_followed_kind_the_report_prints_is_followed_when_it_is_published(followed):
    followed_ids = set(
        FollowUp.objects.filter(finding__inspection=followed.inspection).values_list("finding_id", flat=True)
    )
    expected = {followed.concern.pk, followed.recommendation.pk, followed.improvement.pk}
    assert followed_ids == expected  # never the strength
    assert all(
        f.status == "open" and f.addressee == "force"
        for f in FollowUp.objects.filter(pk__in=followed_ids)
        if f
    )


def test_following_again_changes_nothing(followed):
    before = FollowUp.objects.count()
    assert services.ensure_follow_ups(followed.inspection) == 0
    assert services.backfill() == 0
    assert FollowUp.objects.count() == before


def test_backfill_follows_a_version_frozen_before_following_began(followed):
    FollowUp.objects.filter(finding=followed.improvement).delete()
    assert services.backfill() == 1
    assert FollowUp.objects.filter(finding=followed.improvement).exists()


def test_an_unpublished_inspection_has_nothing_followed(cast):
    assert services.ensure_follow_ups(cast.draft) == 0


def test_a_correction_adds_its_new_findings(cast, followed):
    inspection = followed.inspection
    open_correction(inspection, "An area for improvement was left out")
    added = save_finding(
        inspection, kind="area-for-improvement", area_ids=["prevention"], text="Train call handlers."
    )
    publish(inspection, cast.users["writer"], timezone.now())
    assert FollowUp.objects.filter(finding=added).exists()


# Details ---------------------------------------------------------------------------------------


def test_a_lead_sets_the_details_and_the_due_date_counts_from_publication(cast, followed):
    follow_up = followed.follow_up("recommendation")
    update = services.set_details(
        follow_up,
        by=cast.users["writer"],
        addressee="chief-constable",
        timescale="within six months",
        owner="officer",
        owner_title="Assistant Commissioner",
    )
    follow_up.refresh_from_db()
    assert follow_up.due_on == datetime.date(2022, 7, 31)  # 31 January 2022 and six months
    assert follow_up.addressee == "chief-constable" and follow_up.owner == cast.users["officer"]
    assert update.kind == "details" and "within six months" in update.body


def test_a_period_from_publication_needs_a_known_publication_date(cast, followed):
    # A report published elsewhere that printed no date was made public here the day it was
    # recorded, which is not its publication day: "within six months" cannot be counted.
    inspection = followed.inspection
    Inspection.objects.filter(pk=inspection.pk).update(
        published_on=None, published_label="", origin=Origin.IMPORTED
    )
    follow_up = followed.follow_up("recommendation")
    with pytest.raises(InputError, match="counts from publication, and the report has no publication date"):
        services.set_details(follow_up, by=cast.users["writer"], timescale="within six months")
    services.set_details(follow_up, by=cast.users["writer"], timescale="by 31 March 2023")
    follow_up.refresh_from_db()
    assert follow_up.due_on == datetime.date(2023, 3, 31)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"timescale": "soon"}, "timescale: cannot read a due date"),
        ({"addressee": "the mayor"}, "addressee: 'the mayor' is not one of"),
        ({"owner": "outsider"}, "owner: outsider is not of Metropolitan Police Service"),
        ({"owner": "writer"}, "owner: writer is not of Metropolitan Police Service"),
        ({"owner": "nobody-here"}, "owner: no user 'nobody-here'"),
        ({"owner_title": "x" * 201}, "owner_title: at most 200 characters"),
        ({"addressee": "force"}, "nothing to change"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_written(cast, followed, change, message):
    follow_up = followed.follow_up("concern")
    before = FollowUpdate.objects.count()
    with pytest.raises(InputError, match=message):
        services.set_details(follow_up, by=cast.users["writer"], **change)
    assert FollowUpdate.objects.count() == before
    follow_up.refresh_from_db()
    assert (follow_up.timescale, follow_up.owner_id, follow_up.addressee) == ("", None, "force")


@pytest.mark.parametrize("role", ["reader", "liaison", "lpb", "outsider"])
def test_only_the_inspectorate_sets_details(cast, followed, role):
    with pytest.raises(NotAllowed):
        services.set_details(followed.follow_up("concern"), by=cast.users[role], addressee="chief-constable")


# The force's updates ----------------------------------------------------------------------------


def test_the_force_posts_an_update_with_a_file_and_moves_it(cast, followed, workspace):
    follow_up = followed.follow_up("improvement")
    update = services.post_update(
        follow_up,
        text="A new call-handling system is in place.",
        status="ready-for-review",
        files=[Upload("report.pdf", [b"%PDF-1.4 ", b"call handling"])],
        by=cast.users["liaison"],
    )
    follow_up.refresh_from_db()
    assert follow_up.status == "ready-for-review"
    assert (update.kind, update.status_from, update.status_to) == ("status", "open", "ready-for-review")
    kept = UpdateFile.objects.get(update=update)
    assert kept.original_name == "report.pdf" and kept.size == len(b"%PDF-1.4 call handling")
    assert (workspace / "files" / kept.sha256[:2] / kept.sha256).read_bytes() == b"%PDF-1.4 call handling"


def _files(workspace):
    return sorted(p for p in workspace.rglob("*") if p.is_file())


def test_a_file_too_large_is_refused_and_nothing_is_written(cast, followed, workspace, settings):
    settings.EVIDENCE_FILE_MAX_BYTES = 10
    follow_up = followed.follow_up("improvement")
    before = FollowUpdate.objects.count()
    with pytest.raises(InputError, match=r"file: big\.csv is more than 10 bytes"):
        services.post_update(
            follow_up,
            text="Figures",
            files=[Upload("big.csv", [b"0123456789", b"0"])],
            by=cast.users["liaison"],
        )
    assert FollowUpdate.objects.count() == before and _files(workspace) == []


def test_a_refused_move_keeps_no_file(cast, followed, workspace):
    follow_up = followed.follow_up("improvement")
    with pytest.raises(InputError, match="status: only the inspectorate"):
        services.post_update(
            follow_up, text="Done", status="met", files=[Upload("a.txt", [b"a"])], by=cast.users["liaison"]
        )
    assert _files(workspace) == [] and not FollowUpdate.objects.filter(follow_up=follow_up).exists()


def test_an_update_says_what_was_done(cast, followed):
    with pytest.raises(InputError, match="text: enter what has been done"):
        services.post_update(followed.follow_up("concern"), text="  ", by=cast.users["liaison"])


@pytest.mark.parametrize("role", ["writer", "reader", "lpb", "outsider", "staff"])
def test_only_people_of_the_force_post_updates(cast, followed, role):
    with pytest.raises(NotAllowed):
        services.post_update(followed.follow_up("concern"), text="Done", by=cast.users[role])


# Verdicts ---------------------------------------------------------------------------------------


def test_the_lead_gives_a_verdict_and_may_reopen_it(cast, followed):
    follow_up = followed.follow_up("concern")
    services.give_verdict(
        follow_up, verdict="partly-met", reasons="Half the audits are done.", by=cast.users["writer"]
    )
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.verdict_by, follow_up.verdict_reasons) == (
        "partly-met",
        cast.users["writer"],
        "Half the audits are done.",
    )
    assert follow_up.verdict_on == services.today()
    services.reopen(follow_up, reasons="New evidence of under-recording.", by=cast.users["staff"])
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.verdict_on, follow_up.verdict_reasons) == ("reopened", None, "")
    kinds = list(FollowUpdate.objects.filter(follow_up=follow_up).values_list("kind", flat=True))
    assert kinds == ["verdict", "reopened"]


@pytest.mark.parametrize("role", ["liaison", "reader", "lpb", "outsider", "officer"])
def test_only_the_inspectorate_gives_verdicts(cast, followed, role):
    with pytest.raises(NotAllowed):
        services.give_verdict(
            followed.follow_up("concern"), verdict="met", reasons="Done", by=cast.users[role]
        )
    assert followed.follow_up("concern").status == "open"


@pytest.mark.parametrize(
    ("verdict", "reasons", "message"),
    [
        ("done", "Because", "verdict: 'done' is not one of met, partly-met, not-met, superseded"),
        ("reopened", "Because", "verdict: 'reopened' is not one of"),
        ("met", "   ", "reasons: enter the reasons for the verdict"),
    ],
)
def test_a_bad_verdict_is_refused(cast, followed, verdict, reasons, message):
    with pytest.raises(InputError, match=message):
        services.give_verdict(
            followed.follow_up("concern"), verdict=verdict, reasons=reasons, by=cast.users["writer"]
        )


def test_an_open_finding_cannot_be_reopened(cast, followed):
    with pytest.raises(InputError, match="cannot move from open to reopened"):
        services.reopen(followed.follow_up("concern"), reasons="Why not", by=cast.users["writer"])


# Overdue, the audit trail and the signals -------------------------------------------------------


def test_overdue_once_past_its_due_date_while_the_force_holds_it(cast, followed):
    follow_up = followed.follow_up("recommendation")
    services.set_details(follow_up, by=cast.users["writer"], timescale="by 31 March 2022")
    follow_up.refresh_from_db()
    assert services.overdue(follow_up, datetime.date(2022, 3, 31)) is False
    assert services.overdue(follow_up, datetime.date(2022, 4, 1)) is True
    services.post_update(follow_up, text="Audit done", status="ready-for-review", by=cast.users["liaison"])
    follow_up.refresh_from_db()
    assert services.overdue(follow_up, datetime.date(2022, 4, 1)) is False


def test_every_change_is_in_the_audit_trail(cast, followed, workspace):
    follow_up = followed.follow_up("improvement")
    services.set_details(follow_up, by=cast.users["writer"], owner_title="Head of contact")
    posted = services.post_update(
        follow_up, text="Progress", files=[Upload("n.txt", [b"notes"])], by=cast.users["liaison"]
    )
    services.give_verdict(follow_up, verdict="met", reasons="Calls answered sooner.", by=cast.users["writer"])

    def entries(model):
        return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))

    assert entries(FollowUp).filter(object_pk=str(follow_up.pk)).count() >= 2  # details, verdict
    updates = [str(u.pk) for u in FollowUpdate.objects.filter(follow_up=follow_up)]
    assert entries(FollowUpdate).filter(object_pk__in=updates).count() == 3
    kept = UpdateFile.objects.get(update=posted)
    assert entries(UpdateFile).filter(object_pk=str(kept.pk)).exists()


def test_signals_are_sent_once_the_change_commits(cast, followed, django_capture_on_commit_callbacks):
    heard: list[tuple[str, str]] = []

    def on_update(sender, update, **kwargs):
        heard.append(("update", update.kind))

    def on_verdict(sender, update, **kwargs):
        heard.append(("verdict", update.status_to))

    update_posted.connect(on_update)
    verdict_given.connect(on_verdict)
    try:
        follow_up = followed.follow_up("concern")
        with django_capture_on_commit_callbacks(execute=False) as pending:
            services.post_update(follow_up, text="Started", status="in-progress", by=cast.users["liaison"])
        assert heard == []  # not before the commit
        for callback in pending:
            callback()
        with django_capture_on_commit_callbacks(execute=True):
            services.give_verdict(
                follow_up, verdict="not-met", reasons="Nothing changed.", by=cast.users["writer"]
            )
    finally:
        update_posted.disconnect(on_update)
        verdict_given.disconnect(on_verdict)
    assert heard == [("update", "status"), ("verdict", "not-met")]


def test_an_exercise_is_followed_for_its_team(cast, exercise):
    assert FollowUp.objects.filter(finding__inspection=exercise.inspection).count() == 3


def test_a_second_published_inspection_is_followed_on_its_own(cast, followed):
    other = published_inspection("MPS-FOLLOW-2", lead=cast.users["writer"])
    assert FollowUp.objects.filter(finding__inspection=other.inspection).count() == 3
    assert FollowUp.objects.filter(finding__inspection=followed.inspection).count() == 3
