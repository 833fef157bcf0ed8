"""Stand-alone crime data integrity inspection reports (2016 to 2019), read from texts written here
in their shape (no seed exists): the headline grade, causes of concern with their recommendations,
areas for improvement, and re-inspections that compare with an earlier inspection."""

from __future__ import annotations

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.library import get_framework
from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.programmes import cdi2016
from inspectorate.core.ingest.read import import_document


def _text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


NORTHUMBRIA = _text(
    "Northumbria Police \u2013 Crime data integrity inspection 2018",
    "Published 6 March 2019",
    "Contents",
    "Summary",
    "Northumbria Police is inadequate at crime recording.",
    (
        "We estimate that the force is recording 81.2 percent (with a confidence interval of +/- 1.7 "
        "percent) of all reported crime (excluding fraud). This means that the force fails to record over "
        "31,500 reported crimes each year."
    ),
    "Causes of concern",
    "Cause of concern",
    "Northumbria Police doesn't record enough of the violent crime reported to it, so victims go unserved.",
    "Recommendations",
    "To address this cause of concern, we recommend that, within three months, the force:",
    "- makes sure control room staff record crimes when a call is taken;",
    "- checks a sample of incidents each week for crimes left unrecorded; and",
    "- trains its officers in the national crime recording rules.",
    "Cause of concern",
    "The force doesn't record reports of rape within 24 hours of receiving them.",
    "We recommend that, within three months, the force changes how its specialist teams log rape reports.",
    "Areas for improvement",
    "The force should make its crime registrar independent of performance targets.",
    "The force should improve how it records crimes reported by other organisations.",
    "Leadership and governance",
    "Senior leaders have begun to take crime recording seriously.",
)


def test_it_recognises_the_title_and_reads_the_grade_from_the_headline():
    document = document_from_text(NORTHUMBRIA, "northumbria.txt")
    assert cdi2016.recognises(document)
    reading = cdi2016.read(document)
    (judgment,) = reading.judgments
    assert (judgment.level, judgment.title, judgment.grade, judgment.area_id) == (
        "area",
        "Crime recording",
        "Inadequate",
        "crime-recording",
    )
    assert (
        judgment.at is not None
        and judgment.at.quote == "Northumbria Police is inadequate at crime recording."
    )
    assert (reading.framework_version, reading.date, reading.missing, reading.year) == (
        get_framework("cdi-2016").version,
        "6 March 2019",
        (),
        "2018",
    )


def test_each_cause_of_concern_carries_its_recommendations():
    reading = cdi2016.read(document_from_text(NORTHUMBRIA, "northumbria.txt"))
    concerns = [f for f in reading.findings if f.kind is FindingKind.CAUSE_OF_CONCERN]
    assert [c.text[:40] for c in concerns] == [
        "Northumbria Police doesn't record enough",
        "The force doesn't record reports of rape",
    ]
    assert concerns[0].recommendations == (
        "makes sure control room staff record crimes when a call is taken",
        "checks a sample of incidents each week for crimes left unrecorded",
        "trains its officers in the national crime recording rules.",
    )
    # A lead-in with no bullets after it is the recommendation itself.
    assert concerns[1].recommendations == (
        "We recommend that, within three months, the force changes how its specialist teams log rape "
        "reports.",
    )
    assert all(c.area_id == "crime-recording" and c.area_title == "Crime recording" for c in concerns)


def test_areas_for_improvement_stop_at_the_next_heading():
    reading = cdi2016.read(document_from_text(NORTHUMBRIA, "northumbria.txt"))
    improvements = [f.text for f in reading.findings if f.kind is FindingKind.AREA_FOR_IMPROVEMENT]
    assert improvements == [
        "The force should make its crime registrar independent of performance targets.",
        "The force should improve how it records crimes reported by other organisations.",
    ]
    assert len(reading.findings) == 4


def test_the_whole_report_reads_through_import_document_with_its_figures():
    report = import_document(document_from_text(NORTHUMBRIA, "northumbria.txt"))
    assert (report.programme, report.force_id) == ("cdi-2016", "northumbria")
    assert [(f.percent, f.ci_plus_minus) for f in report.cdi_figures] == [(81.2, 1.7)]
    assert [v.value for v in report.cdi_volumes] == [31500]


# A re-inspection: the earlier grade is quoted, and must not be taken for this report's.
CLEVELAND = _text(
    "Cleveland Police \u2013 Crime data integrity inspection 2019",
    "November 2019",
    (
        "Since our 2017 inspection, when we found Cleveland Police is inadequate at crime recording, the "
        "force has made real progress."
    ),
    "Cleveland Police requires improvement at crime recording.",
    (
        "We estimate that the force is recording 88.4 percent (with a confidence interval of +/- 1.5 "
        "percent) of all reported crime (excluding fraud)."
    ),
    (
        "This is an improvement on our 2017 inspection, when we found the force recorded 79.9 percent "
        "(with a confidence interval of +/- 2.1 percent) of all reported crime."
    ),
    "Area for improvement",
    "The force should audit how it records stalking and harassment.",
    "Since our 2017 inspection, the force has trained all its call handlers.",
)


def test_a_reinspection_grades_the_force_now_not_as_it_was():
    report = import_document(document_from_text(CLEVELAND, "cleveland.txt"))
    assert report.programme == "cdi-2016" and report.force_id == "cleveland"
    (judgment,) = report.judgments
    assert judgment.grade == "Requires improvement"
    assert report.date == "November 2019"
    assert [(f.percent, f.year) for f in report.cdi_figures] == [(88.4, None), (79.9, "2017")]
    (finding,) = report.findings
    assert finding.text == "The force should audit how it records stalking and harassment."


def test_an_overall_judgment_label_gives_the_grade_where_there_is_no_sentence():
    text = _text(
        "Crime data integrity inspection 2016",
        "Wiltshire Police",
        "Overall judgment",
        "Good",
        "The force records most of the crime reported to it.",
    )
    reading = cdi2016.read(document_from_text(text, "wiltshire.txt"))
    (judgment,) = reading.judgments
    assert judgment.grade == "Good" and judgment.grade_at is not None and judgment.grade_at.quote == "Good"


def test_a_sentence_that_disagrees_with_the_overall_judgment_label_is_reported_and_the_label_kept():
    text = _text(
        "Essex Police \u2013 Crime data integrity inspection 2017",
        "Overall judgment: Inadequate",
        "Essex Police requires improvement at crime recording.",
    )
    reading = cdi2016.read(document_from_text(text, "essex.txt"))
    assert reading.judgments[0].grade == "Inadequate"
    assert reading.missing[0].startswith("Crime recording: the text also states Requires improvement")


def test_a_report_with_no_grade_says_so():
    text = _text("Surrey Police \u2013 Crime data integrity inspection 2016", "The force records most crime.")
    reading = cdi2016.read(document_from_text(text, "surrey.txt"))
    assert reading.judgments == ()
    assert reading.missing[0].startswith("Crime recording: the text states no crime-recording grade")


def test_it_does_not_recognise_other_programmes() -> None:
    peel = "PEEL 2021/22\nKent Police is good at recording crime.\nCrime data integrity\n"
    report = import_document(document_from_text(peel, "a.txt"))
    assert report.programme == "peel-2021"
    other = "PEEL: Police effectiveness 2015\nKent Police is good at keeping people safe.\n"
    assert not cdi2016.recognises(document_from_text(other, "b.txt"))
    national = "Crime data integrity inspection 2014\nWe inspected how Kent Police records crime.\n"
    assert not cdi2016.recognises(document_from_text(national, "c.txt"))


def test_unlabelled_concerns_under_a_plural_heading_each_count_and_recommendations_go_to_the_last():
    text = _text(
        "Kent Police \u2013 Crime data integrity inspection 2017",
        "Kent Police is inadequate at crime recording.",
        "Causes of concern",
        "The force must record the crimes that partner agencies report to it.",
        "The force needs to record crimes within a day of their being reported.",
        "Recommendations",
        "Within three months, the force should:",
        "- set a daily check of crimes awaiting recording;",
        "- publish its recording rate each month.",
        "Areas for improvement",
        "- The force should review how it cancels crime records.",
        "- The force should train staff who take reports at the front counter.",
        "Our findings",
        "The force has a new crime registrar.",
    )
    reading = cdi2016.read(document_from_text(text, "kent.txt"))
    found = [(f.kind, f.text[:30], f.recommendations) for f in reading.findings]
    assert found == [
        (FindingKind.CAUSE_OF_CONCERN, "The force must record the crim", ()),
        (
            FindingKind.CAUSE_OF_CONCERN,
            "The force needs to record crim",
            ("set a daily check of crimes awaiting recording", "publish its recording rate each month."),
        ),
        (FindingKind.AREA_FOR_IMPROVEMENT, "The force should review how it", ()),
        (FindingKind.AREA_FOR_IMPROVEMENT, "The force should train staff w", ()),
    ]
