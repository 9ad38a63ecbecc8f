"""Legal holds and disposal. Information governance only; disposal needs two different people, the
second of whom deletes the record and gets the certificate, all in one transaction (docs/adr/0025)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.audit.services import record
from csepathway.children.models import Child
from csepathway.core.refusals import Refused
from csepathway.outbox.services import email_link

from . import disposal, schedule, selectors
from .access import may_manage_retention
from .models import DisposalCertificate, DisposalProposal, LegalHold

SECOND_PERSON = "A different person must make the second decision on a disposal you proposed."
WAITING_SUBJECT = "CSE Pathway: a disposal is waiting for a second person"
WAITING_INTRO = "A record has been proposed for disposal and needs a second member of information governance."
DONE_SUBJECT = "CSE Pathway: a disposal you proposed has been decided"
DONE_INTRO = "A second member of information governance has decided on a disposal you proposed."


def _require_governance(actor) -> None:
    if not may_manage_retention(actor):
        raise PermissionDenied


def _locked_child(child) -> Child:
    return Child.objects.select_for_update().get(pk=child.pk)


@transaction.atomic
def legal_hold_place(*, actor, child, reason: str, reference: str = "") -> LegalHold:
    _require_governance(actor)
    child = _locked_child(child)
    hold = LegalHold.objects.create(child=child, reason=reason, reference=reference, placed_by=actor)
    record(actor=actor, verb="retention.legal_hold_placed", obj=hold, child_id=child.pk)
    return hold


@transaction.atomic
def legal_hold_release(*, actor, hold: LegalHold, reason: str) -> LegalHold:
    _require_governance(actor)
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if not hold.in_force:
        raise Refused("This legal hold has already been released.")
    hold.released_by, hold.released_at, hold.release_reason = actor, timezone.now(), reason
    hold.save(update_fields=["released_by", "released_at", "release_reason", "updated_at"])
    record(actor=actor, verb="retention.legal_hold_released", obj=hold, child_id=hold.child_id,
           changed_fields=["released_at", "release_reason"])
    return hold


def _others_in_governance(actor):
    return get_user_model().objects.filter(role=Role.AUDITOR, is_active=True).exclude(pk=actor.pk)


@transaction.atomic
def disposal_propose(*, actor, child) -> DisposalProposal:
    _require_governance(actor)
    child = _locked_child(child)
    state = selectors.child_retention(actor=actor, child_id=child.pk, today=timezone.localdate(),
                                      purpose="disposal_checked")
    if state.blockers:
        raise Refused(state.blockers[0] + ".")
    if state.proposal_id:
        raise Refused("This record has already been proposed for disposal.")
    proposal = DisposalProposal.objects.create(child=child, proposed_by=actor,
                                               rules_version=schedule.current_rules().version)
    record(actor=actor, verb="retention.disposal_proposed", obj=proposal, child_id=child.pk)
    path = reverse("retention:child", args=[child.pk])
    for colleague in _others_in_governance(actor):
        email_link(to_user=colleague, subject=WAITING_SUBJECT, path=path, intro=WAITING_INTRO, child_id=child.pk)
    return proposal


def _locked_open_proposal(actor, proposal) -> DisposalProposal:
    proposal = DisposalProposal.objects.select_for_update().select_related("proposed_by").get(pk=proposal.pk)
    if proposal.state != DisposalProposal.State.PROPOSED:
        raise Refused("This proposal has already been decided.")
    if proposal.proposed_by_id == actor.pk:
        raise Refused(SECOND_PERSON)
    return proposal


@transaction.atomic
def disposal_decline(*, actor, proposal: DisposalProposal, reason: str) -> DisposalProposal:
    _require_governance(actor)
    proposal = _locked_open_proposal(actor, proposal)
    proposal.state = DisposalProposal.State.DECLINED
    proposal.declined_by, proposal.declined_at, proposal.decline_reason = actor, timezone.now(), reason
    proposal.save(update_fields=["state", "declined_by", "declined_at", "decline_reason", "updated_at"])
    record(actor=actor, verb="retention.disposal_declined", obj=proposal, child_id=proposal.child_id,
           changed_fields=["state", "decline_reason"])
    if proposal.proposed_by.is_active:
        email_link(to_user=proposal.proposed_by, subject=DONE_SUBJECT, intro=DONE_INTRO,
                   path=reverse("retention:child", args=[proposal.child_id]), child_id=proposal.child_id)
    return proposal


@transaction.atomic
def disposal_approve(*, actor, proposal: DisposalProposal) -> DisposalCertificate:
    """The second person disposes of the record. Checked again under the child's lock: a hold placed
    or a request received since the proposal stops it here."""
    _require_governance(actor)
    child = _locked_child(proposal.child)
    proposal = _locked_open_proposal(actor, proposal)
    state = selectors.child_retention(actor=actor, child_id=child.pk, today=timezone.localdate(),
                                      purpose="disposal_checked")
    if state.blockers:
        raise Refused(state.blockers[0] + ".")
    proposer, proposed_at, record_id = proposal.proposed_by, proposal.created_at, child.pk
    counts = disposal.dispose(child)
    number = (DisposalCertificate.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    certificate = DisposalCertificate.objects.create(
        number=number, record_id=record_id, records=counts, rule=state.due.governing.text,
        rules_version=proposal.rules_version, proposed_by=proposer, proposed_by_username=proposer.get_username(),
        proposed_at=proposed_at, disposed_by=actor, disposed_by_username=actor.get_username(),
        disposed_at=timezone.now())
    record(actor=actor, verb="retention.disposed", obj=certificate, child_id=record_id)
    if proposer.is_active:
        # The record is gone: the certificate names no child, and neither does its email.
        email_link(to_user=proposer, subject=DONE_SUBJECT, intro=DONE_INTRO,
                   path=reverse("retention:certificate", args=[certificate.pk]))
    return certificate
