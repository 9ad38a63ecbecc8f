"""The weekly digest on the task worker: Mondays at 07:30 local time. `manage.py send_weekly_digests
--schedule` (run by bin/serve) starts the cycle (core/cycles.py); without a backend that can run
tasks later, run `manage.py send_weekly_digests` weekly from cron instead. A run late in the week
(the worker was down on Monday) still sends that week's digest, once."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from csepathway.core import cycles

DIGEST_TIME = dt.time(7, 30)


@task()
def send_weekly_digests():
    from .digest import weekly_digests_send

    try:
        return weekly_digests_send()
    finally:
        # Even after a failed run: next week's digest must not depend on this one succeeding.
        schedule_next()


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    """The next Monday 07:30 local time strictly after `now`, right across the clock changes."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local = (now or timezone.now()).astimezone(zone)
    monday = local.date() - dt.timedelta(days=local.weekday())
    candidate = dt.datetime.combine(monday, DIGEST_TIME, tzinfo=zone)
    if candidate <= local:
        candidate = dt.datetime.combine(monday + dt.timedelta(days=7), DIGEST_TIME, tzinfo=zone)
    return candidate


def schedule_next(now: dt.datetime | None = None) -> dt.datetime | None:
    return cycles.schedule(send_weekly_digests, next_run(now))
