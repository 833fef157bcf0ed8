from django.contrib import admin

from inspectorate.web.registry.models import (
    Force,
    ForcePopulation,
    FrameworkVersion,
    PeerGroupEntry,
    PeerGroupVersion,
)


class PopulationInline(admin.TabularInline):
    model = ForcePopulation
    extra = 0


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = ["name", "id", "ons_code", "country"]
    search_fields = ["name", "id", "ons_code"]
    inlines = [PopulationInline]


class PeerGroupEntryInline(admin.TabularInline):
    model = PeerGroupEntry
    fk_name = "version"
    extra = 0
    autocomplete_fields = ["force", "peer"]


@admin.register(PeerGroupVersion)
class PeerGroupVersionAdmin(admin.ModelAdmin):
    list_display = ["label", "source_date", "created_at", "created_by"]
    inlines = [PeerGroupEntryInline]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "version", "origin", "content_hash"]
    # Content is changed only through the library or an import, which enforce immutability.
    readonly_fields = ["id", "programme", "title", "version", "content_hash", "content", "origin"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
