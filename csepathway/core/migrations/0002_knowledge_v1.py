"""Seed version 1 of the "knowledge" configuration: the practitioner self-check (pathway step 10).

The data is written out here, frozen, so this migration means the same thing whatever later versions
say. Links name entries of settings.PROCEDURE_LINKS so each deployment points them at its own pages."""

from django.db import migrations
from django.utils import timezone

KNOWLEDGE_V1 = {
    "self_check": {
        "title": "Questions to ask yourself",
        "intro": "You should be able to answer yes to each of these questions before you go on.",
        "questions": [
            {"code": "screening_tool", "text": "Do I know how to fill in the CSE screening tool?"},
            {"code": "assessment", "text": "Do I know how to fill in the CSE risk assessment (the NWG-style assessment)?"},
            {"code": "workspace",
             "text": "Do I know what the CSE workspace is, and how my assessment reaches the CSE team through it?"},
            {"code": "mase",
             "text": "Do I know what a MASE (multi-agency sexual exploitation) meeting is, and what happens at one?"},
            {"code": "plan",
             "text": "Are the child's CSE needs, and the help they are getting for them, written into their plan "
                     "(child in need, child protection, looked-after child or team around the family)?"},
            {"code": "nrm",
             "text": "Do I know what the National Referral Mechanism (NRM) is, and when a child should be referred "
                     "to it?"},
            {"code": "fib",
             "text": "Do I know what the police Force Intelligence Bureau (FIB) is, and how to send it information?"},
        ],
        "help_intro": "If the answer to any of these is no:",
        "help": [
            {"text": "talk to your Team Manager or the CSE team"},
            {"text": "read the West Midlands safeguarding children procedures", "link": "safeguarding_procedures"},
            {"text": "visit the local safeguarding children partnership's website", "link": "partnership"},
        ],
    },
}


def publish_v1(apps, schema_editor):
    ConfigurationVersion = apps.get_model("core", "ConfigurationVersion")
    ConfigurationVersion.objects.get_or_create(
        kind="knowledge", version=1,
        defaults={"title": "Knowledge at hand v1", "data": KNOWLEDGE_V1, "published_at": timezone.now()},
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(publish_v1, migrations.RunPython.noop)]
