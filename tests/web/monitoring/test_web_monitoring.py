"""Each force's monitoring status: the national list and a force's history for everyone; staff record
a placement and an exit; a signed-in reader who is not staff may read but not record (403, no
forms); someone not signed in is sent to sign in. Periods never overlap, an exit comes after its
placement, and a linked finding is shown only as its reader may read it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from inspectorate.core.monitoring import Stage
from inspectorate.web.inspections.models import Finding
from inspectorate.web.monitoring.models import MonitoringPeriod
from inspectorate.web.monitoring.services import leave, place
from inspectorate.web.registry.models import Force
from support.dates import date_fields

pytestmark = pytest.mark.django_db

PAGE = reverse("force-monitoring", kwargs={"force_id": "metropolitan"})
PLACE = reverse("monitoring-place", kwargs={"force_id": "metropolitan"})
EXIT = reverse("monitoring-exit", kwargs={"force_id": "metropolitan"})
SOURCE = "https://www.example.org/letter"


def _placed(**more: Any) -> MonitoringPeriod:
    return place(
        Force.objects.get(id="metropolitan"),
        Stage.ENGAGE,
        datetime.date(2022, 6, 28),
        decision="HMICFRS",
        reasons="Calls answered too slowly",
        source=SOURCE,
        by=None,
        **more,
    )


def _place_form(on: str = "2022-06-28", **more: Any) -> dict[str, Any]:
    return {
        "stage": "engage",
        **date_fields("on", on),
        "decision": "HM Chief Inspector of Constabulary",
        "reasons": "Calls answered too slowly",
        "source": SOURCE,
        **more,
    }


def _exit_form(on: str) -> dict[str, str]:
    return {**date_fields("on", on), "reasons": "Calls now answered in time", "source": SOURCE}


def test_the_national_list_shows_every_force_in_scan_by_default(client_for, reading):
    document = reading.json(client_for("anonymous").get(reverse("monitoring.json")))
    assert len(document["forces"]) == Force.objects.count() == 43
    assert {row["status"] for row in document["forces"]} == {"Scan (no decision recorded)"}
    assert document["escalated"] == 0 and document["stages"][1]["label"] == "Engage"


def test_a_force_in_engage_comes_first_on_the_national_list_and_its_force_page(client_for, reading):
    _placed()
    anonymous = client_for("anonymous")
    rows = reading.json(anonymous.get(reverse("monitoring.json")))["forces"]
    assert (rows[0]["force"], rows[0]["status"], rows[0]["since"]) == ("metropolitan", "Engage", "2022-06-28")
    assert rows[1]["status"] == "Scan (no decision recorded)"
    assert "Metropolitan Police Service" in reading.html(anonymous.get(reverse("monitoring")))
    force = reading.json(anonymous.get(reverse("force.json", kwargs={"force_id": "metropolitan"})))
    assert (force["monitoring"]["label"], force["monitoring"]["since"]) == ("Engage", "2022-06-28")
    assert ">Engage</strong>" in reading.html(
        anonymous.get(reverse("force", kwargs={"force_id": "metropolitan"}))
    )


def test_the_national_list_on_a_day_shows_the_status_then(client_for, reading):
    period = _placed()
    leave(period.force, datetime.date(2025, 1, 23), reasons="Improved", by=None)
    anonymous = client_for("anonymous")
    now = reading.json(anonymous.get(reverse("monitoring.json")))["forces"]
    met = next(r for r in now if r["force"] == "metropolitan")
    assert (met["status"], met["since"], met["last_left"]) == ("Scan", "2025-01-23", "2025-01-23")
    # The Engage period it left is still shown, on the list and on the force's page.
    assert met["previous"] == f"Engage from {period.started_on:%-d %B %Y} to 23 January 2025"
    assert met["previous"] in reading.html(anonymous.get(reverse("monitoring")))
    force_page = reading.html(anonymous.get(reverse("force", kwargs={"force_id": "metropolitan"})))
    assert f"Earlier: {met['previous']}" in force_page
    # Returned to Scan by a recorded decision: after those in Engage, before those never placed.
    assert now[0]["force"] == "metropolitan" and now[1]["status"] == "Scan (no decision recorded)"
    then = reading.json(anonymous.get(reverse("monitoring.json"), {"on": "2024-06-01"}))
    assert (then["forces"][0]["force"], then["forces"][0]["status"], then["today"]) == (
        "metropolitan",
        "Engage",
        False,
    )
    before = reading.json(anonymous.get(reverse("monitoring.json"), {"on": "2022-01-01"}))["forces"]
    assert next(r for r in before if r["force"] == "metropolitan")["status"] == "Scan (no decision recorded)"
    assert anonymous.get(reverse("monitoring"), {"on": "last year"}).status_code == 400


def test_staff_record_a_placement_and_an_exit_from_the_force_page(client_for, reading, concerns):
    staff = client_for("staff")
    page = reading.html(staff.get(PAGE))
    assert 'id="place-form"' in page and 'id="exit-form"' not in page
    response = staff.post(PLACE, _place_form(concerns=[str(concerns["published"].code)]))
    assert response.status_code == 302, reading.errors(response)
    period = MonitoringPeriod.objects.get(force_id="metropolitan")
    assert (period.stage, period.started_on, period.recorded_by.username) == (
        "engage",
        datetime.date(2022, 6, 28),
        "staff",
    )
    assert list(period.concerns.all()) == [concerns["published"]]
    page = reading.html(staff.get(PAGE))
    assert 'id="exit-form"' in page and 'id="place-form"' not in page
    response = staff.post(EXIT, _exit_form("2025-01-23"))
    assert response.status_code == 302, reading.errors(response)
    period.refresh_from_db()
    assert (period.ended_on, period.exit_reasons) == (
        datetime.date(2025, 1, 23),
        "Calls now answered in time",
    )
    assert LogEntry.objects.get_for_object(period).count() >= 2
    history = reading.json(
        client_for("anonymous").get(reverse("force-monitoring.json", kwargs={"force_id": "metropolitan"}))
    )
    assert history["status"]["label"] == "Scan" and history["periods"][0]["exit_source"] == SOURCE


@pytest.mark.parametrize("role", ["writer", "reader", "liaison", "outsider"])
def test_a_signed_in_reader_who_is_not_staff_sees_the_public_page_and_may_not_record(
    client_for, reading, role
):
    client = client_for(role)
    page = reading.html(client.get(PAGE))
    assert "Scan (no decision recorded)" in page and "place-form" not in page
    assert client.post(PLACE, _place_form()).status_code == 403
    _placed()
    assert "exit-form" not in reading.html(client.get(PAGE))
    assert client.post(EXIT, _exit_form("2025-01-23")).status_code == 403
    assert MonitoringPeriod.objects.get().ended_on is None


def test_someone_not_signed_in_reads_the_page_and_is_sent_to_sign_in_to_record(client_for, reading):
    anonymous = client_for("anonymous")
    assert "place-form" not in reading.html(anonymous.get(PAGE))
    response = anonymous.post(PLACE, _place_form())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login")) and "next=" in response["Location"]
    assert not MonitoringPeriod.objects.exists()


def test_an_overlapping_placement_is_refused_and_nothing_is_written(client_for, reading):
    period = _placed()
    staff = client_for("staff")
    response = staff.post(PLACE, _place_form("2023-01-01"))
    assert response.status_code == 200
    assert "already in Engage since 2022-06-28" in reading.errors(response)
    leave(period.force, datetime.date(2025, 1, 23), reasons="Improved", by=None)
    response = staff.post(PLACE, _place_form("2024-01-01"))
    assert "periods never overlap" in reading.errors(response)
    assert MonitoringPeriod.objects.count() == 1


def test_an_exit_before_or_on_the_placement_is_refused(client_for, reading):
    _placed()
    staff = client_for("staff")
    for day in ("2022-06-28", "2021-12-31"):
        response = staff.post(EXIT, _exit_form(day))
        assert response.status_code == 200
        assert "an exit comes after the placement" in reading.errors(response)
    assert MonitoringPeriod.objects.get().ended_on is None


def test_a_placement_without_reasons_or_on_a_finding_of_another_kind_is_refused(
    client_for, reading, concerns
):
    staff = client_for("staff")
    response = staff.post(PLACE, _place_form(reasons=""))
    assert "Enter the reasons" in reading.errors(response)
    # A strength is not offered, and a code typed in anyway is refused by the form.
    response = staff.post(PLACE, _place_form(concerns=[str(concerns["strength"].code)]))
    assert response.status_code == 200 and reading.errors(response)
    assert not MonitoringPeriod.objects.exists()


def test_a_linked_finding_shows_as_published_and_a_draft_one_only_to_those_who_see_the_draft(
    client_for, reading, concerns
):
    _placed(concerns=[concerns["published"].code, concerns["draft"].code])
    # The working copy changes after publication: the public reads the published words.
    Finding.objects.filter(pk=concerns["published"].pk).update(text="Reworded in the working copy")
    url = reverse("force-monitoring.json", kwargs={"force_id": "metropolitan"})
    for role in ("anonymous", "liaison", "outsider"):
        shown = reading.json(client_for(role).get(url))["periods"][0]["concerns"]
        assert [(c["code"], c["text"], c["published"]) for c in shown] == [
            (str(concerns["published"].code), "Calls to the force are answered too slowly.", True)
        ], role
        page = reading.html(client_for(role).get(PAGE))
        assert "A draft concern about calls" not in page and "Reworded" not in page
    staff = {c["text"] for c in reading.json(client_for("staff").get(url))["periods"][0]["concerns"]}
    assert staff == {"Reworded in the working copy", "A draft concern about calls"}
    rows = reading.csv(
        client_for("anonymous").get(reverse("force-monitoring.csv", kwargs={"force_id": "metropolitan"}))
    )
    assert rows[0]["concerns"] == str(concerns["published"].code)


def test_an_unknown_force_is_not_found(client_for):
    assert (
        client_for("anonymous").get(reverse("force-monitoring", kwargs={"force_id": "atlantis"})).status_code
        == 404
    )
    assert (
        client_for("staff").post(reverse("monitoring-place", kwargs={"force_id": "atlantis"}), {}).status_code
        == 404
    )
