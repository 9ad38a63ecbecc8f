"""Passkeys (WebAuthn) as a second factor, through django-otp-webauthn (docs/adr/0062): who has one,
who must, and the settings the library's scripts read from the page."""

from django.conf import settings
from django.middleware.csrf import get_token
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

STEP_UP = "step-up"


def user_has_passkey(user) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def user_has_code_device(user) -> bool:
    """An authenticator app or backup codes: something that gives a code to type."""
    return (TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            or StaticDevice.objects.filter(user=user, confirmed=True, token_set__isnull=False).exists())


def passkey_required(user) -> bool:
    return getattr(user, "role", None) in settings.PASSKEY_REQUIRED_ROLES and not user_has_passkey(user)


def passkey_script_config(request, *, purpose: str = "") -> dict:
    """What the library's scripts read from the page (its own template tag would point them at its
    URLs, which carry no access rule here). Step-up asks the authenticator to verify the person."""
    suffix = f"?purpose={purpose}" if purpose else ""
    return {
        "autocompleteLoginFieldSelector": None,
        "nextFieldSelector": "input[name='next']",
        "csrfToken": get_token(request),
        "beginAuthenticationUrl": reverse("accounts:passkey_verify_begin") + suffix,
        "completeAuthenticationUrl": reverse("accounts:passkey_verify_complete") + suffix,
        "beginRegistrationUrl": reverse("accounts:passkey_register_begin"),
        "completeRegistrationUrl": reverse("accounts:passkey_register_complete"),
    }

