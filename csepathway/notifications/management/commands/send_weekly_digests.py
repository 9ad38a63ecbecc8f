"""Send this week's digests now, or (--schedule) start the weekly cycle on the task worker. Prints a
count only, never to whom."""

from django.core.management.base import BaseCommand

from csepathway.core import cycles

from ... import tasks
from ...digest import weekly_digests_send


class Command(BaseCommand):
    help = ("Email each person who asked for the weekly digest how many of their notifications from the last "
            "7 days are unread (once a week, no case content). With --schedule, queue the run for the next "
            "Monday 07:30 on the task worker instead, unless one is already waiting.")

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true",
                            help="Queue the weekly digest task (started by bin/serve) rather than send now.")

    def handle(self, *args, schedule, **options):
        if not schedule:
            sent = weekly_digests_send()
            self.stdout.write(f"Sent {sent} weekly digest{'' if sent == 1 else 's'}.")
            return
        task = tasks.send_weekly_digests
        if not cycles.can_defer(task):
            self.stdout.write("The task backend cannot run tasks later: run `manage.py send_weekly_digests` "
                              "weekly (for example from cron) instead.")
        elif cycles.waiting(task):
            self.stdout.write("The weekly digest is already scheduled.")
        elif (when := tasks.schedule_next()) is None:
            self.stderr.write("Could not schedule the weekly digest.")
        else:
            self.stdout.write(f"The weekly digest will run at {when:%Y-%m-%d %H:%M %Z}.")
