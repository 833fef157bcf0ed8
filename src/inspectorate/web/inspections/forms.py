"""Forms whose choices come from the inspection's framework."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout, Submit
from django import forms

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.spec import Criterion, Framework
from inspectorate.web.inspections.evidence_files import check_size, describe_size, max_bytes
from inspectorate.web.inspections.models import EvidenceKind, Finding, Inspection
from inspectorate.web.inspections.recording import RecordingError
from inspectorate.web.pages.forms import DateInputField, date_input, set_choices

INDENT = "\u00a0\u00a0"


def area_choices(spec: Framework) -> list[tuple[str, str]]:
    """Areas in tree order, indented by depth, so a long framework stays readable in a form."""
    choices = []
    for place in spec.walk():
        code = f"{place.area.code} " if place.area.code else ""
        choices.append((place.area.id, f"{INDENT * place.depth}{code}{place.area.title}"))
    return choices


def criterion_label(spec: Framework, scale_id: str | None, criterion: Criterion) -> str:
    """A criterion as a checkbox reads it: its words, and what kind of criterion it is."""
    notes = []
    if criterion.dominant:
        notes.append("dominant")
    if criterion.grade and scale_id:
        level = spec.scale(scale_id).level(criterion.grade)
        notes.append(f"describes {level.label if level else criterion.grade}")
    return f"{criterion.text} ({'; '.join(notes)})" if notes else criterion.text


def criterion_choices(spec: Framework) -> list[tuple[str, list[tuple[str, str]]]]:
    """The framework's criteria grouped by their area, in the framework's order."""
    groups: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for area, criterion in spec.criteria():
        title = f"{area.code} {area.title}" if area.code else area.title
        groups.setdefault(area.id, (title, []))[1].append(
            (criterion.id, criterion_label(spec, area.scale, criterion))
        )
    return list(groups.values())


def criteria_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        required=False,
        label="Criteria",
        help_text="What the framework judges the area against: mark each one this bears on.",
    )


def finding_choices(inspection: Inspection) -> list[tuple[str, str]]:
    return [
        (str(f.code), f"{FindingKind(f.kind).label}: {f.text[:120]}")
        for f in inspection.findings.order_by("position", "id")
    ]


class CriteriaMixin:
    """A form with the framework's criteria as checkboxes grouped by area (drawn by
    inspections/_criteria_field.html); a framework without criteria has no such field."""

    fields: dict[str, forms.Field]

    criterion_choices: list[tuple[str, list[tuple[str, str]]]] = []

    def set_criteria(self, spec: Framework) -> bool:
        self.criterion_choices = criterion_choices(spec)
        if not self.criterion_choices:
            del self.fields["criteria"]
            return False
        field = self.fields["criteria"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = self.criterion_choices
        return True

    def criterion_groups(self) -> list[dict[str, Any]]:
        """Each area's criteria as boxes with their ids: the first box carries the field's own id,
        which the error summary links to."""
        if "criteria" not in self.fields:
            return []
        assert isinstance(self, forms.Form)
        chosen = {str(value) for value in self["criteria"].value() or ()}
        groups, number = [], 0
        for title, options in self.criterion_choices:
            boxes = []
            for value, label in options:
                number += 1
                box_id = "id_criteria" if number == 1 else f"id_criteria_{number}"
                boxes.append({"id": box_id, "value": value, "label": label, "checked": value in chosen})
            groups.append({"title": title, "boxes": boxes, "open": any(b["checked"] for b in boxes)})
        return groups


CRITERIA_LAYOUT = HTML('{% include "inspections/_criteria_field.html" %}')


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


def gds_helper(
    form: forms.Form, layout: list[Field], submit: str, form_id: str, button: str = "save"
) -> FormHelper:
    """A GOV.UK layout of the fields the form still has (a framework may drop some), its hidden
    fields first, then its button. The criteria's checkboxes are drawn where the layout names
    ``Field("criteria")``, when the form has them."""
    hidden = [Field(name) for name, f in form.fields.items() if f.widget.is_hidden]
    shown: list[Any] = []
    for item in layout:
        name = item.fields[0]
        if name not in form.fields:
            continue
        shown.append(CRITERIA_LAYOUT if name == "criteria" else item)
    helper = FormHelper()
    helper.form_id = form_id
    helper.layout = Layout(*hidden, *shown, Submit(button, submit))
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


class FindingForm(CriteriaMixin, GdsForm):
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
    criteria = criteria_field()

    def __init__(self, *args: Any, inspection: Inspection, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["revision"]
        spec = inspection.spec
        set_choices(self, "kind", [(k.value, k.label) for k in spec.finding_kinds])
        set_choices(self, "areas", area_choices(spec))
        causes = inspection.findings.filter(kind="cause-of-concern")
        set_choices(self, "parent", [("", "None")] + [(str(c.code), c.text[:80]) for c in causes])
        self.set_criteria(spec)
        self.helper = gds_helper(
            self,
            [
                Field.select("kind"),
                Field.checkboxes("areas", small=True),
                Field.textarea("text", rows=4),
                Field.textarea("note", rows=2),
                Field.select("parent"),
                Field("criteria"),
            ],
            "Save finding",
            "finding-form",
        )

    def parent_finding(self, inspection: Inspection) -> Finding | None:
        code = self.cleaned_data.get("parent")
        return inspection.findings.filter(code=code).first() if code else None


class EvidenceForm(CriteriaMixin, GdsForm):
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
    findings = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Findings it supports",
        help_text="A reader goes from a finding to the evidence behind it.",
    )
    criteria = criteria_field()

    def __init__(self, *args: Any, inspection: Inspection, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["revision"]
        set_choices(self, "areas", area_choices(inspection.spec))
        findings = finding_choices(inspection)
        if findings:
            set_choices(self, "findings", findings)
        else:
            del self.fields["findings"]
        self.set_criteria(inspection.spec)
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
                Field.checkboxes("findings", small=True),
                Field("criteria"),
            ],
            "Save evidence",
            "evidence-form",
        )


class EvidenceFileForm(GdsForm):
    """A file to keep with a piece of evidence, and the date it speaks for."""

    file = forms.FileField(label="File", allow_empty_file=True)
    effective_on = DateInputField(
        label="Date the file speaks for (optional)",
        subject="The date the file speaks for",
        help_text="The date of the document or the data, where it has one. For example, 27 3 2022",
    )

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = (
            f"Any kind of file, at most {describe_size(max_bytes())}. It is kept once, under its "
            "SHA-256, for the team and staff only: it is never published."
        )
        self.helper = gds_helper(
            self,
            [Field("file"), date_input("effective_on")],
            "Keep this file",
            "evidence-file-form",
            "upload",
        )
        self.helper.form_action = action

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.name or "The file", upload.size or 0)
        except RecordingError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload
