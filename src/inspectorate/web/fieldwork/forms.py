"""What the forms of every kind of fieldwork share: GOV.UK Design System inputs for the widgets that
crispy-forms-gds does not dress itself (numbers). Their dates are the site's GOV.UK date input, from
web/pages/forms.py."""

from __future__ import annotations

from django import forms

from inspectorate.web.pages.forms import DATE_HINT, DateInputField, DateInputWidget, date_input

__all__ = ["DATE_HINT", "DateInputField", "DateInputWidget", "date_input", "gds_inputs"]

# Widgets crispy-forms-gds leaves without the Design System's input class.
_PLAIN = (forms.NumberInput,)


def gds_inputs(form: forms.Form, width: int = 10) -> None:
    """Give number inputs the Design System's input class, at a width fit for their values."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, _PLAIN) and "govuk-input" not in widget.attrs.get("class", ""):
            widget.attrs["class"] = f"govuk-input govuk-input--width-{width}"
