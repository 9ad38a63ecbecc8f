"""Sign-in events come from Django and django-axes as signals; each becomes an audit event."""

import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record

from .middleware import LAST_SEEN_AT, SIGNED_IN_AT


def _user_named(username: str | None):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


@receiver(user_logged_in)
def audit_sign_in(sender, request, user, **kwargs):
    record(actor=user, verb="sign_in.succeeded", obj=user)


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    # The 12-hour limit counts from the moment of sign-in, not from the next page asked for.
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now


@receiver(user_logged_out)
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None:
        record(actor=user, verb="sign_out", obj=user)


@receiver(user_login_failed)
def audit_sign_in_failure(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")
    user = _user_named(username)
    # The typed username is not stored when it matches nobody: it may be a mistyped password.
    record(
        actor=None, verb="sign_in.failed", outcome=AuditEvent.Outcome.DENIED,
        object_type="accounts.user", object_id=str(user.pk) if user else "", acting_role="",
    )


@receiver(user_locked_out)
def audit_lock_out(sender, request, username, ip_address, **kwargs):
    user = _user_named(username)
    record(
        actor=None, verb="sign_in.locked_out", outcome=AuditEvent.Outcome.DENIED,
        object_type="accounts.user", object_id=str(user.pk) if user else "", acting_role="",
    )
