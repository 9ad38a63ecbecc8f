# The table takes this app's name; each message names the child it is about, indexed, so disposal
# finds a child's messages without reading payloads; the kinds are whatever handlers are registered.

from django.db import migrations, models


def child_of_case_note_messages(apps, schema_editor):
    """Messages written before the move named no child. A case-note delivery names its note, whose
    child is known; the rest (emails) are delivered long before any disposal could reach them."""
    message_model = apps.get_model("outbox", "OutboxMessage")
    note_model = apps.get_model("notes", "CaseNote")
    for message in message_model.objects.filter(kind="case_note_delivery", child_id__isnull=True).iterator():
        child_id = note_model.objects.filter(pk=message.payload.get("note_id")).values_list("child_id", flat=True)
        message_model.objects.filter(pk=message.pk).update(child_id=child_id.first())


class Migration(migrations.Migration):

    dependencies = [
        ("outbox", "0001_initial"),
        ("notes", "0002_outbox_moved_to_its_own_app"),
    ]

    operations = [
        migrations.AlterModelTable(name="outboxmessage", table=None),
        migrations.AddField(
            model_name="outboxmessage",
            name="child_id",
            field=models.UUIDField(blank=True, db_index=True, null=True),
        ),
        migrations.AlterField(
            model_name="outboxmessage",
            name="kind",
            field=models.CharField(max_length=30),
        ),
        migrations.RunPython(child_of_case_note_messages, migrations.RunPython.noop),
    ]
