"""The 2004 and 2005 baseline assessments, recognised by their covers' titles and read for the
bands a summary line prints; a later report that only recalls them is neither round."""

from __future__ import annotations

from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.read import import_document


def read(*lines: str):  # type: ignore[no-untyped-def]
    return import_document(document_from_text("\n".join(lines) + "\n", "t.txt"))


def test_a_2005_cover_is_that_round_with_its_date_and_the_bands_its_summary_prints() -> None:
    report = read(
        "Her Majesty\u2019s Inspectorate of Constabulary",
        "Dorset Police \u2013 Baseline Assessment October 2005",
        "Summary of Judgements",
        "Volume Crime Reduction Good",
        "2C Working with Partners to Reduce Crime: Fair",
        "The force has a good record of working with partners.",
    )
    assert (report.programme, report.year, report.date) == ("ba-2005", "2005", "October 2005")
    assert [(j.area_id, j.grade) for j in report.judgments] == [("2b", "Good"), ("2c", "Fair")]


def test_a_2004_report_is_recognised_and_its_bands_are_missing_not_imported() -> None:
    report = read(
        "Baseline Assessment of Dorset Police, April 2004",
        "Four-band gradings are used: Excellent, Good, Fair and Poor.",
    )
    assert (report.programme, report.year, report.date, report.judgments) == (
        "ba-2004",
        "2004",
        "April 2004",
        (),
    )
    assert any(line.startswith("grades: ba-2004") for line in report.missing)


def test_a_later_inspection_recalling_the_baseline_is_neither_round() -> None:
    report = read(
        "Dorset Police \u2013 HMIC Inspection Report",
        "October 2007",
        "In 2006, HMIC conducted a broad assessment of all 43 forces. This baseline assessment had "
        "followed a similar process in 2005.",
    )
    assert (report.programme, report.date) == (None, "October 2007")
