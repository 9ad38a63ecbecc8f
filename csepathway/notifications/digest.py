"""The weekly digest (issue 12, point 2): a person who asked for it is emailed, once a week, how
many of their notifications from the last seven days are still unread, with a link to the list.
The number and the link only: nothing of any case.

Each person is one transaction (the week remembered, the email queued, the audit event), so one
failure holds back nobody else, and a second run in the same week, or two at once, sends nothing
more: the week is remembered under a unique constraint, with the person's row locked first."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.audit.services import record
from csepathway.outbox.services import email_send

from .models import DigestPreference, Notification, WeeklyDigest

LOOK_BACK = dt.timedelta(days=7)
DIGEST_SUBJECT = "CSE Pathway: your weekly summary of notifications"


def week_starting(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def digest_intro(unread: int) -> str:
    return (f"You have {unread} unread notification{'' if unread == 1 else 's'} in CSE Pathway "
            "from the last 7 days.")


def weekly_digests_send(*, now: dt.datetime | None = None) -> int:
    """Email each person who wants the digest and has unread notifications from the last 7 days,
    unless they had this week's already. Returns how many were emailed."""
    now = now or timezone.now()
    week = week_starting(timezone.localdate(now))
    sent_this_week = WeeklyDigest.objects.filter(week_starting=week).values("user_id")
    user_ids = (DigestPreference.objects.filter(weekly_digest=True, user__is_active=True).exclude(user__email="")
                .exclude(user_id__in=sent_this_week).values_list("user_id", flat=True).order_by("user_id"))
    return sum(_send_one(user_id=user_id, week=week, since=now - LOOK_BACK) for user_id in list(user_ids))


@transaction.atomic
def _send_one(*, user_id, week: dt.date, since: dt.datetime) -> int:
    # The lock queues a second run behind this one; it then finds the week remembered.
    user = get_user_model().objects.select_for_update().get(pk=user_id)
    if WeeklyDigest.objects.filter(user_id=user_id, week_starting=week).exists():
        return 0
    if not DigestPreference.objects.filter(user_id=user_id, weekly_digest=True).exists():
        return 0  # switched off since the run began
    unread = Notification.objects.filter(user_id=user_id, read_at__isnull=True, created_at__gte=since).count()
    if not unread:
        return 0  # nothing to say: not remembered, so a later run this week may still send one
    digest = WeeklyDigest.objects.create(user_id=user_id, week_starting=week, unread=unread)
    # notify=False: the digest is about the notifications, and must not become one itself.
    email_send(to=[user.email], subject=DIGEST_SUBJECT, path=reverse("notifications:list"),
               intro=digest_intro(unread), child_id=None, notify=False)
    record(actor=None, verb="notification.digest_sent", obj=digest, acting_role="system")
    return 1
