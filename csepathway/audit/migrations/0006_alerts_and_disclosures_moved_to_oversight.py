# Access alerts and the disclosure log now belong to the oversight app (docs/adr/0029): only this
# app's state lets go of them; their tables stay and oversight 0002 renames them.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0005_disclosures_refuse_update_and_delete"),
        ("oversight", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AccessAlert"), migrations.DeleteModel(name="Disclosure")],
            database_operations=[],
        ),
    ]
