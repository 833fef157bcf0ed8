"""The admin: staff change records here too, so a judgment or finding goes through the same checks
as in the team's forms (recording.py), and each save moves its revision on so that a form opened
before it is told of the change."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from inspectorate.web.inspections.models import (
    Evidence,
    Finding,
    Inspection,
    Judgment,
    RevisedRecord,
    TeamMember,
)
from inspectorate.web.inspections.recording import (
    RecordingError,
    check_area_ids,
    check_finding_kind,
    check_judgment,
    next_revision,
)


class TeamInline(admin.TabularInline[TeamMember, Inspection]):
    model = TeamMember
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin[Inspection]):
    list_display = ["reference", "title", "force", "framework", "status", "origin"]
    list_filter = ["status", "framework", "origin"]
    search_fields = ["reference", "title"]
    inlines = [TeamInline]


M = TypeVar("M", bound=RevisedRecord)


class RevisedAdmin(admin.ModelAdmin[M]):
    def save_model(self, request: HttpRequest, obj: M, form: Any, change: bool) -> None:
        with transaction.atomic():
            if change:
                next_revision(obj, None)
            super().save_model(request, obj, form, change)


class JudgmentAdminForm(forms.ModelForm[Judgment]):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        inspection = data.get("inspection")
        if inspection is not None:
            area_id, grade, direction = (data.get(name) or "" for name in ("area_id", "grade", "direction"))
            try:
                check_judgment(inspection, area_id, grade, direction)
            except RecordingError as exc:
                raise ValidationError(str(exc)) from None
        return data


@admin.register(Judgment)
class JudgmentAdmin(RevisedAdmin[Judgment]):
    form = JudgmentAdminForm
    list_display = ["inspection", "area_id", "grade", "direction"]
    list_filter = ["inspection"]


class FindingAdminForm(forms.ModelForm[Finding]):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        inspection = data.get("inspection")
        if inspection is not None:
            try:
                check_finding_kind(inspection, data.get("kind") or "")
                check_area_ids(inspection, data.get("area_ids") or [])
            except RecordingError as exc:
                raise ValidationError(str(exc)) from None
        return data


@admin.register(Finding)
class FindingAdmin(RevisedAdmin[Finding]):
    form = FindingAdminForm
    list_display = ["inspection", "kind", "text"]
    list_filter = ["kind", "inspection"]


@admin.register(Evidence)
class EvidenceAdmin(RevisedAdmin[Evidence]):
    list_display = ["inspection", "kind", "title"]
    list_filter = ["kind", "inspection"]
