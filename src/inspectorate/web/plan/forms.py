"""The plan's forms: a request, an activity, an answer sent, the team's decision, a withdrawal."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms

from inspectorate.web.inspections.forms import area_choices
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.forms import DateInputField, date_input, set_choices
from inspectorate.web.plan.models import ActivityKind, Decision, RequestKind
from inspectorate.web.plan.services import (
    ANSWER_MAX_BYTES,
    ANSWER_MAX_TEXT,
    DETAIL_MAX,
    NOTE_MAX,
    NOTES_MAX,
    PLACE_MAX,
    REASON_MAX,
    RETURN_SUFFIXES,
    TITLE_MAX,
)


def _helper(layout: list[Any], submit: str, form_id: str, action: str = "") -> FormHelper:
    helper = FormHelper()
    helper.form_id = form_id
    if action:
        helper.form_action = action
    helper.layout = Layout(*layout, Submit("save", submit))
    return helper


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        label="What is asked for",
        error_messages={"required": "Select what is asked for"},
    )
    title = forms.CharField(
        max_length=TITLE_MAX,
        help_text="For example, Crime and incident data return, April 2023 to March 2024.",
        error_messages={"required": "Enter a title"},
    )
    detail = forms.CharField(
        required=False,
        max_length=DETAIL_MAX,
        label="What the force should send (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    due_on = DateInputField(label="Due by", subject="The due date", required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            [
                Field.radios("kind", legend_size="s"),
                Field.text("title", field_width=Fluid.FULL),
                Field.textarea("detail", rows=4),
                date_input("due_on"),
            ],
            "Send the request",
            "request-form",
        )


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(choices=ActivityKind.choices, error_messages={"required": "Select a kind"})
    title = forms.CharField(max_length=TITLE_MAX, error_messages={"required": "Enter a title"})
    on = DateInputField(label="Day", subject="The day", required=True)
    place = forms.CharField(max_length=PLACE_MAX, required=False, label="Place (optional)")
    areas = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Areas it bears on (optional)"
    )
    notes = forms.CharField(
        required=False,
        max_length=NOTES_MAX,
        label="Notes for the team (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen by the team only, never by the force.",
    )

    def __init__(self, *args: Any, inspection: Inspection, submit: str = "Add the activity", **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "areas", area_choices(inspection.spec))
        self.helper = _helper(
            [
                Field.select("kind"),
                Field.text("title", field_width=Fluid.FULL),
                date_input("on"),
                Field.text("place", field_width=Fluid.TWO_THIRDS),
                Field.checkboxes("areas", small=True),
                Field.textarea("notes", rows=3),
            ],
            submit,
            "activity-form",
        )


class AnswerForm(forms.Form):
    """A file sent in answer; for a data return, a CSV or Parquet file loaded as `inspectorate data
    load` loads it, and whether it replaces months already loaded (its --replace)."""

    file = forms.FileField(label="File", error_messages={"required": "Choose a file to send"})
    replace = forms.BooleanField(
        required=False,
        label="It replaces the months already loaded from an earlier return",
    )

    def __init__(self, *args: Any, data_return: bool, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.data_return = data_return
        file = self.fields["file"]
        if data_return:
            file.help_text = (
                "A CSV or Parquet file in the data return's format (see below), at most "
                f"{ANSWER_MAX_TEXT}. A file with any problem is refused whole, with each problem "
                "listed, and nothing of it is kept."
            )
        else:
            del self.fields["replace"]
            file.help_text = f"Any file, at most {ANSWER_MAX_TEXT}."
        layout: list[Any] = [Field("file")]
        if data_return:
            layout.append(Field("replace"))
        self.helper = _helper(layout, "Send the file", "answer-form", action)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > ANSWER_MAX_BYTES:
            raise forms.ValidationError(f"{upload.name} is larger than {ANSWER_MAX_TEXT}: send it in parts")
        if self.data_return and not upload.name.lower().endswith(RETURN_SUFFIXES):
            raise forms.ValidationError(f"{upload.name}: a data return is a .csv or .parquet file")
        return upload


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(Decision.ACCEPTED.value, "Accept it"), (Decision.RETURNED.value, "Return it: ask again")],
        widget=forms.RadioSelect,
        label="The latest answer",
        error_messages={"required": "Select whether to accept or return the answer"},
    )
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Note for the force",
        help_text="Needed to return it: what is still wanted.",
    )

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            [Field.radios("decision", legend_size="s", inline=True), Field.textarea("note", rows=3)],
            "Save the decision",
            "decide-form",
            action,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == Decision.RETURNED and not str(data.get("note", "")).strip():
            self.add_error("note", "Enter a note saying what is still wanted")
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why the request is withdrawn",
        error_messages={"required": "Enter why the request is withdrawn"},
    )

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            [Field.textarea("reason", rows=2)], "Withdraw the request", "withdraw-form", action
        )
