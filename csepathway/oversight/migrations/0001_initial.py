# Access alerts and the disclosure log moved here from the audit app (docs/adr/0029). Their tables
# already exist under the audit app's names, so this migration only takes the models into this
# app's state; 0002 renames the tables.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("audit", "0005_disclosures_refuse_update_and_delete"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Disclosure",
                    fields=[
                        ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ("disclosed_at", models.DateTimeField(db_index=True)),
                        ("disclosed_by_username", models.CharField(blank=True, max_length=150)),
                        ("child_id", models.UUIDField(blank=True, db_index=True, null=True)),
                        ("recipient", models.CharField(max_length=254)),
                        ("purpose", models.CharField(max_length=300)),
                        ("lawful_basis", models.CharField(max_length=300)),
                        ("shared", models.CharField(max_length=300, verbose_name="What was shared")),
                        ("object_type", models.CharField(blank=True, max_length=80)),
                        ("object_id", models.CharField(blank=True, max_length=64)),
                        ("request_id", models.CharField(blank=True, max_length=32)),
                        ("disclosed_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"ordering": ["-disclosed_at"], "db_table": "audit_disclosure"},
                ),
                migrations.CreateModel(
                    name="AccessAlert",
                    fields=[
                        ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ("kind", models.CharField(choices=[("many_children", "Opened many different children's records"), ("denied_reads", "Repeatedly tried to open records they may not see")], max_length=20)),
                        ("window_start", models.DateTimeField()),
                        ("window_end", models.DateTimeField()),
                        ("count", models.PositiveIntegerField()),
                        ("raised_at", models.DateTimeField(db_index=True)),
                        ("reviewed_at", models.DateTimeField(blank=True, null=True)),
                        ("note", models.TextField(blank=True)),
                        ("reviewed_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "ordering": ["-raised_at"],
                        "db_table": "audit_accessalert",
                        "indexes": [models.Index(fields=["user", "kind", "raised_at"], name="audit_acces_user_id_b58a0e_idx")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
