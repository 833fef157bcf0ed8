"""PEEL 2021/22 reports, read from texts written here in their shape (other forces, other grades):
trailing grade labels, judgment sentences worded unlike the headings, the ungraded vetting part
inside the workforce section, labelled causes of concern and areas for improvement."""

from __future__ import annotations

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.programmes import peel2021
from inspectorate.core.ingest.read import import_document


def _text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# A web copy: one paragraph per line, grade labels closing each section, no crime-recording grade
# this year, boxed findings in several areas.
CHESHIRE = _text(
    "PEEL 2021/22",
    "An inspection of Cheshire Constabulary",
    "Published 14 July 2022",
    "Overall summary",
    "We set out below how good Cheshire Constabulary is in ten areas of policing.",
    "Providing a service to the victims of crime",
    "Victim service assessment",
    "This part looks at what happens to a victim from the first call to the result of the case.",
    "Calls are answered quickly",
    "The constabulary answered nearly all emergency calls within ten seconds.",
    "Engaging with and treating the public with fairness and respect",
    "Cheshire Constabulary is good at treating people fairly and with respect.",
    "Main findings",
    "Stop and search is overseen by an independent panel",
    "Panel members look at body-worn video of a sample of searches every month.",
    "Good",
    "Preventing crime and anti-social behaviour",
    "Cheshire Constabulary is outstanding at prevention and deterrence.",
    "Innovative practice",
    "Safer streets walks",
    "Officers walk the town centre with residents after dark to find places that feel unsafe.",
    "Main findings",
    "The constabulary solves local problems with its partners",
    "Neighbourhood teams meet the councils each week to agree what to tackle first.",
    "Outstanding",
    "Responding to the public",
    "Cheshire Constabulary is inadequate at responding to the public.",
    "Cause of concern",
    "The constabulary doesn't assess the risk to callers well enough when they first get in touch.",
    "Recommendations",
    "Within six months, the constabulary should:",
    "- train every call handler in its structured risk assessment;",
    "- make supervisors check a sample of assessments every shift; and",
    "- tell callers when attendance will be later than promised.",
    "Main findings",
    "Non-emergency calls wait too long",
    "Callers to the non-emergency number waited eight minutes on average.",
    "Inadequate",
    "Investigating crime",
    "Cheshire Constabulary requires improvement at investigating crime.",
    "Area for improvement",
    "The constabulary should make sure that every investigation has a plan.",
    "Main findings",
    "Investigators carry too many cases",
    "Some detectives told us they held more than thirty investigations each.",
    "Requires improvement",
    "Protecting vulnerable people",
    "Cheshire Constabulary is adequate at protecting vulnerable people.",
    "Areas for improvement",
    "The constabulary should record the views of children in referrals.",
    "The constabulary needs to reduce the backlog of online abuse referrals.",
    "Main findings",
    "Referrals reach partners quickly",
    "Most referrals were shared with the council on the day they were made.",
    "Adequate",
    "Managing offenders and suspects",
    "Cheshire Constabulary is good at managing offenders and suspects.",
    "Main findings",
    "Visits to registered offenders are on time",
    "We found no overdue visits in the sample we checked.",
    "Good",
    "Disrupting serious organised crime",
    "Cheshire Constabulary is good at tackling serious and organised crime.",
    "Main findings",
    "Organised crime groups are mapped promptly",
    "New groups were assessed within a week of being identified.",
    "Good",
    "Building, supporting and protecting the workforce",
    "Cheshire Constabulary is adequate at building and developing its workforce.",
    "Main findings",
    "Wellbeing support is easy to reach",
    "Staff could book occupational health appointments themselves.",
    "Vetting and counter corruption",
    "We now inspect vetting and counter corruption separately and will publish the result later.",
    "Cheshire Constabulary's vetting and counter corruption inspection hasn't yet been completed.",
    "Adequate",
    "Strategic planning, organisational management and value for money",
    "Cheshire Constabulary requires improvement at operating efficiently.",
    "Main findings",
    "The constabulary's plans don't yet rest on a full picture of demand",
    "Its demand model leaves out work that partners pass to it.",
    "Requires improvement",
    "About the data",
    "Good",
)

GRADES = {
    "victim-service-assessment": None,
    "fairness-and-respect": "Good",
    "prevention": "Outstanding",
    "responding": "Inadequate",
    "investigating": "Requires improvement",
    "protecting-vulnerable": "Adequate",
    "managing-offenders": "Good",
    "serious-organised-crime": "Good",
    "workforce": "Adequate",
    "vetting-counter-corruption": None,
    "strategic-planning": "Requires improvement",
}


def test_it_recognises_the_round_and_reads_its_version_and_publication_date():
    document = document_from_text(CHESHIRE, "cheshire.txt")
    assert peel2021.recognises(document)
    reading = peel2021.read(document)
    assert (reading.framework_version, reading.date) == ("2021/22", "14 July 2022")


def test_each_trailing_label_is_the_grade_of_the_section_it_closes():
    reading = peel2021.read(document_from_text(CHESHIRE, "cheshire.txt"))
    assert {j.area_id: j.grade for j in reading.judgments} == GRADES
    for judgment in reading.judgments:
        if judgment.grade is not None:
            assert judgment.grade_at is not None and judgment.at is not None
            assert judgment.grade_at.quote == judgment.grade
            assert judgment.grade_at.line > judgment.at.line


def test_the_workforce_grade_follows_the_ungraded_vetting_part():
    reading = peel2021.read(document_from_text(CHESHIRE, "cheshire.txt"))
    judgments = {j.area_id: j for j in reading.judgments}
    vetting, workforce = judgments["vetting-counter-corruption"], judgments["workforce"]
    assert vetting.grade is None and vetting.level == "area"
    assert workforce.grade_at is not None and vetting.at is not None
    assert workforce.grade_at.line > vetting.at.line


def test_levels_and_titles_are_the_frameworks_and_the_reports():
    reading = peel2021.read(document_from_text(CHESHIRE, "cheshire.txt"))
    first = reading.judgments[0]
    assert (first.level, first.title, first.area_id) == (
        "assessment",
        "Victim service assessment",
        first.area_id,
    )
    assert [j.level for j in reading.judgments[1:]] == ["area"] * 10


def test_an_assessment_without_crime_recording_says_so_in_missing():
    reading = peel2021.read(document_from_text(CHESHIRE, "cheshire.txt"))
    assert "crime-recording" not in {j.area_id for j in reading.judgments}
    assert len(reading.missing) == 1
    assert reading.missing[0].startswith("Recording data about crime: no 'Recording data about crime'")


def test_a_cause_of_concern_carries_its_bulleted_recommendations():
    reading = peel2021.read(document_from_text(CHESHIRE, "cheshire.txt"))
    concerns = [f for f in reading.findings if f.kind is FindingKind.CAUSE_OF_CONCERN]
    assert len(concerns) == 1
    concern = concerns[0]
    assert concern.text.startswith("The constabulary doesn't assess the risk to callers")
    assert (concern.area_id, concern.area_title) == ("responding", "Responding to the public")
    assert concern.recommendations == (
        "train every call handler in its structured risk assessment",
        "make supervisors check a sample of assessments every shift",
        "tell callers when attendance will be later than promised.",
    )
    assert concern.at.quote == concern.text


def test_areas_for_improvement_one_under_a_singular_label_several_under_a_plural():
    reading = peel2021.read(document_from_text(CHESHIRE, "cheshire.txt"))
    improvements = [
        (f.area_id, f.text) for f in reading.findings if f.kind is FindingKind.AREA_FOR_IMPROVEMENT
    ]
    assert improvements == [
        ("investigating", "The constabulary should make sure that every investigation has a plan."),
        ("protecting-vulnerable", "The constabulary should record the views of children in referrals."),
        ("protecting-vulnerable", "The constabulary needs to reduce the backlog of online abuse referrals."),
    ]


def test_innovative_practice_is_read_with_its_title():
    reading = peel2021.read(document_from_text(CHESHIRE, "cheshire.txt"))
    practice = [f for f in reading.findings if f.kind is FindingKind.GOOD_PRACTICE]
    assert [(f.area_id, f.text.split(":")[0]) for f in practice] == [("prevention", "Safer streets walks")]
    assert len([f for f in reading.findings if f.kind is not FindingKind.MAIN_FINDING]) == 5


def test_main_findings_are_the_headlines_over_paragraphs_and_never_the_boxes_or_labels():
    reading = peel2021.read(document_from_text(CHESHIRE, "cheshire.txt"))
    main = [(f.area_id, f.text) for f in reading.findings if f.kind is FindingKind.MAIN_FINDING]
    assert main == [
        ("victim-service-assessment", "Calls are answered quickly"),
        ("fairness-and-respect", "Stop and search is overseen by an independent panel"),
        ("prevention", "The constabulary solves local problems with its partners"),
        ("responding", "Non-emergency calls wait too long"),
        ("investigating", "Investigators carry too many cases"),
        ("protecting-vulnerable", "Referrals reach partners quickly"),
        ("managing-offenders", "Visits to registered offenders are on time"),
        ("serious-organised-crime", "Organised crime groups are mapped promptly"),
        ("workforce", "Wellbeing support is easy to reach"),
        ("strategic-planning", "The constabulary's plans don't yet rest on a full picture of demand"),
    ]


def test_hm_inspectors_observations_are_main_findings_of_no_area_up_to_the_signature():
    text = _text(
        "PEEL 2021/22",
        "An inspection of Cheshire Constabulary",
        "HM Inspector\u2019s observations",
        "I am pleased with much of what we found.",
        "The constabulary answers calls well",
        "It answered nearly all emergency calls within ten seconds.",
        "Investigations need better supervision",
        "Supervisors reviewed too few of the files we read.",
        "A. N. Inspector",
        "HM Inspector of Constabulary",
        "A closing remark that is not a finding",
        "Providing a service to the victims of crime",
    )
    reading = peel2021.read(document_from_text(text, "observations.txt"))
    main = [(f.area_id, f.area_title, f.text) for f in reading.findings if f.kind is FindingKind.MAIN_FINDING]
    assert main == [
        (None, "HM Inspector's observations", "The constabulary answers calls well"),
        (None, "HM Inspector's observations", "Investigations need better supervision"),
    ]


# pdftotext's shape: paragraphs wrapped over lines with blank lines between, the grade label
# printed right after the heading, a judgment sentence broken across lines.
SUFFOLK_PDF = _text(
    "PEEL 2021/22",
    "An inspection of Suffolk Constabulary",
    "",
    "September 2022",
    "",
    "Contents",
    "Responding to the public",
    "Investigating crime",
    "",
    "Responding to the public",
    "",
    "Requires improvement",
    "",
    "Suffolk Constabulary requires improvement at",
    "responding to the public.",
    "",
    "Cause of concern",
    "",
    "The constabulary isn't answering non-emergency calls quickly",
    "enough, and callers give up before they are answered.",
    "",
    "Recommendations",
    "",
    "We recommend that, within three months, the constabulary:",
    "",
    "• works out how many call handlers it needs at each hour of",
    "the day; and",
    "• offers callers a way to be called back.",
    "",
    "Investigating crime",
    "",
    "Good",
    "",
    "Suffolk Constabulary is good at investigating crime.",
    "",
    "Recording data about crime",
    "",
    "Suffolk Constabulary is good at recording crime.",
    "",
    "Good",
    "",
)


def test_a_wrapped_copy_with_leading_labels_and_a_contents_list_reads_the_same():
    reading = peel2021.read(document_from_text(SUFFOLK_PDF, "suffolk.pdf"))
    grades = {j.area_id: (j.grade, j.at.line if j.at else None) for j in reading.judgments}
    assert grades == {
        "responding": ("Requires improvement", 10),
        "investigating": ("Good", 30),
        "crime-recording": ("Good", 36),
    }
    assert reading.date == "September 2022"
    (concern,) = reading.findings
    assert concern.text == (
        "The constabulary isn't answering non-emergency calls quickly enough, and callers give up "
        "before they are answered."
    )
    assert concern.recommendations == (
        "works out how many call handlers it needs at each hour of the day",
        "offers callers a way to be called back.",
    )
    assert concern.area_id == "responding"


def test_a_label_that_disagrees_with_the_sentence_is_reported_and_the_sentence_wins():
    text = _text(
        "PEEL 2021/22 An inspection of Dorset Police",
        "Investigating crime",
        "Dorset Police is adequate at investigating crime.",
        "Investigators are well supervised.",
        "Good",
        "Responding to the public",
        "Calls are answered promptly.",
        "Good",
    )
    reading = peel2021.read(document_from_text(text, "dorset.txt"))
    judgments = {j.area_id: j for j in reading.judgments}
    assert judgments["investigating"].grade == "Adequate"
    assert judgments["investigating"].grade_at is not None
    assert judgments["investigating"].grade_at.quote == "Dorset Police is adequate at investigating crime."
    assert any(m.startswith("Investigating crime: the grade label (Good) disagrees") for m in reading.missing)
    # With no sentence the label alone gives the grade.
    assert judgments["responding"].grade == "Good"


def test_a_section_with_neither_label_nor_sentence_is_ungraded_and_reported():
    text = _text(
        "PEEL 2021/22 An inspection of Dorset Police",
        "Managing offenders and suspects",
        "Offender managers visit on time.",
        "Strategic planning, organisational management and value for money",
        "Dorset Police is good at operating efficiently.",
    )
    reading = peel2021.read(document_from_text(text, "dorset.txt"))
    judgments = {j.area_id: j for j in reading.judgments}
    assert judgments["managing-offenders"].grade is None
    assert judgments["strategic-planning"].grade == "Good"
    assert "Managing offenders and suspects: neither a grade label nor a judgment sentence" in " ".join(
        reading.missing
    )


def test_a_judgment_sentence_without_its_heading_still_grades_the_area_it_names():
    text = _text(
        "PEEL 2021/22 An inspection of Gwent Police",
        "Our judgments",
        "Gwent Police is good at tackling serious and organised crime.",
        "The force is good at preventing crime in its neighbourhoods",
        "We found that the force is good at investigating crime in most cases.",
    )
    reading = peel2021.read(document_from_text(text, "gwent.txt"))
    graded = {j.area_id: j.grade for j in reading.judgments}
    # "The force is ..." is an observation's heading and "We found ..." a finding, not an area's judgment.
    assert graded == {"serious-organised-crime": "Good"}


def test_it_recognises_the_five_tier_statement_and_not_later_rounds_or_other_programmes():
    five_tiers = "This round moves from a four-tier scale of judgments to five tiers.\n"
    assert peel2021.recognises(document_from_text(five_tiers, "a.txt"))
    later = "PEEL 2023\u201325: Kent Police\nSince our PEEL 2021/22 inspection it has improved.\n"
    assert not peel2021.recognises(document_from_text(later, "b.txt"))
    cdi = "Kent Police \u2013 Crime data integrity inspection 2017\nKent Police is good at crime recording.\n"
    assert not peel2021.recognises(document_from_text(cdi, "c.txt"))


def test_no_date_is_reported_missing_and_a_date_inside_a_sentence_is_not_taken():
    text = _text(
        "PEEL 2021/22 An inspection of Dorset Police",
        "On 31 May 2022 the Home Office published call answering data.",
        "Investigating crime",
        "Dorset Police is good at investigating crime.",
    )
    report = import_document(document_from_text(text, "dorset.txt"))
    assert report.programme == "peel-2021" and report.force_id == "dorset"
    assert report.date is None
    assert "date: no publication date was found" in report.missing


def test_the_whole_report_reads_through_import_document_with_its_cdi_figures():
    text = CHESHIRE.replace(
        "Victim service assessment\n",
        "Victim service assessment\nCrime data integrity\nCheshire Constabulary is good at recording crime.\n"
        "We estimate that the force is recording 94.1 percent (with a confidence interval of +/- 1.8 "
        "percent) of all reported crime (excluding fraud).\n",
    )
    report = import_document(document_from_text(text, "cheshire.txt"))
    assert report.programme == "peel-2021" and report.force_id == "cheshire"
    judgments = {j.area_id: j for j in report.judgments}
    # The crime data integrity part carries the sentence; its section runs to the next area heading.
    assert (judgments["crime-recording"].title, judgments["crime-recording"].grade) == (
        "Crime data integrity",
        "Good",
    )
    assert [(f.percent, f.ci_plus_minus) for f in report.cdi_figures] == [(94.1, 1.8)]
    assert not any(m.startswith("Recording data about crime") for m in report.missing)


def test_a_label_with_its_text_on_the_same_line_and_recommendations_without_a_concern():
    text = _text(
        "PEEL 2021/22 An inspection of Kent Police",
        "Investigating crime",
        "Kent Police is adequate at investigating crime.",
        "Area for improvement: The force should give every victim a named contact.",
        "Recommendations",
        "We recommend that, by the end of March 2023, the force reviews its case allocation policy.",
        "Main findings",
        "The force should be proud of its new forensic kiosks.",
        "Adequate",
    )
    reading = peel2021.read(document_from_text(text, "kent.txt"))
    found = [(f.kind, f.text, f.area_id) for f in reading.findings]
    assert found == [
        (
            FindingKind.AREA_FOR_IMPROVEMENT,
            "The force should give every victim a named contact.",
            "investigating",
        ),
        (
            FindingKind.RECOMMENDATION,
            "We recommend that, by the end of March 2023, the force reviews its case allocation policy.",
            "investigating",
        ),
    ]
