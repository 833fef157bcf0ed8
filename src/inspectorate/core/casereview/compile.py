"""Compile a template's sheets into a :class:`Template`, reporting every problem at once.

Each problem names the file, the sheet, the row and the column: ``vsa.xlsx: survey row 7, column D
(relevant): ${thrive} is not a question before this one``. Nothing is compiled while any remains.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspectorate.core.casereview.expressions import NAME_PATTERN, ExpressionError, parse
from inspectorate.core.casereview.sheets import Row, Workbook, read_workbook
from inspectorate.core.casereview.spec import (
    Choice,
    Question,
    QuestionType,
    Section,
    Template,
)
from inspectorate.core.problems import Problem, ProblemsError

# Columns of XLSForm's survey sheet that a review has no use for: accepted, and left out.
IGNORED_SURVEY_COLUMNS = frozenset(
    {"appearance", "default", "read_only", "guidance_hint", "parameters", "choice_filter", "trigger", "note"}
)
IGNORED_PREFIXES = ("label::", "hint::", "guidance_hint::", "media::", "bind::", "body::", "instance::")
SURVEY_COLUMNS = (
    "type", "name", "label", "hint", "relevant", "constraint", "constraint_message",
    "required", "required_message", "areas",
)  # fmt: skip
CHOICES_COLUMNS = ("list_name", "name", "label")
SETTINGS_COLUMNS = ("form_id", "version", "form_title", "framework", "description")
IGNORED_SETTINGS_COLUMNS = frozenset(
    {"default_language", "instance_name", "public_key", "submission_url", "style"}
)
COLUMN_ALIASES = {
    "list name": "list_name",
    "constraint message": "constraint_message",
    "required message": "required_message",
    "title": "form_title",
    "id_string": "form_id",
}

TEMPLATE_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
CHOICE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
YES_WORDS = {"yes", "true", "1", "true()"}
NO_WORDS = {"", "no", "false", "0", "false()"}
SIMPLE_TYPES = {
    "text": QuestionType.TEXT,
    "integer": QuestionType.INTEGER,
    "int": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL,
    "date": QuestionType.DATE,
    "note": QuestionType.NOTE,
}
UNSUPPORTED_TYPES = (
    "begin repeat", "end repeat", "calculate", "geopoint", "geotrace", "geoshape", "image", "audio",
    "video", "file", "barcode", "rank", "range", "time", "datetime", "acknowledge", "hidden",
    "select_one_from_file", "select_multiple_from_file", "start", "end", "today", "deviceid", "username",
)  # fmt: skip

# Given a framework id: its area ids, or None when no such framework is known.
AreaLookup = Callable[[str], "set[str] | None"]


def compile_file(path: Path, areas_of: AreaLookup | None = None) -> Template:
    """A template from an .xlsx or .yaml file; ProblemsError lists everything wrong with it."""
    return compile_workbook(read_workbook(path), areas_of)


def compile_workbook(workbook: Workbook, areas_of: AreaLookup | None = None) -> Template:
    compiler = _Compiler(workbook, areas_of or library_areas)
    template = compiler.run()
    if compiler.problems or template is None:
        raise ProblemsError(compiler.problems)
    return template


def library_areas(framework_id: str) -> set[str] | None:
    """Area ids of a framework in the shipped library."""
    from inspectorate.core.frameworks.library import library

    framework = library().get(framework_id)
    return None if framework is None else {place.area.id for place in framework.walk()}


def _normal(column: str) -> str:
    return COLUMN_ALIASES.get(column, column)


@dataclass
class _Compiler:
    workbook: Workbook
    areas_of: AreaLookup
    problems: list[Problem] = field(default_factory=list)

    def run(self) -> Template | None:
        settings = self._settings()
        choices = self._choices()
        sections, questions = self._survey(choices, settings.get("framework", ""))
        if self.problems:
            return None
        return Template(
            id=settings["form_id"],
            version=settings["version"],
            title=settings.get("form_title") or settings["form_id"],
            framework=settings.get("framework", ""),
            description=settings.get("description", ""),
            sections=tuple(sections),
            questions=tuple(questions),
            choices={name: tuple(items) for name, items in choices.items()},
        )

    # -- sheets -------------------------------------------------------------------------------

    def _rows(self, sheet: str, known: tuple[str, ...], ignored: frozenset[str] = frozenset()) -> list[Row]:
        if not self.workbook.has(sheet):
            self.problems.append(self.workbook.locate_sheet(sheet, f"the {sheet} sheet is missing"))
            return []
        columns = [_normal(column) for column in self.workbook.columns[sheet]]
        for raw, column in zip(self.workbook.columns[sheet], columns, strict=True):
            if column not in known and column not in ignored and not column.startswith(IGNORED_PREFIXES):
                message = f"unknown column {raw!r} (known: {', '.join(known)})"
                self.problems.append(self.workbook.locate_sheet(sheet, message))
        rows = []
        for row in self.workbook.rows.get(sheet, []):
            cells = {_normal(column): value for column, value in row.cells.items()}
            rows.append(Row(row.sheet, row.number, cells, row.locate, row.where))
        return rows

    def _text(self, row: Row, column: str) -> str:
        value = row.cells.get(column)
        if isinstance(value, bool) and column != "required":
            # YAML reads an unquoted yes or no as true or false.
            word = "yes" if value else "no"
            self.problems.append(
                row.problem(column, f"write '{word}' in quotes: without them YAML reads a boolean")
            )
            return word
        return row.text(column)

    def _settings(self) -> dict[str, str]:
        rows = self._rows("settings", SETTINGS_COLUMNS, IGNORED_SETTINGS_COLUMNS)
        if not rows:
            if self.workbook.has("settings"):
                self.problems.append(self.workbook.locate_sheet("settings", "has no row of settings"))
            return {"form_id": "", "version": ""}
        row = rows[0]
        settings = {column: self._text(row, column) for column in SETTINGS_COLUMNS if self._text(row, column)}
        if not settings.get("form_id"):
            self.problems.append(row.problem("form_id", "the template needs an id (form_id)"))
        elif not TEMPLATE_ID.match(settings["form_id"]):
            message = "use lower-case letters, digits, '.' and '-' (it names the template for good)"
            self.problems.append(row.problem("form_id", message))
        if not settings.get("version"):
            self.problems.append(
                row.problem("version", "the template needs a version: reviews are pinned to it")
            )
        framework = settings.get("framework", "")
        if framework and self.areas_of(framework) is None:
            self.problems.append(row.problem("framework", f"no framework {framework!r} is known"))
        settings.setdefault("form_id", "")
        settings.setdefault("version", "")
        return settings

    def _choices(self) -> dict[str, list[Choice]]:
        choices: dict[str, list[Choice]] = {}
        first_row: dict[tuple[str, str], Row] = {}
        for row in self._rows("choices", CHOICES_COLUMNS):
            list_name, name, label = (self._text(row, column) for column in CHOICES_COLUMNS)
            for column, value in (("list_name", list_name), ("name", name), ("label", label)):
                if not value:
                    self.problems.append(row.problem(column, f"{column} is empty"))
            if not (list_name and name):
                continue
            if not CHOICE_NAME.match(name):
                message = "a choice name has letters, digits, '_', '.' or '-' and no spaces"
                self.problems.append(row.problem("name", message))
            key = (list_name, name)
            if key in first_row:
                message = f"choice {name!r} is already in list {list_name!r} ({_where(first_row[key])})"
                self.problems.append(row.problem("name", message))
                continue
            first_row[key] = row
            choices.setdefault(list_name, []).append(Choice(name=name, label=label or name))
        return choices

    def _survey(
        self, choices: dict[str, list[Choice]], framework: str
    ) -> tuple[list[Section], list[Question]]:
        known_areas = self.areas_of(framework) if framework else None
        sections: list[Section] = []
        questions: list[Question] = []
        seen: dict[str, Row] = {}
        group: tuple[Section, Row, int] | None = None  # the open group, its row, questions so far
        for row in self._rows("survey", SURVEY_COLUMNS, IGNORED_SURVEY_COLUMNS):
            kind = " ".join(self._text(row, "type").replace("_", " ").split()).lower()
            name = self._text(row, "name")
            if kind == "end group":
                if group is None:
                    self.problems.append(row.problem("type", "'end group' without a 'begin group' before it"))
                elif group[2] == 0:
                    self.problems.append(
                        group[1].problem("type", f"group {group[0].name!r} has no questions")
                    )
                group = None
                continue
            if not self._name(row, name, seen):
                continue
            label = self._text(row, "label")
            if not label:
                self.problems.append(row.problem("label", "the label is empty: say what is asked"))
            if kind == "begin group":
                if group is not None:
                    message = f"groups inside groups are not supported (group {group[0].name!r} is open)"
                    self.problems.append(row.problem("type", message))
                    continue
                relevant = self._expression(row, "relevant", set(seen) - {name}, allow_current=False)
                section = Section(name=name, label=label or name, relevant=relevant)
                sections.append(section)
                group = (section, row, 0)
                continue
            question = self._question(row, kind, name, label, choices, set(seen) - {name}, known_areas)
            if question is not None:
                if group is not None:
                    question = question.model_copy(update={"section": group[0].name})
                    group = (group[0], group[1], group[2] + 1)
                questions.append(question)
        if group is not None:
            self.problems.append(
                group[1].problem("type", f"group {group[0].name!r} is never ended ('end group')")
            )
        if not questions and self.workbook.has("survey"):
            self.problems.append(self.workbook.locate_sheet("survey", "has no questions"))
        return sections, questions

    def _name(self, row: Row, name: str, seen: dict[str, Row]) -> bool:
        if not name:
            self.problems.append(row.problem("name", "the name is empty: every question needs a stable name"))
            return False
        if not NAME_PATTERN.match(name):
            message = f"{name!r} is not a name: letters, digits and '_', not starting with a digit"
            self.problems.append(row.problem("name", message))
            return False
        if name in seen:
            self.problems.append(row.problem("name", f"{name!r} is already used ({_where(seen[name])})"))
            return False
        seen[name] = row
        return True

    def _question(
        self,
        row: Row,
        kind: str,
        name: str,
        label: str,
        choices: dict[str, list[Choice]],
        earlier: set[str],
        known_areas: set[str] | None,
    ) -> Question | None:
        question_type, list_name = self._type(row, kind, choices)
        relevant = self._expression(row, "relevant", earlier, allow_current=False)
        constraint = self._expression(row, "constraint", earlier, allow_current=True)
        required = self._required(row)
        if required and question_type is QuestionType.NOTE:
            self.problems.append(
                row.problem("required", "a note is shown, never answered: it cannot be required")
            )
        areas = self._areas(row, known_areas)
        if question_type is None:
            return None
        return Question(
            name=name,
            type=question_type,
            label=label or name,
            list_name=list_name,
            hint=self._text(row, "hint"),
            relevant=relevant,
            constraint=constraint,
            constraint_message=self._text(row, "constraint_message"),
            required=required,
            required_message=self._text(row, "required_message"),
            areas=areas,
        )

    def _type(self, row: Row, kind: str, choices: dict[str, list[Choice]]) -> tuple[QuestionType | None, str]:
        if not kind:
            self.problems.append(row.problem("type", "the type is empty"))
            return None, ""
        if kind in SIMPLE_TYPES:
            return SIMPLE_TYPES[kind], ""
        for select, question_type in (
            ("select one", QuestionType.SELECT_ONE),
            ("select multiple", QuestionType.SELECT_MULTIPLE),
        ):
            if kind == select or kind.startswith(select + " "):
                list_name = self._text(row, "type").split()[-1] if kind != select else ""
                if not list_name or list_name.lower().replace("_", " ") == select.split()[-1]:
                    self.problems.append(
                        row.problem("type", f"name the choice list: {select.replace(' ', '_')} LIST")
                    )
                    return None, ""
                if list_name not in choices:
                    self.problems.append(
                        row.problem("type", f"no choice list {list_name!r} in the choices sheet")
                    )
                    return None, ""
                return question_type, list_name
        if kind in (unsupported.replace("_", " ") for unsupported in UNSUPPORTED_TYPES):
            self.problems.append(row.problem("type", f"type {kind!r} is not supported in review templates"))
        else:
            self.problems.append(row.problem("type", f"unknown type {kind!r}"))
        return None, ""

    def _expression(self, row: Row, column: str, earlier: set[str], *, allow_current: bool) -> str:
        text = self._text(row, column)
        if not text:
            return ""
        try:
            expression = parse(text)
        except ExpressionError as exc:
            self.problems.append(row.problem(column, f"{exc}"))
            return ""
        for reference in sorted(expression.references() - earlier):
            self.problems.append(row.problem(column, f"${{{reference}}} is not a question before this one"))
        if expression.uses_current_value() and not allow_current:
            self.problems.append(row.problem(column, "'.' (this question's answer) belongs in a constraint"))
        return text

    def _required(self, row: Row) -> bool:
        value: Any = row.cells.get("required")
        if isinstance(value, bool):
            return value
        text = row.text("required").lower()
        if text in YES_WORDS:
            return True
        if text not in NO_WORDS:
            self.problems.append(row.problem("required", f"{text!r}: write yes or no"))
        return False

    def _areas(self, row: Row, known_areas: set[str] | None) -> tuple[str, ...]:
        areas = tuple(dict.fromkeys(self._text(row, "areas").replace(",", " ").split()))
        if known_areas is not None:
            for area in areas:
                if area not in known_areas:
                    self.problems.append(
                        row.problem("areas", f"{area!r} is not an area of the template's framework")
                    )
        return areas


def _where(row: Row) -> str:
    return row.where or "above"
