"""Each edited record takes a revision (so a second writer is told of the first), and each finding
a place of its own: findings that shared a place are renumbered in their order, before 0008 makes
places unique."""

from typing import Any

from django.db import migrations, models


def renumber_findings(apps: Any, schema_editor: Any) -> None:
    Finding = apps.get_model("inspections", "Finding")
    inspection_ids = Finding.objects.values_list("inspection_id", flat=True).distinct()
    for inspection_id in inspection_ids:
        findings = Finding.objects.filter(inspection_id=inspection_id).order_by("position", "id")
        for place, finding in enumerate(findings):
            if finding.position != place:
                Finding.objects.filter(pk=finding.pk).update(position=place)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0006_record_exercise_correction_provenance"),
    ]

    operations = [
        migrations.AddField(
            model_name="evidence",
            name="revision",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="finding",
            name="revision",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="judgment",
            name="revision",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(renumber_findings, migrations.RunPython.noop),
    ]
