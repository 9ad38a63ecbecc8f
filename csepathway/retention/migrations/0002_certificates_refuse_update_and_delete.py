"""On PostgreSQL the database refuses UPDATE and DELETE on disposal certificates, as it does on the
audit trail and the disclosure log: a certificate is the proof a record went, and must outlast it."""

from django.db import migrations

from csepathway.core.append_only import refuse_update_and_delete


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [refuse_update_and_delete(table="retention_disposalcertificate", name="retention_certificate",
                                           what="disposal certificates")]
