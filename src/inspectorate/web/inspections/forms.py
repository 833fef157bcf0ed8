"""Forms whose choices come from the inspection's framework."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from inspectorate.core.frameworks.spec import Framework
from inspectorate.web.inspections.models import EvidenceKind, Finding, Inspection
from inspectorate.web.pages.forms import set_choices

INDENT = "\u00a0\u00a0"


def area_choices(spec: Framework) -> list[tuple[str, str]]:
    """Areas in tree order, indented by depth, so a long framework stays readable in a form."""
    choices = []
    for place in spec.walk():
        code = f"{place.area.code} " if place.area.code else ""
        choices.append((place.area.id, f"{INDENT * place.depth}{code}{place.area.title}"))
    return choices


def revision_field() -> forms.IntegerField:
    """The revision the record had when the form was opened, sent back with the save (recording.py
    refuses a save from an older one, so that nobody overwrites a change they have not seen)."""
    missing = "the form came without the revision it was opened at: reload the page and save again"
    return forms.IntegerField(min_value=0, widget=forms.HiddenInput, error_messages={"required": missing})


class GdsForm(forms.Form):
    """A form shown with GOV.UK's error summary, which lists the visible fields' errors and the
    form's own: a hidden field's error (the revision the form was opened at) becomes the form's own."""

    def full_clean(self) -> None:
        super().full_clean()
        errors = self.errors
        for name, field in self.fields.items():
            if field.widget.is_hidden and name in errors:
                for error in errors.pop(name):
                    self.add_error(None, error)


def gds_helper(form: forms.Form, layout: list[Field], submit: str, form_id: str) -> FormHelper:
    """A GOV.UK layout of the fields the form still has (a framework may drop some), its hidden
    fields first, then its button."""
    hidden = [Field(name) for name, f in form.fields.items() if f.widget.is_hidden]
    shown = [item for item in layout if item.fields[0] in form.fields]
    helper = FormHelper()
    helper.form_id = form_id
    helper.layout = Layout(*hidden, *shown, Submit("save", submit))
    return helper


class JudgmentForm(GdsForm):
    revision = revision_field()
    grade = forms.ChoiceField(required=False)
    direction = forms.ChoiceField(required=False, label="Direction of travel")
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, spec: Framework, area_id: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = spec.area(area_id)
        blank = [("", "— not graded yet —")]
        if area.scale:
            set_choices(self, "grade", blank + [(lv.id, lv.label) for lv in spec.scale(area.scale).levels])
        else:
            del self.fields["grade"]
        if area.direction_scale:
            levels = spec.scale(area.direction_scale).levels
            set_choices(self, "direction", blank + [(lv.id, lv.label) for lv in levels])
        else:
            del self.fields["direction"]
        self.helper = gds_helper(
            self,
            [Field.select("grade"), Field.select("direction"), Field.textarea("summary", rows=3)],
            "Save judgment",
            "judgment-form",
        )


class FindingForm(GdsForm):
    """``editing``: the form edits a finding (and carries its revision) rather than adding one."""

    revision = revision_field()
    kind = forms.ChoiceField()
    areas = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Note for the team",
        help_text="Never published.",
    )
    parent = forms.ChoiceField(required=False, label="Cause of concern (for a recommendation)")

    def __init__(self, *args: Any, inspection: Inspection, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["revision"]
        spec = inspection.spec
        set_choices(self, "kind", [(k.value, k.label) for k in spec.finding_kinds])
        set_choices(self, "areas", area_choices(spec))
        causes = inspection.findings.filter(kind="cause-of-concern")
        set_choices(self, "parent", [("", "None")] + [(str(c.code), c.text[:80]) for c in causes])
        self.helper = gds_helper(
            self,
            [
                Field.select("kind"),
                Field.checkboxes("areas", small=True),
                Field.textarea("text", rows=4),
                Field.textarea("note", rows=2),
                Field.select("parent"),
            ],
            "Save finding",
            "finding-form",
        )

    def parent_finding(self, inspection: Inspection) -> Finding | None:
        code = self.cleaned_data.get("parent")
        return inspection.findings.filter(code=code).first() if code else None


class EvidenceForm(GdsForm):
    """``editing``: the form edits an item (and carries its revision) rather than adding one."""

    revision = revision_field()
    kind = forms.ChoiceField(choices=EvidenceKind.choices)
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    areas = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    # A browser's date input reads and sends ISO dates only: in any other format the stored date
    # would show as empty and be erased by the next save.
    collected_on = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_label = forms.CharField(required=False, max_length=60, label="Date as stated (if not a day)")
    attributed_to = forms.CharField(required=False, max_length=200)

    def __init__(self, *args: Any, inspection: Inspection, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["revision"]
        set_choices(self, "areas", area_choices(inspection.spec))
        self.helper = gds_helper(
            self,
            [
                Field.select("kind"),
                Field.text("title"),
                Field.textarea("description", rows=4),
                Field.checkboxes("areas", small=True),
                Field.text("collected_on", field_width=10),
                Field.text("date_label", field_width=20),
                Field.text("attributed_to"),
            ],
            "Save evidence",
            "evidence-form",
        )
