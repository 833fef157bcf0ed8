"""The monitoring forms: a placement in a stage beyond Scan, and the exit from it."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms

from inspectorate.core.monitoring import DECISION_MAX, ESCALATED_STAGES, REASONS_MAX, SOURCE_MAX
from inspectorate.web.inspections.models import Finding
from inspectorate.web.pages.forms import DateInputField, date_input, set_choices

SOURCE_HINT = "The address of the published letter, report or announcement, starting https://."


def _helper(layout: list[Any], submit: str, form_id: str, action: str) -> FormHelper:
    helper = FormHelper()
    helper.form_id = form_id
    helper.form_action = action
    helper.layout = Layout(*layout, Submit("save", submit))
    return helper


def concern_choices(findings: list[Finding]) -> list[tuple[str, str]]:
    return [
        (str(f.code), f"{f.inspection.reference} · {f.get_kind_display()}: {f.text[:160]}") for f in findings
    ]


class PlaceForm(forms.Form):
    stage = forms.ChoiceField(
        choices=[(s.value, f"{s.label} ({s.level})") for s in ESCALATED_STAGES],
        widget=forms.RadioSelect,
        label="Stage",
        error_messages={"required": "Select the stage"},
    )
    on = DateInputField(label="Date of the decision", subject="The date of the decision", required=True)
    decision = forms.CharField(
        max_length=DECISION_MAX,
        label="Who decided",
        help_text="As published, for example HM Chief Inspector of Constabulary.",
        error_messages={"required": "Enter who decided"},
    )
    reasons = forms.CharField(
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reasons"},
    )
    source = forms.CharField(
        max_length=SOURCE_MAX, required=False, label="Source (optional)", help_text=SOURCE_HINT
    )
    concerns = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Causes of concern it rests on (optional)",
        help_text="The force's causes of concern, recommendations, areas for improvement and main findings.",
    )

    def __init__(self, *args: Any, findings: list[Finding], action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "concerns", concern_choices(findings))
        layout: list[Any] = [
            Field.radios("stage", legend_size="s"),
            date_input("on"),
            Field.text("decision", field_width=Fluid.FULL),
            Field.textarea("reasons", rows=5),
            Field.text("source", field_width=Fluid.FULL),
        ]
        if findings:
            layout.append(Field.checkboxes("concerns", small=True))
        else:
            del self.fields["concerns"]
        self.helper = _helper(layout, "Record the placement", "place-form", action)


class ExitForm(forms.Form):
    on = DateInputField(label="Date of the decision", subject="The date of the decision", required=True)
    decision = forms.CharField(
        max_length=DECISION_MAX, required=False, label="Who decided (optional)", help_text="As published."
    )
    reasons = forms.CharField(
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reasons"},
    )
    source = forms.CharField(
        max_length=SOURCE_MAX, required=False, label="Source (optional)", help_text=SOURCE_HINT
    )

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            [
                date_input("on"),
                Field.text("decision", field_width=Fluid.FULL),
                Field.textarea("reasons", rows=5),
                Field.text("source", field_width=Fluid.FULL),
            ],
            "Record the exit",
            "exit-form",
            action,
        )
