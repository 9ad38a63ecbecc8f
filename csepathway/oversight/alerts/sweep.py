"""The unusual-access sweep: off the request path, on the task worker, every minute.

A read commits some moments after it was stamped, so each sweep reads back from a little before
where the last one stopped (OVERLAP); checking a person twice is harmless, since an alert is raised
at most once per person per kind per hour (services._raise). A gap longer than half an hour (the
worker was down) is read in half-hour slices, so a burst inside it is still checked against the
hour it fell in."""

import datetime as dt
import logging

from django.db.models import Max
from django.utils import timezone

from csepathway.audit.models import AuditEvent
from csepathway.children.selectors import CHILD_READ_VERBS, CHILD_TYPE

from .models import AccessAlert, AccessSweep
from .services import WINDOW, access_alerts_check

logger = logging.getLogger(__name__)

OVERLAP = dt.timedelta(minutes=5)
SLICE = WINDOW / 2
INTERVAL = dt.timedelta(minutes=1)


def _last_reads(start: dt.datetime, end: dt.datetime):
    """Each person who read a child's record in (start, end], with the time of their last such read.
    One query on the occurred_at index (and, on PostgreSQL, only the month partitions it touches)."""
    reads = AuditEvent.objects.filter(occurred_at__gt=start, occurred_at__lte=end, actor_id__isnull=False,
                                      object_type=CHILD_TYPE, verb__in=CHILD_READ_VERBS)
    return reads.order_by().values_list("actor_id").annotate(last=Max("occurred_at"))


def access_alerts_sweep(*, now: dt.datetime | None = None) -> list[AccessAlert]:
    """Check everyone who read a child's record since the last sweep; the alerts raised. Never
    raises for one person's failed check (access_alerts_check logs it)."""
    now = now or timezone.now()
    state = AccessSweep.objects.order_by("pk").first()
    start = (state.swept_to - OVERLAP) if state else now - WINDOW
    raised = []
    while start < now:
        end = min(start + SLICE, now)
        for user_id, last in _last_reads(start, end):
            # The hour up to their last read, as the check after each read used to look.
            raised += access_alerts_check(user_id=user_id, now=last)
        start = end
    if state is None:
        AccessSweep.objects.create(swept_to=now)
    else:
        # Only forward: a slower sweep finishing after a later one must not move the mark back.
        AccessSweep.objects.filter(pk=state.pk, swept_to__lt=now).update(swept_to=now)
    return raised
