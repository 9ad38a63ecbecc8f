"""On PostgreSQL the database itself refuses UPDATE and DELETE on audit events, so not even a
direct SQL session can quietly rewrite history. (SQLite deployments rely on the model guard and
the hash chain.)"""

from django.db import migrations

from csepathway.core.append_only import refuse_update_and_delete


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [refuse_update_and_delete(table="audit_auditevent", name="audit_event", what="audit events")]
