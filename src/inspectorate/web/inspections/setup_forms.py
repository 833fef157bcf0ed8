"""Forms of setting an inspection up: a new inspection, appointing to its team, inviting contacts.

They only parse what was typed; the rules are web/inspections/setup.py's, whose problems are shown
beside the field they name.
"""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Div, Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.contrib.auth.models import User

from inspectorate.core.problems import ProblemsError
from inspectorate.web.inspections.models import ContactRole, Inspection, TeamRole
from inspectorate.web.inspections.setup import (
    LABEL_LENGTH,
    REFERENCE_LENGTH,
    TITLE_LENGTH,
    NewInspection,
    inspectorate_people,
    invitable_people,
    person_label,
    suggested_reference,
)
from inspectorate.web.pages.forms import DateInputField, date_input, set_choices
from inspectorate.web.registry.models import Force, FrameworkVersion


def show_problems(form: forms.Form, exc: ProblemsError) -> None:
    """Each of the service's problems beside its field, or above the form when it names none."""
    for problem in exc.problems:
        field = problem.path if problem.path in form.fields else None
        form.add_error(field, sentence(problem.message))


def sentence(message: str) -> str:
    """A problem as an error message starts, with a capital: unless it starts with a username."""
    first = message.split(" ", 1)[0].rstrip(":,")
    if User.objects.filter(username=first).exists():
        return message
    return message[:1].upper() + message[1:]


def _people(people: list[User]) -> dict[str, User]:
    return {person.get_username(): person for person in people}


class NewInspectionForm(forms.Form):
    force = forms.ChoiceField(
        label="Force inspected", error_messages={"required": "Choose the force inspected"}
    )
    framework = forms.ChoiceField(
        label="Framework version",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the framework version the inspection follows"},
    )
    title = forms.CharField(
        max_length=TITLE_LENGTH,
        help_text="As the report will be titled, for example PEEL 2025: An inspection of Kent Police.",
        error_messages={"required": "Enter a title for the inspection"},
    )
    reference = forms.CharField(
        max_length=REFERENCE_LENGTH,
        required=False,
        help_text="A short name no other inspection has. Leave it blank for one made from the force and "
        "the framework, for example KENT-PEEL-2021.",
    )
    period_label = forms.CharField(
        label="Period (optional)",
        max_length=LABEL_LENGTH,
        required=False,
        help_text="As the report names it, for example 2025/26.",
    )
    period_start = DateInputField(label="Start of the period (optional)", subject="The start of the period")
    period_end = DateInputField(label="End of the period (optional)", subject="The end of the period")
    lead = forms.ChoiceField(
        label="Lead inspector",
        help_text="Someone of the inspectorate. If you name someone else, you are not on the team "
        "unless they appoint you.",
        error_messages={"required": "Choose the lead inspector"},
    )

    def __init__(self, *args: Any, creator: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = _people(inspectorate_people())
        set_choices(self, "force", [("", "Choose a force"), *((f.id, f.name) for f in Force.objects.all())])
        frameworks = FrameworkVersion.objects.order_by("id")
        framework = self.fields["framework"]
        assert isinstance(framework, forms.ChoiceField)
        framework.choices = [
            Choice(
                version.id,
                f"{version.title}, version {version.version}",
                hint=f"Source: {version.spec.source or version.get_origin_display()}",
            )
            for version in frameworks
        ]
        set_choices(self, "lead", [(name, person_label(person)) for name, person in self.people.items()])
        if creator.get_username() in self.people:
            self.fields["lead"].initial = creator.get_username()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("force"),
            Field.radios("framework", legend_size=Size.SMALL),
            Field.text("title", field_width=Fluid.FULL),
            Field.text("reference", field_width=20),
            Fieldset(
                Field.text("period_label", field_width=10),
                Div(date_input("period_start"), date_input("period_end"), css_class="app-inline-fields"),
                legend="Period inspected",
                legend_size=Size.MEDIUM,
            ),
            Field.select("lead"),
            Submit("save", "Start the inspection"),
        )

    def new_inspection(self) -> NewInspection:
        data = self.cleaned_data
        reference = data["reference"].strip() or suggested_reference(data["force"], data["framework"])
        return NewInspection(
            force=data["force"],
            framework=data["framework"],
            title=data["title"],
            reference=reference,
            lead=self.people.get(data["lead"]),
            period_label=data["period_label"],
            period_start=data["period_start"],
            period_end=data["period_end"],
        )


class AppointForm(forms.Form):
    user = forms.ChoiceField(label="Person", error_messages={"required": "Choose whom to appoint"})
    role = forms.ChoiceField(
        choices=TeamRole.choices,
        label="Role",
        initial=TeamRole.INSPECTOR,
        error_messages={"required": "Choose their role"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Ids of its own: the invite form on the same page has fields of the same names.
        kwargs.setdefault("auto_id", "appoint_%s")
        super().__init__(*args, **kwargs)
        self.people = _people(inspectorate_people())
        set_choices(
            self, "user", [("", "Choose someone"), *((n, person_label(p)) for n, p in self.people.items())]
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(Field.select("user"), Field.select("role"), css_class="app-inline-fields"),
            Submit("appoint", "Appoint", css_class="govuk-button--secondary"),
        )

    def person(self) -> User:
        return self.people[self.cleaned_data["user"]]


class InviteForm(forms.Form):
    user = forms.ChoiceField(label="Person", error_messages={"required": "Choose whom to invite"})
    role = forms.ChoiceField(
        choices=ContactRole.choices,
        label="Invited as",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they are invited"},
    )

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "invite_%s")
        super().__init__(*args, **kwargs)
        self.people = _people(invitable_people(inspection))
        choices = [("", "Choose someone"), *((n, _contact_label(p)) for n, p in self.people.items())]
        set_choices(self, "user", choices)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("user"),
            Field.radios("role", legend_size=Size.SMALL, inline=True),
            Submit("invite", "Invite", css_class="govuk-button--secondary"),
        )

    def person(self) -> User:
        return self.people[self.cleaned_data["user"]]


def _contact_label(user: User) -> str:
    affiliation = getattr(user, "affiliation", None)
    where = affiliation.organisation_name if affiliation is not None else ""
    return f"{person_label(user)}, {where}" if where else person_label(user)


class PersonForm(forms.Form):
    """Whom a remove button names."""

    user = forms.CharField(max_length=150)
