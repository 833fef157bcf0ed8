"""People and organisations, managed by staff: the list, a new person, a person's page (edit,
deactivate or reactivate, a new password), and the organisations with how many people each has.

Every page is staff's: someone not signed in is asked to sign in, anyone else gets the site's 403.
A password generated here is shown once, on the page that answers the form, and never stored
anywhere it could be read again (not in a message, not in the session).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from inspectorate.web.accounts.documents import (
    OrganisationRow,
    OrganisationsPage,
    PeopleFilters,
    PeopleListPage,
    PersonPage,
    lapsed_rows,
    lapsed_sentence,
    person_row,
)
from inspectorate.web.accounts.forms import NewPersonForm, PasswordForm, PersonForm, show_problems
from inspectorate.web.accounts.models import Body, default_name
from inspectorate.web.accounts.people import (
    PersonError,
    change_person,
    create_person,
    generate_password,
    organisation_of,
    people_in,
    set_active,
    set_password,
)
from inspectorate.web.pages.requests import AuthenticatedHttpRequest
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.registry.models import Force

P = ParamSpec("P")
STAFF_ONLY = "Only staff manage people and organisations: ask a member of staff."


def staff_only(
    view: Callable[Concatenate[AuthenticatedHttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Staff's page: someone not signed in is asked to sign in (the site's page, not the admin's);
    anyone else gets the site's 403, which says who may do this."""

    @wraps(view)
    def staff_view(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (isinstance(user, User) and user.is_staff):
            raise PermissionDenied(STAFF_ONLY)
        return view(request, *args, **kwargs)  # type: ignore[arg-type]

    return staff_view


# The list ----------------------------------------------------------------------------------------


@staff_only
def people_list(request: AuthenticatedHttpRequest, fmt: Fmt) -> HttpResponse:
    body = request.GET.get("body", "").strip()
    force = request.GET.get("force", "").strip()
    document = PeopleListPage(
        filters=PeopleFilters(body=body or None, force=force or None),
        people=[person_row(p) for p in people_in(body or None, force or None)],
    )
    context = {
        "bodies": Body.choices,
        "forces": Force.objects.values_list("id", "name"),
        "body": body,
        "force": force,
    }
    return render_page(request, fmt, Page("accounts/people_list.html", "People", document, context, "people"))


# A new person ------------------------------------------------------------------------------------


def _shown_once(request: HttpRequest, person: User, password: str, heading: str) -> HttpResponse:
    """The page that shows a generated password, the only time it is shown (its views are never
    cached)."""
    context = {"person": person_row(person), "password": password, "heading": heading}
    return render(request, "accounts/password_shown.html", context)


@never_cache
@staff_only
def person_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = NewPersonForm(request.POST)
        if form.is_valid():
            generated = form.cleaned_data["password_choice"] == "generate"
            password = generate_password() if generated else form.cleaned_data["password1"]
            try:
                person = create_person(form.cleaned_data["username"], form.details(), password)
            except PersonError as exc:
                show_problems(form, exc)
            else:
                if generated:
                    return _shown_once(request, person, password, f"{person.username} added")
                messages.success(request, f"Added {person.username}.")
                return HttpResponseRedirect(reverse("person", kwargs={"username": person.username}))
    else:
        form = NewPersonForm()  # the organisation is chosen, never assumed
    return render(request, "accounts/person_new.html", {"form": form})


# A person ----------------------------------------------------------------------------------------


def _person(username: str) -> User:
    person = (
        User.objects.select_related("affiliation", "affiliation__force").filter(username=username).first()
    )
    if person is None:
        raise Http404("No such person")
    return person


def _initial(person: User) -> dict[str, object]:
    organisation = organisation_of(person)
    return {
        "full_name": person.get_full_name(),
        "email": person.email,
        "body": organisation.body,
        "force": organisation.force_id or "",
        "body_name": organisation.body_name,
        "job_title": organisation.job_title,
        "is_staff": person.is_staff,
    }


def _person_page(
    request: AuthenticatedHttpRequest,
    fmt: Fmt,
    person: User,
    form: PersonForm | None = None,
    password_form: PasswordForm | None = None,
) -> HttpResponse:
    document = PersonPage(**dict(person_row(person)), lapsed=lapsed_rows(person))
    is_self = person.pk == request.user.pk
    form = form or PersonForm(initial=_initial(person))
    password_form = password_form or PasswordForm()
    # Each form posts to its own address, whichever address shows them.
    form.helper.form_action = reverse("person", kwargs={"username": person.username})
    password_form.helper.form_action = reverse("person-password", kwargs={"username": person.username})
    context = {"person": person, "is_self": is_self, "form": form, "password_form": password_form}
    if request.method == "POST":  # shown at an action's address: the twins are the page's own
        url = reverse("person", kwargs={"username": person.username})
        context["twins"] = {"json": f"{url}.json", "csv": f"{url}.csv"}
    page = Page(
        "accounts/person_detail.html", document.name or person.username, document, context, person.username
    )
    return render_page(request, fmt, page)


@staff_only
def person_detail(request: AuthenticatedHttpRequest, fmt: Fmt, username: str) -> HttpResponse:
    person = _person(username)
    if request.method != "POST":
        return _person_page(request, fmt, person)
    form = PersonForm(request.POST)
    if form.is_valid():
        try:
            change_person(person, form.details(), by=request.user)
        except PersonError as exc:
            show_problems(form, exc)
        else:
            messages.success(request, f"Saved the changes to {person.username}.")
            lapsed = lapsed_rows(person)
            if lapsed:
                messages.warning(request, lapsed_sentence(person.username, lapsed))
            return HttpResponseRedirect(reverse("person", kwargs={"username": person.username}))
    person.refresh_from_db()
    return _person_page(request, "html", person, form=form)


def _activity(active: bool) -> Callable[[AuthenticatedHttpRequest, str], HttpResponse]:
    @require_POST
    @staff_only
    def view(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
        person = _person(username)
        try:
            set_active(person, active, by=request.user)
        except PersonError as exc:
            raise PermissionDenied(str(exc).split(": ", 1)[-1]) from None
        done = "Reactivated" if active else "Deactivated"
        messages.success(request, f"{done} {person.username}.")
        return HttpResponseRedirect(reverse("person", kwargs={"username": person.username}))

    return view


person_deactivate = _activity(False)
person_reactivate = _activity(True)


@never_cache
@require_POST
@staff_only
def person_password(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
    person = _person(username)
    form = PasswordForm(request.POST)
    if form.is_valid():
        generated = form.cleaned_data["password_choice"] == "generate"
        password = generate_password() if generated else form.cleaned_data["password1"]
        try:
            set_password(person, password)
        except PersonError as exc:
            show_problems(form, exc)
        else:
            if generated:
                return _shown_once(request, person, password, f"New password for {person.username}")
            messages.success(request, f"Set a new password for {person.username}.")
            return HttpResponseRedirect(reverse("person", kwargs={"username": person.username}))
    return _person_page(request, "html", person, password_form=form)


# Organisations -----------------------------------------------------------------------------------


@staff_only
def organisations(request: AuthenticatedHttpRequest, fmt: Fmt) -> HttpResponse:
    active: Counter[tuple[str, str | None]] = Counter()
    inactive: Counter[tuple[str, str | None]] = Counter()
    for person in people_in():
        row = person_row(person)
        (active if person.is_active else inactive)[(row.body, row.force)] += 1
    rows = [_organisation(Body.INSPECTORATE, None, active, inactive)]
    for force in Force.objects.all():
        rows.append(_organisation(Body.FORCE, force, active, inactive))
        rows.append(_organisation(Body.LOCAL_POLICING_BODY, force, active, inactive))
    document = OrganisationsPage(organisations=rows)
    page = Page("accounts/organisations.html", "Organisations", document, filename="organisations")
    return render_page(request, fmt, page)


def _organisation(
    body: Body,
    force: Force | None,
    active: Counter[tuple[str, str | None]],
    inactive: Counter[tuple[str, str | None]],
) -> OrganisationRow:
    key = (body.value, force.id if force else None)
    return OrganisationRow(
        body=body.value,
        body_label=body.label,
        force=force.id if force else None,
        name=default_name(body, force),
        people=active[key],
        inactive=inactive[key],
    )
