"""Templates compile from a spreadsheet or YAML to the same thing; a bad one gets every problem at once,
each naming its sheet, row and column."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.casereview.compile import compile_file, compile_workbook
from inspectorate.core.casereview.export import to_xform, to_xlsx, to_yaml
from inspectorate.core.casereview.library import get_template, templates
from inspectorate.core.casereview.sheets import read_xlsx, read_yaml
from inspectorate.core.casereview.spec import QuestionType, template_from_document
from inspectorate.core.problems import ProblemsError

VSA = "peel-2021-victim-service"


def workbook(
    survey: list[list[Any]], choices: list[list[Any]] | None = None, settings: list[list[Any]] | None = None
) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    for name, rows in (("choices", choices), ("settings", settings)):
        if rows is not None:
            other = book.create_sheet(name)
            for row in rows:
                other.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CHOICES = [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"], ["yn", "na", "N/A"]]
SETTINGS = [["form_id", "version", "form_title", "framework"], ["t", "1", "T", "peel-2021"]]
HEADER = ["type", "name", "label", "relevant", "required", "areas"]


def problems_of(content: bytes, name: str = "t.xlsx") -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        compile_workbook(read_xlsx(content, name))
    return [str(problem) for problem in caught.value.problems]


def test_the_shipped_template_compiles_with_its_sections_and_links() -> None:
    template = get_template(VSA)
    assert template.key == f"{VSA}@2021.1" and template.framework == "peel-2021"
    assert [s.name for s in template.sections] == [
        "first_contact", "response", "recording", "allocation", "investigation", "outcome",
    ]  # fmt: skip
    thrive = template.question("thrive_accurate")
    assert thrive.type is QuestionType.SELECT_ONE and thrive.relevant == "${thrive_applied} = 'yes'"
    assert "responding" in template.question("thrive_applied").areas
    assert template.question("repeat_victim").areas == ()  # a fact about the case, not a check
    assert template.section("investigation").relevant == "${investigated_further} = 'yes'"
    assert set(templates()) == {template.key}


@pytest.mark.parametrize("form", ["xlsx", "yaml"])
def test_the_spreadsheet_and_the_yaml_compile_back_to_the_same_template(form: str) -> None:
    template = get_template(VSA)
    if form == "xlsx":
        again = compile_workbook(read_xlsx(to_xlsx(template), "vsa.xlsx"))
    else:
        again = compile_workbook(read_yaml(to_yaml(template), "vsa.yaml"))
    assert again == template and again.sha256 == template.sha256


def test_a_stored_document_gives_the_template_back() -> None:
    template = get_template(VSA)
    assert template_from_document(template.document()) == template


def test_xlsforms_own_compiler_takes_the_template() -> None:
    # pyxform is the reference XLSForm compiler: it refuses what is not XLSForm.
    xform = to_xform(get_template(VSA))
    assert "<h:title>PEEL 2021/22 victim service assessment: case-file review</h:title>" in xform
    assert "relevant=\" /data/first_contact/thrive_applied  = 'yes'\"" in xform
    assert 'version="2021.1"' in xform


def test_a_file_on_disk_compiles_by_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "vsa.xlsx"
    path.write_bytes(to_xlsx(get_template(VSA)))
    assert compile_file(path) == get_template(VSA)
    other = tmp_path / "vsa.txt"
    other.write_text("x")
    with pytest.raises(ProblemsError, match=r"vsa\.txt: a template is an \.xlsx workbook or a \.yaml file"):
        compile_file(other)


def test_every_problem_is_reported_at_once_with_sheet_row_and_column() -> None:
    survey = [
        [*HEADER, "relevent"],
        ["select_one yn", "a", "Was A done?", "", "yes", "responding"],
        ["select_one yn", "a", "Again", "", "", ""],
        ["select_one nope", "b", "B?", "${zzz} = 'yes'", "maybe", "no-such-area"],
        ["select_one yn", "c", "", "${d} = 'yes'", "", ""],
        ["select_one yn", "d", "D?", "${a} = yes", "", ""],
        ["calculate", "e", "E", "", "", ""],
        ["note", "f", "F", "", "yes", ""],
        ["integer", "2g", "G", "", "", ""],
        ["begin group", "grp", "Group", "", "", ""],
    ]
    found = problems_of(workbook(survey, CHOICES, SETTINGS))
    expected = [
        "t.xlsx: survey sheet: unknown column 'relevent' (known: type, name, label, hint, relevant, "
        "constraint, "
        "constraint_message, required, required_message, areas)",
        "t.xlsx:3: survey sheet, column B (name): 'a' is already used (row 2)",
        "t.xlsx:4: survey sheet, column A (type): no choice list 'nope' in the choices sheet",
        "t.xlsx:4: survey sheet, column D (relevant): ${zzz} is not a question before this one",
        "t.xlsx:4: survey sheet, column E (required): 'maybe': write yes or no",
        "t.xlsx:4: survey sheet, column F (areas): 'no-such-area' is not an area of the template's framework",
        "t.xlsx:5: survey sheet, column C (label): the label is empty: say what is asked",
        "t.xlsx:5: survey sheet, column D (relevant): ${d} is not a question before this one",
        "t.xlsx:6: survey sheet, column D (relevant): 'yes' is not understood: write text in "
        "quotes, a question as ${name}",
        "t.xlsx:7: survey sheet, column A (type): type 'calculate' is not supported in review templates",
        "t.xlsx:8: survey sheet, column E (required): a note is shown, never answered: it cannot be required",
        "t.xlsx:9: survey sheet, column B (name): '2g' is not a name: letters, digits and '_', "
        "not starting with a digit",
        "t.xlsx:10: survey sheet, column A (type): group 'grp' is never ended ('end group')",
    ]
    assert found == expected


def test_sheets_and_settings_that_are_missing_or_wrong_are_named() -> None:
    survey = [HEADER, ["select_one yn", "a", "A?", "", "", ""]]
    assert problems_of(workbook(survey)) == [
        "t.xlsx: choices sheet: the choices sheet is missing",
        "t.xlsx: settings sheet: the settings sheet is missing",
        "t.xlsx: survey sheet: has no questions",
        "t.xlsx:2: survey sheet, column A (type): no choice list 'yn' in the choices sheet",
    ]
    settings = [["form_id", "version", "framework"], ["Bad Id", "", "peel-1999"]]
    assert problems_of(workbook(survey, CHOICES, settings)) == [
        "t.xlsx:2: settings sheet, column A (form_id): use lower-case letters, digits, '.' and '-' "
        "(it names the template for good)",
        "t.xlsx:2: settings sheet, column B (version): the template needs a version: reviews "
        "are pinned to it",
        "t.xlsx:2: settings sheet, column C (framework): no framework 'peel-1999' is known",
    ]


def test_choice_lists_are_checked_row_by_row() -> None:
    choices = [
        ["list_name", "name", "label"],
        ["yn", "yes", "Yes"],
        ["yn", "yes", "Again"],
        ["yn", "not sure", "?"],
        ["yn", "", ""],
    ]
    found = problems_of(workbook([HEADER, ["select_one yn", "a", "A?", "", "", ""]], choices, SETTINGS))
    assert found == [
        "t.xlsx:3: choices sheet, column B (name): choice 'yes' is already in list 'yn' (row 2)",
        "t.xlsx:4: choices sheet, column B (name): a choice name has letters, digits, '_', '.' "
        "or '-' and no spaces",
        "t.xlsx:5: choices sheet, column B (name): name is empty",
        "t.xlsx:5: choices sheet, column C (label): label is empty",
    ]


def test_groups_must_open_and_close_in_order() -> None:
    survey = [
        HEADER,
        ["end group", "", "", "", "", ""],
        ["begin group", "g1", "One", "", "", ""],
        ["end group", "", "", "", "", ""],
        ["begin group", "g2", "Two", "", "", ""],
        ["begin group", "g3", "Three", "", "", ""],
        ["text", "t", "T", "", "", ""],
        ["end group", "", "", "", "", ""],
    ]
    assert problems_of(workbook(survey, CHOICES, SETTINGS)) == [
        "t.xlsx:2: survey sheet, column A (type): 'end group' without a 'begin group' before it",
        "t.xlsx:3: survey sheet, column A (type): group 'g1' has no questions",
        "t.xlsx:6: survey sheet, column A (type): groups inside groups are not supported "
        "(group 'g2' is open)",
    ]


def test_yaml_problems_name_the_line_and_key() -> None:
    text = """settings:
  form_id: t
  version: "1"
survey:
  - type: select_one yn
    name: a
    label: A?
  - type: select_one yn
    name: b
    label: yes
    relevant: ${a} = 'yes' and
choices:
  - {list_name: yn, name: yes, label: "Yes"}
"""
    with pytest.raises(ProblemsError) as caught:
        compile_workbook(read_yaml(text, "t.yaml"))
    assert [str(p) for p in caught.value.problems] == [
        "t.yaml:10: survey[1].label: write 'yes' in quotes: without them YAML reads a boolean",
        "t.yaml:11: survey[1].relevant: the expression ends too soon",
        "t.yaml:13: choices[0].name: write 'yes' in quotes: without them YAML reads a boolean",
    ]


def test_a_workbook_that_cannot_be_read_is_one_line() -> None:
    with pytest.raises(ProblemsError, match=r"^bad.xlsx: is not a readable XLSX workbook \("):
        compile_workbook(read_xlsx(b"PK\x03\x04 not really", "bad.xlsx"))
    with pytest.raises(ProblemsError, match=r"^t.yaml:2: not valid YAML"):
        read_yaml("a: [\nb", "t.yaml")


def test_a_changed_copy_has_its_own_hash_and_expressions() -> None:
    template = get_template(VSA)
    assert template.sha256 and template.parsed  # cached on the original
    shown_on_no = {"relevant": "${thrive_applied} = 'no'"}
    question = template.question("thrive_accurate").model_copy(update=shown_on_no)
    questions = tuple(question if q.name == question.name else q for q in template.questions)
    changed = template.model_copy(update={"questions": questions})
    assert changed.sha256 != template.sha256
    assert changed.parsed[("thrive_accurate", "relevant")].source == "${thrive_applied} = 'no'"
