"""The liaison's comment and the team's answer, as GOV.UK forms."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError

from inspectorate.web.factcheck.models import Decision, TargetKind
from inspectorate.web.factcheck.targets import Target
from inspectorate.web.pages.forms import set_choices


class CommentForm(forms.Form):
    on = forms.ChoiceField(
        label="What your comment is on",
        help_text="A paragraph, finding, judgment or figure of the draft report, or the report as a whole.",
        error_messages={"required": "Choose what your comment is on"},
    )
    text = forms.CharField(
        label="Your comment",
        help_text="What is not accurate, and what it should say. The team answers each comment.",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter your comment"},
    )

    def __init__(self, *args: Any, targets: Sequence[Target], action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "on", [(t.reference, t.label) for t in targets])
        if not any(t.kind == TargetKind.FIGURE for t in targets):
            self.fields["on"].help_text = (
                "A paragraph, finding or judgment of the draft report, or the report as a whole."
                " The draft has no figures yet: there is none to comment on."
            )
        self.fields["on"].error_messages["invalid_choice"] = (
            "Choose a part of the draft report as it stands now"
        )
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = "comment"
        self.helper.layout = Layout(
            Field.select("on"), Field.textarea("text", rows=5), Submit("send", "Send the comment")
        )

    def clean_text(self) -> str:
        text = str(self.cleaned_data["text"]).strip()
        if not text:
            raise ValidationError("Enter your comment")
        return text


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label="Answer",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the comment is accepted"},
    )
    amendment = forms.CharField(
        label="The amendment made (if accepted)",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    reason = forms.CharField(
        label="The reason (if not accepted)",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )

    def __init__(self, *args: Any, action: str, key: str = "", **kwargs: Any) -> None:
        # Several answer forms on the log's page, one per comment: ``key`` keeps their ids apart.
        form_id = f"answer-{key}" if key else "answer"
        kwargs["auto_id"] = f"{form_id}-%s"
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = form_id
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.SMALL, inline=True),
            Field.textarea("amendment", rows=3),
            Field.textarea("reason", rows=3),
            Submit("answer", "Answer the comment"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision == Decision.ACCEPTED and not str(data.get("amendment", "")).strip():
            self.add_error("amendment", "Say what was amended, as the comment was accepted")
        if decision == Decision.NOT_ACCEPTED and not str(data.get("reason", "")).strip():
            self.add_error("reason", "Give the reason the comment is not accepted")
        return data
