"""Writes for the API's own records: system clients, their tokens, webhook subscriptions and
case-note acknowledgements. Each runs in one transaction with its audit event. The inbound referral
is in referrals.py, the webhooks' deliveries in webhooks.py."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from csepathway.accounts.roles import role_of
from csepathway.audit.services import record
from csepathway.outbox.events import EVENT_NAMES

from .models import ApiToken, CaseNoteAcknowledgement, Scope, SystemClient, WebhookSubscription
from .selectors import case_note_for_acknowledgement
from .tokens import token_hash, token_new, token_prefix
from .webhooks import secret_new, signature

DEFAULT_TOKEN_DAYS = 90
LONGEST_TOKEN_DAYS = 366


@transaction.atomic
def system_client_create(*, actor, name: str, kind: str, service_account) -> SystemClient:
    """A council system acting as `service_account`, which must be an active account with a role:
    the role and team decide what the system may see, exactly as for a person (ADR 0058)."""
    if role_of(service_account) is None:
        raise ValidationError("The service account must be an active account with a role.")
    system = SystemClient.objects.create(name=name, kind=kind, service_account=service_account)
    record(actor=actor, verb="api.system_client_created", obj=system)
    return system


def _check_scopes(scopes) -> list[str]:
    scopes = sorted(set(scopes))
    unknown = set(scopes) - set(Scope.values)
    if not scopes or unknown:
        raise ValidationError(f"Give one or more scopes from {', '.join(Scope.values)}.")
    return scopes


def _new_token(*, actor, system: SystemClient, scopes, days: int, replaces: ApiToken | None = None):
    if not 1 <= days <= LONGEST_TOKEN_DAYS:
        raise ValidationError(f"A token lasts between 1 and {LONGEST_TOKEN_DAYS} days.")
    secret = token_new()
    token = ApiToken.objects.create(
        system=system, prefix=token_prefix(secret), secret_hash=token_hash(secret), scopes=_check_scopes(scopes),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=timezone.now() + dt.timedelta(days=days), replaces=replaces)
    return token, secret


@transaction.atomic
def api_token_issue(*, actor, system: SystemClient, scopes, days: int = DEFAULT_TOKEN_DAYS) -> tuple[ApiToken, str]:
    """A new token for the system. The secret is returned here, once, and never stored."""
    token, secret = _new_token(actor=actor, system=system, scopes=scopes, days=days)
    record(actor=actor, verb="api.token_issued", obj=token, changed_fields=["scopes", "expires_at"])
    return token, secret


@transaction.atomic
def api_token_rotate(*, actor, token: ApiToken, days: int = DEFAULT_TOKEN_DAYS) -> tuple[ApiToken, str]:
    """Replace a token with a new one with the same scopes; the old one stops working at once."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError("This token has been revoked or rotated already; issue a new one.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    new, secret = _new_token(actor=actor, system=token.system, scopes=token.scopes, days=days, replaces=token)
    record(actor=actor, verb="api.token_rotated", obj=new, changed_fields=["revoked_at"])
    return new, secret


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Stop a token working. Revoking it again changes nothing and records nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor=actor, verb="api.token_revoked", obj=token, changed_fields=["revoked_at"])
    return token


def _check_target(url: str) -> None:
    parts = urlsplit(url)
    local = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and local and getattr(settings, "WEBHOOK_ALLOW_LOCAL_HTTP", False):
        return
    raise ValidationError("A webhook's address must start with https:// (plain http only to this machine, "
                          "in development and tests).")


@transaction.atomic
def webhook_subscription_create(*, actor, system: SystemClient, target_url: str, events,
                                secret: str | None = None) -> tuple[WebhookSubscription, str]:
    """Subscribe the system to events; returns the subscription and the signing secret (generated
    unless given), which the receiver needs to check signatures."""
    _check_target(target_url)
    events = sorted(set(events))
    if not events or set(events) - set(EVENT_NAMES):
        raise ValidationError(f"Give one or more events from {', '.join(EVENT_NAMES)}.")
    secret = secret or secret_new()
    try:
        signature(secret, "check", "0", b"")
    except ValueError as bad:
        raise ValidationError("A webhook secret is whsec_ followed by base64.") from bad
    subscription = WebhookSubscription.objects.create(system=system, target_url=target_url, secret=secret,
                                                      events=events)
    record(actor=actor, verb="api.webhook_subscribed", obj=subscription, changed_fields=["events", "target_url"])
    return subscription, secret


def case_note_acknowledge(*, actor, system: SystemClient, note_id) -> tuple[CaseNoteAcknowledgement, bool]:
    """The source system says it has the case note. Only a note the service account may read
    (404 otherwise, the refusal audited: so the look-up is outside the write's transaction, which
    would roll the refusal back); a second acknowledgement returns the first (False)."""
    note = case_note_for_acknowledgement(actor=actor, note_id=note_id)
    with transaction.atomic():
        return _acknowledge(actor=actor, system=system, note=note)


def _acknowledge(*, actor, system, note) -> tuple[CaseNoteAcknowledgement, bool]:
    existing = CaseNoteAcknowledgement.objects.filter(note_id=note.pk, system=system).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            acknowledgement = CaseNoteAcknowledgement.objects.create(note_id=note.pk, child_id=note.child_id,
                                                                     system=system)
    except IntegrityError:  # the same acknowledgement, sent twice at once
        return CaseNoteAcknowledgement.objects.get(note_id=note.pk, system=system), False
    record(actor=actor, verb="api.case_note_acknowledged", obj=note, child_id=note.child_id)
    return acknowledgement, True
