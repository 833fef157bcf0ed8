"""What the feature apps' forms share: choices from the data, and the Design System's date input (day,
month and year boxes) for every date of the site, never the browser's own date picker, which many
browsers show in the US order under a UK site."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms


def set_choices(form: forms.Form, name: str, choices: Sequence[tuple[str, str]]) -> None:
    """Give a choice field its choices, which come from the data (a framework, a force's datasets)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a choice field")
    field.choices = choices


DATE_HINT = "For example, 27 3 2022"
DATE_PARTS = ("day", "month", "year")
_ERROR = "govuk-input--error"


def _box(part: str) -> forms.TextInput:
    width = 4 if part == "year" else 2
    # "label" is taken out by crispy-forms-gds's template, which writes it as the box's <label>.
    return forms.TextInput(
        {
            "class": f"govuk-input govuk-date-input__input govuk-input--width-{width}",
            "inputmode": "numeric",
            "label": part.capitalize(),
        }
    )


class DateInputWidget(forms.MultiWidget):
    """The Design System's date input: boxes named NAME_day, NAME_month and NAME_year, drawn by
    crispy-forms-gds's template (inside the field's fieldset, with its legend, hint and errors).

    The day box carries the field's own id, so that every error of the field, from the field or from
    the form (an end before the start), links from the error summary to the first box. Only the boxes
    at fault are marked, as the Design System asks; all of them when the date as a whole is wrong.
    """

    template_name = "gds/widgets/date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({part: _box(part) for part in DATE_PARTS}, attrs)
        self.faulty: frozenset[int] = frozenset()

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        field_id = widget["attrs"].get("id")
        if field_id:
            widget["attrs"]["id"] = f"{field_id}_date"
        for index, (part, box) in enumerate(zip(DATE_PARTS, widget["subwidgets"], strict=True)):
            if field_id:
                box["attrs"]["id"] = field_id if index == 0 else f"{field_id}_{part}"
            classes = box["attrs"].get("class", "").split()
            # crispy-forms-gds marks every box when the field has an error: keep the ones at fault.
            if self.faulty and index not in self.faulty and _ERROR in classes:
                classes.remove(_ERROR)
            if index in self.faulty and _ERROR not in classes:
                classes.append(_ERROR)
            box["attrs"]["class"] = " ".join(classes)
        return context


def date_input(name: str) -> Any:
    """A date field in a crispy-forms-gds layout: its legend at the size of a label."""
    return Field(name, context={"legend_size": Size.for_legend(Size.SMALL)})


def _parts(names: Iterable[str]) -> str:
    listed = list(names)
    return "a " + (listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} and {listed[-1]}")


class DateInputField(forms.MultiValueField):
    """A date typed as day, month and year, with the Design System's error messages: "Start of the
    period must include a month", "... must be a real date". Blank in every box is no date (or
    "Enter ..." when one is required); a blank box among typed ones is an error.

    The messages name the date by its label, or by ``subject`` when the label does not start a
    sentence well ("Date of the source (optional)"): subject "The date of the source" gives "The date
    of the source must be a real date" and "Enter the date of the source"."""

    widget = DateInputWidget

    def __init__(
        self,
        *,
        label: str,
        required: bool = False,
        help_text: str = DATE_HINT,
        subject: str | None = None,
        **kwargs: Any,
    ):
        self.subject = subject or label
        named = subject or f"the {label}"
        self.enter = f"Enter {named[:1].lower()}{named[1:]}"
        # The boxes as fields: crispy-forms-gds reads a multi-value field's parts to mark errors.
        boxes = tuple(forms.CharField(required=False) for _ in DATE_PARTS)
        super().__init__(
            boxes, label=label, required=required, help_text=help_text, require_all_fields=False, **kwargs
        )

    def _refuse(self, message: str, faulty: Iterable[int]) -> forms.ValidationError:
        if isinstance(self.widget, DateInputWidget):
            self.widget.faulty = frozenset(faulty)
        return forms.ValidationError(message, code="invalid")

    def clean(self, value: Any) -> datetime.date | None:
        typed = [str(part or "").strip() for part in value] if isinstance(value, list | tuple) else []
        typed = [*typed, "", "", ""][:3]
        if isinstance(self.widget, DateInputWidget):
            self.widget.faulty = frozenset()
        label = self.subject
        if not any(typed):
            if self.required:
                raise self._refuse(self.enter, range(3))
            return None
        missing = [index for index, text in enumerate(typed) if not text]
        if missing:
            names = (DATE_PARTS[index] for index in missing)
            raise self._refuse(f"{label} must include {_parts(names)}", missing)
        day, month, year = typed
        if not all(text.isdigit() for text in typed):
            raise self._refuse(f"{label} must be a real date", range(3))
        if len(year) != 4:
            raise self._refuse(f"{label} must have a year of 4 numbers, for example 2022", [2])
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise self._refuse(f"{label} must be a real date", range(3)) from None

    def compress(self, data_list: list[Any]) -> datetime.date | None:
        # Only for Django's own paths (a disabled field): ``clean`` does the work.
        return self.clean(data_list)
