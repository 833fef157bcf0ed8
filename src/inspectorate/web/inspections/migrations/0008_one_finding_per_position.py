from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0007_revisions_and_unique_positions"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="finding",
            constraint=models.UniqueConstraint(fields=("inspection", "position"), name="one_finding_per_position"),
        ),
    ]
