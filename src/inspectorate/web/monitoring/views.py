"""The monitoring pages: every force's status (national), a force's history with staff's forms to
record a placement and an exit, and the actions those forms post to."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from inspectorate.core.monitoring import MonitoringError, Stage
from inspectorate.web.inspections.models import Finding
from inspectorate.web.monitoring.access import records_monitoring, refuse_unless_staff
from inspectorate.web.monitoring.documents import force_monitoring_page, national_page
from inspectorate.web.monitoring.forms import ExitForm, PlaceForm
from inspectorate.web.monitoring.services import CONCERN_KINDS, leave, place, today
from inspectorate.web.pages.requests import signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.registry.models import Force


def national(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    now = today()
    asked = request.GET.get("on", "").strip()
    try:
        on = datetime.date.fromisoformat(asked) if asked else now
    except ValueError:
        return HttpResponseBadRequest(f"on: {asked!r} is not a date (YYYY-MM-DD)", content_type="text/plain")
    document = national_page(on, on == now)
    page = Page(
        "monitoring/national.html", "Monitoring of forces", document, {}, f"monitoring-{on.isoformat()}"
    )
    return render_page(request, fmt, page)


def _force(force_id: str) -> Force:
    force = Force.objects.filter(id=force_id).first()
    if force is None:
        raise Http404("No such force")
    return force


def _urls(force: Force) -> dict[str, str]:
    return {
        "place": reverse("monitoring-place", kwargs={"force_id": force.id}),
        "exit": reverse("monitoring-exit", kwargs={"force_id": force.id}),
        "page": reverse("force-monitoring", kwargs={"force_id": force.id}),
    }


def _linkable(force: Force) -> list[Finding]:
    return list(
        Finding.objects.filter(inspection__force=force, kind__in=[str(k) for k in CONCERN_KINDS])
        .select_related("inspection")
        .order_by("inspection__reference", "position", "id")
    )


def _page(
    request: HttpRequest,
    fmt: Fmt,
    force: Force,
    *,
    place_form: PlaceForm | None = None,
    exit_form: ExitForm | None = None,
) -> HttpResponse:
    document = force_monitoring_page(force, request.user, today())
    urls = _urls(force)
    context: dict[str, Any] = {"force": force, "place_form": None, "exit_form": None}
    if records_monitoring(request.user) and fmt == "html":
        # A refused form is shown again with its errors; else the one the force's stage calls for.
        if place_form or exit_form:
            context.update(place_form=place_form, exit_form=exit_form)
        elif document.status.escalated:
            context["exit_form"] = ExitForm(action=urls["exit"])
        else:
            context["place_form"] = PlaceForm(findings=_linkable(force), action=urls["place"])
    page = Page(
        "monitoring/force.html", f"Monitoring: {force.name}", document, context, f"{force.id}-monitoring"
    )
    return render_page(request, fmt, page)


def force_monitoring(request: HttpRequest, fmt: Fmt, force_id: str) -> HttpResponse:
    return _page(request, fmt, _force(force_id))


def _refused(form: forms.Form, exc: MonitoringError) -> None:
    """The rule's refusal on the form: in the field it names, else above the form."""
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


@require_POST
def monitoring_place(request: HttpRequest, force_id: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("force-monitoring", kwargs={"force_id": force_id}))
    force = _force(force_id)
    refuse_unless_staff(request.user)
    form = PlaceForm(request.POST, findings=_linkable(force), action=_urls(force)["place"])
    if form.is_valid():
        data = form.cleaned_data
        try:
            period = place(
                force,
                Stage(data["stage"]),
                data["on"],
                decision=data["decision"],
                reasons=data["reasons"],
                source=data["source"],
                concerns=data.get("concerns", []),
                by=signed_in(request),
            )
        except MonitoringError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request,
                f"{force.name} recorded in {period.get_stage_display()} from {period.started_on:%-d %B %Y}.",
            )
            return HttpResponseRedirect(_urls(force)["page"])
    return _page(request, "html", force, place_form=form)


@require_POST
def monitoring_exit(request: HttpRequest, force_id: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("force-monitoring", kwargs={"force_id": force_id}))
    force = _force(force_id)
    refuse_unless_staff(request.user)
    form = ExitForm(request.POST, action=_urls(force)["exit"])
    if form.is_valid():
        data = form.cleaned_data
        try:
            period = leave(
                force,
                data["on"],
                reasons=data["reasons"],
                source=data["source"],
                decision=data["decision"],
                by=signed_in(request),
            )
        except MonitoringError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request, f"{force.name} left {period.get_stage_display()} on {data['on']:%-d %B %Y}."
            )
            return HttpResponseRedirect(_urls(force)["page"])
    return _page(request, "html", force, exit_form=form)
