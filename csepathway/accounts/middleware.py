"""Session limits and the second factor, enforced on every request after authentication."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from .passkeys import passkey_required
from .step_up import resume_entries

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"


class SessionTimeoutMiddleware:
    """Ends a session after 30 minutes idle or 12 hours in all (both configurable)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_seen_at = session.get(LAST_SEEN_AT, now)
            idle = now - last_seen_at > settings.SESSION_IDLE_TIMEOUT_SECONDS
            expired = now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS
            if idle or expired:
                logout(request)
                messages.info(request, "You were signed out because your session ended. Sign in again to continue.")
                return redirect_to_login(request.get_full_path())
            session[LAST_SEEN_AT] = now
        return self.get_response(request)


def _two_factor_open_paths() -> tuple[str, ...]:
    return (
        reverse("accounts:two_factor_verify"),
        reverse("accounts:two_factor_enrol"),
        reverse("accounts:passkeys"),  # and the WebAuthn calls under it
        reverse("accounts:sign_out"),
        settings.STATIC_URL,
        reverse("core:accessibility"),
        reverse("core:privacy"),
    )


PASSKEY_SEEN = "passkey_seen"


def _passkey_missing(request) -> bool:
    """Whether this user's role must have a passkey and they have none. Once one is found the
    session remembers it, so the roles that must have one do not pay a query on every page."""
    if request.session.get(PASSKEY_SEEN):
        return False
    if passkey_required(request.user):
        return True
    if request.user.role in settings.PASSKEY_REQUIRED_ROLES:
        request.session[PASSKEY_SEEN] = True
    return False


class TwoFactorRequiredMiddleware:
    """A signed-in user who has a second factor must use it; where two factors are required,
    a user without one must enrol before going anywhere else; and a user whose role must have a
    passkey (PASSKEY_REQUIRED_ROLES, docs/adr/0062) registers one before going anywhere else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        needs_second_factor = user.is_authenticated and not user.is_verified()
        if not user.is_authenticated or request.path.startswith(_two_factor_open_paths()):
            return self.get_response(request)
        if needs_second_factor and user_has_device(user):
            return redirect_to_login(request.get_full_path(), reverse("accounts:two_factor_verify"))
        if _passkey_missing(request):
            return redirect_to_login(request.get_full_path(), reverse("accounts:passkeys"))
        if needs_second_factor and settings.TWO_FACTOR_REQUIRED:
            return redirect("accounts:two_factor_enrol")
        return self.get_response(request)


class StepUpResumeMiddleware:
    """What a user typed into a form that was sent when their step-up had lapsed, given back to the
    page once they have confirmed it is them (accounts.step_up.resume_entries, issue 13 point 12)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and getattr(request, "user", None) is not None and request.user.is_authenticated:
            resume_entries(request)
        return self.get_response(request)
