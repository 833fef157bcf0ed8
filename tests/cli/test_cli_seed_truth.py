"""The demo's grades, as `inspectorate inspections show` gives them, against the reference truth.

The truth files were written from the seed reports independently of the demo fixture; they live
beside the repository in ``../shared/reference``. Without them these tests are skipped. The demo
is the one conftest.py builds in the test process.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.frameworks import library
from inspectorate.core.frameworks.spec import Framework

pytestmark = [pytest.mark.seeds, pytest.mark.django_db]

REFERENCE_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "reference"
PEEL_TRUTH = REFERENCE_DIR / "seeds-peel-truth.json"
BA_2006_TRUTH = REFERENCE_DIR / "seeds-ba2006-truth.json"
# Which demo inspection each seed report is recorded as.
SEED_INSPECTIONS = {
    "000": "MPS-CORE-2014",
    "001": "MPS-PEEL-2015",
    "002": "MPS-PEEL-2021",
    "004": "MPS-PEEL-2018",
}


def needs(path: Path) -> pytest.MarkDecorator:
    # Checked before the demo workspace is built, so a missing file costs nothing.
    reason = f"reference truth {path.name} not found in {REFERENCE_DIR}"
    return pytest.mark.skipif(not path.is_file(), reason=reason)


def load_truth(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def area_for_title(spec: Framework, title: str) -> str:
    """The framework area a report's heading names: by its title, or by its question (pillars)."""
    wanted = " ".join(title.split())
    for place in spec.walk():
        area = place.area
        if wanted in (" ".join(area.title.split()), " ".join(area.question.split())):
            return area.id
    raise AssertionError(f"{spec.id} has no area titled {title!r}")


@needs(PEEL_TRUTH)
def test_peel_and_core_business_grades_match_the_seed_truth(demo_documents) -> None:
    truth = load_truth(PEEL_TRUTH)
    seen = set()
    for doc in truth["documents"]:
        reference = SEED_INSPECTIONS[doc["seed"][:3]]
        seen.add(reference)
        document = demo_documents[reference]
        spec = library()[document["framework"]]
        rows = {row["area"]: row for row in document["judgments"]}
        expected = {area_for_title(spec, j["title"]): j["grade"] for j in doc["judgments"]}
        recorded = {area: (rows[area]["grade_label"] if area in rows else None) for area in expected}
        assert recorded == expected, reference
        # Nothing is graded that the report leaves ungraded, and no graded area is left out.
        graded_here = {area for area, row in rows.items() if row["grade"]}
        assert graded_here == {area for area, grade in expected.items() if grade}, reference
        if not doc["graded"]:
            assert graded_here == set(), reference
    assert seen == set(SEED_INSPECTIONS.values())


@needs(BA_2006_TRUTH)
def test_baseline_2006_grades_and_directions_match_the_seed_truth(demo_documents) -> None:
    truth = load_truth(BA_2006_TRUTH)
    assert len(truth) == 23
    document = demo_documents["MPS-BA-2006"]
    by_code = {row["code"]: row for row in document["judgments"] if row["code"]}
    for item in truth:
        row = by_code[item["code"]]
        assert row["grade_label"].casefold() == item["service_delivery_grade"].casefold(), item["code"]
        assert row["direction_label"].casefold() == item["direction_of_travel"].casefold(), item["code"]
    graded = {code for code, row in by_code.items() if row["grade"]}
    assert graded == {item["code"] for item in truth}
