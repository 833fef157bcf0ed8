"""The moderator's form for one graded area: agree with the team's grade, or moderate it to another
level of the area's scale with a reason. One form per area on the page, each with its area's prefix,
so that every field's id is the page's only one."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.urls import reverse

from inspectorate.core.frameworks.spec import Area, Framework
from inspectorate.web.inspections.forms import GdsForm, revision_field
from inspectorate.web.pages.forms import set_choices

AGREE = "agree"


class DecisionForm(GdsForm):
    revision = revision_field()
    decision = forms.ChoiceField(
        widget=forms.RadioSelect, error_messages={"required": "Choose to agree or a grade to moderate to"}
    )
    reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to moderate the grade: the team reads it, and it is kept with the decision.",
    )

    def __init__(
        self, *args: Any, spec: Framework, area: Area, proposed: str, action: str, **kwargs: Any
    ) -> None:
        kwargs["prefix"] = area.id
        super().__init__(*args, **kwargs)
        assert area.scale is not None, "only a graded area is moderated"
        levels = spec.scale(area.scale).levels
        label = next((lv.label for lv in levels if lv.id == proposed), proposed)
        choices = [(AGREE, f"Agree: {label}")]
        choices += [(lv.id, f"Moderate to {lv.label}") for lv in levels if lv.id != proposed]
        set_choices(self, "decision", choices)
        self.fields["decision"].label = f"Your decision on {area.title}"
        self.fields["reason"].label = f"Reason for the decision on {area.title}"
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = f"decide-{area.id}"
        self.helper.layout = Layout(
            Field("revision"),
            Field.radios("decision", legend_size=Size.SMALL, small=True),
            Field.textarea("reason", rows=3),
            Submit("decide", "Record the decision"),
        )

    @property
    def grade(self) -> str | None:
        """The grade moderated to; None to agree."""
        chosen = str(self.cleaned_data["decision"])
        return None if chosen == AGREE else chosen

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision and decision != AGREE and not str(data.get("reason", "")).strip():
            self.add_error("reason", "Enter why you moderate the grade")
        return data


def decide_url(code: object, area_id: str) -> str:
    return reverse("moderation-decide", kwargs={"code": code, "area_id": area_id})
