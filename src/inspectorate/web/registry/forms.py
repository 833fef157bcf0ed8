"""The most-similar-group table, filled in by a person as a new version."""

from __future__ import annotations

import datetime
from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError


class SourceDateField(DateInputField):  # type: ignore[misc]  # crispy-forms-gds is untyped
    """The day the groups were published, as a GOV.UK date input, whose errors say what to do."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(require_all_fields=False, **kwargs)
        self.error_messages["incomplete"] = "The date of the source must include a day, month and year"
        for part, name in zip(self.fields, ("day", "month", "year"), strict=True):
            part.error_messages["incomplete"] = f"The date of the source must include a {name}"
            for validator in part.validators:
                validator.message = "The date of the source must be a real date, in numbers"

    def compress(self, data_list: Any) -> datetime.date | None:
        try:
            return super().compress(data_list)  # type: ignore[no-any-return]
        except ValidationError:  # 31 February, month 13
            raise ValidationError("The date of the source must be a real date", code="invalid") from None


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
    source_date = SourceDateField(
        label="Date of the source (optional)",
        required=False,
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
            Field("source_date", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.textarea("notes", rows=2),
            Field.textarea("table", rows=24, css_class="app-code-input"),
            Submit("save", "Save as a new version"),
        )
