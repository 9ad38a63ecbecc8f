"""On PostgreSQL the database keeps declined lift requests as they were written: no UPDATE, no
TRUNCATE, and no DELETE except with the restriction they belong to, which goes only when the
child's record is disposed of (core/append_only.py)."""

from django.db import migrations

from csepathway.core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("children", "0004_restriction_lift_declines")]

    operations = [append_only(table="children_restrictionliftdecline", name="children_lift_decline",
                              what="restriction lift declines",
                              deleted_only_with=("children_childrestriction", "restriction_id"))]
