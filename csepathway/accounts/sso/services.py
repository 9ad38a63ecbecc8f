"""Single sign-on writes: who a verified ID token's claims are here, and what their groups make them.
Each outcome is written with its audit event in one transaction (docs/adr/0061)."""

import dataclasses

from django.conf import settings
from django.db import transaction

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record

from ..models import SsoGroupMapping, User


@dataclasses.dataclass(frozen=True)
class Refusal:
    """Why a person the provider vouched for is not let in. The reasons are the audit verb's tail."""

    reason: str
    user: User | None = None


NO_SUBJECT, UNKNOWN_USER, NO_MAPPED_GROUP, DEACTIVATED, AMBIGUOUS_EMAIL = (
    "no_subject", "unknown_user", "no_mapped_group", "deactivated", "ambiguous_email")


def group_mapping_for(groups) -> SsoGroupMapping | None:
    """The mapping that decides a person's role and team: of the groups they are in, the one with
    the lowest precedence number."""
    if not isinstance(groups, list):
        return None
    names = [group for group in groups if isinstance(group, str)]
    return SsoGroupMapping.objects.select_related("team").filter(group_id__in=names).first()


def _matched_user(claims: dict, subject: str) -> User | None | Refusal:
    user = User.objects.select_for_update().filter(sso_subject=subject).first()
    if user is not None:
        return user
    email = claims.get("email")
    # Only an address the provider says it has verified: an unverified one could be anybody's.
    if not isinstance(email, str) or not email or claims.get("email_verified") is not True:
        return None
    # An account already linked to another identity is never taken over by a matching address.
    matches = list(User.objects.select_for_update().filter(email__iexact=email, sso_subject__isnull=True)[:2])
    if len(matches) > 1:
        return Refusal(AMBIGUOUS_EMAIL)
    return matches[0] if matches else None


def _refuse(refusal: Refusal) -> Refusal:
    record(actor=None, verb=f"sso.refused_{refusal.reason}", outcome=AuditEvent.Outcome.DENIED,
           object_type="accounts.user", object_id=str(refusal.user.pk) if refusal.user else "", acting_role="")
    return refusal


def _new_username(claims: dict, subject: str) -> str:
    base = (claims.get("email") or f"sso-{subject}")[:140].lower()
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


def _create(claims: dict, subject: str, mapping: SsoGroupMapping) -> User:
    verified_email = claims.get("email") if claims.get("email_verified") is True else ""
    user = User(username=_new_username(claims, subject), email=verified_email or "",
                first_name=str(claims.get("given_name", ""))[:150], last_name=str(claims.get("family_name", ""))[:150],
                role=mapping.role, team=mapping.team, sso_subject=subject)
    # Signs in only through the provider: there is no password to guess or to reset.
    user.set_unusable_password()
    user.save()
    record(actor=None, verb="sso.account_created", obj=user, acting_role="",
           changed_fields=["username", "email", "role", "team", "sso_subject"])
    return user


@transaction.atomic
def sso_sign_in_resolve(*, claims: dict) -> User | Refusal:
    """The account these verified claims sign in to, linked, created or brought up to date from the
    group mappings; or why not. Nothing is written for a refusal but its audit event."""
    subject = claims.get(settings.SSO_MATCH_CLAIM)
    if not isinstance(subject, str) or not subject:
        return _refuse(Refusal(NO_SUBJECT))
    mapping = group_mapping_for(claims.get(settings.SSO_GROUPS_CLAIM))
    matched = _matched_user(claims, subject)
    if isinstance(matched, Refusal):
        return _refuse(matched)
    if matched is None:
        # Just-in-time accounts only for people whose groups give them a role and a team here.
        if mapping is None or not settings.SSO_CREATE_USERS:
            return _refuse(Refusal(UNKNOWN_USER))
        return _create(claims, subject, mapping)
    user = matched
    if not user.is_active:
        return _refuse(Refusal(DEACTIVATED, user))
    if mapping is None:
        # Taken out of every mapped group at the council: their access here ends with it.
        return _refuse(Refusal(NO_MAPPED_GROUP, user))
    changed = []
    if user.sso_subject != subject:
        user.sso_subject = subject
        changed.append("sso_subject")
        record(actor=user, verb="sso.linked", obj=user, changed_fields=["sso_subject"])
    moved = [name for name, value in (("role", mapping.role), ("team_id", mapping.team_id))
             if getattr(user, name) != value]
    if moved:
        # The acting role recorded is the one held before the change.
        record(actor=user, verb="sso.role_or_team_changed", obj=user,
               changed_fields=[name.removesuffix("_id") for name in moved])
        user.role, user.team = mapping.role, mapping.team
    if changed or moved:
        user.save(update_fields=[*changed, *moved])
    return user
