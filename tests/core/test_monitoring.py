"""The monitoring process's stages and the rules a force's periods keep (core/monitoring.py)."""

from __future__ import annotations

import datetime

import pytest

from inspectorate.core.monitoring import (
    DEFAULT_STAGE,
    MonitoringError,
    Period,
    Stage,
    check_exit,
    check_placement,
    parse_stage,
    status_on,
)

D = datetime.date
TODAY = D(2026, 12, 6)
ENGAGED = Period(Stage.ENGAGE, D(2022, 6, 28), D(2025, 1, 23))


def _place(on: datetime.date, earlier: list[Period], **given: str) -> Period:
    fields = {
        "decision": "HM Chief Inspector of Constabulary",
        "reasons": "Calls answered too slowly",
        "source": "",
    }
    fields.update(given)
    return check_placement(Stage.ENGAGE, on, earlier=earlier, today=TODAY, **fields)


def test_the_stages_are_named_as_published_with_scan_the_default():
    assert [s.label for s in Stage] == ["Scan", "Engage"]
    assert DEFAULT_STAGE is Stage.SCAN and not Stage.SCAN.escalated and Stage.ENGAGE.escalated
    assert (Stage.SCAN.level, Stage.ENGAGE.level) == ("routine monitoring", "enhanced monitoring")
    assert parse_stage("Engage") is Stage.ENGAGE and parse_stage(" engage ") is Stage.ENGAGE


def test_an_unknown_stage_is_refused_naming_the_published_ones():
    with pytest.raises(MonitoringError, match=r"no stage 'Activation'.*\(Scan, Engage\)") as caught:
        parse_stage("Activation")
    assert caught.value.field == "stage"


def test_a_force_never_placed_is_in_scan_with_no_decision_recorded():
    status = status_on([], TODAY)
    assert (status.stage, status.since, status.recorded) == (Stage.SCAN, None, False)
    assert status.label == "Scan (no decision recorded)"


def test_status_follows_the_periods_over_time():
    before = status_on([ENGAGED], D(2022, 6, 27))
    assert (before.stage, before.recorded) == (Stage.SCAN, False)
    during = status_on([ENGAGED], D(2022, 6, 28))
    assert (during.stage, during.since, during.label) == (Stage.ENGAGE, D(2022, 6, 28), "Engage")
    # The day of the exit is the first day back in Scan.
    after = status_on([ENGAGED], D(2025, 1, 23))
    assert (after.stage, after.since, after.recorded, after.label) == (
        Stage.SCAN,
        D(2025, 1, 23),
        True,
        "Scan",
    )


def test_a_placement_opens_a_period_from_its_date():
    assert _place(D(2025, 2, 1), [ENGAGED]) == Period(Stage.ENGAGE, D(2025, 2, 1))
    # Re-entering on the day the last period ended does not overlap it.
    assert _place(D(2025, 1, 23), [ENGAGED]).started_on == D(2025, 1, 23)


def test_a_second_placement_while_one_is_open_is_refused():
    with pytest.raises(MonitoringError, match="already in Engage since 2022-06-28; record its exit first"):
        _place(D(2023, 1, 1), [Period(Stage.ENGAGE, D(2022, 6, 28))])


def test_a_placement_overlapping_an_earlier_period_is_refused():
    with pytest.raises(
        MonitoringError, match=r"before the end of the force's Engage period.*never overlap"
    ) as caught:
        _place(D(2024, 1, 1), [ENGAGED])
    assert caught.value.field == "on"


def test_placing_a_force_in_scan_is_refused_as_it_is_the_default():
    with pytest.raises(MonitoringError, match="Scan is the default stage"):
        check_placement(
            Stage.SCAN, D(2024, 1, 1), decision="x", reasons="y", source="", earlier=[], today=TODAY
        )


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"reasons": "  "}, "reasons", "Reasons: enter them"),
        ({"decision": ""}, "decision", "Decision: say who decided"),
        ({"source": "www.example.org/letter"}, "source", "Source: an address starting https://"),
    ],
)
def test_a_placement_without_its_reasons_or_with_a_bad_source_is_refused(given, field, message):
    with pytest.raises(MonitoringError, match=message) as caught:
        _place(D(2024, 1, 1), [], **given)
    assert caught.value.field == field


def test_a_decision_dated_after_today_is_refused():
    with pytest.raises(MonitoringError, match="after today"):
        _place(TODAY + datetime.timedelta(days=1), [])


def test_an_exit_closes_the_open_period():
    open_period = Period(Stage.ENGAGE, D(2022, 6, 28))
    closed = check_exit(open_period, D(2025, 1, 23), reasons="Improved", source="", today=TODAY)
    assert closed == ENGAGED


@pytest.mark.parametrize("on", [D(2022, 6, 28), D(2022, 1, 1)])
def test_an_exit_on_or_before_the_placement_is_refused(on):
    with pytest.raises(MonitoringError, match="an exit comes after the placement") as caught:
        check_exit(Period(Stage.ENGAGE, D(2022, 6, 28)), on, reasons="Improved", source="", today=TODAY)
    assert caught.value.field == "on"


def test_an_exit_needs_reasons_and_an_open_period():
    with pytest.raises(MonitoringError, match="Reasons: enter them"):
        check_exit(Period(Stage.ENGAGE, D(2022, 6, 28)), D(2023, 1, 1), reasons="", source="", today=TODAY)
    with pytest.raises(MonitoringError, match="nothing to leave"):
        check_exit(None, D(2023, 1, 1), reasons="Improved", source="", today=TODAY)
    with pytest.raises(MonitoringError, match="nothing to leave"):
        check_exit(ENGAGED, D(2026, 1, 1), reasons="Improved", source="", today=TODAY)
