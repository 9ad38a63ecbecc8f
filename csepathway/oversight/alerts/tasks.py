"""The unusual-access sweep on the task worker, every minute. `manage.py sweep_access_alerts
--schedule` (run by bin/serve) starts the cycle (core/cycles.py); without a backend that can run
tasks later, run `manage.py sweep_access_alerts` every minute from cron instead."""

import datetime as dt

from django.tasks import task
from django.utils import timezone

from csepathway.core import cycles


@task()
def sweep_access_alerts():
    from .sweep import access_alerts_sweep

    try:
        return len(access_alerts_sweep())
    finally:
        # Even after a failed run: the next sweep must not depend on this one succeeding.
        schedule_next()


def schedule_next(now: dt.datetime | None = None) -> dt.datetime | None:
    from .sweep import INTERVAL

    return cycles.schedule(sweep_access_alerts, (now or timezone.now()) + INTERVAL)
