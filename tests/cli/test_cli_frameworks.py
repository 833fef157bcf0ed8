"""`inspectorate frameworks`: list, show, validate and import, run in the test process (see conftest.py);
`import` on the demo, in the test database."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.frameworks import library
from inspectorate.core.frameworks.library import LIBRARY_DIR

FRAMEWORK_IDS = [
    "ba-2004",
    "ba-2005",
    "ba-2006",
    "cdi-2014",
    "core-business-2014",
    "crime-inspection-2014",
    "peel-2014",
    "peel-2015",
    "peel-2015-effectiveness",
    "peel-2016",
    "cdi-2016",
    "peel-2017",
    "peel-2018",
    "peel-2021",
    "peel-2023",
    "peel-2025",
]
FOUR_TIERS = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
FIVE_TIERS = ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]
BASELINE = ["Excellent", "Good", "Fair", "Poor"]
# Each framework's scales as their level labels, best first.
SCALE_LABELS = {
    "ba-2006": {
        "service-delivery": ["Excellent", "Good", "Fair", "Poor"],
        "direction-of-travel": ["Improved", "Stable", "Declined", "Not graded"],
    },
    "ba-2004": {"baseline-grade": BASELINE},
    "ba-2005": {"baseline-grade": BASELINE},
    "cdi-2014": {},
    "core-business-2014": {},
    "crime-inspection-2014": {"crime-inspection-four-tier": FOUR_TIERS},
    "peel-2014": {"peel-four-tier": FOUR_TIERS},
    "peel-2015": {"peel-four-tier": FOUR_TIERS},
    "peel-2015-effectiveness": {"peel-four-tier": FOUR_TIERS},
    "peel-2016": {"peel-four-tier": FOUR_TIERS},
    "cdi-2016": {"cdi-four-tier": FOUR_TIERS},
    "peel-2017": {"peel-four-tier": FOUR_TIERS},
    "peel-2018": {"peel-four-tier": FOUR_TIERS},
    "peel-2021": {"peel-five-tier": FIVE_TIERS},
    "peel-2023": {"peel-five-tier": FIVE_TIERS},
    "peel-2025": {"peel-five-tier": FIVE_TIERS},
}
ERROR_LINE = re.compile(r"^error: (?P<file>[^:]+):(?P<line>\d+): (?P<path>[^:]+): (?P<message>.+)$")


def area_tree(areas: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    return [(area["id"], area_tree(area.get("children", []))) for area in areas]


def library_tree(areas: tuple[Any, ...]) -> list[tuple[str, Any]]:
    return [(area.id, library_tree(area.children)) for area in areas]


@pytest.fixture(scope="module")
def shown(plain_cli) -> dict[str, Any]:
    """The listing and showing commands, run once for the module."""
    commands = {
        "list --json": ("frameworks", "list", "--json"),
        "list": ("frameworks", "list"),
        "show --json": ("frameworks", "show", "peel-2021", "--json"),
        "show": ("frameworks", "show", "peel-2021"),
        "show unknown": ("frameworks", "show", "peel-2099"),
        **{f"yaml {fid}": ("frameworks", "show", fid, "--yaml") for fid in FRAMEWORK_IDS},
    }
    return dict(zip(commands, plain_cli.batch(list(commands.values())), strict=True))


def test_list_json_gives_every_library_framework_with_their_area_trees_and_scales(shown) -> None:
    result = shown["list --json"]
    assert result.returncode == 0, result
    listed = result.json()
    assert [fw["id"] for fw in listed] == FRAMEWORK_IDS
    for fw in listed:
        spec = library()[fw["id"]]
        assert area_tree(fw["areas"]) == library_tree(spec.areas)
        assert {s["id"]: s["levels"] for s in fw["scales"]} == SCALE_LABELS[fw["id"]]
        assert fw["content_hash"] == spec.content_hash


def test_list_json_nests_areas_with_their_codes_levels_and_scales(shown) -> None:
    listed = {fw["id"]: fw for fw in shown["list --json"].json()}
    ba = listed["ba-2006"]["areas"]
    assert [a["id"] for a in ba] == ["d1", "d2", "d3", "d4", "d5", "d6", "d7"]
    assert sum(len(domain["children"]) for domain in ba) == 23
    assert ba[0]["children"][0] == {
        "id": "1a",
        "code": "1A",
        "level": "framework",
        "title": "Fairness and Equality in Service Delivery",
        "scale": "service-delivery",
        "direction_scale": "direction-of-travel",
    }
    peel_2018 = listed["peel-2018"]["areas"]
    assert [a["id"] for a in peel_2018] == ["effectiveness", "efficiency", "legitimacy"]
    assert [c["id"] for c in peel_2018[1]["children"]] == ["efficiency.q1", "efficiency.q2"]


def test_list_as_a_table_names_every_framework(shown) -> None:
    result = shown["list"]
    assert result.returncode == 0, result
    for framework_id in FRAMEWORK_IDS:
        assert framework_id in result.stdout


def test_show_json_has_eleven_top_level_areas_for_peel_2021(shown) -> None:
    result = shown["show --json"]
    assert result.returncode == 0, result
    framework = result.json()
    assert framework["id"] == "peel-2021"
    assert len(framework["areas"]) == 11
    assert framework["areas"][0]["id"] == "victim-service-assessment"
    workforce = next(a for a in framework["areas"] if a["id"] == "workforce")
    assert [c["id"] for c in workforce["children"]] == ["vetting-counter-corruption"]
    assert [r["id"] for r in framework["rules"]] == [
        "weak-grade-needs-finding",
        "no-concern-on-strong-grade",
        "concern-needs-recommendation",
    ]
    assert framework["content_hash"] == library()["peel-2021"].content_hash


def test_show_as_a_tree_lists_scales_and_areas(shown) -> None:
    result = shown["show"]
    assert result.returncode == 0, result
    assert "Outstanding / Good / Adequate / Requires improvement / Inadequate" in result.stdout
    assert "Responding to the public" in result.stdout


def test_show_of_an_unknown_id_is_one_line_naming_the_known_ids(shown, one_error_line) -> None:
    line = one_error_line(shown["show unknown"], "no framework 'peel-2099'")
    assert line.endswith(f"(known: {', '.join(FRAMEWORK_IDS)})")


MALFORMED = """\
id: Not_An_Id
programme: "A made-up framework with six mistakes"
version: "1"
colour: blue
finding_kinds:
  - strength
  - area-for-improvement
scales:
  - id: grade
    name: "Grade"
    levels:
      - id: good
        label: "Good"
areas:
  - id: first
    level: area
    title: "First"
    scale: no-such-scale
  - id: first
    level: area
    title: "First again"
rules:
  - id: a-rule
    check: no-such-check
"""


@pytest.fixture(scope="module")
def validated(plain_cli, shown, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`frameworks validate` on good, malformed and unreadable files, run once for the module."""
    folder = tmp_path_factory.mktemp("validate")
    exported = []
    for framework_id in FRAMEWORK_IDS:
        result = shown[f"yaml {framework_id}"]
        assert result.returncode == 0, result
        path = folder / f"{framework_id}.yaml"
        path.write_text(result.stdout, encoding="utf-8")
        exported.append(path)
    bad = folder / "bad.yaml"
    bad.write_text(MALFORMED, encoding="utf-8")
    (folder / "syntax.yaml").write_bytes(b"id: broken\nareas: [\n")
    (folder / "latin1.yaml").write_bytes("id: caf\u00e9\n".encode("latin-1"))
    commands = {
        "exported": ("frameworks", "validate", *exported),
        "library": ("frameworks", "validate", LIBRARY_DIR / "peel-2021.yaml"),
        "malformed": ("frameworks", "validate", bad),
        "good and bad": ("frameworks", "validate", LIBRARY_DIR / "peel-2018.yaml", bad),
        "syntax": ("frameworks", "validate", folder / "syntax.yaml"),
        "not utf-8": ("frameworks", "validate", folder / "latin1.yaml"),
        "missing": ("frameworks", "validate", folder / "missing.yaml"),
        "no file": ("frameworks", "validate"),
    }
    return dict(zip(commands, plain_cli.batch(list(commands.values())), strict=True))


def test_show_yaml_of_every_framework_validates_back_to_the_same_content(validated) -> None:
    result = validated["exported"]
    assert result.returncode == 0, result
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == len(FRAMEWORK_IDS)
    for framework_id, line in zip(FRAMEWORK_IDS, lines, strict=True):
        spec = library()[framework_id]
        areas = sum(1 for _ in spec.walk())
        assert re.fullmatch(
            rf"ok: \S+/{framework_id}\.yaml \({framework_id}, {areas} areas, hash {spec.content_hash[:12]}\)",
            line,
        ), line


def test_validate_says_ok_for_a_library_file(validated) -> None:
    result = validated["library"]
    assert result.returncode == 0, result
    assert result.stdout.startswith(f"ok: {LIBRARY_DIR / 'peel-2021.yaml'} (peel-2021, ")
    assert result.stderr == ""


def test_validate_reports_every_problem_at_once_each_located(validated) -> None:
    result = validated["malformed"]
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    found = []
    for line in result.error_lines:
        match = ERROR_LINE.match(line)
        assert match, f"not a located error line: {line!r}"
        assert match["file"].endswith("/bad.yaml")
        found.append((int(match["line"]), match["path"], match["message"]))
    assert found == [
        (1, "id", "'Not_An_Id' is not a valid id (lower-case letters, digits, '.' and '-')"),
        (1, "title", "required key is missing"),
        (4, "colour", "unknown key"),
        (18, "areas[0].scale", "refers to unknown scale 'no-such-scale' (known: grade)"),
        (19, "areas[1].id", "duplicate area id 'first' (first used at areas[0])"),
        (
            24,
            "rules[0].check",
            "unknown check 'no-such-check' (known: capped-at-weakest, forbids-finding, requires-direction, "
            "requires-finding, requires-recommendation)",
        ),
    ]


def test_validate_checks_every_file_given_and_fails_if_any_is_bad(validated) -> None:
    result = validated["good and bad"]
    assert result.returncode == 1, result
    assert result.stdout.startswith(f"ok: {LIBRARY_DIR / 'peel-2018.yaml'} (peel-2018, ")
    assert len(result.error_lines) == 6
    assert all(ERROR_LINE.match(line) for line in result.error_lines)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("syntax", r"error: \S+/syntax\.yaml:3: not valid YAML: .+"),
        ("not utf-8", r"error: \S+/latin1\.yaml: not UTF-8 text \(.+\)"),
        ("missing", r"error: \S+/missing\.yaml: cannot be read \(No such file or directory\)"),
    ],
)
def test_validate_of_an_unreadable_file_is_one_clear_line(validated, case: str, expected: str) -> None:
    result = validated[case]
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert len(result.error_lines) == 1, result
    assert re.fullmatch(expected, result.error_lines[0]), result


def test_validate_without_a_file_is_a_usage_error(validated) -> None:
    result = validated["no file"]
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert "Missing argument 'FILE...'" in result.stderr


@pytest.fixture(scope="module")
def imported(cli, demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`frameworks import` into the demo workspace, in this order."""
    folder = tmp_path_factory.mktemp("import")
    original = (LIBRARY_DIR / "peel-2021.yaml").read_text(encoding="utf-8")
    reworded = original.replace('title: "PEEL 2021/22"', 'title: "PEEL 2021/22 (reworded)"', 1)
    assert reworded != original
    (folder / "peel-2021.yaml").write_text(reworded, encoding="utf-8")
    copy = (LIBRARY_DIR / "peel-2018.yaml").read_text(encoding="utf-8")
    (folder / "copy.yaml").write_text(copy.replace("id: peel-2018\n", "id: peel-2018-copy\n", 1))
    bad = folder / "bad.yaml"
    bad.write_text(MALFORMED, encoding="utf-8")
    commands = {
        "reworded": (folder / "peel-2021.yaml",),
        "shipped": (LIBRARY_DIR / "peel-2021.yaml",),
        "new id": (folder / "copy.yaml",),
        "new id again": (folder / "copy.yaml",),
        "invalid": (bad,),
    }
    results = cli.batch(
        [("frameworks", "import", *f, "--workspace", demo_workspace) for f in commands.values()]
    )
    return dict(zip(commands, results, strict=True))


@pytest.mark.django_db
def test_import_refuses_new_content_under_an_id_the_demo_inspections_use(imported, one_error_line) -> None:
    result = imported["reworded"]
    one_error_line(result, "framework 'peel-2021' is used by", "a new wording needs a new framework id")
    assert result.stdout == ""


@pytest.mark.django_db
def test_import_of_the_shipped_content_is_unchanged(imported) -> None:
    result = imported["shipped"]
    assert result.returncode == 0, result
    assert result.stdout.startswith("unchanged: peel-2021 (hash ")


@pytest.mark.django_db
def test_import_of_a_new_id_adds_it_and_a_second_import_changes_nothing(
    imported, cli, demo_workspace: Path
) -> None:
    first = imported["new id"]
    assert first.returncode == 0, first
    assert first.stdout.startswith("added: peel-2018-copy (hash ")
    again = imported["new id again"]
    assert again.returncode == 0, again
    assert again.stdout.startswith("unchanged: peel-2018-copy ")
    stored = cli.query(demo_workspace, "SELECT id FROM registry_frameworkversion WHERE id = 'peel-2018-copy'")
    assert stored == [("peel-2018-copy",)]


@pytest.mark.django_db
def test_import_of_an_invalid_file_reports_its_problems_and_stores_nothing(imported) -> None:
    result = imported["invalid"]
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert len(result.error_lines) == 6
    assert all(ERROR_LINE.match(line) for line in result.error_lines)
