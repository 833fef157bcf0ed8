"""The follow-up's forms: the force's update, the inspectorate's details, verdict and reopening."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms
from django.contrib.auth.models import User

from inspectorate.core.followup.states import FollowStatus
from inspectorate.core.followup.timescales import Addressee
from inspectorate.core.problems import InputError
from inspectorate.web.followup.services import LINE_MAX, REASONS_MAX, TEXT_MAX, check_file
from inspectorate.web.inspections.evidence_files import describe_size, max_bytes
from inspectorate.web.pages.forms import set_choices


def _helper(layout: list[Any], submit: str, form_id: str, action: str) -> FormHelper:
    helper = FormHelper()
    helper.form_id = form_id
    helper.form_action = action
    helper.layout = Layout(*layout, Submit("save", submit))
    return helper


class UpdateForm(forms.Form):
    """The force's progress: what has been done, a file where there is one, and a move."""

    text = forms.CharField(
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What has been done",
        error_messages={"required": "Enter what has been done"},
    )
    file = forms.FileField(required=False, label="A file that shows it (optional)", allow_empty_file=True)
    status = forms.ChoiceField(required=False, widget=forms.RadioSelect, label="Where it stands now")

    def __init__(self, *args: Any, moves: list[FollowStatus], action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "status", [("", "As it was"), *((m.value, m.label) for m in moves)])
        self.fields["file"].help_text = (
            f"Any kind of file, at most {describe_size(max_bytes())}: read by the inspectorate, the "
            "force and its local policing body, never published."
        )
        self.helper = _helper(
            [Field.textarea("text", rows=5), Field("file"), Field.radios("status", legend_size="s")],
            "Post the update",
            "update-form",
            action,
        )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            try:
                check_file(upload.name or "The file", upload.size or 0)
            except InputError as exc:
                raise forms.ValidationError(str(exc).removeprefix("file: ")) from None
        return upload


class DetailsForm(forms.Form):
    addressee = forms.ChoiceField(
        choices=[(a.value, a.label) for a in Addressee], widget=forms.RadioSelect, label="Addressed to"
    )
    addressee_name = forms.CharField(
        required=False,
        max_length=LINE_MAX,
        label="The body's name (optional)",
        help_text="For example, the Mayor's Office for Policing and Crime, or the College of Policing.",
    )
    timescale = forms.CharField(
        required=False,
        max_length=LINE_MAX,
        label="Timescale (optional)",
        help_text="As the report gives it: a date (by 31 March 2023), a month (by March 2023) or a "
        "period from publication (within six months).",
    )
    owner = forms.ChoiceField(required=False, label="Owner in the force (optional)")
    owner_title = forms.CharField(
        required=False,
        max_length=LINE_MAX,
        label="Owner's post (optional)",
        help_text="For example, Assistant Commissioner, Frontline Policing.",
    )

    def __init__(self, *args: Any, owners: list[User], action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Nobody named")]
        choices += [(u.get_username(), u.get_full_name() or u.get_username()) for u in owners]
        set_choices(self, "owner", choices)
        self.helper = _helper(
            [
                Field.radios("addressee", legend_size="s"),
                Field.text("addressee_name", field_width=Fluid.TWO_THIRDS),
                Field.text("timescale", field_width=Fluid.TWO_THIRDS),
                Field.select("owner"),
                Field.text("owner_title", field_width=Fluid.TWO_THIRDS),
            ],
            "Save the details",
            "details-form",
            action,
        )


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="Verdict",
        error_messages={"required": "Select a verdict"},
    )
    reasons = forms.CharField(
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Reasons",
        error_messages={"required": "Enter the reasons for the verdict"},
    )

    def __init__(self, *args: Any, verdicts: list[FollowStatus], action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "verdict", [(v.value, v.label) for v in verdicts])
        self.helper = _helper(
            [Field.radios("verdict", legend_size="s", inline=True), Field.textarea("reasons", rows=4)],
            "Give the verdict",
            "verdict-form",
            action,
        )


class ReopenForm(forms.Form):
    reasons = forms.CharField(
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why it is reopened",
        error_messages={"required": "Enter why it is reopened"},
    )

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper([Field.textarea("reasons", rows=3)], "Reopen it", "reopen-form", action)
