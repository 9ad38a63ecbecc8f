"""Send the overdue action reminders now, or (--schedule) start the daily cycle on the task worker.
It prints counts only, never whom or what the actions are about."""

from django.core.management.base import BaseCommand

from ...actions import tasks
from ...actions.services import action_reminders_send


class Command(BaseCommand):
    help = ("Email each owner of overdue MASE actions once a day (no case content). With --schedule, queue "
            "the daily run for the next 07:00 on the task worker instead, unless one is already waiting.")

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true",
                            help="Queue the daily reminder task (started by bin/serve) rather than send now.")

    def handle(self, *args, schedule, **options):
        if schedule:
            self._schedule()
            return
        sent = action_reminders_send()
        self.stdout.write(f"Reminded {sent} owner{'' if sent == 1 else 's'} of overdue actions.")

    def _schedule(self):
        if not tasks.can_defer():
            self.stdout.write("The task backend cannot run tasks later: run `manage.py remind_overdue_actions` "
                              "daily (for example from cron) instead.")
            return
        if tasks.waiting():
            self.stdout.write("The overdue action reminders are already scheduled.")
            return
        when = tasks.schedule_next()
        if when is None:
            self.stderr.write("Could not schedule the overdue action reminders.")
            return
        self.stdout.write(f"The overdue action reminders will run at {when:%Y-%m-%d %H:%M %Z}.")
