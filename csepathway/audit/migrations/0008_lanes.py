"""The trail becomes one chain per lane (docs/adr/0033). Events already stored make up lane 0, in
sequence order, and keep their hashes: lane and position are not hashed. Their predecessor is no
longer unique across the table (each lane starts from the genesis hash), and neither are id and hash
(a partitioned table cannot hold such keys, 0009); indexes nothing queries by go."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

GENESIS_HASH = "0" * 64


def number_lanes(apps, schema_editor):
    """Lane 0 takes every stored event, numbered in sequence order; the other lanes start empty.
    On PostgreSQL 0009 numbers the rows while it copies them into the partitioned table, so the
    append-only trigger is never switched off to UPDATE them here."""
    connection = schema_editor.connection
    table = "audit_auditevent"
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(
                f"UPDATE {table} SET position = numbered.n FROM (SELECT sequence, "  # noqa: S608 - fixed name
                f"row_number() OVER (ORDER BY sequence) AS n FROM {table}) AS numbered "
                f"WHERE {table}.sequence = numbered.sequence")
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - fixed name
        (count,) = cursor.fetchone()
        cursor.execute(f"SELECT hash FROM {table} ORDER BY sequence DESC LIMIT 1")  # noqa: S608 - fixed name
        last = cursor.fetchone()
    AuditLane = apps.get_model("audit", "AuditLane")
    lanes = max(1, int(getattr(settings, "AUDIT_LANES", 16)))
    AuditLane.objects.bulk_create(
        [AuditLane(number=0, position=count, last_hash=last[0] if last else GENESIS_HASH)]
        + [AuditLane(number=n, position=0, last_hash=GENESIS_HASH) for n in range(1, lanes)])


def drop_lanes(apps, schema_editor):
    apps.get_model("audit", "AuditLane").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0007_audit_events_refuse_truncate'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditLane',
            fields=[
                ('number', models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ('position', models.BigIntegerField(default=0)),
                ('last_hash', models.CharField(max_length=64)),
            ],
            options={
                'ordering': ['number'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='auditevent',
            name='audit_event_one_successor',
        ),
        migrations.AddField(
            model_name='auditevent',
            name='lane',
            field=models.PositiveSmallIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='auditevent',
            name='position',
            field=models.BigIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='child_id',
            field=models.UUIDField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(max_length=64),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='id',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='verb',
            field=models.CharField(max_length=80),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['lane', 'position'], name='audit_event_lane_position'),
        ),
        migrations.RunPython(number_lanes, drop_lanes, elidable=False),
    ]
