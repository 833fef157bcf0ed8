"""A rendition names the layout it was drawn with. Renditions made before hold a whole document of
their own (the site now frames the report's body) and get the empty layout: the worker draws each
published version again when it starts (renditions.queue_unrendered), and a reader's request for a
PDF queues it; until then the report is rendered in the request, as for a working copy."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_rendition")]

    operations = [
        migrations.AddField(
            model_name="rendition", name="layout", field=models.CharField(default="", max_length=40)
        ),
    ]
