"""The PEEL 2021/22 seed (002) against its ground truth: every judgment with its grade and area,
the trailing labels, no labelled findings but its main findings, no date, and the figures the truth lists."""

from __future__ import annotations

from collections import Counter

import pytest

from inspectorate.core.findings import FindingKind

SEED = "002_5311f412f4e122ba.txt"

# The truth names areas by title; these are the framework's ids for them.
AREA_IDS = {
    "Victim service assessment": "victim-service-assessment",
    "Recording data about crime": "crime-recording",
    "Engaging with and treating the public with fairness and respect": "fairness-and-respect",
    "Preventing crime and anti-social behaviour": "prevention",
    "Responding to the public": "responding",
    "Investigating crime": "investigating",
    "Protecting vulnerable people": "protecting-vulnerable",
    "Managing offenders and suspects": "managing-offenders",
    "Disrupting serious organised crime": "serious-organised-crime",
    "Building, supporting and protecting the workforce": "workforce",
    "Vetting and counter corruption": "vetting-counter-corruption",
    "Strategic planning, organisational management and value for money": "strategic-planning",
}

pytestmark = pytest.mark.seeds


def test_it_is_read_as_peel_2021_for_the_metropolitan_police(report):
    assert (report.programme, report.framework_version) == ("peel-2021", "2021/22")
    assert report.force_id == "metropolitan"


def test_every_judgment_has_the_truths_title_level_grade_and_area(report, truth):
    expected = [(j["level"], j["title"], j["grade"], AREA_IDS[j["title"]]) for j in truth["judgments"]]
    read = [(j.level, j.title, j.grade, j.area_id) for j in report.judgments]
    assert read == expected


def test_graded_counts_match_the_reports_own_statement(report, truth):
    graded = [j for j in report.judgments if j.grade is not None]
    areas = [j for j in report.judgments if j.level == "area"]
    assert (len(areas), len(graded)) == (truth["areas_total_stated"], truth["areas_graded_stated"])


def test_each_grade_is_located_at_the_label_that_closes_its_section(report, seed_path):
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    for judgment in report.judgments:
        if judgment.grade is None:
            assert judgment.grade_at is None
            continue
        assert judgment.at is not None and judgment.grade_at is not None
        assert lines[judgment.grade_at.line - 1] == judgment.grade
        assert judgment.grade_at.line > judgment.at.line  # trailing, not the next heading's
    by_area = {j.area_id: j for j in report.judgments}
    workforce, vetting = by_area["workforce"], by_area["vetting-counter-corruption"]
    assert workforce.grade_at is not None and vetting.at is not None
    assert workforce.grade_at.line > vetting.at.line
    # "Preventing crime..." is Good: the "Adequate" just before its heading closes the section before.
    assert by_area["prevention"].grade == "Good"


def test_no_labelled_findings_as_the_truth_says(report, truth):
    kinds = [f.kind for f in report.findings]
    assert kinds.count(FindingKind.AREA_FOR_IMPROVEMENT) == len(truth["areas_for_improvement"]) == 0
    assert kinds.count(FindingKind.CAUSE_OF_CONCERN) == len(truth["causes_of_concern"]) == 0
    assert set(kinds) == {FindingKind.MAIN_FINDING}


def test_main_findings_are_the_observations_and_each_areas_headlines(report):
    observations = [f for f in report.findings if f.area_id is None]
    by_area = Counter(f.area_id for f in report.findings if f.area_id is not None)
    # Counted by hand in the seed: six headlines in HM Inspector's observations, then every headline
    # over a paragraph in the ten areas' sections (chart captions and sub-headings left out).
    assert len(observations) == 6
    assert by_area == {
        "victim-service-assessment": 6,
        "crime-recording": 4,
        "fairness-and-respect": 10,
        "prevention": 3,
        "responding": 7,
        "investigating": 7,
        "protecting-vulnerable": 5,
        "managing-offenders": 3,
        "serious-organised-crime": 11,
        "workforce": 4,
        "strategic-planning": 3,
    }
    # Each is quoted whole from one line of the text, never a paragraph's sentence.
    assert all(f.at.quote == f.text for f in report.findings)


def test_the_date_is_missing_as_the_truth_says_and_nothing_else_is(report, truth):
    assert report.date is truth["date"] is None
    assert report.missing == ("date: no publication date was found",)


def test_cdi_figures_volumes_and_case_reviews_are_the_truths(report, truth):
    figures = [(f.scope, f.percent, f.ci_plus_minus, f.year) for f in report.cdi_figures]
    # The truth gives the report's own estimates the framework year; the reader leaves them None.
    expected = [
        (f["scope"], f["percent"], f["ci_plus_minus"], f["year"] if f["year"] != "2021/22" else None)
        for f in truth["cdi_figures"]
    ]
    assert figures == expected
    comparisons = [f.comparison for f in report.cdi_figures if f.year is None]
    assert comparisons == [f["comparison_text"] for f in truth["cdi_figures"] if "comparison_text" in f]
    assert [v.value for v in report.cdi_volumes] == [v["value"] for v in truth["cdi_volume_estimates"]]
    assert [(c.n, c.m) for c in report.case_review_counts] == [
        (c["n"], c["m"]) for c in truth["case_review_counts"]
    ]
    assert [t.count for t in report.case_review_totals] == [t["count"] for t in truth["case_review_totals"]]
