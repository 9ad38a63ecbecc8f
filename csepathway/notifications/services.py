"""Writing notifications: one for each person with an account an email is queued for, and marking
them read. Marking read is the person's own change, so it is on the audit trail."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from csepathway.audit.services import record

from . import access
from .models import DigestPreference, Notification


def _accounts_for(addresses) -> list:
    """The active accounts behind these addresses, matched without regard to case as mail is.
    Addresses with no account (a professional from the directory, the police mailbox) match none."""
    wanted = Q()
    for address in {a.strip() for a in addresses if a and a.strip()}:
        wanted |= Q(email__iexact=address)
    if not wanted:
        return []
    return list(get_user_model().objects.filter(wanted, is_active=True).only("pk"))


def notifications_for_email(message, *, to_user=None) -> list[Notification]:
    """The outbox's listener (outbox/listeners.py), inside the transaction that queued `message`:
    one notification for `to_user`, or for each active account whose address the email is sent
    to. The same subject, introduction and link as the email, so nothing more of the case."""
    payload = message.payload
    users = _accounts_for(payload.get("to") or ()) if to_user is None else [u for u in [to_user] if u.is_active]
    if not users:
        return []
    now = timezone.now()
    return Notification.objects.bulk_create([
        Notification(user_id=user.pk, subject=payload["subject"], intro=payload.get("intro", ""),
                     path=payload["path"], child_id=message.child_id, created_at=now)
        for user in users])


@transaction.atomic
def notification_mark_read(*, actor, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read. Already read (a double click), nothing changes."""
    if not access.may_mark_read(actor, notification):
        raise PermissionDenied
    now = timezone.now()
    if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now):
        notification.read_at = now
        record(actor=actor, verb="notification.marked_read", obj=notification, changed_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor) -> int:
    """Mark every unread notification of the actor's read; how many were. One audit event for them all."""
    if not access.has_notifications(actor):
        raise PermissionDenied
    count = access.own_notifications(actor).filter(read_at__isnull=True).update(read_at=timezone.now())
    if count:
        record(actor=actor, verb="notification.marked_all_read", object_type="notifications.notification",
               changed_fields=["read_at"])
    return count


@transaction.atomic
def digest_preference_update(*, actor, weekly_digest: bool) -> DigestPreference:
    if not access.has_notifications(actor):
        raise PermissionDenied
    preference, _ = DigestPreference.objects.select_for_update().get_or_create(user_id=actor.pk)
    if preference.weekly_digest != weekly_digest:
        preference.weekly_digest = weekly_digest
        preference.save(update_fields=["weekly_digest", "updated_at"])
        record(actor=actor, verb="notification.digest_preference_changed", obj=preference,
               changed_fields=["weekly_digest"])
    return preference
