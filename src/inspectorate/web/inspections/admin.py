from django.contrib import admin

from inspectorate.web.inspections.models import Evidence, Finding, Inspection, Judgment, TeamMember


class TeamInline(admin.TabularInline[TeamMember, Inspection]):
    model = TeamMember
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin[Inspection]):
    list_display = ["reference", "title", "force", "framework", "status", "origin"]
    list_filter = ["status", "framework", "origin"]
    search_fields = ["reference", "title"]
    inlines = [TeamInline]


@admin.register(Judgment)
class JudgmentAdmin(admin.ModelAdmin[Judgment]):
    list_display = ["inspection", "area_id", "grade", "direction"]
    list_filter = ["inspection"]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin[Finding]):
    list_display = ["inspection", "kind", "text"]
    list_filter = ["kind", "inspection"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin[Evidence]):
    list_display = ["inspection", "kind", "title"]
    list_filter = ["kind", "inspection"]
