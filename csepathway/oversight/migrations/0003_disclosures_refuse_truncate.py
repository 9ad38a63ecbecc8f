"""On PostgreSQL the database refuses TRUNCATE on the disclosure log, which the row trigger (audit
0005) does not see. The trigger keeps the prefix the log's other trigger has had since it lived in
the audit app, so one prefix names everything guarding the table."""

from django.db import migrations

from csepathway.core.append_only import refuse_truncate


class Migration(migrations.Migration):
    dependencies = [("oversight", "0002_tables_named_for_this_app")]

    operations = [refuse_truncate(table="oversight_disclosure", name="audit_disclosure",
                                  what="disclosure log entries")]
