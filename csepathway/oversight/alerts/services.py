"""Unusual access alerts for information governance: a user opening more different children in an
hour than anyone's work needs, or repeatedly being refused children they may not see.

The check runs on the task worker, never in the request: a sweep every minute (sweep.py) checks each
person who read a child's record since the sweep before. Each check costs one aggregate query on the
(actor, occurred_at) index, and a second only when a threshold is crossed."""

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.children.selectors import CHILD_READ_VERBS, CHILD_TYPE
from csepathway.core.refusals import Refused
from csepathway.outbox.services import email_link

from .. import access
from .models import AccessAlert

logger = logging.getLogger(__name__)

WINDOW = dt.timedelta(hours=1)
DEFAULT_CHILDREN_PER_HOUR = 20
DEFAULT_DENIED_PER_HOUR = 5
ALERT_SUBJECT = "CSE Pathway: an unusual access alert is waiting for review"
ALERT_INTRO = "The service has raised an unusual access alert for information governance to review."


def children_per_hour() -> int:
    return int(getattr(settings, "ACCESS_ALERT_CHILDREN_PER_HOUR", DEFAULT_CHILDREN_PER_HOUR))


def denied_per_hour() -> int:
    return int(getattr(settings, "ACCESS_ALERT_DENIED_PER_HOUR", DEFAULT_DENIED_PER_HOUR))


def _counts(user_id, start, end) -> dict:
    reads = AuditEvent.objects.filter(actor_id=user_id, occurred_at__gte=start, occurred_at__lte=end,
                                      object_type=CHILD_TYPE, verb__in=CHILD_READ_VERBS)
    return reads.aggregate(
        children=Count("child_id", distinct=True, filter=Q(outcome=AuditEvent.Outcome.ALLOWED)),
        denied=Count("sequence", filter=Q(outcome=AuditEvent.Outcome.DENIED)),
    )


def access_alerts_check(*, user_id, now: dt.datetime | None = None) -> list[AccessAlert]:
    """Raise the alerts this user's reads in the hour up to `now` call for, at most one per kind
    per hour. Never raises: a failed check is logged, and the read it followed stands."""
    try:
        return _check(user_id, now or timezone.now())
    except Exception:
        logger.exception("Unusual access check failed for user %s", user_id)
        return []


def _check(user_id, now) -> list[AccessAlert]:
    start = now - WINDOW
    counts = _counts(user_id, start, now)
    crossed = []
    if counts["children"] > children_per_hour():
        crossed.append((AccessAlert.Kind.MANY_CHILDREN, counts["children"]))
    if counts["denied"] >= denied_per_hour():
        crossed.append((AccessAlert.Kind.DENIED_READS, counts["denied"]))
    return [alert for kind, count in crossed if (alert := _raise(user_id, kind, count, start, now)) is not None]


@transaction.atomic
def _raise(user_id, kind, count, start, now) -> AccessAlert | None:
    # Locking the person's row (to commit) queues two checks racing for the same person, so the
    # second sees the first's alert and the alert is raised once.
    get_user_model().objects.select_for_update().filter(pk=user_id).first()
    if AccessAlert.objects.filter(user_id=user_id, kind=kind, raised_at__gt=now - WINDOW).exists():
        return None
    alert = AccessAlert.objects.create(user_id=user_id, kind=kind, window_start=start, window_end=now,
                                       count=count, raised_at=timezone.now())
    record(actor=None, verb="access_alert.raised", obj=alert, acting_role="system")
    _notify(alert)
    return alert


def _notify(alert: AccessAlert) -> None:
    """Every active auditor is told an alert is waiting: a link, and nothing about who or which child."""
    path = reverse("oversight:alert_detail", args=[alert.pk])
    auditors = get_user_model().objects.filter(role=Role.AUDITOR, is_active=True).exclude(email="")
    for auditor in auditors.order_by("username"):
        # Never the child: an alert is about a person's reading, not about one record.
        email_link(to_user=auditor, subject=ALERT_SUBJECT, path=path, intro=ALERT_INTRO)


@transaction.atomic
def access_alert_review(*, actor, alert: AccessAlert, note: str) -> AccessAlert:
    """Information governance records what they found. Once reviewed, an alert stays as reviewed;
    a double-clicked review by the same person changes nothing."""
    if not access.may_review_alerts(actor):
        raise PermissionDenied
    alert = AccessAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.reviewed_at is not None:
        if alert.reviewed_by_id == actor.pk:
            return alert
        raise Refused("This alert has already been reviewed by someone else.")
    note = note.strip()
    if not note:
        raise Refused("Enter what you found and did about the alert.")
    alert.reviewed_by, alert.reviewed_at, alert.note = actor, timezone.now(), note
    alert.save(update_fields=["reviewed_by", "reviewed_at", "note"])
    record(actor=actor, verb="access_alert.reviewed", obj=alert, changed_fields=["reviewed_by", "reviewed_at", "note"])
    return alert
