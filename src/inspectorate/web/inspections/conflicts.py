"""What a second writer is shown when someone saved the same record after they opened its form:
the values stored now beside theirs, and who saved them and when. Nothing is lost: their values stay
in the form, which now carries the stored revision, so saving again keeps theirs, and reloading the
page takes the stored ones."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from auditlog.models import LogEntry
from django import forms
from django.forms.utils import pretty_name
from django.http import QueryDict

from inspectorate.web.inspections.models import RevisedRecord

NOTHING = "—"


@dataclass(frozen=True)
class ConflictRow:
    label: str
    stored: str
    yours: str


@dataclass(frozen=True)
class Conflict:
    rows: tuple[ConflictRow, ...]  # the fields whose stored value differs from the writer's
    saved_by: str | None
    saved_at: datetime.datetime | None


def conflict_for(form: forms.Form, stored: RevisedRecord, stored_values: Mapping[str, Any]) -> Conflict:
    """The conflict as the form shows it; ``stored_values`` are the stored record's values as the
    form's initial data (the same that opening the form would fill in). The form is left holding the
    writer's values and the stored revision, so that saving it again is a deliberate choice."""
    rows = []
    for name, field in form.fields.items():
        if name == "revision":
            continue
        stored_text = _shown(field, stored_values.get(name))
        yours_text = _shown(field, form.cleaned_data.get(name))
        if stored_text != yours_text:
            rows.append(ConflictRow(str(field.label or pretty_name(name)), stored_text, yours_text))
    data = cast(QueryDict, form.data).copy()  # the POST the form was bound to
    data["revision"] = str(stored.revision)
    form.data = data
    entry = LogEntry.objects.get_for_object(stored).order_by("-timestamp").first()
    saved_by = str(entry.actor) if entry is not None and entry.actor is not None else None
    saved_at = entry.timestamp if entry is not None else getattr(stored, "updated_at", None)
    return Conflict(tuple(rows), saved_by, saved_at)


def _shown(field: forms.Field, value: Any) -> str:
    """A value as the writer reads it: a choice by its label, a list joined, a date in ISO form."""
    labels = {str(k): str(v).strip() for k, v in getattr(field, "choices", ())}
    values = value if isinstance(value, list | tuple) else [value]
    texts = [labels.get(str(v), str(v)) for v in values if v not in (None, "")]
    return "; ".join(texts) or NOTHING
