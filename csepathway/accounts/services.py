"""Account writes: two-factor enrolment and verification. Each writes its audit event."""

import secrets

from django.db import transaction
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record

BACKUP_CODE_COUNT = 10


@transaction.atomic
def two_factor_enrolment_start(*, actor) -> TOTPDevice:
    """The unconfirmed authenticator-app device the user is setting up (one at a time)."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def two_factor_enrolment_confirm(*, actor, token: str) -> list[str] | None:
    """Confirm the pending device with a code from it. Returns fresh backup codes, or None when
    the code is wrong."""
    device = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=False).first()
    if device is None or not device.verify_token(token):
        record(actor=actor, verb="two_factor.enrolment_failed", obj=actor, outcome=AuditEvent.Outcome.DENIED)
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    codes = backup_codes_replace(actor=actor)
    record(actor=actor, verb="two_factor.enrolled", obj=actor)
    return codes


def backup_codes_replace(*, actor) -> list[str]:
    """Issue a new set of single-use backup codes, replacing any old ones."""
    static_device, _ = StaticDevice.objects.get_or_create(user=actor, name="Backup codes")
    static_device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static_device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_verify(*, actor, token: str):
    """Check a code against the user's devices; a backup code is used up by a match."""
    device = match_token(actor, token)
    if device is None:
        record(actor=actor, verb="two_factor.failed", obj=actor, outcome=AuditEvent.Outcome.DENIED)
        return None
    used_backup = isinstance(device, StaticDevice)
    record(actor=actor, verb="two_factor.backup_code_used" if used_backup else "two_factor.verified", obj=actor)
    return device
