"""A compiled case-file review template: frozen, typed, and the same whether it came from a
spreadsheet or from YAML (``compile.py`` makes it from either).

A template is what XLSForm calls a form: questions with stable names, in sections, each with its
answer type, skip logic (``relevant``), a check (``constraint``) and whether it must be answered.
Two columns are this platform's own: ``areas`` links a question to the framework areas its
results are evidence for, and the settings' ``framework`` names the framework those areas are in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict

from inspectorate.core.casereview.expressions import Expression, parse

# The answer counted as "met" in "N of M applicable cases", and the one that takes a case out of M.
COUNTED_CHOICE = "yes"
NOT_APPLICABLE_CHOICE = "na"


class QuestionType(StrEnum):
    SELECT_ONE = "select_one"
    SELECT_MULTIPLE = "select_multiple"
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    NOTE = "note"  # text shown to the reviewer; never answered


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Choice(_Frozen):
    name: str
    label: str


class Section(_Frozen):
    name: str
    label: str
    relevant: str = ""


class Question(_Frozen):
    name: str
    type: QuestionType
    label: str
    list_name: str = ""
    hint: str = ""
    section: str = ""
    relevant: str = ""
    constraint: str = ""
    constraint_message: str = ""
    required: bool = False
    required_message: str = ""
    areas: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return self.type is not QuestionType.NOTE


class Template(_Frozen):
    id: str
    version: str
    title: str
    framework: str = ""
    description: str = ""
    sections: tuple[Section, ...] = ()
    questions: tuple[Question, ...]
    choices: dict[str, tuple[Choice, ...]]

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Template:
        # A copy with changes must not carry the hash and parsed expressions cached on the original.
        copy = super().model_copy(update=update, deep=deep)
        for cached in ("sha256", "parsed"):
            copy.__dict__.pop(cached, None)
        return copy

    def document(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @cached_property
    def sha256(self) -> str:
        canonical = json.dumps(self.document(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def question(self, name: str) -> Question:
        for question in self.questions:
            if question.name == name:
                return question
        raise KeyError(name)

    def section(self, name: str) -> Section | None:
        return next((section for section in self.sections if section.name == name), None)

    def choices_of(self, question: Question) -> tuple[Choice, ...]:
        return self.choices.get(question.list_name, ())

    def counts_met(self, question: Question) -> bool:
        """Whether the question's results read as "N of M applicable": a single choice with a yes."""
        return question.type is QuestionType.SELECT_ONE and any(
            choice.name == COUNTED_CHOICE for choice in self.choices_of(question)
        )

    @cached_property
    def parsed(self) -> dict[tuple[str, str], Expression]:
        """Every expression, parsed once, by (question or section name, column)."""
        found: dict[tuple[str, str], Expression] = {}
        for section in self.sections:
            if section.relevant:
                found[(section.name, "relevant")] = parse(section.relevant)
        for question in self.questions:
            for column in ("relevant", "constraint"):
                text = getattr(question, column)
                if text:
                    found[(question.name, column)] = parse(text)
        return found

    def summary(self) -> dict[str, Any]:
        """What lists of templates show: identity, size, and the hash that pins a version."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "framework": self.framework,
            "questions": sum(question.answerable for question in self.questions),
            "sections": len(self.sections),
            "areas": list(self.areas()),
            "sha256": self.sha256,
        }

    def areas(self) -> tuple[str, ...]:
        """The framework areas the questions inform, in the order they are first named."""
        seen: dict[str, None] = {}
        for question in self.questions:
            seen.update(dict.fromkeys(question.areas))
        return tuple(seen)


def template_from_document(document: dict[str, Any]) -> Template:
    """A template stored as JSON (its ``document()``), as it was compiled."""
    return Template.model_validate(document)
