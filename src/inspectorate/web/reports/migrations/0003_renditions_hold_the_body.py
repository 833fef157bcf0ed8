"""A rendition's HTML is now the report's body, which the site's pages frame; renditions made before
hold a whole document of their own. They are let go: the worker renders each published version again
when it starts (renditions.queue_unrendered), and a reader's request for a PDF queues it."""

from typing import Any

from django.db import migrations


def forget_whole_documents(apps: Any, schema_editor: Any) -> None:
    Rendition = apps.get_model("reports", "Rendition")
    Rendition.objects.filter(html__istartswith="<!doctype").delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_rendition")]

    operations = [migrations.RunPython(forget_whole_documents, migrations.RunPython.noop)]
