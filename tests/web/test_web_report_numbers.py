"""The force in numbers in a report: the platform's own indicators for the inspection's year, charted
in the PEEL 2015 layout, and left out when the data does not cover the inspection's period. Synthetic
data reaches an exercise's report only, marked SYNTHETIC: a real inspection's report never shows it."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.urls import reverse

from inspectorate.core.data.store import DataStore
from inspectorate.core.numbers import force_numbers, statistical_year
from inspectorate.core.reports.context import ComparedValue, ForceInNumbers, NumberLine, ReportFigure
from inspectorate.core.workspace import data_store_dir
from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.reports.charts import case_review_chart, number_charts

pytestmark = pytest.mark.django_db

# The synthetic return the module's tests are drawn from (tests/conftest.py): the year to March 2021.
SYNTHETIC = (0.002, 5)


def _report(client: Any, inspection: Inspection, fmt: str = "json") -> Any:
    name = "inspection-report" if fmt == "html" else f"inspection-report.{fmt}"
    return client.get(reverse(name, kwargs={"code": inspection.code}))


def _exercise(framework: str, period_end: datetime.date | None) -> Inspection:
    """An exercise on the synthetic return, which staff (who see every working copy) read."""
    return Inspection.objects.create(
        reference=f"NUMBERS-{framework}-{period_end}".upper(),
        title="Numbers",
        force_id="metropolitan",
        framework_id=framework,
        status=Status.FIELDWORK,
        period_end=period_end,
        exercise=True,
    )


def test_an_exercises_2021_report_carries_the_indicators_of_the_year_to_march_2021(
    cast, with_data, client_for, reading
):
    exercise = _exercise("peel-2021", None)
    report = reading.json(_report(client_for("staff"), exercise))
    numbers = report["numbers"]
    assert numbers["synthetic"] is True and numbers["period"].endswith("31 March 2021")
    store = DataStore(data_store_dir(with_data))
    (dataset,) = store.datasets("metropolitan")
    expected = force_numbers(store, dataset, statistical_year(2021))
    assert {line["indicator"]: line["value"] for line in numbers["lines"]} == {
        result.id: result.value for result in expected.results
    }
    rows = reading.csv(_report(client_for("staff"), exercise, "csv"))
    in_numbers = [row for row in rows if row["section"] == "force-in-numbers"]
    assert len(in_numbers) == len(expected.results)
    assert all("(SYNTHETIC)" in row["method"] for row in in_numbers)


def test_the_2015_layout_charts_each_indicator_against_its_comparators(cast, with_data, client_for, reading):
    inspection = _exercise("peel-2015-effectiveness", datetime.date(2021, 3, 31))
    page = reading.html(_report(client_for("staff"), inspection, "html"))
    assert "Metropolitan Police Service in numbers" in page
    assert "SYNTHETIC data" in page
    charted = [
        line
        for line in reading.json(_report(client_for("staff"), inspection))["numbers"]["lines"]
        if line["value"] is not None
    ]
    assert page.count("<svg") == len(charted)


def test_a_report_whose_period_the_data_does_not_cover_has_no_numbers(cast, with_data, client_for, reading):
    inspection = _exercise("peel-2015-effectiveness", datetime.date(2015, 3, 31))
    assert reading.json(_report(client_for("staff"), inspection))["numbers"] is None
    assert "in numbers" not in reading.html(_report(client_for("staff"), inspection, "html"))


def test_a_real_inspections_report_never_shows_synthetic_numbers(cast, with_data, client_for, reading):
    real = Inspection.objects.create(
        reference="NUMBERS-REAL",
        title="Numbers",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
    )
    (dataset,) = DataStore(data_store_dir(with_data)).datasets("metropolitan")
    assert dataset.synthetic  # the only data the force has is synthetic
    assert reading.json(_report(client_for("staff"), real))["numbers"] is None
    published = reading.json(_report(client_for("anonymous"), cast.published))
    assert published["numbers"] is None and "SYNTHETIC" not in str(published)


SVG = "{http://www.w3.org/2000/svg}"


def _lines_of_text(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    spans = [[span.text or "" for span in text.iter(f"{SVG}tspan")] for text in root.iter(f"{SVG}text")]
    texts = [text.text or "" for text in root.iter(f"{SVG}text")]
    return [" ".join(lines) if lines else text for lines, text in zip(spans, texts, strict=True)]


def test_two_questions_alike_in_their_first_words_are_two_bars_not_one_of_102_7_percent():
    questions = [
        "Was the victim's needs assessment completed at the first point of contact?",
        "Was the victim's needs assessment completed and reviewed by a supervisor?",
    ]
    figures = [
        ReportFigure(section="case-review", measure=questions[0], n=41, m=80),
        ReportFigure(section="case-review", measure=questions[1], n=37, m=72),
    ]
    svg = case_review_chart(figures)
    assert svg is not None
    texts = _lines_of_text(svg)
    assert questions[0] in texts and questions[1] in texts
    assert "51.2%" in texts and "51.4%" in texts and "102.6%" not in texts
    assert not [text for text in texts if text.endswith("…")]
    assert [text for text in texts if re.fullmatch(r"\d+", text)][-1] == "100"  # shares end at 100


def test_a_reports_number_chart_names_the_force_and_draws_the_target_apart():
    numbers = ForceInNumbers(
        dataset="metropolitan/synthetic",
        synthetic=True,
        period="12 months to 31 March 2021",
        population=81666,
        lines=(
            NumberLine(
                indicator="999-answered-within-10s",
                title="999 calls answered within 10 seconds",
                unit="percent",
                period="12 months to 31 March 2021",
                value=63.9,
                comparisons=(
                    ComparedValue(label="Target: at least 90%", kind="target", value=90.0),
                    ComparedValue(label="Most similar group", kind="msg", value=None),
                ),
            ),
        ),
    )
    svg = number_charts(numbers, "Metropolitan Police Service")["999-answered-within-10s"]
    texts = _lines_of_text(svg)
    assert "Metropolitan Police Service (SYNTHETIC data)" in texts
    assert "Target: at least 90%" in texts and "Most similar group" not in texts
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "999 calls answered within 10 seconds, 12 months to 31 March 2021"
