"""On PostgreSQL the database refuses UPDATE and DELETE on the disclosure log, as it does on audit
events (0002): an entry, once written, says what left the council for good."""

from django.db import migrations

from csepathway.core.append_only import refuse_update_and_delete


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_access_alerts_and_disclosures")]

    operations = [refuse_update_and_delete(table="audit_disclosure", name="audit_disclosure",
                                           what="disclosure log entries")]
