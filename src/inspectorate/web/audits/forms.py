"""Forms of the crime data integrity audit pages: a new audit, a decision, a worksheet, the figures.

Percentages are typed as the reports print them (5 for +/- 5 percent) and stored as proportions.
"""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Div, Field, Fieldset, Layout, Size
from django import forms

from inspectorate.core.cdi.compare import published_rate_problem
from inspectorate.core.cdi.design import audit_period, sample_design
from inspectorate.core.cdi.types import QUESTIONS, Answer, Decision, SampleDesign
from inspectorate.core.data.store import Dataset
from inspectorate.core.problems import Problem, ProblemsError
from inspectorate.core.sheets.limits import MAX_FILE_BYTES, upload_problem
from inspectorate.web.audits.models import AnswerChoice, CdiAudit
from inspectorate.web.fieldwork.forms import DateInputField, date_input, gds_inputs
from inspectorate.web.pages.forms import set_choices

# Every incident should or should not have been a crime, and a crime was or was not recorded:
# these two are yes or no (the rules in core/cdi/decisions.py refuse n/a for them).
YES_NO_ONLY = ("should_record", "recorded")
SIZE_GROUPS = (("violence", "Violence against the person"), ("sexual", "Sexual offences"), ("other", "Other"))
# Where core's problems with a new audit's design are shown: beside their field, or above the form.
FIELDS = {"margin": "margin", "expected_rate": "expected_rate", "crime_share": "crime_share", "seed": "seed"}
FIGURE_GROUPS = (
    ("overall", "All crime"),
    ("violence", "Violence"),
    ("sexual", "Sexual offences"),
)


def _percent(label: str, initial: float | None = None, required: bool = True) -> forms.FloatField:
    return forms.FloatField(
        label=label, initial=initial, required=required, widget=forms.NumberInput({"step": "any"})
    )


class NewAuditForm(forms.Form):
    dataset = forms.ChoiceField(help_text="The force's data return to sample.")
    start = DateInputField(label="Start of the period")
    end = DateInputField(label="End of the period")
    # Blank by default: a seed anyone could guess would tell which records are to be audited.
    seed = forms.IntegerField(
        required=False,
        min_value=0,
        widget=forms.NumberInput({"placeholder": "random"}),
        help_text="Blank: a random seed, stored and shown.",
    )
    margin = _percent("Target margin (+/- %)", 5.0)
    expected_rate = _percent("Expected recording rate (%)", 90.0)
    crime_share = _percent("Share of incidents expected to be crimes (%)", 100.0)
    size_violence = forms.IntegerField(label="Violence against the person", required=False, min_value=0)
    size_sexual = forms.IntegerField(label="Sexual offences", required=False, min_value=0)
    size_other = forms.IntegerField(label="Other crime", required=False, min_value=0)
    include_asb = forms.BooleanField(label="Also sample anti-social behaviour incidents", required=False)

    def __init__(self, *args: Any, datasets: list[Dataset], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self, "dataset", [(d.name, f"{d.name} (synthetic)" if d.synthetic else d.name) for d in datasets]
        )
        gds_inputs(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("dataset"),
            Fieldset(
                HTML(
                    '<div class="govuk-hint">Prefilled with the default period of the first dataset; '
                    "leave both blank for the chosen dataset's default.</div>"
                ),
                Div(date_input("start"), date_input("end"), css_class="app-inline-fields"),
                legend="Audit period",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Div(
                    Field.text("margin"),
                    Field.text("expected_rate"),
                    Field.text("crime_share"),
                    Field.text("seed"),
                    css_class="app-inline-fields",
                ),
                legend="Sample size",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                HTML(
                    '<div class="govuk-hint">Worked out from the target margin for each group '
                    "left blank.</div>"
                ),
                Div(
                    *(Field.text(f"size_{group}") for group, _ in SIZE_GROUPS), css_class="app-inline-fields"
                ),
                legend="Sample size of each crime group",
                legend_size=Size.SMALL,
            ),
            Field.checkbox("include_asb"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sizes = [
            f"{group}={data[f'size_{group}']}"
            for group, _ in SIZE_GROUPS
            if data.get(f"size_{group}") is not None
        ]
        problems: list[Problem] = []
        # A date typed wrong has its own error: the period is judged once both ends are dates.
        dated = "start" not in self.errors and "end" not in self.errors
        for check in (
            lambda: audit_period(data.get("start"), data.get("end")) if dated else None,
            lambda: sample_design(
                margin=data.get("margin", 5.0),
                expected_rate=data.get("expected_rate", 90.0),
                crime_share=data.get("crime_share", 100.0),
                sizes=sizes,
                seed=data.get("seed"),
            ),
        ):
            try:
                check()
            except ProblemsError as exc:
                problems.extend(exc.problems)
        for problem in problems:
            self.add_error(self._field_of(problem, data), problem.message)
        return data

    def _field_of(self, problem: Problem, data: dict[str, Any]) -> str | None:
        """Where a problem is shown: at its field; one end of the period alone, at the missing end."""
        if problem.path == "period":
            return "end" if data.get("start") else "start"
        return FIELDS.get(problem.path)

    def design(self) -> SampleDesign:
        """The sample design asked for, the seed drawn afresh when none is given."""
        data = self.cleaned_data
        sizes = [
            f"{group}={data[f'size_{group}']}"
            for group, _ in SIZE_GROUPS
            if data[f"size_{group}"] is not None
        ]
        return sample_design(
            margin=data["margin"],
            expected_rate=data["expected_rate"],
            crime_share=data["crime_share"],
            sizes=sizes,
            seed=data["seed"],
        )


def _answer_field(name: str, text: str) -> forms.ChoiceField:
    choices = [
        (c.value, c.label)
        for c in AnswerChoice
        if not (name in YES_NO_ONLY and c.value == Answer.NOT_APPLICABLE.value)
    ]
    return forms.ChoiceField(label=text, choices=choices, required=False, widget=forms.RadioSelect)


class DecisionForm(forms.Form):
    """The five questions, a note, and the revision the auditor saw (to refuse a stale save)."""

    note = forms.CharField(required=False, widget=forms.Textarea({"rows": 3}))
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        note = self.fields.pop("note")
        revision = self.fields.pop("revision")
        for number, (name, text) in enumerate(QUESTIONS, start=1):
            # Numbered, as the keys 1 to 5 go to a question by its number.
            self.fields[name] = _answer_field(name, f"{number}. {text}")
        self.fields["note"] = note
        self.fields["revision"] = revision
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "revision",
            *(
                # The wrapper is what the keyboard shortcuts (audit-keys.js) move between.
                Div(
                    Field.radios(name, legend_size=Size.SMALL, inline=True),
                    css_class="app-cdi-question",
                    css_id=f"question-{name}",
                    data_question=str(number),
                )
                for number, (name, _) in enumerate(QUESTIONS, start=1)
            ),
            Field.textarea("note", rows=3),
        )

    def questions(self) -> list[forms.BoundField]:
        return [self[name] for name, _ in QUESTIONS]

    def decision(self) -> Decision:
        data = self.cleaned_data
        answers = {name: Answer(data[name]) if data[name] else None for name, _ in QUESTIONS}
        # Browsers send a textarea's line breaks as CRLF; the worksheet keeps LF.
        return Decision(**answers, note=data["note"].replace("\r\n", "\n").strip())

    @staticmethod
    def initial_for(decision: Decision, revision: int) -> dict[str, Any]:
        answers = {
            name: getattr(decision, name).value if getattr(decision, name) else "" for name, _ in QUESTIONS
        }
        return {**answers, "note": decision.note, "revision": revision}


# A filled-in worksheet of a few thousand records is well under 1 MB, as CSV or XLSX.
WORKSHEET_MAX_BYTES = MAX_FILE_BYTES


class WorksheetUploadForm(forms.Form):
    worksheet = forms.FileField(
        label="Filled-in worksheet",
        help_text="The audit's worksheet, filled in: .csv or .xlsx, at most 5 MB. Blank rows leave stored "
        "decisions as they are; a file with any problem imports nothing.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("worksheet"))

    def clean_worksheet(self) -> Any:
        upload = self.cleaned_data["worksheet"]
        # By name and size first: the file is not read until both pass.
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(f"{upload.name}: a worksheet is a .csv or .xlsx file")
        if upload.size > WORKSHEET_MAX_BYTES:
            size = upload.size / (1024 * 1024)
            raise forms.ValidationError(f"{upload.name} is {size:.1f} MB: a worksheet may be at most 5 MB")
        # A workbook's listing is read too: it must not unpack far beyond its size.
        problem = upload_problem(upload.read(), upload.name)
        upload.seek(0)
        if problem is not None:
            raise forms.ValidationError(problem)
        return upload


class FiguresForm(forms.Form):
    """R for the unrecorded-crimes estimate, and the previous audit's published figures."""

    recorded_crimes = forms.IntegerField(
        label="Recorded crimes, 12 months (R)", required=False, min_value=1, help_text="Excluding fraud."
    )
    recorded_crimes_source = forms.CharField(label="Source of R", required=False, max_length=200)
    previous_label = forms.CharField(
        label="Previous audit", required=False, max_length=120, help_text="e.g. CDI 2018 inspection report"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for group, label in FIGURE_GROUPS:
            self.fields[f"{group}_rate"] = _percent(f"{label}: rate (%)", required=False)
            self.fields[f"{group}_margin"] = _percent(f"{label}: +/- (%)", required=False)
        gds_inputs(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                Div(
                    Field.text("recorded_crimes"),
                    Field.text("recorded_crimes_source", field_width=20),
                    css_class="app-inline-fields",
                ),
                legend="Recorded crimes for the 12 months to the audit's end",
                legend_size=Size.SMALL,
            ),
            Fieldset(
                Field.text("previous_label", field_width=20),
                *(
                    Div(
                        Field.text(f"{group}_rate"),
                        Field.text(f"{group}_margin"),
                        css_class="app-inline-fields",
                    )
                    for group, _ in FIGURE_GROUPS
                ),
                legend="The previous audit's published figures",
                legend_size=Size.SMALL,
            ),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("recorded_crimes") is not None and not data.get("recorded_crimes_source", "").strip():
            self.add_error("recorded_crimes_source", "Say where R comes from.")
        given = False
        for group, label in FIGURE_GROUPS:
            rate, margin = data.get(f"{group}_rate"), data.get(f"{group}_margin")
            # A rate of 0 (no crime recorded) is no published figure, and would divide by 0 in the
            # additional-crimes estimate; a margin of 0 is possible only for a census.
            if rate is not None and (problem := published_rate_problem(rate)):
                self.add_error(f"{group}_rate", problem)
            if margin is not None and not 0 <= margin < 100:
                self.add_error(f"{group}_margin", f"{margin:g} should be at least 0 and below 100 (percent)")
            if (rate is None) != (margin is None):
                self.add_error(f"{group}_rate", f"{label}: give both the rate and its +/-, or neither.")
            given = given or rate is not None
        if given and not data.get("previous_label", "").strip():
            self.add_error("previous_label", "Name the previous audit the figures come from.")
        return data

    def previous(self) -> dict[str, Any]:
        data = self.cleaned_data
        previous: dict[str, Any] = {}
        for group, _ in FIGURE_GROUPS:
            rate, margin = data[f"{group}_rate"], data[f"{group}_margin"]
            if rate is not None and margin is not None:
                previous[group] = {"rate": round(rate / 100, 6), "margin": round(margin / 100, 6)}
        if previous or data["previous_label"].strip():
            previous = {"label": data["previous_label"].strip(), **previous}
        return previous

    def apply(self, audit: CdiAudit) -> None:
        data = self.cleaned_data
        audit.recorded_crimes = data["recorded_crimes"]
        audit.recorded_crimes_source = (
            data["recorded_crimes_source"].strip() if data["recorded_crimes"] is not None else ""
        )
        audit.previous = self.previous()

    @staticmethod
    def initial_for(audit: CdiAudit) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "recorded_crimes": audit.recorded_crimes,
            "recorded_crimes_source": audit.recorded_crimes_source,
            "previous_label": (audit.previous or {}).get("label", ""),
        }
        for group, _ in FIGURE_GROUPS:
            figure = (audit.previous or {}).get(group)
            if figure:
                initial[f"{group}_rate"] = round(figure["rate"] * 100, 4)
                initial[f"{group}_margin"] = round(figure["margin"] * 100, 4)
        return initial
