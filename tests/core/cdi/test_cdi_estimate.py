"""Tallying decisions and the whole audit's figures, with their JSON and CSV twins."""

from __future__ import annotations

import json
import math

import pytest
from scipy.stats import norm

from inspectorate.core.cdi.compare import PreviousRate, Verdict, compare_with_previous
from inspectorate.core.cdi.estimate import (
    ALL,
    MEASURES,
    PreviousAudit,
    estimate_audit,
    percent,
    tally,
)
from inspectorate.core.cdi.estimate_rows import ROW_FIELDS, estimate_rows
from inspectorate.core.cdi.extrapolate import (
    additional_since_previous,
    describe_additional,
    unrecorded_interval,
    unrecorded_per_year,
)
from inspectorate.core.cdi.types import OTHER, SEXUAL, VIOLENCE, Answer, Decision, Stratum
from inspectorate.core.stats.stratified import MOVER_METHOD, SYMMETRIC_METHOD, WILSON_METHOD, stratified_rate

Y, N, NA = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE
V999 = Stratum(VIOLENCE, "999", 3_000, 6)
S101 = Stratum(SEXUAL, "101", 400, 3)
O999 = Stratum(OTHER, "999", 8_000, 4)
STRATA = (V999, S101, O999)

# Counted by hand below, per stratum: decided / recording eligible, hits / classification and
# timeliness eligible (recorded crimes), hits / cancellations eligible, hits.
DECISIONS = [
    (V999.key, Decision(Y, Y, Y, Y, NA)),  # recorded, classified, on time
    (V999.key, Decision(Y, Y, N, Y, Y)),  # recorded, misclassified, on time, cancellation right
    (V999.key, Decision(Y, N)),  # should have been, was not
    (V999.key, Decision(N, N, cancellation_correct=N)),  # not a crime; a wrong cancellation
    (V999.key, Decision(None, note="still looking")),  # undecided
    (S101.key, Decision(Y, Y, Y, N)),  # recorded late
    (S101.key, Decision(N)),
    (O999.key, Decision(Y, Y, Y, Y)),
    (O999.key, Decision(Y, Y, Y, Y)),
    (O999.key, Decision(Y, N)),
]
EXPECTED = {  # measure -> per stratum (decided, eligible, hits), in STRATA order
    "recording": [(4, 3, 2), (2, 1, 1), (3, 3, 2)],
    "classification": [(4, 2, 1), (2, 1, 1), (3, 2, 2)],
    "timeliness": [(4, 2, 2), (2, 1, 0), (3, 2, 2)],
    "cancellations": [(4, 2, 1), (2, 0, 0), (3, 0, 0)],
}


def test_tally_counts_each_measure_per_stratum() -> None:
    tallies = tally(STRATA, DECISIONS)
    assert list(tallies) == [m.name for m in MEASURES]
    for name, expected in EXPECTED.items():
        assert [(c.decided, c.eligible, c.hits) for c in tallies[name]] == expected
        assert [c.key for c in tallies[name]] == [s.key for s in STRATA]


def test_tally_accepts_answers_stored_as_text() -> None:
    as_text = Decision(should_record="yes", recorded="yes")  # type: ignore[arg-type]
    first = tally(STRATA, [(V999.key, as_text)])["recording"][0]
    assert (first.eligible, first.hits) == (1, 1)


def test_tally_refuses_a_stratum_outside_the_design() -> None:
    with pytest.raises(ValueError, match="'other/online'"):
        tally(STRATA, [("other/online", Decision(Y, Y))])


def records(stratum: Stratum, decided: int, eligible: int, hits: int) -> list[tuple[str, Decision]]:
    """Decisions giving a stratum these counts."""
    return (
        [(stratum.key, Decision(Y, Y))] * hits
        + [(stratum.key, Decision(Y, N))] * (eligible - hits)
        + [(stratum.key, Decision(N))] * (decided - eligible)
    )


def mps_like() -> tuple[tuple[Stratum, ...], list[tuple[str, Decision]]]:
    strata = (
        Stratum(VIOLENCE, "999", 30_000, 520),
        Stratum(SEXUAL, "999", 3_000, 260),
        Stratum(OTHER, "999", 65_000, 500),
    )
    decisions = (
        records(strata[0], 500, 500, 432)
        + records(strata[1], 250, 250, 238)
        + records(strata[2], 500, 500, 470)
    )
    return strata, decisions


PREVIOUS = PreviousAudit(
    "2018", PreviousRate(0.895, 0.016, "2018"), violence=PreviousRate(0.876, 0.028, "2018")
)


def test_the_audit_estimate_brings_the_figures_together() -> None:
    strata, decisions = mps_like()
    audit = estimate_audit(strata, decisions, recorded_crimes=763_400, previous=PREVIOUS)
    counts = tally(strata, decisions)["recording"]
    overall = stratified_rate(counts)
    assert audit.recording == overall and overall is not None
    # Each crime group is the stratified estimate over its own strata only.
    assert audit.groups[VIOLENCE] == stratified_rate([c for c in counts if c.group == VIOLENCE])
    assert audit.groups[VIOLENCE] is not None and audit.groups[VIOLENCE].rate == 432 / 500
    assert [s.rate for s in audit.strata] == [432 / 500, 238 / 250, 470 / 500]
    assert audit.unrecorded == pytest.approx(unrecorded_per_year(763_400, overall.rate))
    assert audit.additional == pytest.approx(additional_since_previous(763_400, overall.rate, 0.895))
    # Comparisons only where the previous audit gave a figure.
    assert set(audit.comparisons) == {ALL, VIOLENCE}
    assert audit.comparisons[ALL] == compare_with_previous(
        overall.rate, overall.standard_error, PREVIOUS.overall
    )  # type: ignore[arg-type]
    assert (audit.decided, audit.undecided, audit.provisional) == (1250, 30, True)


def test_without_recorded_crimes_there_are_no_volumes() -> None:
    strata, decisions = mps_like()
    audit = estimate_audit(strata, decisions, recorded_crimes=None, previous=PREVIOUS)
    assert audit.unrecorded is None and audit.additional is None
    # The comparison needs no R. Against 89.5 +/- 1.6: z = (p - 0.895) / sqrt(se² + (0.016/1.96)²) is
    # about 1.88, p = 2·Φ(-|z|) about 0.06 (scipy), so "broadly unchanged" at the 5 percent level.
    overall = audit.recording
    assert overall is not None
    z = (overall.rate - 0.895) / math.hypot(overall.standard_error, 0.016 / norm.ppf(0.975))
    comparison = audit.comparisons[ALL]
    assert comparison.z == pytest.approx(z, rel=1e-12)
    assert comparison.p_value == pytest.approx(2 * norm.sf(abs(z)), rel=1e-9)
    assert 0.05 < comparison.p_value < 0.07
    assert comparison.verdict is Verdict.UNCHANGED
    no_previous = estimate_audit(strata, decisions, recorded_crimes=763_400, previous=None)
    assert no_previous.additional is None and no_previous.comparisons == {}


def test_strata_with_nothing_decided_are_reported_as_skipped() -> None:
    strata = (V999, S101)
    audit = estimate_audit(strata, records(V999, 6, 5, 4), recorded_crimes=None, previous=None)
    assert audit.skipped == (S101.key,)
    assert audit.groups[SEXUAL] is None
    assert audit.to_json()["skipped_strata"] == [S101.key]


def test_json_twin_shows_report_style_figures() -> None:
    strata, decisions = mps_like()
    audit = estimate_audit(strata, decisions, recorded_crimes=763_400, previous=PREVIOUS)
    data = json.loads(json.dumps(audit.to_json(), allow_nan=False))
    overall = audit.recording
    assert overall is not None
    recording = data["measures"]["recording"]
    assert recording["rate"] == overall.rate
    assert recording["percent"] == round(overall.rate * 100, 1)
    assert recording["margin_percent"] == round(overall.margin * 100, 1)
    # With true times and minus signs, escaped for the linter.
    assert data["volumes"]["unrecorded"]["formula"] == "R \u00d7 (1 \u2212 p) \u00f7 p"
    assert data["volumes"]["unrecorded"]["rounded"] % 100 == 0
    assert data["comparisons"]["all"]["test"].startswith("two-sided z-test")
    assert data["provisional"] is True and data["previous"] == "2018"
    assert [s["key"] for s in data["strata"]] == [s.key for s in strata]


def test_csv_twin_rows_share_one_set_of_columns() -> None:
    strata, decisions = mps_like()
    rows = estimate_rows(
        estimate_audit(strata, decisions, recorded_crimes=763_400, previous=PREVIOUS).to_json()
    )
    assert all(tuple(row) == ROW_FIELDS for row in rows)
    scopes = [(row["scope"], row["measure"]) for row in rows]
    assert scopes[: len(MEASURES)] == [(ALL, m.name) for m in MEASURES]
    assert (VIOLENCE, "recording") in scopes and (strata[0].key, "recording") in scopes
    assert (ALL, "unrecorded") in scopes and (ALL, "additional") in scopes


def test_percent_rounds_halves_up_as_printed() -> None:
    # 0.9165 * 100 is 91.64999... in binary; a printed report rounds the decimal 91.65 up.
    assert percent(0.9165) == 91.7
    assert percent(0.91649) == 91.6
    assert percent(0.024) == 2.4


def test_a_previous_rate_of_zero_skips_the_additional_crimes_and_the_comparison() -> None:
    # A form can store 0 (or 120 percent, or a negative margin); the page must still show.
    strata, decisions = mps_like()
    for rate, margin in ((0.0, 0.016), (1.2, 0.016), (float("nan"), 0.016), (0.895, -0.01)):
        previous = PreviousAudit("2018", PreviousRate(rate, margin, "2018"), violence=PREVIOUS.violence)
        audit = estimate_audit(strata, decisions, recorded_crimes=763_400, previous=previous)
        assert audit.additional is None and audit.additional_note is not None
        assert ALL not in audit.comparisons and set(audit.comparisons) == {VIOLENCE}
        assert audit.comparison_notes[ALL].startswith("not compared: the previous")
        data = json.loads(json.dumps(audit.to_json(), allow_nan=False))
        assert data["volumes"]["additional"] is None
        assert data["volumes"]["additional_note"].startswith("not estimated: the previous")
        assert data["comparison_notes"] == {ALL: audit.comparison_notes[ALL]}
        assert data["volumes"]["unrecorded"] is not None  # needs no previous figure
    zero = estimate_audit(strata, decisions, 763_400, PreviousAudit("2018", PreviousRate(0.0, 0.016, "2018")))
    assert zero.additional_note == (
        "not estimated: the previous rate, 0, is not a proportion above 0 and at most 1"
    )


def test_volumes_say_why_they_are_missing() -> None:
    strata, decisions = mps_like()
    no_r = estimate_audit(strata, decisions, recorded_crimes=None, previous=PREVIOUS)
    assert no_r.additional_note == "not estimated: it needs R, the force's recorded crimes for the year"
    assert no_r.unrecorded_note is None  # R was not asked for yet: nothing to explain
    negative = estimate_audit(strata, decisions, recorded_crimes=-5, previous=PREVIOUS)
    assert negative.unrecorded is None and negative.additional is None
    assert negative.unrecorded_note == "recorded crimes cannot be negative (R = -5)"
    nothing_recorded = estimate_audit(strata, records(strata[0], 5, 5, 0), 1_000, PREVIOUS)
    assert nothing_recorded.recording is not None and nothing_recorded.recording.rate == 0
    assert nothing_recorded.unrecorded is None and nothing_recorded.additional is None
    assert nothing_recorded.additional_note == "not estimated: the recording rate is 0"
    assert nothing_recorded.unrecorded_note is not None


def test_a_fall_in_the_rate_keeps_its_sign_and_says_fewer() -> None:
    strata, decisions = mps_like()
    higher_before = PreviousAudit("2018", PreviousRate(0.96, 0.016, "2018"))
    audit = estimate_audit(strata, decisions, recorded_crimes=763_400, previous=higher_before)
    assert audit.additional is not None and audit.additional < 0
    data = audit.to_json()["volumes"]["additional"]
    assert data["value"] == audit.additional and data["rounded"] < 0
    assert data["text"] == describe_additional(audit.additional)
    assert data["text"].startswith(f"about {-data['rounded']:,} fewer crimes")


def test_the_unrecorded_range_uses_the_platforms_interval() -> None:
    strata, decisions = mps_like()
    audit = estimate_audit(strata, decisions, recorded_crimes=763_400, previous=None)
    overall = audit.recording
    assert overall is not None and overall.interval != overall.wilson
    assert audit.unrecorded_range == unrecorded_interval(763_400, overall.interval)


def test_json_says_which_interval_is_which() -> None:
    strata, decisions = mps_like()
    data = estimate_audit(strata, decisions, recorded_crimes=763_400, previous=PREVIOUS).to_json()
    overall = data["measures"]["recording"]
    assert overall["interval"]["method"] == MOVER_METHOD
    assert overall["interval"]["used_for"].startswith("the suggested grade")
    assert overall["symmetric"]["method"] == SYMMETRIC_METHOD
    assert (overall["symmetric"]["lower"], overall["symmetric"]["upper"]) == (
        overall["lower"],
        overall["upper"],
    )
    assert overall["wilson"]["method"] == WILSON_METHOD
    assert (overall["wilson"]["lower"], overall["wilson"]["upper"]) == (
        overall["wilson_lower"],
        overall["wilson_upper"],
    )
    # Within one crime group the platform's interval is the group's Wilson interval.
    violence = data["groups"][VIOLENCE]
    assert violence["interval"]["method"] == WILSON_METHOD
    assert violence["interval"]["lower"] == violence["wilson_lower"]
    assert "unrecorded" in data["volumes"] and data["volumes"]["unrecorded"]["range_method"].endswith(
        f"({MOVER_METHOD})"
    )


def test_a_rate_from_one_record_is_not_shown_as_certain() -> None:
    # One checked cancellation, correct: 100 percent, but from one record.
    decisions = [(V999.key, Decision(Y, Y, Y, Y, Y)), (V999.key, Decision(Y, Y, Y, Y, NA))]
    audit = estimate_audit(STRATA, decisions, recorded_crimes=None, previous=None)
    data = json.loads(json.dumps(audit.to_json(), allow_nan=False))
    cancellations = data["measures"]["cancellations"]
    assert cancellations["rate"] == 1 and cancellations["margin"] == 0
    assert cancellations["interval_note"] == (
        "no variation in the sample: the interval is Wilson's on the 1 record it applies to"
    )
    assert cancellations["interval"]["lower"] == pytest.approx(0.2065, abs=1e-4)
    assert cancellations["design_effect"] is None
    row = next(
        r for r in estimate_rows(audit.to_json()) if (r["scope"], r["measure"]) == (ALL, "cancellations")
    )
    assert row["note"] == cancellations["interval_note"]


def test_strata_with_an_empty_frame_are_not_skipped() -> None:
    empty = Stratum(OTHER, "online", 0, 0)
    audit = estimate_audit((V999, empty), records(V999, 6, 5, 4), recorded_crimes=None, previous=None)
    assert audit.skipped == ()
    assert audit.recording is not None and audit.recording.skipped == ()
