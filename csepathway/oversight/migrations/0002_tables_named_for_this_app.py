# The tables that moved from the audit app take this app's names. PostgreSQL keeps the disclosure
# log's append-only trigger across the rename.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("oversight", "0001_initial"),
        ("audit", "0006_alerts_and_disclosures_moved_to_oversight"),
    ]

    operations = [
        migrations.RenameIndex(
            model_name="accessalert",
            new_name="oversight_a_user_id_b74417_idx",
            old_name="audit_acces_user_id_b58a0e_idx",
        ),
        migrations.AlterModelTable(name="accessalert", table=None),
        migrations.AlterModelTable(name="disclosure", table=None),
    ]
