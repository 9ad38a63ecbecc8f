"""Writes for restricted records and emergency access: each in one transaction with its audit
event, and alerts through the outbox in that same transaction (docs/adr/0021, 0026)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts.models import User
from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.core.refusals import Refused
from csepathway.outbox.services import email_link

from ..models import (
    BREAK_GLASS_HOURS,
    BreakGlassGrant,
    Child,
    ChildRestriction,
    RestrictionLiftDecline,
    RestrictionReason,
    RestrictionReview,
)
from .access import GRANT_REVIEWERS, may_manage_restriction, may_review_grant, may_use_emergency_access
from .selectors import child_outside_scope_by_reference, lift_deciders

# Emails about a lift say only that something is waiting or how it ended, with a link to the
# restriction page behind sign-in: never the child, the reason or who asked.
LIFT_REQUESTED_SUBJECT = "CSE Pathway: a request to lift a restriction is waiting for you"
LIFT_REQUESTED_INTRO = ("Someone has asked for the restriction on a record to be lifted. "
                        "A second manager must approve or decline the request.")


def _check_reason(reason: str, detail: str) -> None:
    if reason not in RestrictionReason.values:
        raise ValidationError("Choose a reason")
    if reason == RestrictionReason.OTHER and not detail.strip():
        raise ValidationError("Say why the record is restricted")


def _locked_active(child: Child) -> ChildRestriction | None:
    return ChildRestriction.objects.select_for_update().filter(child=child, lifted_at__isnull=True).first()


@transaction.atomic
def restriction_create(*, actor, child: Child, reason: str, reason_detail: str = "", allowed_users=(),
                       allowed_teams=(), review_due: dt.date | None = None) -> ChildRestriction:
    if not may_manage_restriction(actor, child):
        raise PermissionDenied
    _check_reason(reason, reason_detail)
    if _locked_active(child) is not None:
        raise ValidationError("This record is already restricted")
    restriction = ChildRestriction(child=child, reason=reason, reason_detail=reason_detail.strip(), created_by=actor)
    if review_due:
        restriction.review_due = review_due
    restriction.save()
    # The person who restricts keeps sight of the record: otherwise they could never review it.
    restriction.allowed_users.set({*allowed_users, actor})
    restriction.allowed_teams.set(allowed_teams)
    record(actor=actor, verb="child.restricted", obj=restriction, child_id=child.pk)
    return restriction


@transaction.atomic
def restriction_review(*, actor, restriction: ChildRestriction, note: str, next_review_due: dt.date,
                       allowed_users=None, allowed_teams=None) -> RestrictionReview:
    """Confirm the restriction is still needed until the next review, optionally changing who is allowed."""
    if not may_manage_restriction(actor, restriction.child) or not restriction.is_active:
        raise PermissionDenied
    if not note.strip():
        raise ValidationError("Say why the restriction is still needed")
    changed = ["review_due"]
    if allowed_users is not None and {u.pk for u in allowed_users} != set(
            restriction.allowed_users.values_list("pk", flat=True)):
        restriction.allowed_users.set(allowed_users)
        changed.append("allowed_users")
    if allowed_teams is not None and {t.pk for t in allowed_teams} != set(
            restriction.allowed_teams.values_list("pk", flat=True)):
        restriction.allowed_teams.set(allowed_teams)
        changed.append("allowed_teams")
    restriction.review_due = next_review_due
    restriction.save(update_fields=["review_due"])
    review = RestrictionReview.objects.create(restriction=restriction, reviewed_by=actor, note=note.strip(),
                                              next_review_due=next_review_due)
    record(actor=actor, verb="child.restriction_reviewed", obj=restriction, child_id=restriction.child_id,
           changed_fields=changed)
    return review


@transaction.atomic
def restriction_lift_request(*, actor, child: Child, reason: str) -> ChildRestriction:
    restriction = _locked_active(child)
    if restriction is None or not may_manage_restriction(actor, child):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError("Say why the restriction can be lifted")
    if restriction.lift_requested_by_id:
        raise ValidationError("Lifting this restriction has already been asked for")
    restriction.lift_requested_by = actor
    restriction.lift_requested_at = timezone.now()
    restriction.lift_reason = reason.strip()
    restriction.save(update_fields=["lift_requested_by", "lift_requested_at", "lift_reason"])
    record(actor=actor, verb="child.restriction_lift_requested", obj=restriction, child_id=child.pk)
    # Everyone who could decide on it is told, in this transaction: the request and its emails stand or fall together.
    path = _restriction_path(child)
    for person in lift_deciders(restriction=restriction):
        email_link(to_user=person, subject=LIFT_REQUESTED_SUBJECT, path=path, intro=LIFT_REQUESTED_INTRO,
                   child_id=child.pk)
    return restriction


def _restriction_path(child: Child) -> str:
    return reverse("children:restriction", args=[child.pk])


def _tell_requester(requester, child: Child, outcome: str) -> None:
    """The person who asked learns the outcome ("approved" or "declined") and where to look, nothing more."""
    if requester is None or not requester.is_active or not requester.email:
        return
    email_link(to_user=requester, subject=f"CSE Pathway: your request to lift a restriction was {outcome}",
               path=_restriction_path(child),
               intro=f"Your request to lift the restriction on a record was {outcome}. Sign in to see the restriction.",
               child_id=child.pk)


def _lift_refusal(actor, restriction: ChildRestriction | None, decide: str = "approve it") -> str:
    if restriction is None or not may_manage_restriction(actor, restriction.child):
        raise PermissionDenied
    if not restriction.lift_requested_by_id:
        return "Nobody has asked for this restriction to be lifted"
    if restriction.lift_requested_by_id == actor.pk:
        return f"You asked for this restriction to be lifted, so someone else must {decide}"
    return ""


def restriction_lift_approve(*, actor, child: Child) -> ChildRestriction:
    """Lift the restriction: only a second person, different from the one who asked. A refusal is
    recorded on its own, outside the transaction that would have lifted it, so it is kept."""
    refusal = _lift_refusal(actor, ChildRestriction.objects.filter(child=child, lifted_at__isnull=True).first())
    if refusal:
        record(actor=actor, verb="child.restriction_lift_refused", object_type="children.child",
               object_id=str(child.pk), child_id=child.pk, outcome=AuditEvent.Outcome.DENIED)
        raise Refused(refusal)
    return _lift(actor=actor, child=child)


@transaction.atomic
def _lift(*, actor, child: Child) -> ChildRestriction:
    restriction = _locked_active(child)
    # Checked again under the lock: a second click or a concurrent approval finds nothing to lift.
    if _lift_refusal(actor, restriction):
        raise Refused("This restriction can no longer be lifted")
    restriction.lifted_by = actor
    restriction.lifted_at = timezone.now()
    restriction.save(update_fields=["lifted_by", "lifted_at"])
    record(actor=actor, verb="child.restriction_lifted", obj=restriction, child_id=child.pk)
    _tell_requester(restriction.lift_requested_by, child, "approved")
    return restriction


DECIDE_ON_IT = "decide on it"


def restriction_lift_decline(*, actor, child: Child, reason: str) -> RestrictionLiftDecline:
    """Decline the lift that was asked for: the restriction stays in force, the request is cleared
    from it (so it can be asked for again) and kept as a decline. Only a second person, as for
    approval; a refusal is recorded on its own, outside the transaction, so it is kept."""
    refusal = _lift_refusal(actor, ChildRestriction.objects.filter(child=child, lifted_at__isnull=True).first(),
                            DECIDE_ON_IT)
    if refusal:
        record(actor=actor, verb="child.restriction_lift_decline_refused", object_type="children.child",
               object_id=str(child.pk), child_id=child.pk, outcome=AuditEvent.Outcome.DENIED)
        raise Refused(refusal)
    if not reason.strip():
        raise ValidationError("Say why the restriction must stay")
    return _decline(actor=actor, child=child, reason=reason.strip())


@transaction.atomic
def _decline(*, actor, child: Child, reason: str) -> RestrictionLiftDecline:
    restriction = _locked_active(child)
    # Checked again under the lock: a second click, or an approval or decline by someone else in
    # the meantime, finds no request left to decline.
    if restriction is None or _lift_refusal(actor, restriction, DECIDE_ON_IT):
        raise Refused("This request to lift the restriction has already been decided")
    requester = restriction.lift_requested_by
    decline = RestrictionLiftDecline.objects.create(
        restriction=restriction, requested_by=requester, requested_at=restriction.lift_requested_at,
        request_reason=restriction.lift_reason, declined_by=actor, declined_at=timezone.now(), reason=reason)
    restriction.lift_requested_by, restriction.lift_requested_at, restriction.lift_reason = None, None, ""
    restriction.save(update_fields=["lift_requested_by", "lift_requested_at", "lift_reason"])
    record(actor=actor, verb="child.restriction_lift_declined", obj=restriction, child_id=child.pk,
           changed_fields=["lift_requested_by", "lift_requested_at", "lift_reason"])
    _tell_requester(requester, child, "declined")
    return decline


def _alert_emergency_access(child) -> None:
    path = reverse("children:break_glass_queue")
    for person in User.objects.filter(is_active=True, role__in=GRANT_REVIEWERS).exclude(email=""):
        email_link(
            to_user=person, subject="CSE Pathway: emergency access to a record needs review", path=path,
            intro="Someone used emergency access to open a record outside their usual work. Review it in the queue.",
            child_id=child.pk)


@transaction.atomic
def break_glass_grant(*, actor, reference: str, reason: str, confirmed_with: str) -> BreakGlassGrant:
    """Open one child outside the actor's scope for four hours. The view has just confirmed the
    actor's password and second factor (`confirmed_with` says how)."""
    if not may_use_emergency_access(actor) or not confirmed_with:
        raise PermissionDenied
    if len(reason.strip()) < 10:
        raise ValidationError("Say why you need to open this record now")
    child = child_outside_scope_by_reference(actor=actor, reference=reference)
    if child is None:
        raise PermissionDenied
    now = timezone.now()
    grant = BreakGlassGrant.objects.create(
        user=actor, child=child, reason=reason.strip(), confirmed_with=confirmed_with,
        granted_at=now, expires_at=now + dt.timedelta(hours=BREAK_GLASS_HOURS))
    record(actor=actor, verb="child.break_glass_granted", obj=grant, child_id=child.pk)
    _alert_emergency_access(child)
    return grant


@transaction.atomic
def break_glass_review(*, actor, grant: BreakGlassGrant, outcome: str, note: str) -> BreakGlassGrant:
    if not may_review_grant(actor, grant):
        raise PermissionDenied
    if outcome not in BreakGlassGrant.Outcome.values:
        raise ValidationError("Choose what you found")
    if outcome != BreakGlassGrant.Outcome.JUSTIFIED and not note.strip():
        raise ValidationError("Say what you found")
    grant = BreakGlassGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.reviewed_at is not None:
        raise ValidationError("This use of emergency access has already been reviewed")
    grant.reviewed_by, grant.reviewed_at = actor, timezone.now()
    grant.review_outcome, grant.review_note = outcome, note.strip()
    grant.save(update_fields=["reviewed_by", "reviewed_at", "review_outcome", "review_note"])
    record(actor=actor, verb="break_glass.reviewed", obj=grant, child_id=grant.child_id)
    return grant
