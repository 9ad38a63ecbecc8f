"""Run the unusual-access sweep now, or (--schedule) start its cycle on the task worker. Prints a
count only, never who."""

from django.core.management.base import BaseCommand

from csepathway.core import cycles

from ...alerts import tasks
from ...alerts.sweep import access_alerts_sweep


class Command(BaseCommand):
    help = ("Check everyone who read a child's record since the last sweep for unusual access. With "
            "--schedule, start the sweep's one-minute cycle on the task worker instead, unless a run is waiting.")

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true",
                            help="Queue the sweep task (started by bin/serve) rather than sweep now.")

    def handle(self, *args, schedule, **options):
        if not schedule:
            raised = access_alerts_sweep()
            self.stdout.write(f"Raised {len(raised)} unusual access alert{'' if len(raised) == 1 else 's'}.")
            return
        task = tasks.sweep_access_alerts
        if not cycles.can_defer(task):
            self.stdout.write("The task backend cannot run tasks later: run `manage.py sweep_access_alerts` "
                              "every minute (for example from cron) instead.")
        elif cycles.waiting(task):
            self.stdout.write("The unusual access sweep is already scheduled.")
        elif (when := tasks.schedule_next()) is None:
            self.stderr.write("Could not schedule the unusual access sweep.")
        else:
            self.stdout.write(f"The unusual access sweep will run at {when:%Y-%m-%d %H:%M %Z}.")
