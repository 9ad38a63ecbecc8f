"""On PostgreSQL the database refuses TRUNCATE on audit events too: 0002's row trigger never fires
for it, so until now one statement could empty the whole trail (core/append_only.py)."""

from django.db import migrations

from csepathway.core.append_only import refuse_truncate


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_alerts_and_disclosures_moved_to_oversight")]

    operations = [refuse_truncate(table="audit_auditevent", name="audit_event", what="audit events")]
