from django.db import migrations
from django.utils import timezone

from csepathway.screening.defaults import SCREENING_TOOL_V1


def publish_v1(apps, schema_editor):
    ConfigurationVersion = apps.get_model("core", "ConfigurationVersion")
    ConfigurationVersion.objects.get_or_create(
        kind="screening_tool", version=1,
        defaults={"title": "CSE screening tool v1", "data": SCREENING_TOOL_V1, "published_at": timezone.now()},
    )


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial"), ("core", "0001_initial")]
    operations = [migrations.RunPython(publish_v1, migrations.RunPython.noop)]
