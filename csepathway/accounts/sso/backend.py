"""The single sign-on backend: mozilla-django-oidc does the authorization code flow (state, nonce,
PKCE, the token request); this subclass makes its ID token checks strict and hands the verified
claims to sso.services (docs/adr/0061)."""

import logging

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from requests.exceptions import RequestException

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record

from . import sso_enabled
from .services import Refusal, sso_sign_in_resolve

logger = logging.getLogger(__name__)

# The request attribute the callback view reads to say why a sign-in was refused.
REFUSAL_ATTR = "sso_refusal"
TOKEN_REJECTED = "token_rejected"  # noqa: S105 - a refusal reason, not a secret


class SsoBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The library reads its settings here and fails when they are missing; with single sign-on
        # off the backend is still listed, so it must load, and answer nothing.
        self.UserModel = get_user_model()
        if sso_enabled():
            super().__init__(*args, **kwargs)

    def get_user(self, user_id):
        # Django's, which also turns away a deactivated account on its next request.
        return ModelBackend.get_user(self, user_id)

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a password sign-in never reaches the provider.
        if not sso_enabled() or request is None or "nonce" not in kwargs or "username" in kwargs:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.InvalidTokenError, RequestException, KeyError, ValueError) as error:
            logger.warning("single sign-on refused: %s", type(error).__name__)
            record(actor=None, verb=f"sso.refused_{TOKEN_REJECTED}", outcome=AuditEvent.Outcome.DENIED,
                   object_type="accounts.user", acting_role="")
            setattr(request, REFUSAL_ATTR, TOKEN_REJECTED)
            return None

    def _verify_jws(self, payload, key):
        """The library checks the signature and expiry only. Here the issuer and audience must be
        ours, the times present and in range, and a token for several audiences must name us as
        the authorised party."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("ID token signed with an unexpected algorithm")
        try:
            claims = jwt.decode(
                payload, key, algorithms=[self.OIDC_RP_SIGN_ALGO], audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER, leeway=settings.SSO_CLOCK_SKEW_SECONDS,
                options={"require": ["iss", "aud", "sub", "exp", "iat", "nonce"], "verify_signature": True},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token rejected: {error}") from error
        if isinstance(claims["aud"], list) and len(claims["aud"]) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token for several audiences without us as the authorised party")
        return claims

    def get_payload_data(self, token, key):
        # Never the library's "unsecured JWT" path, whatever the settings say.
        return self._verify_jws(token, key)

    def get_userinfo(self, access_token, id_token, payload):
        # The signed, audience-bound ID token's claims, not the userinfo endpoint's unsigned answer.
        return payload

    def verify_claims(self, claims):
        return True  # sso_sign_in_resolve decides, and records why it refuses

    def get_or_create_user(self, access_token, id_token, payload):
        outcome = sso_sign_in_resolve(claims=payload)
        if isinstance(outcome, Refusal):
            setattr(self.request, REFUSAL_ATTR, outcome.reason)
            return None
        return outcome
