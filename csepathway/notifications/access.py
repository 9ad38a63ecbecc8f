"""Notifications are personal: each person sees and marks only their own, whatever their role. Another
person's notification is answered as if it did not exist (404)."""

from django.db.models import QuerySet

from csepathway.accounts.roles import role_of

from .models import Notification


def has_notifications(user) -> bool:
    """Anyone signed in with an active account and a role."""
    return role_of(user) is not None


def own_notifications(user) -> QuerySet[Notification]:
    if not has_notifications(user):
        return Notification.objects.none()
    return Notification.objects.filter(user_id=user.pk)


def may_mark_read(user, notification: Notification) -> bool:
    return has_notifications(user) and notification.user_id == user.pk
