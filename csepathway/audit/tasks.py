"""Background work of the audit trail: keeping twelve months of partitions ready ahead of time, once
a day on the task worker (core/cycles.py). `manage.py audit_partitions --schedule` (run by bin/serve)
starts the cycle; without a backend that can run tasks later, run `manage.py audit_partitions` from
cron instead. A day or a month missed loses nothing: events with no month partition land in the
DEFAULT partition."""

import datetime as dt

from django.tasks import task
from django.utils import timezone

from csepathway.core import cycles

INTERVAL = dt.timedelta(days=1)


@task()
def keep_audit_partitions_ahead():
    from .partitions import audit_partitions_keep_ahead

    try:
        return audit_partitions_keep_ahead()
    finally:
        # Even after a failed run (a lock not granted in time): tomorrow's must still happen.
        schedule_next()


def schedule_next(now: dt.datetime | None = None) -> dt.datetime | None:
    return cycles.schedule(keep_audit_partitions_ahead, (now or timezone.now()) + INTERVAL)
