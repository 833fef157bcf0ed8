"""The responses' forms: the response itself, and its statement on one finding. They only parse what
was typed; the rules are the service's (services.py), whose refusals come back in the field they name."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms

from inspectorate.web.pages.forms import DateInputField, date_input, set_choices
from inspectorate.web.responses.models import Stance
from inspectorate.web.responses.services import ADDRESS_MAX, STATEMENT_MAX, SUMMARY_MAX


def _helper(layout: list[Any], submit: str, form_id: str) -> FormHelper:
    helper = FormHelper()
    helper.form_id = form_id
    helper.layout = Layout(*layout, Submit("save", submit))
    return helper


class ResponseForm(forms.Form):
    published_on = DateInputField(label="Date published", subject="The date published", required=True)
    address = forms.CharField(
        max_length=ADDRESS_MAX,
        label="Web address",
        help_text="Where the body published its response, starting https://",
        error_messages={"required": "Enter the web address"},
    )
    summary = forms.CharField(
        max_length=SUMMARY_MAX,
        label="Summary",
        help_text="What the response says, in your own words: do not copy its sentences.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter a summary"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            [
                date_input("published_on"),
                Field.text("address", field_width=Fluid.FULL),
                Field.textarea("summary"),
            ],
            "Save the response",
            "response-form",
        )


class StatementForm(forms.Form):
    finding = forms.ChoiceField(label="Finding", error_messages={"required": "Select a finding"})
    stance = forms.ChoiceField(
        choices=Stance.choices,
        widget=forms.RadioSelect,
        label="The body's stance",
        error_messages={"required": "Select the body's stance"},
    )
    statement = forms.CharField(
        max_length=STATEMENT_MAX,
        label="What the response says of it",
        help_text="In summary, in your own words.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the response says of it"},
    )

    def __init__(self, *args: Any, findings: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "finding", findings)
        self.helper = _helper(
            [Field.select("finding"), Field.radios("stance", legend_size="s"), Field.textarea("statement")],
            "Save the statement",
            "statement-form",
        )
