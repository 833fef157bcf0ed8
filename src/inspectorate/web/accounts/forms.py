"""The forms of the people pages: they parse what was typed; web/accounts/people.py decides."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from inspectorate.web.accounts.models import Body
from inspectorate.web.accounts.people import (
    Organisation,
    PersonDetails,
    PersonError,
    details_problems,
    new_person_problems,
)
from inspectorate.web.pages.forms import set_choices
from inspectorate.web.registry.models import Force

NEW_PASSWORD_CHOICES = [
    ("generate", "Generate one, shown to you once"),
    ("type", "Type one"),
]


def _password_fields(form: forms.Form) -> None:
    form.fields["password_choice"] = forms.ChoiceField(
        label="Password",
        choices=NEW_PASSWORD_CHOICES,
        widget=forms.RadioSelect,
        initial="generate",
        error_messages={"required": "Choose whether to generate a password or type one"},
    )
    form.fields["password1"] = forms.CharField(
        label="New password (if you type one)",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    form.fields["password2"] = forms.CharField(
        label="The same password again",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


def _clean_password(form: forms.Form, cleaned: dict[str, Any]) -> None:
    if cleaned.get("password_choice") != "type":
        return
    first, second = cleaned.get("password1", ""), cleaned.get("password2", "")
    if not first:
        form.add_error("password1", "Type the new password, or choose to generate one")
    elif first != second:
        form.add_error("password2", "The two passwords differ: type the same password twice")


def _password_layout() -> list[Any]:
    return [
        Field.radios("password_choice", legend_size=Size.SMALL, small=True),
        Field.text("password1", field_width=Fluid.ONE_HALF),
        Field.text("password2", field_width=Fluid.ONE_HALF),
    ]


# Which form field shows each of the service's problems.
FIELD_OF = {"password": "password1", "is_active": None}


def show_problems(form: forms.Form, error: PersonError) -> None:
    for field, messages in error.problems.items():
        name = FIELD_OF.get(field, field)
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


class PersonForm(forms.Form):
    """A person's details and organisation, as staff edit them."""

    full_name = forms.CharField(max_length=150, error_messages={"required": "Enter the person's full name"})
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )
    body = forms.ChoiceField(
        label="Organisation",
        choices=Body.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the person's organisation"},
    )
    force = forms.ChoiceField(
        required=False,
        help_text="For someone of a police force or of a force's local policing body. "
        "Leave it empty for the inspectorate.",
    )
    body_name = forms.CharField(
        label="Name of the organisation (optional)",
        required=False,
        max_length=200,
        help_text="For example, Mayor's Office for Policing and Crime. Left empty, the default name "
        "is shown.",
    )
    job_title = forms.CharField(label="Job title (optional)", required=False, max_length=120)
    is_staff = forms.BooleanField(
        label="Staff: may manage people, and change every inspection", required=False
    )

    submit_label = "Save changes"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "force", [("", "Choose a force"), *Force.objects.values_list("id", "name")])
        self.helper = FormHelper()
        self.helper.form_id = "person-form"
        self.helper.layout = Layout(*self.layout(), Submit("save", self.submit_label))

    def layout(self) -> list[Any]:
        return [
            Field.text("full_name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.radios("body", legend_size=Size.SMALL, small=True),
            Field.select("force"),
            Field.text("body_name", field_width=Fluid.TWO_THIRDS),
            Field.text("job_title", field_width=Fluid.TWO_THIRDS),
            Field.checkbox("is_staff", small=True),
        ]

    def details(self) -> PersonDetails:
        """The details as typed; a field that did not parse is taken as empty (its error is shown)."""
        data = self.cleaned_data
        organisation = Organisation(
            body=data.get("body") or "",
            force_id=data.get("force") or None,
            body_name=data.get("body_name") or "",
            job_title=data.get("job_title") or "",
        )
        return PersonDetails(
            data.get("full_name") or "", data.get("email") or "", organisation, bool(data.get("is_staff"))
        )

    def service_problems(self) -> dict[str, list[str]]:
        return details_problems(self.details())

    def clean(self) -> dict[str, Any]:
        """Every problem in one round: the service's rules are checked here too, beside what the
        fields themselves refuse (the service checks them again when it saves)."""
        cleaned = super().clean() or {}
        for field, messages in self.service_problems().items():
            name = FIELD_OF.get(field, field)
            if name is not None and name in self.fields and name in self.errors:
                continue  # the field's own error says it already
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        return cleaned


class NewPersonForm(PersonForm):
    username = forms.CharField(
        max_length=150,
        help_text="What they sign in with: letters, digits and @ . + - _ only.",
        error_messages={"required": "Enter a username"},
    )

    submit_label = "Add this person"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _password_fields(self)
        self.order_fields(["username"])
        self.helper.form_id = "new-person-form"

    def layout(self) -> list[Any]:
        username = Field.text("username", field_width=Fluid.ONE_THIRD, spellcheck="false")
        return [username, *super().layout(), *_password_layout()]

    def clean(self) -> dict[str, Any]:
        _clean_password(self, self.cleaned_data)
        return super().clean()

    def service_problems(self) -> dict[str, list[str]]:
        data = self.cleaned_data
        typed = data.get("password_choice") == "type" and data.get("password1")
        return new_person_problems(data.get("username") or "", self.details(), typed or None)


class PasswordForm(forms.Form):
    """A new password for someone: generated and shown once, or typed twice."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _password_fields(self)
        self.helper = FormHelper()
        self.helper.form_id = "password-form"
        self.helper.layout = Layout(*_password_layout(), Submit("set-password", "Set the new password"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _clean_password(self, cleaned)
        return cleaned
