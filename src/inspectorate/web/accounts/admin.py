from django.contrib import admin

from inspectorate.web.accounts.models import ForceAffiliation


@admin.register(ForceAffiliation)
class ForceAffiliationAdmin(admin.ModelAdmin[ForceAffiliation]):
    list_display = ["user", "body", "force", "body_name", "job_title"]
    list_filter = ["body"]
    autocomplete_fields = ["force"]
