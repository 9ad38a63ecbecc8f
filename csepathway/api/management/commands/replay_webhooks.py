"""Queue webhook deliveries again: `manage.py replay_webhooks --delivery <id> [...]`, or
`manage.py replay_webhooks --subscription <id> --since 2026-01-31`. Each event goes once more, with
its original body and webhook-id, to its subscription if that is still active."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from csepathway.api.models import WebhookDelivery
from csepathway.api.webhooks import webhook_replay


class Command(BaseCommand):
    help = "Queue webhook deliveries again, by delivery id or by subscription and date."

    def add_arguments(self, parser):
        parser.add_argument("--delivery", action="append", default=[], help="A delivery log id (repeatable)")
        parser.add_argument("--subscription", help="A subscription id")
        parser.add_argument("--since", type=dt.date.fromisoformat,
                            help="With --subscription: from this day (YYYY-MM-DD)")

    def handle(self, *args, delivery, subscription, since, **options):
        if delivery:
            deliveries = WebhookDelivery.objects.filter(pk__in=delivery)
        elif subscription and since:
            start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
            deliveries = WebhookDelivery.objects.filter(subscription_id=subscription, attempted_at__gte=start)
        else:
            raise CommandError("Give --delivery ID, or --subscription ID with --since YYYY-MM-DD.")
        queued = webhook_replay(actor=None, deliveries=deliveries)
        self.stdout.write(f"Queued {queued} event(s) again.")
