"""On PostgreSQL the database refuses TRUNCATE on disposal certificates, which the row trigger
(0002) does not see: the proof that records went must not go itself."""

from django.db import migrations

from csepathway.core.append_only import refuse_truncate


class Migration(migrations.Migration):
    dependencies = [("retention", "0002_certificates_refuse_update_and_delete")]

    operations = [refuse_truncate(table="retention_disposalcertificate", name="retention_certificate",
                                  what="disposal certificates")]
