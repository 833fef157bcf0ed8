"""Suggested grades, calibrated to the published grades of real audits."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from statsmodels.stats.proportion import proportion_confint

from inspectorate.core.cdi.compare import PreviousRate
from inspectorate.core.cdi.estimate import AuditEstimate, PreviousAudit, estimate_audit
from inspectorate.core.cdi.grading import DEFAULT_BANDS, FIVE_TIER, FOUR_TIER, suggest_grade
from inspectorate.core.cdi.types import OTHER, SEXUAL, VIOLENCE, Answer, Decision, Stratum

LIBRARY = Path(__file__).parents[3] / "src" / "inspectorate" / "core" / "frameworks" / "library"
HUGE = 10**9


def scale_ids(framework: str, scale: str) -> list[str]:
    data = yaml.safe_load((LIBRARY / framework).read_text(encoding="utf-8"))
    found = next(s for s in data["scales"] if s["id"] == scale)
    return [level["id"] for level in found["levels"]]


def audit(
    strata: dict[Stratum, tuple[int, int]], previous: PreviousAudit | None = None, undecided: int = 0
) -> AuditEstimate:
    """An audit whose strata have (eligible, hits), every decided record eligible."""
    decisions = []
    for stratum, (eligible, hits) in strata.items():
        decisions += [(stratum.key, Decision(Answer.YES, Answer.YES))] * hits
        decisions += [(stratum.key, Decision(Answer.YES, Answer.NO))] * (eligible - hits)
    sized = [Stratum(s.crime_group, s.route, s.frame_size, strata[s][0] + undecided) for s in strata]
    return estimate_audit(sized, decisions, recorded_crimes=None, previous=previous)


def one_rate(rate: float, n: int = 1000) -> AuditEstimate:
    return audit({Stratum(OTHER, "999", HUGE, n): (n, round(rate * n))})


def test_the_scales_are_those_of_the_framework_library() -> None:
    assert scale_ids("peel-2021.yaml", "peel-five-tier") == list(FIVE_TIER)
    assert scale_ids("peel-2015-effectiveness.yaml", "peel-four-tier") == list(FOUR_TIER)
    assert all(
        floors[-1] == 0 and list(floors) == sorted(floors, reverse=True) for floors in DEFAULT_BANDS.values()
    )


@pytest.mark.parametrize(
    ("scale", "rate", "grade"),
    [
        # Metropolitan Police PEEL 2021/22: 91.7 percent, adequate at recording crime (seed 002).
        (FIVE_TIER, 0.917, "adequate"),
        # Wiltshire PEEL 2023-25: 92.4 percent, adequate (Wiltshire Times report of the HMICFRS report).
        (FIVE_TIER, 0.924, "adequate"),
        # West Midlands CDI 2017: 83.8 percent, inadequate (HMICFRS report; reference data-sources 4.1).
        (FOUR_TIER, 0.838, "inadequate"),
        # Cleveland CDI 2018: 83.4 percent, inadequate (HMICFRS report, published 7 August 2018).
        (FOUR_TIER, 0.834, "inadequate"),
        # Wiltshire CDI 2017: 90.9 percent, good overall (HMICFRS report, published 7 September 2017).
        (FOUR_TIER, 0.909, "good"),
        # Staffordshire CDI 2016: 8.98 percent unrecorded (BBC Data Unit sheet, via data-sources 4.1);
        # recording graded good in the 2017 regrading (HMICFRS addendum of 9 February 2017).
        (FOUR_TIER, 0.9102, "good"),
    ],
)
def test_defaults_reproduce_published_grades(scale: tuple[str, ...], rate: float, grade: str) -> None:
    assert suggest_grade(scale, one_rate(rate, 10_000)).level_id == grade


def test_mps_2021_reasons() -> None:
    # 466 of 508 is 91.7 percent +/- 2.4, the published MPS figure (an effective sample of ~508).
    # The symmetric interval, 89.3 to 94.1, would reach both neighbouring bands; the reasons use
    # the platform's interval, here Wilson's on the effective n = (n - 1)/(1 - f) of one stratum,
    # which statsmodels puts at 89.0 to 93.8: it crosses only the 90 percent boundary.
    n_eff = 507 / (1 - 508 / HUGE)
    low, high = proportion_confint(466 / 508 * n_eff, n_eff, alpha=0.05, method="wilson")
    assert (round(low * 100, 1), round(high * 100, 1)) == (89.0, 93.8)
    suggestion = suggest_grade(FIVE_TIER, audit({Stratum(OTHER, "999", HUGE, 508): (508, 466)}))
    assert suggestion.level_id == "adequate"
    first, *rest = suggestion.reasons
    assert first == (
        "Overall, 91.7% of crimes were recorded (+/- 2.4 as the reports give it; the 95% interval is "
        "89.0% to 93.8%): the adequate band is 90% up to 94%."
    )
    assert rest == [
        "The interval crosses the 90% boundary between requires improvement and adequate, so the audit "
        "cannot tell those two apart."
    ]


def test_an_interval_over_several_bands_is_one_reason() -> None:
    # 92 of 100: Wilson's interval (statsmodels: 85.0 to 95.9) spans inadequate (below 86),
    # requires improvement, adequate and good (94 up to 97).
    low, high = proportion_confint(92 * 99 / 100, 99, alpha=0.05, method="wilson")
    assert low < 0.86 and 0.94 <= high < 0.97
    suggestion = suggest_grade(FIVE_TIER, audit({Stratum(OTHER, "999", HUGE, 100): (100, 92)}))
    spans = [r for r in suggestion.reasons if "interval" in r and not r.startswith("Overall")]
    assert spans == ["The interval spans inadequate to good, so the audit cannot tell those 4 levels apart."]


def test_an_interval_inside_one_band_gives_no_boundary_reason() -> None:
    suggestion = suggest_grade(FIVE_TIER, one_rate(0.92, 10_000))
    assert suggestion.level_id == "adequate"
    assert len(suggestion.reasons) == 1


def test_a_group_markedly_below_the_overall_rate_is_named() -> None:
    # Violence 86.4 percent, sexual offences 95.2, other 94.0; weighted by frame, 91.7 overall.
    estimate = audit(
        {
            Stratum(VIOLENCE, "999", 30_000, 500): (500, 432),
            Stratum(SEXUAL, "999", 3_000, 250): (250, 238),
            Stratum(OTHER, "999", 65_000, 500): (500, 470),
        }
    )
    suggestion = suggest_grade(FIVE_TIER, estimate)
    assert suggestion.level_id == "adequate"
    assert any(
        r.startswith("Violence against the person: 86.4% recorded, 5.3 points below")
        for r in suggestion.reasons
    )
    assert not any(r.startswith("Sexual offences") for r in suggestion.reasons)


def test_a_significant_change_since_the_previous_audit_is_a_reason() -> None:
    previous = PreviousAudit("2018", PreviousRate(0.85, 0.02, "2018"))
    suggestion = suggest_grade(FIVE_TIER, audit({Stratum(OTHER, "999", HUGE, 2000): (2000, 1900)}, previous))
    assert any(
        r.startswith("Overall recording has improved since 2018 (10.0 points") for r in suggestion.reasons
    )
    unchanged = PreviousAudit("2018", PreviousRate(0.945, 0.02, "2018"))
    quiet = suggest_grade(FIVE_TIER, audit({Stratum(OTHER, "999", HUGE, 2000): (2000, 1900)}, unchanged))
    assert not any("since 2018" in r for r in quiet.reasons)


def test_a_provisional_audit_says_so() -> None:
    suggestion = suggest_grade(FOUR_TIER, audit({Stratum(OTHER, "999", HUGE, 100): (100, 95)}, undecided=20))
    assert any(r.startswith("Provisional: 20 of 120 sampled records") for r in suggestion.reasons)
    assert suggestion.level_id == "good"


def test_no_rate_no_grade() -> None:
    empty = estimate_audit([Stratum(OTHER, "999", 100, 10)], [], recorded_crimes=None, previous=None)
    suggestion = suggest_grade(FIVE_TIER, empty)
    assert suggestion.level_id is None
    assert any("no recording rate" in r for r in suggestion.reasons)


def test_an_unknown_scale_gets_no_grade() -> None:
    suggestion = suggest_grade(["meets", "does-not-meet"], one_rate(0.9))
    assert suggestion.level_id is None
    assert suggestion.reasons == (
        "There are no default recording-rate bands for the scale (meets, does-not-meet).",
    )


def test_top_and_bottom_bands() -> None:
    assert suggest_grade(FIVE_TIER, one_rate(0.99)).level_id == "outstanding"
    assert suggest_grade(FIVE_TIER, one_rate(0.70)).level_id == "inadequate"
    assert "below 86%" in suggest_grade(FOUR_TIER, one_rate(0.70)).reasons[0]
