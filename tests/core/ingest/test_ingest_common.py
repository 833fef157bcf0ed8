"""What every programme's reports share, read from texts written here in their shapes (other
forces, other numbers), and from the seed where it is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectorate.core.ingest import common
from inspectorate.core.ingest.document import document_from_text

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"

CDI_2017 = "\n".join(
    [
        "Kent Police - Crime data integrity inspection 2017",
        "Kent Police requires improvement at recording crime.",
        (
            "We estimate that the force is recording 83.6 percent (with a confidence interval of +/- "
            "1.9 percent) of all reported crime (excluding fraud). This means the force fails to "
            "record over 24,300 reported crimes each year."
        ),
        (
            "We estimate that the force is recording 77.0 percent (with a confidence interval of ± "
            "3.4 percent) of violence against the person."
        ),
        (
            "Since our 2014 inspection, when we found the force recorded 90.1 percent (with a "
            "confidence interval of +/- 2.0 percent) of all reported crime, recording has fallen."
        ),
        "",
    ]
)

PEEL_2022 = "\n".join(
    [
        "Sussex Police is good at recording crime.",
        (
            "We estimate that Sussex Police is recording 95.9 percent (with a confidence interval of "
            "+/- 1.4 percent) of all reported crime (excluding fraud). This is an improvement "
            "compared with the findings from our 2019 inspection, when we found it recorded 92.1 "
            "percent (with a confidence interval of 2.0 percent) of all reported crime."
        ),
        (
            "We estimate that, compared to the findings of our 2019 inspection, the force recorded an "
            "additional 3,200 crimes for the year covered by our inspection."
        ),
        (
            "As part of this assessment, we reviewed 130 case files as well as 18 cautions, community "
            "resolutions and cases where the victim withdrew support."
        ),
        (
            "Call handlers assessed risk in 64 of the 88 applicable incidents we reviewed. Victims "
            "were told of delays in all 12 cases."
        ),
        "Safeguarding advice was given in 40 out of 52 cases we looked at.",
        "In 5 of the 9 command units there is a dedicated team. The force has 2 of 3 vans.",
        "",
    ]
)


def doc(text: str) -> object:
    return document_from_text(text, "r.txt")


def test_the_force_named_most_often_is_the_reports() -> None:
    found = common.find_force(
        document_from_text(CDI_2017 + "Kent Police again. Sussex Police once.", "r.txt")
    )
    assert found is not None and found[:2] == ("kent", "Kent Police")
    assert found[2].line == 1
    assert common.find_force(document_from_text("No force here.", "r.txt")) is None
    spelt_out = common.find_force(document_from_text("Devon and Cornwall Police is good.", "r.txt"))
    assert spelt_out is not None and spelt_out[0] == "devon-and-cornwall"


def test_every_recording_rate_is_read_with_its_interval_scope_and_year() -> None:
    document = document_from_text(CDI_2017 + PEEL_2022, "r.txt")
    figures = [
        (f.scope, f.percent, f.ci_plus_minus, f.year, f.comparison) for f in common.cdi_figures(document)
    ]
    assert figures == [
        ("all reported crime (excluding fraud)", 83.6, 1.9, None, None),
        ("violence against the person", 77.0, 3.4, None, None),
        ("all reported crime", 90.1, 2.0, "2014", None),
        ("all reported crime (excluding fraud)", 95.9, 1.4, None, "an improvement"),
        ("all reported crime", 92.1, 2.0, "2019", None),
    ]
    first = common.cdi_figures(document)[0]
    assert first.at.line == 3 and first.at.quote.startswith("recording 83.6 percent")


def test_volumes_of_crimes_not_recorded_and_additionally_recorded_are_read() -> None:
    document = document_from_text(CDI_2017 + PEEL_2022, "r.txt")
    assert [(v.value, v.at.line) for v in common.cdi_volumes(document)] == [(24300, 3), (3200, 8)]


def test_case_review_counts_are_read_and_other_counts_left_out() -> None:
    document = document_from_text(PEEL_2022, "r.txt")
    counts = [(c.n, c.m) for c in common.case_review_counts(document)]
    assert counts == [(64, 88), (12, 12), (40, 52)]  # not 5 of 9 command units, nor 2 of 3 vans
    totals = [(t.count, t.at.line) for t in common.case_review_totals(document)]
    assert totals == [(130, 4), (18, 4)]


def test_areas_match_by_title_or_question_whatever_the_spacing_and_apostrophes() -> None:
    assert common.match_area("peel-2021", "Responding  to the public") == "responding"
    assert common.match_area("peel-2021", "Recording data about crime") == "crime-recording"
    assert common.match_area("peel-2021", "Something else") is None


@pytest.mark.seeds
def test_the_2021_seeds_figures_match_the_truth() -> None:
    import json

    seed = SHARED / "seeds" / "002_5311f412f4e122ba.txt"
    truth_file = SHARED / "reference" / "seeds-peel-truth.json"
    if not seed.is_file() or not truth_file.is_file():
        pytest.skip(f"seed 002 or the truth file not found under {SHARED.resolve()}")
    from inspectorate.core.ingest.document import read_document

    document = read_document(seed)
    truth = next(d for d in json.loads(truth_file.read_text())["documents"] if d["seed"] == seed.name)
    read = [(f.percent, f.ci_plus_minus) for f in common.cdi_figures(document)]
    assert sorted(read) == sorted(
        (float(t["percent"]), float(t["ci_plus_minus"])) for t in truth["cdi_figures"]
    )
    assert [v.value for v in common.cdi_volumes(document)] == [
        v["value"] for v in truth["cdi_volume_estimates"]
    ]
    assert [(c.n, c.m) for c in common.case_review_counts(document)] == [
        (c["n"], c["m"]) for c in truth["case_review_counts"]
    ]
    assert [t.count for t in common.case_review_totals(document)] == [
        t["count"] for t in truth["case_review_totals"]
    ]
