"""The 2006 baseline assessment reader, on texts written here in the shape of those reports (other
forces, other grades): the summary of judgements, each framework's grade table, the lists with their
page footers, sub-headings and blank lines, and the good practice boxes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.model import ImportedReport
from inspectorate.core.ingest.programmes import ba2006
from inspectorate.core.ingest.read import import_document, import_report

# A plain-text copy as the inspectorate's site gave it: tabs between table cells, "- " bullets, the
# running footer between pages.
CHESHIRE = """\
Cheshire Constabulary

Baseline Assessment October 2006

CROWN COPYRIGHT

FIRST PUBLISHED 2006

Contents

Summary of Judgements

- 1 Citizen Focus (Domain A)**
 - Fairness and Equality in Service Delivery
 - Professional Standards
- 7 Leadership and Direction**
 - Leadership

Introduction to Baseline Assessment

Each force is graded for service delivery and for its direction of travel. For BA 2006 the direction
compares 2005/06 with the year before.

October 2006

Summary of Judgements\tGrade\tDirection of Travel
Citizen Focus\t\t
Fairness and Equality in Service Delivery\tGood\tStable
Professional Standards\tFair\tNot Graded
Investigating Crime\t\t
Tackling Serious and Organised Criminality\tPoor\tDeclined
Promoting Safety\t\t
Protecting Vulnerable People\tFair\tImproved
Providing Assistance\t\t
Strategic Roads Policing\tGood\tImproved
Leadership and Direction\t\t
Leadership\tExcellent\tNot Graded

1 Citizen Focus (Domain A)

1A Fairness and Equality in Service Delivery

Grade\tDirection of Travel
Good\tStable

National Grade Distribution

Poor\tFair\tGood\tExcellent
1\t20\t20\t2

Contextual Factors

Cheshire Constabulary polices a mainly rural county with two large towns.

- A bullet here describes the county and is not a finding.

Strengths

- The chief constable chairs a diversity board that meets every quarter.
- Hate incidents can be reported at 40 third-party centres across the county, and the

October 2006

number of reports rose by a fifth during 2005/06.

- Independent advisory groups look at every new policy before it is published

Areas for Improvement

- Satisfaction of victims of racist incidents was 71.2%, placing the force fourth of its most similar forces.

1D Professional Standards

Grade\tDirection of Travel
Fair\tNot Graded

National Position

The grade is carried over from the inspection of professional standards published earlier.

3 Investigating Crime (Domain 2)

3B Tackling Serious and Organised Criminality

Grade\tDirection of Travel
Poor\tDeclined

Strengths

- A detective superintendent leads the work against organised crime groups.

Work in Progress

- A regional asset recovery team is being formed with two neighbouring forces.

Areas for Improvement

- There is no dedicated analyst for cross-border criminality.

- Only 3 of the 9 operations planned for 2005/06 were completed, and the force cannot say

October 2006

- why the others were dropped.
- Seized assets are not tracked once they leave the force's hands.

4 Promoting Safety (Domain 3)

4B Protecting Vulnerable People

Grade\tDirection of Travel
Fair\tImproved

Strengths

Child Abuse Investigations

- Every child abuse referral is seen by a detective sergeant within a day.
- Joint training with social workers runs twice a year.

Domestic Violence

- A risk assessment form is used by every officer attending a domestic incident.

Areas for Improvement

General

- Staff on the specialist units are unclear about the new structure.

Missing Persons

- Reviews of long-term missing people are not recorded in one place.

5 Providing Assistance (Domain 4)

5C Strategic Road Policing

Grade\tDirection of Travel
Good\tImproved

Strengths

- Killed and seriously injured casualties fell by 12% in 2005/06.

Areas for Improvement

- Speed enforcement is not linked to the casualty analysis.

GOOD PRACTICE

Safer Roads Week

The roads policing unit ran a week of checks on goods vehicles with the vehicle licensing agency.

The outcomes sought were:

- Fewer unroadworthy lorries on the trunk roads.
-

Contact: Inspector A Example, telephone number 01000 000000

7 Leadership and Direction

7A Leadership

Grade\tNo direction of travel allocated
Excellent\t

Strengths

- The chief officers are visible across the force and hold open meetings on every division.

Areas for Improvement

- Succession planning for senior posts is informal.

Appendix 1: Glossary of Terms and Abbreviations

ACPO\tAssociation of Chief Police Officers
"""


def _read(text: str, source: str = "cheshire.txt") -> ImportedReport:
    return import_document(document_from_text(text, source))


def _by_area(report: ImportedReport) -> dict[str | None, tuple[str | None, str | None]]:
    return {judgment.area_id: (judgment.grade, judgment.direction) for judgment in report.judgments}


def _findings(report: ImportedReport, area_id: str, kind: FindingKind) -> list[str]:
    return [f.text for f in report.findings if f.area_id == area_id and f.kind is kind]


def test_it_recognises_the_2006_round_and_not_others() -> None:
    assert ba2006.recognises(document_from_text(CHESHIRE, "c.txt"))
    earlier = CHESHIRE.replace("October 2006", "October 2005").replace("BA 2006", "BA 2005")
    assert not ba2006.recognises(document_from_text(earlier, "c.txt"))
    assert not ba2006.recognises(document_from_text("PEEL 2016: How effective is Kent Police?", "p.txt"))


def test_it_reads_the_programme_force_and_date() -> None:
    report = _read(CHESHIRE)
    assert (report.programme, report.framework_version) == ("ba-2006", "2006")
    assert (report.force_id, report.date) == ("cheshire", "October 2006")


def test_it_reads_each_grade_and_direction_from_the_summary() -> None:
    report = _read(CHESHIRE)
    assert _by_area(report) == {
        "1a": ("Good", "Stable"),
        "1d": ("Fair", "Not Graded"),
        "3b": ("Poor", "Declined"),
        "4b": ("Fair", "Improved"),
        "5c": ("Good", "Improved"),
        "7a": ("Excellent", "Not Graded"),
    }
    poor = next(j for j in report.judgments if j.area_id == "3b")
    assert poor.level == "framework"
    assert poor.title == "Tackling Serious and Organised Criminality"
    assert poor.grade_at is not None and poor.grade_at.quote == "Poor Declined"
    assert poor.at is not None and CHESHIRE.splitlines()[poor.at.line - 1].startswith("Tackling Serious")


def test_frameworks_it_cannot_find_are_reported_missing() -> None:
    missing = _read(CHESHIRE).missing
    assert "2A Volume Crime Reduction: no service delivery grade was found" in missing
    assert any(m.startswith("6D Managing Financial and Physical Resources: its section") for m in missing)
    assert not any(m.startswith(("1A ", "3B ", "7A ")) for m in missing)
    # 17 of the 23 frameworks are absent: each once for its grade, once for its findings.
    assert len(missing) == 34


def test_a_bullet_cut_by_a_page_footer_is_one_finding() -> None:
    report = _read(CHESHIRE)
    strengths = _findings(report, "1a", FindingKind.STRENGTH)
    assert strengths == [
        "The chief constable chairs a diversity board that meets every quarter.",
        "Hate incidents can be reported at 40 third-party centres across the county, and the number of "
        "reports rose by a fifth during 2005/06.",
        "Independent advisory groups look at every new policy before it is published",
    ]
    cut = next(f for f in report.findings if f.text.startswith("Hate incidents"))
    assert (
        cut.at.line
        == CHESHIRE.splitlines().index(
            "- Hate incidents can be reported at 40 third-party centres across the county, and the"
        )
        + 1
    )
    assert cut.at.quote.endswith("rose by a fifth during 2005/06.")
    assert (cut.area_id, cut.area_title) == ("1a", "Fairness and Equality in Service Delivery")


def test_contextual_bullets_and_national_position_are_not_findings() -> None:
    report = _read(CHESHIRE)
    assert not any("describes the county" in f.text for f in report.findings)
    assert not [f for f in report.findings if f.area_id == "1d"]


def test_it_reads_work_in_progress_and_areas_for_improvement() -> None:
    report = _read(CHESHIRE)
    assert _findings(report, "3b", FindingKind.WORK_IN_PROGRESS) == [
        "A regional asset recovery team is being formed with two neighbouring forces."
    ]
    # A blank line between bullets changes nothing; a bullet that stops mid-sentence at a page
    # footer goes on after it even when the next page gives its rest a dash.
    assert _findings(report, "3b", FindingKind.AREA_FOR_IMPROVEMENT) == [
        "There is no dedicated analyst for cross-border criminality.",
        "Only 3 of the 9 operations planned for 2005/06 were completed, and the force cannot say why the "
        "others were dropped.",
        "Seized assets are not tracked once they leave the force's hands.",
    ]


def test_sub_headings_group_bullets_without_being_findings() -> None:
    report = _read(CHESHIRE)
    counts = Counter(f.kind for f in report.findings if f.area_id == "4b")
    assert counts == {FindingKind.STRENGTH: 3, FindingKind.AREA_FOR_IMPROVEMENT: 2}
    texts = [f.text for f in report.findings]
    assert not any(t in ("Child Abuse Investigations", "General", "Missing Persons") for t in texts)
    assert not any("Domestic Violence" in t for t in texts)


def test_a_good_practice_box_is_one_finding_without_its_contact() -> None:
    report = _read(CHESHIRE)
    [box] = _findings(report, "5c", FindingKind.GOOD_PRACTICE)
    assert box == (
        "Safer Roads Week: The roads policing unit ran a week of checks on goods vehicles with the vehicle "
        "licensing agency. The outcomes sought were: Fewer unroadworthy lorries on the trunk roads."
    )
    assert len(_findings(report, "5c", FindingKind.AREA_FOR_IMPROVEMENT)) == 1
    # The glossary after the last framework is not read into its list.
    assert _findings(report, "7a", FindingKind.AREA_FOR_IMPROVEMENT) == [
        "Succession planning for senior posts is informal."
    ]


def test_the_framework_tables_are_used_when_the_summary_is_absent() -> None:
    start = CHESHIRE.index("Summary of Judgements\tGrade")
    without = CHESHIRE[:start] + CHESHIRE[CHESHIRE.index("1 Citizen Focus (Domain A)\n\n1A") :]
    report = _read(without)
    assert _by_area(report)["3b"] == ("Poor", "Declined")
    # "No direction of travel allocated" over 7A's table reads as the summary's "Not Graded".
    assert _by_area(report)["7a"] == ("Excellent", "Not Graded")
    seven = next(j for j in report.judgments if j.area_id == "7a")
    assert seven.title == "Leadership" and seven.grade_at is not None and seven.grade_at.quote == "Excellent"
    assert report.missing[0].startswith("summary of judgements: the table was not found")


def test_a_summary_that_disagrees_with_the_framework_table_is_kept_and_reported() -> None:
    text = CHESHIRE.replace(
        "Grade\tDirection of Travel\nGood\tImproved", "Grade\tDirection of Travel\nFair\tStable"
    )
    report = _read(text)
    assert _by_area(report)["5c"] == ("Good", "Improved")
    assert (
        "5C Strategic Roads Policing: the summary of judgements gives Good, Improved but its own table "
        "gives Fair, Stable; the summary's is kept"
    ) in report.missing


def test_an_empty_list_is_reported() -> None:
    text = CHESHIRE.replace(
        "Areas for Improvement\n\n- Speed enforcement is not linked to the casualty analysis.\n",
        "Areas for Improvement\n",
    )
    report = _read(text)
    assert (
        "5C Strategic Roads Policing: nothing could be read under its heading 'Areas for Improvement'"
    ) in report.missing


# The same kind of report as pdftotext gives it: table cells on lines of their own, a running header
# with the page number, bullets marked with a dot and wrapped at the page's width.
DURHAM_PDF = """\
Durham Constabulary \u2013 Baseline Assessment October 2006

Summary of Judgements
Grade
Direction of Travel
Reducing Crime
Volume Crime Reduction
Poor
Stable
Resource Use
Managing Financial and Physical Resources
Good
Declined

2 Reducing Crime (Domain 1)

2A Volume Crime Reduction
Grade
Direction of Travel
Poor
Stable

Strengths
• Burglary fell by 6% in 2005/06, the largest fall among its most similar
forces.
• Every neighbourhood has a named officer responsible for crime
reduction, and each produces a quarterly plan.

Areas for Improvement
• Vehicle crime rose by 9% in 2005/06, and the force

14

Durham Constabulary \u2013 Baseline Assessment October 2006

has no plan to reverse it.

6 Resource Use (Domain B)

6D Managing Financial and Physical Resources
Grade
Direction of Travel
Good
Declined

Strengths (incorporating the Audit Commission's use of resources assessment)
• The force set a balanced budget for 2006/07.

Areas for Improvement (incorporating the Audit Commission's use of resources assessment)
• The estate strategy has not been costed.

Audit Commission Use of Resources
Element
Assessment
Financial Management
3
"""


def test_a_pdf_shaped_report_is_read_the_same_way() -> None:
    report = _read(DURHAM_PDF, "durham.pdf")
    assert (report.programme, report.force_id, report.date) == ("ba-2006", "durham", "October 2006")
    assert _by_area(report) == {"2a": ("Poor", "Stable"), "6d": ("Good", "Declined")}
    assert _findings(report, "2a", FindingKind.STRENGTH) == [
        "Burglary fell by 6% in 2005/06, the largest fall among its most similar forces.",
        "Every neighbourhood has a named officer responsible for crime reduction, and each produces a "
        "quarterly plan.",
    ]
    assert _findings(report, "2a", FindingKind.AREA_FOR_IMPROVEMENT) == [
        "Vehicle crime rose by 9% in 2005/06, and the force has no plan to reverse it."
    ]
    assert _findings(report, "6d", FindingKind.STRENGTH) == ["The force set a balanced budget for 2006/07."]
    assert _findings(report, "6d", FindingKind.AREA_FOR_IMPROVEMENT) == [
        "The estate strategy has not been costed."
    ]


def test_a_list_of_paragraphs_without_bullet_marks_is_read_a_paragraph_an_item() -> None:
    text = DURHAM_PDF.replace(
        "Strengths\n• Burglary fell by 6% in 2005/06, the largest fall among its most similar\nforces.\n"
        "• Every neighbourhood",
        "Strengths\n\nBurglary fell by 6% in 2005/06, the largest fall among its most similar\nforces.\n\n"
        "Every neighbourhood",
    )
    report = _read(text)
    assert len(_findings(report, "2a", FindingKind.STRENGTH)) == 2


def test_an_html_report_is_read_from_its_tables_and_lists(tmp_path: Path) -> None:
    page = tmp_path / "kent.html"
    page.write_text(
        "<html><body><nav>Home | Reports</nav><h1>Kent Police</h1><p>Baseline Assessment October 2006</p>"
        "<table><tr><th>Summary of Judgements</th><th>Grade</th><th>Direction of Travel</th></tr>"
        "<tr><td>Leadership and Direction</td><td></td><td></td></tr>"
        "<tr><td>Leadership</td><td>Good</td><td>Stable</td></tr></table>"
        "<h2>7 Leadership and Direction</h2><h3>7A Leadership</h3>"
        "<table><tr><td>Grade</td><td>Direction of Travel</td></tr>"
        "<tr><td>Good</td><td>Stable</td></tr></table>"
        "<h4>Strengths</h4><ul><li>Chief officers meet staff at every station each year.</li></ul>"
        "<h4>Areas for Improvement</h4><ul><li>Kent Police has no plan for the succession of senior "
        "managers.</li></ul><footer>Kent Police 2006</footer></body></html>",
        encoding="utf-8",
    )
    report = import_report(page)
    assert (report.programme, report.force_id) == ("ba-2006", "kent")
    assert _by_area(report) == {"7a": ("Good", "Stable")}
    assert _findings(report, "7a", FindingKind.STRENGTH) == [
        "Chief officers meet staff at every station each year."
    ]
    assert len(_findings(report, "7a", FindingKind.AREA_FOR_IMPROVEMENT)) == 1


@pytest.mark.parametrize(
    ("printed", "date"),
    [
        ("Sussex Police\nBaseline Assessment January 2007\n", "January 2007"),
        ("Sussex Police - Baseline Assessment October 2006\n", "October 2006"),
        ("Sussex Police\nFIRST PUBLISHED 2006\n", "2006"),
        ("Sussex Police\n", None),
    ],
)
def test_the_date_is_read_where_printed(printed: str, date: str | None) -> None:
    assert ba2006.report_date(document_from_text(printed, "s.txt")) == date


def test_a_grade_printed_without_a_direction_is_kept_and_the_direction_reported_missing() -> None:
    text = DURHAM_PDF.replace("Volume Crime Reduction\nPoor\nStable\n", "").replace(
        "Grade\nDirection of Travel\nPoor\nStable", "Grade\nPoor"
    )
    report = _read(text)
    assert _by_area(report)["2a"] == ("Poor", None)
    assert "2A Volume Crime Reduction: no direction of travel was found" in report.missing
