"""Forms of the case-file review pages: a new review, one case's answers, an answer sheet.

The questions of a case are not Django fields: the template decides them, and ``read_answers`` is the
one judge of what an answer may be, so the case form only collects the raw answers and the revision.
Percentages are typed as the reports print them (10 for ten percent) and stored as proportions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import QueryDict

from inspectorate.core.casereview.spec import QuestionType, Template
from inspectorate.core.data.schema import OFFENCE_GROUPS
from inspectorate.core.data.store import Dataset
from inspectorate.core.sheets.limits import MAX_FILE_BYTES, upload_problem
from inspectorate.web.pages.forms import set_choices

# A template of a few hundred questions, or a list of a few thousand cases, is well under 1 MB.
UPLOAD_MAX_BYTES = MAX_FILE_BYTES
LIBRARY, FILE, DATASET = "library", "file", "dataset"


def _checked_upload(upload: Any, what: str, suffixes: tuple[str, ...]) -> Any:
    """By name and size first: the file is not read until both pass."""
    if upload is None:
        return None
    if not upload.name.lower().endswith(suffixes):
        raise forms.ValidationError(f"{upload.name}: {what} is a {' or '.join(suffixes)} file")
    if upload.size > UPLOAD_MAX_BYTES:
        size = upload.size / (1024 * 1024)
        raise forms.ValidationError(f"{upload.name} is {size:.1f} MB: {what} may be at most 5 MB")
    # A workbook's listing is read too: it must not unpack far beyond its size.
    problem = upload_problem(upload.read(), upload.name)
    upload.seek(0)
    if problem is not None:
        raise forms.ValidationError(problem)
    return upload


class NewReviewForm(forms.Form):
    template_from = forms.ChoiceField(
        label="Template",
        choices=[(LIBRARY, "A template shipped with Inspectorate"), (FILE, "A template file")],
        initial=LIBRARY,
        widget=forms.RadioSelect,
    )
    template = forms.ChoiceField(label="Shipped template", required=False)
    template_file = forms.FileField(
        label="Template file",
        required=False,
        help_text="An XLSForm workbook (.xlsx) or its YAML form (.yaml).",
    )
    cases_from = forms.ChoiceField(
        label="Cases",
        choices=[(DATASET, "Draw them from a data return"), (FILE, "A list of case files")],
        initial=DATASET,
        widget=forms.RadioSelect,
    )
    dataset = forms.ChoiceField(required=False, help_text="The force's data return to draw crimes from.")
    count = forms.IntegerField(
        label="Number of cases", min_value=1, max_value=5000, initial=60, required=False
    )
    start = forms.DateField(
        label="Recorded from", required=False, widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label="Recorded to", required=False, widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    offence_groups = forms.MultipleChoiceField(
        label="Only these offence groups",
        choices=[(group, group.replace("-", " ").capitalize()) for group in OFFENCE_GROUPS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every offence group.",
    )
    # Blank by default: a seed anyone could guess would tell which cases are to be reviewed.
    seed = forms.IntegerField(
        required=False,
        min_value=0,
        widget=forms.NumberInput({"placeholder": "random"}),
        help_text="Blank: a random seed, stored and shown.",
    )
    case_file = forms.FileField(
        label="Case list",
        required=False,
        help_text="A .csv or .xlsx: a case_ref column, and any of crime_id, offence, reported_on, summary.",
    )
    second_share = forms.FloatField(
        label="Second review (% of cases)",
        min_value=0,
        max_value=100,
        initial=10,
        widget=forms.NumberInput({"step": "any"}),
        help_text="A random share of the cases, reviewed again by someone else to measure agreement.",
    )
    reference = forms.CharField(max_length=80, required=False)

    def __init__(
        self, *args: Any, templates: Mapping[str, Template], datasets: list[Dataset], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self, "template", [(key, f"{template.title} ({key})") for key, template in templates.items()]
        )
        set_choices(
            self, "dataset", [(d.name, f"{d.name} (synthetic)" if d.synthetic else d.name) for d in datasets]
        )
        if not datasets:
            self.fields["cases_from"].initial = FILE
        if not templates:
            self.fields["template_from"].initial = FILE

    def clean_template_file(self) -> Any:
        return _checked_upload(
            self.cleaned_data.get("template_file"), "a template", (".xlsx", ".yaml", ".yml")
        )

    def clean_case_file(self) -> Any:
        return _checked_upload(self.cleaned_data.get("case_file"), "a case list", (".csv", ".xlsx"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("template_from") == LIBRARY and not data.get("template"):
            self.add_error("template", "Choose a template, or send a template file.")
        if (
            data.get("template_from") == FILE
            and not data.get("template_file")
            and "template_file" not in self.errors
        ):
            self.add_error("template_file", "Choose the template file to send.")
        if data.get("cases_from") == DATASET:
            if not data.get("dataset"):
                self.add_error("dataset", "Choose the data return to draw the cases from.")
            if not data.get("count"):
                self.add_error("count", "Say how many cases to draw.")
            start, end = data.get("start"), data.get("end")
            if start and end and start > end:
                self.add_error("end", "The period ends before it starts.")
        if data.get("cases_from") == FILE and not data.get("case_file") and "case_file" not in self.errors:
            self.add_error("case_file", "Choose the case list to send.")
        return data


class CaseAnswersForm(forms.Form):
    """The revision the reviewer saw (to refuse a stale save) and which button was pressed; the
    answers themselves are read from the request by ``answers``."""

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[("draft", "Save draft"), ("complete", "Save as complete")])

    @staticmethod
    def answers(template: Template, data: QueryDict) -> dict[str, str]:
        """Every answer sent, as text: a multiple choice's picks joined by spaces, as XLSForm stores them."""
        answers: dict[str, str] = {}
        for question in template.questions:
            if not question.answerable:
                continue
            if question.type is QuestionType.SELECT_MULTIPLE:
                value = " ".join(data.getlist(question.name))
            else:
                value = data.get(question.name, "")
            if value.strip():
                # Browsers send a textarea's line breaks as CRLF; the answer sheet keeps LF.
                answers[question.name] = value.replace("\r\n", "\n")
        return answers

    def complete(self) -> bool:
        return bool(self.cleaned_data["action"] == "complete")


class AnswerSheetUploadForm(forms.Form):
    sheet = forms.FileField(
        label="Answer sheet", help_text="The review's answer sheet, filled in: .csv or .xlsx, at most 5 MB."
    )

    def clean_sheet(self) -> Any:
        return _checked_upload(self.cleaned_data.get("sheet"), "an answer sheet", (".csv", ".xlsx"))
