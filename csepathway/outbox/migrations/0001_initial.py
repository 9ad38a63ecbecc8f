# The outbox moved here from notes (docs/adr/0028). Its table already exists under the notes
# app's name, so this first migration only takes the model into this app's state; the next one
# renames the table and adds what the move was for.

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("notes", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboxMessage",
                    fields=[
                        ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ("kind", models.CharField(choices=[("email", "Email"), ("case_note_delivery", "Case note to the source system")], max_length=30)),
                        ("payload", models.JSONField()),
                        ("status", models.CharField(choices=[("pending", "Waiting to send"), ("sent", "Sent"), ("failed", "Gave up after retries")], db_index=True, default="pending", max_length=10)),
                        ("attempts", models.PositiveIntegerField(default=0)),
                        ("next_attempt_at", models.DateTimeField(db_index=True)),
                        ("last_error", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={"ordering": ["created_at"], "db_table": "notes_outboxmessage"},
                ),
            ],
            database_operations=[],
        ),
    ]
