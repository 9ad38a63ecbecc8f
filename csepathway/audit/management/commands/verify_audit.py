from django.core.management.base import BaseCommand, CommandError

from ...selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Check the audit trail's hash chain; exit non-zero naming the first broken event."

    def handle(self, *args, **options):
        broken = audit_chain_verify()
        if broken is not None:
            raise CommandError(
                f"Audit trail broken at event {broken.event_id} (sequence {broken.sequence}): {broken.reason}."
            )
        self.stdout.write("Audit trail intact.")
