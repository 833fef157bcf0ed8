from django.contrib import admin
from django.http import HttpRequest

from inspectorate.web.registry.models import (
    Force,
    ForcePopulation,
    FrameworkVersion,
    PeerGroupEntry,
    PeerGroupVersion,
)


class PopulationInline(admin.TabularInline[ForcePopulation, Force]):
    model = ForcePopulation
    extra = 0


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin[Force]):
    list_display = ["name", "id", "ons_code", "country"]
    search_fields = ["name", "id", "ons_code"]
    inlines = [PopulationInline]


class PeerGroupEntryInline(admin.TabularInline[PeerGroupEntry, PeerGroupVersion]):
    model = PeerGroupEntry
    fk_name = "version"
    extra = 0
    autocomplete_fields = ["force", "peer"]


@admin.register(PeerGroupVersion)
class PeerGroupVersionAdmin(admin.ModelAdmin[PeerGroupVersion]):
    list_display = ["label", "source_date", "created_at", "created_by"]
    inlines = [PeerGroupEntryInline]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin[FrameworkVersion]):
    list_display = ["id", "title", "version", "origin", "content_hash"]
    # Content is changed only through the library or an import, which enforce immutability.
    readonly_fields = ["id", "programme", "title", "version", "content_hash", "content", "origin"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
