"""Typed documents: the data behind every page, its JSON twin and its CSV rows.

A page's document is frozen and typed; its JSON twin is the document as JSON, and its CSV twin is
the document's rows, each a flat record. The CLI's ``--json`` prints the same documents. Field
descriptions are the attributes' docstrings, which docs/pages.md lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict


class Document(BaseModel):
    """A frozen, typed record that a page, its twins or the CLI print."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class Row(Document):
    """One line of a CSV twin: every field a scalar, or a list of strings joined by ';'."""


class PageDocument(Document):
    """Everything one page shows. ``ROW`` is the type of its CSV rows, which ``csv_rows`` gives."""

    ROW: ClassVar[type[Row]]

    def csv_rows(self) -> Sequence[Row]:
        raise NotImplementedError(f"{type(self).__name__} names no CSV rows")
