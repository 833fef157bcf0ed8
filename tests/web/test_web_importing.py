"""An imported report stored as a published inspection: grades mapped to the scale, findings with
their recommendations, figures as evidence, all or nothing, never twice."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.model import (
    CaseReviewCount,
    CdiFigure,
    ImportedFinding,
    ImportedJudgment,
    ImportedReport,
    Location,
)
from inspectorate.core.problems import InputError
from inspectorate.web.inspections.importing import store_report
from inspectorate.web.inspections.models import Inspection, Origin, Status

pytestmark = pytest.mark.django_db

AT = Location(12, 100, 140, "Kent Police is inadequate at recording crime.")


def report(**changes: Any) -> ImportedReport:
    base = ImportedReport(
        source="kent-2022.txt",
        programme="peel-2021",
        programme_title="PEEL 2021/22",
        framework_version="2021/22",
        force_id="kent",
        force_name="Kent Police",
        date="12 May 2022",
        judgments=(
            ImportedJudgment("area", "Recording data about crime", "Inadequate", "crime-recording", AT),
            ImportedJudgment("area", "Responding to the public", "Good", "responding", AT),
            ImportedJudgment("area", "A heading of its own", "Good", None, AT),
            ImportedJudgment("area", "Preventing crime", "Splendid", "prevention", AT),
        ),
        findings=(
            ImportedFinding(
                FindingKind.CAUSE_OF_CONCERN,
                "Crimes reported to the force are often not recorded.",
                "Recording data about crime",
                "crime-recording",
                AT,
                recommendations=("Within three months, the force should audit its crime recording.",),
            ),
            ImportedFinding(
                FindingKind.AREA_FOR_IMPROVEMENT, "Answer 101 calls sooner.", None, "responding", AT
            ),
        ),
        cdi_figures=(CdiFigure("all reported crime (excluding fraud)", 80.1, 2.2, None, None, AT),),
        case_review_counts=(CaseReviewCount("Risk was assessed in 30 of 40 cases we reviewed.", 30, 40, AT),),
    )
    return ImportedReport(**{**base.__dict__, **changes})


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "kent-2022.txt"
    file.write_text("the report's text")
    return file


def test_a_report_becomes_a_published_imported_inspection(cast: Any, path: Path) -> None:
    stored = store_report(report(), path)
    inspection = stored.inspection
    assert (inspection.reference, inspection.status, inspection.origin) == (
        "KENT-PEEL-2021",
        Status.PUBLISHED,
        Origin.IMPORTED,
    )
    assert inspection.published_label == "12 May 2022"
    # Where it was read (file, hash, line) is for the team; the record names the report plainly.
    assert "SHA-256" in inspection.provenance and "SHA-256" not in inspection.source
    grades = {j.area_id: j.grade for j in inspection.judgments.all()}
    assert grades == {"crime-recording": "inadequate", "responding": "good"}
    responding = inspection.judgments.get(area_id="responding")
    assert "line 12" in responding.source and responding.summary == ""
    # Published from the moment of import, as of the report's own date.
    (version,) = inspection.report_versions.all()
    assert timezone.localtime(version.embargo_until).date() == datetime.date(2022, 5, 12)
    assert version.context["published"] == "12 May 2022"
    assert "line" not in str(version.context) and "kent-2022.txt" not in str(version.context)
    assert stored.warnings == (
        "'A heading of its own' (line 12): no framework area matches it",
        "'Preventing crime': grade 'Splendid' is not on the area's scale",
    )
    concern = inspection.findings.get(kind="cause-of-concern")
    assert [r.text for r in concern.recommendations.all()] == [
        "Within three months, the force should audit its crime recording."
    ]
    assert stored.findings == 2
    titles = sorted(e.title for e in inspection.evidence.all())
    assert titles == ["Case-file review counts, as published", "Crime data integrity estimates, as published"]
    cdi = inspection.evidence.get(kind="audit")
    assert cdi.area_ids == ["crime-recording"] and "80.1% (+/- 2.2)" in cdi.description


def test_the_same_file_is_not_imported_twice(cast: Any, path: Path) -> None:
    store_report(report(), path)
    with pytest.raises(InputError, match="already imported as KENT-PEEL-2021"):
        store_report(report(), path)


def test_a_second_report_of_the_same_round_gets_its_own_reference(
    cast: Any, path: Path, tmp_path: Path
) -> None:
    store_report(report(), path)
    other = tmp_path / "kent-again.txt"
    other.write_text("another copy, corrected")
    assert store_report(report(), other).inspection.reference == "KENT-PEEL-2021-2"


def test_a_report_without_programme_or_force_stores_nothing(cast: Any, path: Path) -> None:
    before = Inspection.objects.count()
    with pytest.raises(InputError, match="the programme was not recognised"):
        store_report(report(programme=None), path)
    with pytest.raises(InputError, match="no force is named in the report; give --force"):
        store_report(report(force_id=None), path)
    assert Inspection.objects.count() == before
    assert store_report(report(force_id=None), path, force_id="essex").inspection.force_id == "essex"


def test_an_estimate_printed_without_its_interval_is_stored_without_one(cast: Any, path: Path) -> None:
    figure = CdiFigure("all reported crime (excluding fraud)", 90.4, None, None, None, AT)
    inspection = store_report(report(cdi_figures=(figure,)), path).inspection
    stored = inspection.published_figures.get(measure="Recording rate, all reported crime (excluding fraud)")
    assert (stored.percent, stored.ci_plus_minus) == (90.4, None)
    cdi = inspection.evidence.get(kind="audit")
    assert "90.4% of all reported crime (excluding fraud)" in cdi.description and "+/-" not in cdi.description


def test_the_year_printed_names_the_inspection_and_its_day_is_kept(
    cast: Any, path: Path, tmp_path: Path
) -> None:
    peel = store_report(report(year="2021/22"), path).inspection
    assert (peel.reference, peel.period_label, peel.published_on) == (
        "KENT-PEEL-2021-22",
        "2021/22",
        datetime.date(2022, 5, 12),
    )
    cdi = dict(programme="cdi-2016", programme_title="Crime data integrity", framework_version=None)
    names = []
    for year, date in (("2017", "15 June 2017"), ("2018", "February 2018")):
        file = tmp_path / f"kent-cdi-{year}.txt"
        file.write_text(f"the {year} report")
        stored = store_report(report(**cdi, year=year, date=date, judgments=()), file).inspection
        names.append((stored.reference, stored.period_label, stored.published_on))
    # A month alone is not a day: the published day stays unknown.
    assert names == [
        ("KENT-CDI-2017", "2017", datetime.date(2017, 6, 15)),
        ("KENT-CDI-2018", "2018", None),
    ]
    # A page of the same inspection clashes with its reference: only then is a counter added.
    again = tmp_path / "kent-cdi-2018-press.txt"
    again.write_text("the press release")
    stored = store_report(report(**cdi, year="2018", date=None, judgments=()), again).inspection
    assert (stored.reference, stored.period_label) == ("KENT-CDI-2018-2", "2018")


def test_a_report_naming_no_year_takes_its_one_year_programmes_year(cast: Any, path: Path) -> None:
    inspection = store_report(report(year=None), path).inspection
    assert (inspection.reference, inspection.period_label) == ("KENT-PEEL-2021", "2021/22")


def test_a_report_of_a_programme_of_several_years_naming_no_year_keeps_no_period(
    cast: Any, path: Path
) -> None:
    # Crime data integrity ran from 2016 to 2020: a force may have had two of its inspections.
    cdi = report(
        year=None,
        programme="cdi-2016",
        programme_title="Crime data integrity",
        framework_version=None,
        judgments=(),
        findings=(),
    )
    inspection = store_report(cdi, path).inspection
    assert (inspection.reference, inspection.period_label) == ("KENT-CDI-2016", "")
