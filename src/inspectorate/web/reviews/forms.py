"""Forms of the case-file review pages: a new review, one case's answers, an answer sheet.

The questions of a case are not Django fields: the template decides them, and ``read_answers`` is the
one judge of what an answer may be, so the case form only collects the raw answers and the revision.
Percentages are typed as the reports print them (10 for ten percent) and stored as proportions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Div, Field, Fieldset, Layout, Size
from django import forms
from django.http import QueryDict
from django.utils.html import format_html

from inspectorate.core.casereview.spec import QuestionType, Template
from inspectorate.core.data.schema import OFFENCE_GROUPS
from inspectorate.core.data.store import Dataset
from inspectorate.core.sheets.limits import MAX_FILE_BYTES, upload_problem
from inspectorate.web.fieldwork.forms import DateInputField, date_input, gds_inputs
from inspectorate.web.pages.forms import set_choices

# A template of a few hundred questions, or a list of a few thousand cases, is well under 1 MB.
UPLOAD_MAX_BYTES = MAX_FILE_BYTES
LIBRARY, FILE, DATASET = "library", "file", "dataset"
TEMPLATE_CHOICES = {LIBRARY: "A template shipped with Inspectorate", FILE: "A template file"}
CASE_CHOICES = {DATASET: "Draw them from a data return", FILE: "A list of case files"}


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
        label="Where the questionnaire comes from",
        choices=list(TEMPLATE_CHOICES.items()),
        initial=LIBRARY,
        widget=forms.RadioSelect,
    )
    template = forms.ChoiceField(label="Shipped template", required=False)
    template_file = forms.FileField(
        label="Template file",
        required=False,
        help_text="An XLSForm workbook (.xlsx) or its YAML form (.yaml), whose framework is the "
        "inspection's; every problem is listed with its sheet, row and column.",
    )
    cases_from = forms.ChoiceField(
        label="Where the cases come from",
        choices=list(CASE_CHOICES.items()),
        initial=DATASET,
        widget=forms.RadioSelect,
    )
    dataset = forms.ChoiceField(required=False, help_text="The force's data return to draw crimes from.")
    count = forms.IntegerField(
        label="Number of cases", min_value=1, max_value=5000, initial=60, required=False
    )
    start = DateInputField(label="First day recorded")
    end = DateInputField(label="Last day recorded")
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
        self,
        *args: Any,
        templates: Mapping[str, Template],
        datasets: list[Dataset],
        framework: str = "",
        force: str = "",
        force_id: str = "",
        **kwargs: Any,
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
        gds_inputs(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self._layout(templates, datasets, framework, force, force_id)

    def _layout(
        self,
        templates: Mapping[str, Template],
        datasets: list[Dataset],
        framework: str,
        force: str,
        force_id: str,
    ) -> Layout:
        """Each way of giving the template and the cases reveals its own fields; where there is no
        shipped template or no data, it says why instead."""
        shipped: Any = (
            Field.select("template")
            if templates
            else HTML(
                format_html(
                    '<p class="govuk-body" id="no-shipped-template">No shipped template is written for the '
                    "<code>{}</code> framework: send a template file instead.</p>",
                    framework,
                )
            )
        )
        drawn: list[Any] = (
            [
                Field.select("dataset"),
                Div(Field.text("count"), Field.text("seed"), css_class="app-inline-fields"),
                HTML(
                    '<p class="govuk-hint">A seeded simple random sample of the crimes recorded in the '
                    "period (blank: the six months to the dataset's last month).</p>"
                ),
                Div(date_input("start"), date_input("end"), css_class="app-inline-fields"),
                Div(
                    Field.checkboxes("offence_groups", legend_size=Size.SMALL, small=True),
                    css_class="app-columns-3",
                ),
            ]
            if datasets
            else [
                HTML(
                    format_html(
                        '<p class="govuk-body" id="no-data">No data has been loaded for {}, so no case '
                        "can be drawn: someone with access to the server loads a data return with "
                        "<code>inspectorate data load FILE --force {}</code>, or send a list of case "
                        "files.</p>",
                        force,
                        force_id,
                    )
                )
            ]
        )
        # Each way's fields follow the radios, all shown: GOV.UK's conditional reveal marks the radios
        # aria-expanded, which ARIA does not allow on a radio (axe's aria-allowed-attr).
        return Layout(
            Fieldset(
                Field.radios("template_from", legend_size=Size.SMALL),
                shipped,
                Field("template_file"),
                legend="Questionnaire",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("cases_from", legend_size=Size.SMALL),
                HTML('<h3 class="govuk-heading-s">Drawn from a data return</h3>'),
                *drawn,
                HTML('<h3 class="govuk-heading-s">From a list of case files</h3>'),
                Field("case_file"),
                legend="Cases",
                legend_size=Size.MEDIUM,
            ),
            Field.text("second_share"),
            Field.text("reference", field_width=20),
        )

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
        label="Filled-in answer sheet",
        help_text="The review's answer sheet, filled in: .csv or .xlsx, at most 5 MB. Blank rows leave "
        "stored answers as they are; a file with any problem imports nothing.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("sheet"))

    def clean_sheet(self) -> Any:
        return _checked_upload(self.cleaned_data.get("sheet"), "an answer sheet", (".csv", ".xlsx"))
