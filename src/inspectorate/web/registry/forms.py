"""The most-similar-group table, filled in by a person as a new version."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms

from inspectorate.web.pages.forms import DateInputField, date_input


class PeerGroupForm(forms.Form):
    label = forms.CharField(
        label="Name of this version",
        max_length=120,
        help_text="For example, MSG 2024.",
        error_messages={"required": "Enter a name for this version"},
    )
    source = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Where these groups come from: the published list and where to find it.",
        error_messages={"required": "Enter where these groups come from"},
    )
    source_date = DateInputField(
        label="Date of the source (optional)",
        subject="The date of the source",
        help_text="For example, 1 4 2024. Leave it blank if unknown.",
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    table = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
        help_text="One row per force: the force id, a comma, then up to seven peer ids separated by "
        "semicolons, closest first. The first row is the header force,peers.",
        error_messages={"required": "Enter the table, one row per force"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("label", field_width=Fluid.TWO_THIRDS),
            Field.textarea("source", rows=2),
            date_input("source_date"),
            Field.textarea("notes", rows=2),
            Field.textarea("table", rows=24, css_class="app-code-input"),
            Submit("save", "Save as a new version"),
        )
