"""A report context survives its JSON unchanged (a published version is stored as JSON and rendered
from it), and its CSV has a row for every grade, finding, figure and indicator."""

from __future__ import annotations

import json

from inspectorate.core.reports.context import (
    AreaSection,
    ComparedValue,
    FindingItem,
    ForceInNumbers,
    GradeLine,
    NumberLine,
    ReportContext,
    ReportFigure,
    context_from_json,
    csv_rows,
)

GRADE = GradeLine(
    area_id="responding",
    code="",
    title="Responding to the public",
    level="area",
    depth=0,
    grade="inadequate",
    grade_label="Inadequate",
)
CONCERN = FindingItem(
    kind="cause-of-concern",
    kind_label="Cause of concern",
    text="Calls wait.",
    recommendations=("Answer faster.", "Staff up."),
)


def _context() -> ReportContext:
    return ReportContext(
        layout="peel-2021",
        reference="X-1",
        title="A report",
        force_id="kent",
        force_name="Kent Police",
        framework_id="peel-2021",
        framework_title="PEEL 2021/22",
        framework_version="2021/22",
        status="published",
        draft=False,
        period="2021/22",
        published="1 May 2022",
        summary=None,
        source=None,
        grades=(GRADE,),
        areas=(AreaSection(grade=GRADE, findings=(CONCERN,)),),
        observations=(FindingItem(kind="main-finding", kind_label="Main finding", text="Headline"),),
        figures=(
            ReportFigure(
                section="crime-data-integrity", measure="Recording rate", percent=91.7, ci_plus_minus=2.4
            ),
            ReportFigure(section="case-review", measure="Risk assessed", n=21, m=107, source="line 168"),
        ),
        annex=(("Question", "What it judges"),),
        version=2,
        embargo_until="2022-05-01T00:01:00+01:00",
        correction="A misprint.",
        numbers=ForceInNumbers(
            dataset="kent/return",
            synthetic=False,
            period="12 months to 31 March 2021",
            population=1_846_478,
            lines=(
                NumberLine(
                    indicator="crime-rate",
                    title="Crimes per 1,000",
                    unit="per 1,000 people",
                    period="2020/21",
                    value=75.2,
                    comparisons=(
                        ComparedValue(
                            label="England and Wales",
                            kind="england-and-wales",
                            value=80.1,
                            difference="-6.1 percent",
                            significant=True,
                        ),
                    ),
                ),
            ),
        ),
    )


def test_a_context_comes_back_from_its_json_unchanged():
    context = _context()
    stored = json.loads(json.dumps(context.to_json()))
    assert context_from_json(stored) == context


def test_figures_print_as_the_reports_print_them():
    rate, count = _context().figures
    assert (rate.text, count.text) == ("91.7% (+/- 2.4)", "21 of 107")
    assert ReportFigure(section="case-review", measure="Files reviewed", value=165).text == "165"


def test_the_csv_rows_cover_every_grade_finding_figure_and_indicator():
    rows = csv_rows(_context())
    sections = [row["section"] for row in rows]
    assert sections == [
        "grade",
        "observation",
        "finding",
        "finding",
        "finding",
        "force-in-numbers",
        "crime-data-integrity",
        "case-review",
    ]
    assert [row["text"] for row in rows if row["section"] == "finding"] == [
        "Calls wait.",
        "Answer faster.",
        "Staff up.",
    ]
    (indicator,) = [row for row in rows if row["section"] == "force-in-numbers"]
    assert indicator["compared_england-and-wales"] == 80.1
