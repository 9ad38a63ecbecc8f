"""Run the outbox relay once, for operators and for a scheduled fallback where no task worker runs.
It prints counts only, never what the messages say."""

from django.core.management.base import BaseCommand

from ...models import OutboxMessage
from ...relay import outbox_relay_due


class Command(BaseCommand):
    help = "Send the outbox messages that are due, once, and say how many were sent."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="Most messages to try in this run.")

    def handle(self, *args, limit, **options):
        sent = outbox_relay_due(limit=limit)
        waiting = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
        failed = OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).count()
        self.stdout.write(f"Sent {sent} outbox message{'' if sent == 1 else 's'}. "
                          f"Waiting: {waiting}. Given up: {failed}.")
