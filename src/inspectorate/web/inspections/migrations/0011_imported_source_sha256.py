"""The SHA-256 of an imported report's file in a unique field of its own (it was only written into
the provenance text), filled in for reports imported before: the earliest import of a file keeps it."""

import re

from django.db import migrations, models

_DIGEST = re.compile(r"SHA-256 ([0-9a-f]{64})")


def fill_in(apps, schema_editor):
    Inspection = apps.get_model("inspections", "Inspection")
    seen = set()
    for inspection in Inspection.objects.filter(provenance__contains="SHA-256 ").order_by("created_at", "id"):
        found = _DIGEST.search(inspection.provenance)
        if found and found.group(1) not in seen:
            seen.add(found.group(1))
            inspection.source_sha256 = found.group(1)
            inspection.save(update_fields=["source_sha256"])


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0010_finding_link_stated"),
    ]

    operations = [
        migrations.AddField(
            model_name="inspection",
            name="source_sha256",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop),
    ]
