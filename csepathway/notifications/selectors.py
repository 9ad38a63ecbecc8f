"""Reading a person's notifications: always their own, never anyone else's."""

from csepathway.audit.scope import get_in_scope_or_404
from csepathway.core.paging import WindowPage, window_page

from . import access
from .models import DigestPreference, Notification

PER_PAGE = 25


def notification_list(*, actor, page=1) -> WindowPage:
    """Newest first, a page at a time. Not audited: a notification holds only the email's generic
    text and link, never the child it is about."""
    return window_page(access.own_notifications(actor).only("id", "subject", "intro", "path", "created_at",
                                                            "read_at"), page, PER_PAGE)


def notification_get(*, actor, notification_id) -> Notification:
    """The actor's own notification; anyone else's, or none, is a 404 with the refusal on the trail.
    A notification is no child's record, so the refusal names no child."""
    return get_in_scope_or_404(access.own_notifications(actor), actor=actor, pk=notification_id,
                               verb="notification.read", child_id_of=lambda _: None, may=access.may_mark_read,
                               record_read=False)


def unread_count(*, actor) -> int:
    """The header's number, on every page: one count on the partial index of unread rows."""
    return access.own_notifications(actor).filter(read_at__isnull=True).count()


def digest_wanted(*, actor) -> bool:
    return DigestPreference.objects.filter(user_id=actor.pk, weekly_digest=True).exists()
