from django.contrib import admin

from inspectorate.web.accounts.models import ForceAffiliation


@admin.register(ForceAffiliation)
class ForceAffiliationAdmin(admin.ModelAdmin[ForceAffiliation]):
    list_display = ["user", "force", "job_title"]
    autocomplete_fields = ["force"]
