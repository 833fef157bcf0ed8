"""A compiled template written back out: as an XLSForm workbook, as YAML, or as an ODK XForm.

The workbook and the YAML compile back to the same template (the tests check it), so a template
can move between a spreadsheet and the repository without changing. The XForm is made by pyxform,
XLSForm's own compiler, from the workbook: it proves the template is XLSForm, and lets the review
run in ODK Collect or Enketo, which ignore this platform's ``areas`` column.
"""

from __future__ import annotations

import io
from typing import Any

import yaml

from inspectorate.core.casereview.spec import QuestionType, Template

SURVEY_COLUMNS = (
    "type", "name", "label", "hint", "relevant", "constraint", "constraint_message",
    "required", "required_message", "areas",
)  # fmt: skip
CHOICES_COLUMNS = ("list_name", "name", "label")
SETTINGS_COLUMNS = ("form_id", "version", "form_title", "framework", "description")


def sheets(template: Template) -> dict[str, list[dict[str, Any]]]:
    """The template as XLSForm rows: survey (with its groups), choices and one row of settings."""
    survey: list[dict[str, Any]] = []
    open_section = ""
    for question in template.questions:
        if question.section != open_section:
            if open_section:
                survey.append({"type": "end group"})
            section = template.section(question.section)
            if section is not None:
                survey.append(_compact({"type": "begin group", "name": section.name, "label": section.label,
                                        "relevant": section.relevant}))  # fmt: skip
            open_section = question.section
        kind = question.type.value
        if question.type in (QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE):
            kind = f"{kind} {question.list_name}"
        survey.append(
            _compact(
                {
                    "type": kind,
                    "name": question.name,
                    "label": question.label,
                    "hint": question.hint,
                    "relevant": question.relevant,
                    "constraint": question.constraint,
                    "constraint_message": question.constraint_message,
                    "required": "yes" if question.required else "",
                    "required_message": question.required_message,
                    "areas": list(question.areas),
                }
            )
        )
    if open_section:
        survey.append({"type": "end group"})
    choices = [
        {"list_name": list_name, "name": choice.name, "label": choice.label}
        for list_name, items in template.choices.items()
        for choice in items
    ]
    settings = _compact(
        {
            "form_id": template.id,
            "version": template.version,
            "form_title": template.title,
            "framework": template.framework,
            "description": template.description,
        }
    )
    return {"settings": [settings], "survey": survey, "choices": choices}


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if value not in ("", [], None)}


def to_yaml(template: Template) -> str:
    rows = sheets(template)
    document = {"settings": rows["settings"][0], "survey": rows["survey"], "choices": rows["choices"]}
    header = f"# {template.title} ({template.key}): a case-file review template in the XLSForm layout.\n"
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def to_xlsx(template: Template) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    rows = sheets(template)
    for index, (sheet_name, columns) in enumerate(
        (("survey", SURVEY_COLUMNS), ("choices", CHOICES_COLUMNS), ("settings", SETTINGS_COLUMNS))
    ):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = sheet_name
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows[sheet_name]:
            values = [row.get(column, "") for column in columns]
            sheet.append([" ".join(value) if isinstance(value, list) else value for value in values])
        for cell in sheet[1]:
            sheet.column_dimensions[cell.column_letter].width = 60 if cell.value == "label" else 22
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_xform(template: Template) -> str:
    """The template as ODK XForm XML, compiled by pyxform from its workbook."""
    from pyxform.xls2xform import convert

    return str(convert(to_xlsx(template), file_type=".xlsx", warnings=[]).xform)
