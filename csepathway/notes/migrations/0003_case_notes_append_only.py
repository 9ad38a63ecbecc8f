"""On PostgreSQL the database keeps case notes append-only, as the model always has: no UPDATE, no
TRUNCATE, and no DELETE except in the transaction that disposes of the child's whole record
(retention/disposal.py), checked at commit (core/append_only.py)."""

from django.db import migrations

from csepathway.core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("notes", "0002_outbox_moved_to_its_own_app")]

    operations = [append_only(table="notes_casenote", name="notes_casenote", what="case notes",
                              deleted_only_with=("children_child", "child_id"))]
