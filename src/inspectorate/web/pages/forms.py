"""What the feature apps' forms share."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms


def set_choices(form: forms.Form, name: str, choices: Sequence[tuple[str, str]]) -> None:
    """Give a choice field its choices, which come from the data (a framework, a force's datasets)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a choice field")
    field.choices = choices
