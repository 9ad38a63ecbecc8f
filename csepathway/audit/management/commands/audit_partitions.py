"""Create the audit trail's missing month partitions now (this month and twelve ahead), or
(--schedule) start the daily cycle that keeps them ahead on the task worker. PostgreSQL only; on
SQLite it says so and does nothing."""

from django.core.management.base import BaseCommand
from django.db import connection

from csepathway.core import cycles

from ... import tasks
from ...partitions import MONTHS_AHEAD, audit_partitions_keep_ahead, audit_partitions_list


class Command(BaseCommand):
    help = (f"Create the audit trail's month partitions for this month and the next {MONTHS_AHEAD} (PostgreSQL). "
            "With --schedule, start the daily cycle on the task worker instead, unless a run is waiting.")

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true",
                            help="Queue the daily partition task (started by bin/serve) rather than run now.")

    def handle(self, *args, schedule, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("The audit trail is partitioned on PostgreSQL only: nothing to do.")
            return
        if schedule:
            self._schedule()
            return
        made = audit_partitions_keep_ahead()
        names = audit_partitions_list()
        self.stdout.write(f"Created {made} audit partition{'' if made == 1 else 's'}; "
                          f"{len(names)} in all, {names[0]} to {names[-1]}.")

    def _schedule(self):
        task = tasks.keep_audit_partitions_ahead
        if not cycles.can_defer(task):
            self.stdout.write("The task backend cannot run tasks later: run `manage.py audit_partitions` "
                              "daily (for example from cron) instead.")
        elif cycles.waiting(task):
            self.stdout.write("The audit partitions are already kept ahead.")
        elif (when := tasks.schedule_next()) is None:
            self.stderr.write("Could not schedule the audit partitions.")
        else:
            self.stdout.write(f"The audit partitions will next be checked at {when:%Y-%m-%d %H:%M %Z}.")
