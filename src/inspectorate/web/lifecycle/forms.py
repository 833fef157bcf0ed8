"""The form that moves an inspection on (or back) from its progress page: one per move open to the
reader, each carrying the stage it was opened at, and, for a move back, its reason."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from inspectorate.core.lifecycle import Move, Stage


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(choices=[(s.value, s.label) for s in Stage], widget=forms.HiddenInput)
    # The stage the page was opened at: a move from any other (someone moved it meanwhile) is refused.
    from_status = forms.ChoiceField(choices=[(s.value, s.label) for s in Stage], widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Reason",
        help_text="Why the inspection goes back: the team reads it in the log of moves.",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, move: Move, action: str, **kwargs: Any) -> None:
        # Each move's form on the page has ids of its own.
        kwargs.setdefault("auto_id", f"move-{move.target.value}-%s")
        kwargs.setdefault("initial", {"to_status": move.target.value, "from_status": move.source.value})
        super().__init__(*args, **kwargs)
        self.move = move
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = f"move-{move.target.value}"
        fields: list[Any] = [Field("to_status"), Field("from_status")]
        if move.back:
            self.fields["reason"].label = f"Why it goes back to {move.target.label.lower()}"
            fields.append(Field.textarea("reason", rows=3))
        else:
            del self.fields["reason"]
        # A move back is the lesser choice beside the move forward.
        extra = {"css_class": "govuk-button--secondary"} if move.back else {}
        submit = Submit("move", move.label, css_id=f"move-{move.target.value}-submit", **extra)
        self.helper.layout = Layout(*fields, submit)

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data.get("reason", "")).strip()
        if self.move.back and not reason:
            raise forms.ValidationError(
                f"Enter why the inspection goes back to {self.move.target.label.lower()}"
            )
        return reason
