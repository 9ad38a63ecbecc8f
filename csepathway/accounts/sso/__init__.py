"""Single sign-on with OpenID Connect (docs/adr/0061): the backend that checks the provider's ID
token (backend.py), the writes that match, link, create and update accounts from its claims
(services.py), and the pages (views.py)."""

from django.conf import settings


def sso_enabled() -> bool:
    return bool(settings.SSO_ENABLED)


def password_sign_in_allowed(user) -> bool:
    """Whether this person may use the password form (and is asked for a password at step-up)."""
    return not sso_enabled() or bool(getattr(user, "local_sign_in_allowed", False))
