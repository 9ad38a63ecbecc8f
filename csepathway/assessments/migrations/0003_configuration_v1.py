from django.db import migrations
from django.utils import timezone

from csepathway.assessments.defaults import ASSESSMENT_V1, RISK_LEVELS_V1


def publish_v1(apps, schema_editor):
    ConfigurationVersion = apps.get_model("core", "ConfigurationVersion")
    for kind, title, data in (("risk_levels", "Risk levels v1", RISK_LEVELS_V1),
                              ("assessment", "NWG-style risk assessment v1", ASSESSMENT_V1)):
        ConfigurationVersion.objects.get_or_create(
            kind=kind, version=1, defaults={"title": title, "data": data, "published_at": timezone.now()}
        )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_initial"), ("core", "0001_initial")]
    operations = [migrations.RunPython(publish_v1, migrations.RunPython.noop)]
