"""Background work of the meetings app: the daily reminder of overdue actions.

The task keeps its own cycle: after each run it defers itself to the next 07:00 local time, on a
backend that can defer (django-tasks-db). `manage.py remind_overdue_actions --schedule` (run by
bin/serve) starts the cycle, enqueuing it once unless a run is already waiting. Where no backend
can defer, run `manage.py remind_overdue_actions` daily from cron instead. Running twice on the
same day emails nobody twice: the owner's actions remember the day they were reminded."""

import datetime as dt
import logging
import zoneinfo

from django.conf import settings
from django.tasks import TaskResultStatus, task
from django.utils import timezone

logger = logging.getLogger(__name__)

REMINDER_TIME = dt.time(7, 0)


@task()
def remind_overdue_actions():
    from .services import action_reminders_send

    try:
        return action_reminders_send()
    finally:
        # Even after a failed run: tomorrow's reminders must not depend on today's succeeding.
        schedule_next()


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    """The next 07:00 local time strictly after `now`, right across the clock changes."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local = (now or timezone.now()).astimezone(zone)
    candidate = dt.datetime.combine(local.date(), REMINDER_TIME, tzinfo=zone)
    if candidate <= local:
        candidate = dt.datetime.combine(local.date() + dt.timedelta(days=1), REMINDER_TIME, tzinfo=zone)
    return candidate


def can_defer() -> bool:
    return bool(remind_overdue_actions.get_backend().supports_defer)


def waiting() -> bool:
    """Whether a run is already queued (django-tasks-db only: other backends cannot be asked)."""
    backend = remind_overdue_actions.get_backend()
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(backend, DatabaseBackend):
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, backend_name=backend.alias,
                                       task_path=remind_overdue_actions.module_path).exists()


def schedule_next(now: dt.datetime | None = None) -> dt.datetime | None:
    """Queue the next run for 07:00 unless one is waiting; the time queued, or None if nothing was."""
    try:
        if not can_defer() or waiting():
            return None
        when = next_run(now)
        remind_overdue_actions.using(run_after=when).enqueue()
        return when
    except Exception as error:  # noqa: BLE001 - logged loudly: without it the daily cycle stops
        logger.error("could not schedule the overdue action reminders: %s", type(error).__name__)
        return None
