from django.db import migrations
from django.utils import timezone

from csepathway.screening.defaults import SCREENING_TOOL_V2


def publish_v2(apps, schema_editor):
    # Version 1 stays: the screenings made with it are shown with its questions (docs/adr/0063).
    ConfigurationVersion = apps.get_model("core", "ConfigurationVersion")
    if ConfigurationVersion.objects.filter(kind="screening_tool", data__has_key="criminal_indicators").exists():
        return
    latest = ConfigurationVersion.objects.filter(kind="screening_tool").order_by("-version").first()
    ConfigurationVersion.objects.create(
        kind="screening_tool", version=(latest.version if latest else 0) + 1,
        title="Child exploitation screening tool v2", data=SCREENING_TOOL_V2, published_at=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [("screening", "0004_criminal_indicators"), ("core", "0001_initial")]
    operations = [migrations.RunPython(publish_v2, migrations.RunPython.noop)]
