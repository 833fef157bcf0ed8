"""The demo fixture (the Metropolitan Police Service's five inspections) against its frameworks.

The fixture is loaded and checked without a database; one test reads the models' column sizes.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from inspectorate.core.findings import FindingKind
from inspectorate.core.fixtures import InspectionFixture, RecordedInspection, load_fixture
from inspectorate.core.frameworks import Framework, library
from inspectorate.core.grading import FindingState, JudgmentState, check_rules, judgment_errors
from inspectorate.core.problems import ProblemsError
from support.demo_references import PUBLISHED

FIXTURE = Path(str(resources.files("inspectorate.demo") / "metropolitan.yaml"))
REFERENCES = list(PUBLISHED)


@pytest.fixture(scope="module")
def fixture() -> InspectionFixture:
    return load_fixture(FIXTURE)


def inspection(fixture: InspectionFixture, reference: str) -> RecordedInspection:
    return next(i for i in fixture.inspections if i.reference == reference)


def framework_of(recorded: RecordedInspection) -> Framework:
    return library()[recorded.framework]


def test_the_fixture_holds_the_six_metropolitan_inspections(fixture: InspectionFixture) -> None:
    assert fixture.force == "metropolitan"
    assert sorted(i.reference for i in fixture.inspections) == REFERENCES
    assert {i.reference: i.framework for i in fixture.inspections} == {
        "MPS-BA-2006": "ba-2006",
        "MPS-CORE-2014": "core-business-2014",
        "MPS-CRIME-2014": "crime-inspection-2014",
        "MPS-PEEL-2015": "peel-2015-effectiveness",
        "MPS-PEEL-2018": "peel-2018",
        "MPS-PEEL-2021": "peel-2021",
    }
    assert all(i.status == "published" for i in fixture.inspections)


@pytest.mark.parametrize("reference", REFERENCES)
def test_every_judgment_is_on_a_real_area_with_a_grade_from_its_scale(
    fixture: InspectionFixture, reference: str
) -> None:
    recorded = inspection(fixture, reference)
    spec = framework_of(recorded)
    problems = {
        area_id: errors
        for area_id, judgment in recorded.judgments.items()
        if (errors := judgment_errors(spec, area_id, judgment.grade, judgment.direction))
    }
    assert problems == {}


@pytest.mark.parametrize("reference", REFERENCES)
def test_every_graded_area_of_the_framework_has_a_grade(fixture: InspectionFixture, reference: str) -> None:
    recorded = inspection(fixture, reference)
    spec = framework_of(recorded)

    # 2006's 4B components are graded by the team's own inspections; the published report grades 4B only.
    # A report of one part of its framework (2018's efficiency pillar page) is complete for that part.
    def root(area_id: str) -> str:
        place = spec.place(area_id)
        return place.ancestor_ids[0] if place.ancestor_ids else area_id

    covered = {root(area_id) for area_id in recorded.judgments}
    ungraded = [
        area.id
        for area in spec.graded_areas()
        if area.level != "component"
        and root(area.id) in covered
        and (area.id not in recorded.judgments or not recorded.judgments[area.id].grade)
    ]
    assert ungraded == []
    # And a direction of travel wherever the framework asks for one.
    without_direction = [
        area.id
        for area in spec.graded_areas()
        if area.direction_scale and not recorded.judgments[area.id].direction
    ]
    assert without_direction == []


@pytest.mark.parametrize("reference", REFERENCES)
def test_every_finding_and_piece_of_evidence_is_valid_for_its_framework(
    fixture: InspectionFixture, reference: str
) -> None:
    recorded = inspection(fixture, reference)
    spec = framework_of(recorded)
    area_ids = {place.area.id for place in spec.walk()}
    assert recorded.findings, "every published inspection records findings"
    for n, finding in enumerate(recorded.findings):
        assert finding.kind in spec.finding_kinds, (n, finding.kind)
        assert set(finding.areas) <= area_ids, (n, finding.areas)
        if finding.recommendations:
            assert FindingKind.RECOMMENDATION in spec.finding_kinds, n
    for item in recorded.evidence:
        assert set(item.areas) <= area_ids, item.title


@pytest.mark.parametrize("reference", REFERENCES)
def test_no_inspection_breaches_its_grading_rules(fixture: InspectionFixture, reference: str) -> None:
    recorded = inspection(fixture, reference)
    spec = framework_of(recorded)
    judgments = [JudgmentState(a, j.grade, j.direction) for a, j in recorded.judgments.items()]
    findings = []
    for n, finding in enumerate(recorded.findings):
        findings.append(FindingState(f"f{n}", finding.kind, finding.areas))
        findings.extend(
            FindingState(f"f{n}.r{m}", FindingKind.RECOMMENDATION, finding.areas)
            for m, _ in enumerate(finding.recommendations)
        )
    assert check_rules(spec, judgments, findings) == []


def test_the_rules_would_catch_a_weak_grade_left_without_a_finding(fixture: InspectionFixture) -> None:
    """A control for the test above: the same check does find breaches when there are some."""
    recorded = inspection(fixture, "MPS-PEEL-2021")
    spec = framework_of(recorded)
    judgments = [JudgmentState(a, j.grade, j.direction) for a, j in recorded.judgments.items()]
    breaches = check_rules(spec, judgments, [])
    assert {b.area_id for b in breaches} == {
        "responding",
        "investigating",
        "protecting-vulnerable",
        "managing-offenders",
        "workforce",
        "strategic-planning",
    }


def test_peel_2021_grades_are_the_published_ones(fixture: InspectionFixture) -> None:
    recorded = inspection(fixture, "MPS-PEEL-2021")
    grades = {area: j.grade for area, j in recorded.judgments.items() if j.grade}
    assert grades == {
        "crime-recording": "adequate",
        "fairness-and-respect": "adequate",
        "prevention": "good",
        "responding": "inadequate",
        "investigating": "requires-improvement",
        "protecting-vulnerable": "requires-improvement",
        "managing-offenders": "requires-improvement",
        "serious-organised-crime": "adequate",
        "workforce": "requires-improvement",
        "strategic-planning": "requires-improvement",
    }


def test_every_text_fits_its_database_column(fixture: InspectionFixture) -> None:
    """SQLite ignores a column's length and PostgreSQL refuses a longer value: check it here."""
    from inspectorate.web.inspections.models import Evidence, Finding, Inspection

    def too_long(model, record, names) -> list[str]:
        found = []
        for name in names:
            value = getattr(record, name) or ""
            limit = model._meta.get_field(name).max_length
            if limit is not None and len(value) > limit:
                found.append(f"{name} ({len(value)} > {limit}): {value!r}")
        return found

    problems = []
    for recorded in fixture.inspections:
        fields = ("reference", "title", "period_label", "published_label")
        problems += [f"{recorded.reference} {p}" for p in too_long(Inspection, recorded, fields)]
        for item in recorded.evidence:
            fields = ("kind", "title", "date_label")
            problems += [f"{recorded.reference} evidence {p}" for p in too_long(Evidence, item, fields)]
        for finding in recorded.findings:
            problems += [f"{recorded.reference} finding {p}" for p in too_long(Finding, finding, ("kind",))]
    assert problems == []


MALFORMED = """\
force: metropolitan
inspections:
  - reference: mps peel
    framework: peel-2021
    title: "A made-up inspection"
    colour: blue
    findings:
      - kind: praise
        areas: [responding]
        text: "Something"
"""


def test_a_malformed_fixture_gives_every_problem_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(MALFORMED, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_fixture(path)
    found = [(p.file, p.line, p.path, p.message) for p in caught.value.problems]
    kinds = ", ".join(repr(k.value) for k in FindingKind)
    kinds = kinds[: kinds.rindex(", ")] + " or" + kinds[kinds.rindex(", ") + 1 :]
    assert found == [
        (
            str(path),
            3,
            "inspections[0].reference",
            "'mps peel' is not a valid id (capital letters, digits and '-')",
        ),
        (str(path), 6, "inspections[0].colour", "unknown key"),
        (str(path), 8, "inspections[0].findings[0].kind", f"'praise' is not one of {kinds}"),
    ]


def test_a_fixture_missing_its_inspections_says_which_key(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("force: metropolitan\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_fixture(path)
    assert [(p.line, p.path, p.message) for p in caught.value.problems] == [
        (1, "inspections", "required key is missing")
    ]


def test_a_fixture_with_a_yaml_syntax_error_is_one_located_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("force: metropolitan\ninspections: [\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_fixture(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert problem.line == 3
    assert problem.message.startswith("not valid YAML: ")
