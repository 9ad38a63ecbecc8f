"""Two different people, legal holds and open requests, and the emails that say only that
something is waiting."""

import pytest
from django.core.exceptions import PermissionDenied

from csepathway.audit.models import AuditEvent
from csepathway.children.models import Child
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.refusals import Refused
from csepathway.outbox.models import OutboxMessage
from csepathway.retention import services
from csepathway.retention.models import DisposalProposal
from csepathway.subject_access import services as sar_services

from .builders import make_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def simple_due_child(db):
    child = ChildFactory(first_name="Simpla", last_name="Duetestchild")
    make_due(child)
    child.refresh_from_db()
    return child


def test_the_person_who_proposed_cannot_also_dispose(personas, simple_due_child):
    proposal = services.disposal_propose(actor=personas.auditor, child=simple_due_child)
    with pytest.raises(Refused, match="different person"):
        services.disposal_approve(actor=personas.auditor, proposal=proposal)
    with pytest.raises(Refused, match="different person"):
        services.disposal_decline(actor=personas.auditor, proposal=proposal, reason="x")
    assert Child.objects.filter(pk=simple_due_child.pk).exists()


@pytest.mark.parametrize("role", ["cse_manager", "system_admin", "practitioner"])
def test_only_information_governance_may_propose(personas, simple_due_child, role):
    with pytest.raises(PermissionDenied):
        services.disposal_propose(actor=getattr(personas, role), child=simple_due_child)


def test_a_record_not_yet_due_cannot_be_proposed(personas):
    young = ChildFactory()
    with pytest.raises(Refused, match="not yet due"):
        services.disposal_propose(actor=personas.auditor, child=young)
    assert not DisposalProposal.objects.exists()


def test_a_legal_hold_blocks_the_proposal(personas, simple_due_child):
    services.legal_hold_place(actor=personas.auditor, child=simple_due_child, reason="Inquiry (test)")
    with pytest.raises(Refused, match="legal hold"):
        services.disposal_propose(actor=personas.auditor, child=simple_due_child)


def test_a_hold_placed_after_the_proposal_blocks_the_disposal(personas, ivy, simple_due_child):
    proposal = services.disposal_propose(actor=personas.auditor, child=simple_due_child)
    hold = services.legal_hold_place(actor=ivy, child=simple_due_child, reason="Police investigation (test)")
    with pytest.raises(Refused, match="legal hold"):
        services.disposal_approve(actor=ivy, proposal=proposal)
    services.legal_hold_release(actor=ivy, hold=hold, reason="Investigation closed (test)")
    services.disposal_approve(actor=ivy, proposal=proposal)
    assert not Child.objects.filter(pk=simple_due_child.pk).exists()


def test_an_open_subject_access_request_blocks_disposal(personas, ivy, simple_due_child):
    proposal = services.disposal_propose(actor=personas.auditor, child=simple_due_child)
    sar_services.sar_start(actor=ivy, child=simple_due_child, requester="The young person (test)",
                           received_on=simple_due_child.created_at.date())
    with pytest.raises(Refused, match="subject access"):
        services.disposal_approve(actor=ivy, proposal=proposal)


def test_a_declined_proposal_keeps_the_record_and_a_new_one_can_follow(personas, ivy, simple_due_child):
    proposal = services.disposal_propose(actor=personas.auditor, child=simple_due_child)
    services.disposal_decline(actor=ivy, proposal=proposal, reason="Sibling's case refers to it (test)")
    proposal.refresh_from_db()
    assert proposal.state == DisposalProposal.State.DECLINED
    with pytest.raises(Refused, match="already been decided"):
        services.disposal_approve(actor=ivy, proposal=proposal)
    services.disposal_propose(actor=ivy, child=simple_due_child)
    assert Child.objects.filter(pk=simple_due_child.pk).exists()


def test_a_second_proposal_while_one_waits_is_refused(personas, ivy, simple_due_child):
    services.disposal_propose(actor=personas.auditor, child=simple_due_child)
    with pytest.raises(Refused, match="already been proposed"):
        services.disposal_propose(actor=ivy, child=simple_due_child)


def test_colleagues_are_emailed_that_a_disposal_waits_without_naming_the_child(personas, ivy, simple_due_child):
    OutboxMessage.objects.all().delete()
    services.disposal_propose(actor=personas.auditor, child=simple_due_child)
    [message] = OutboxMessage.objects.all()
    assert message.payload["to"] == [ivy.email]
    text = str(message.payload)
    assert simple_due_child.first_name not in text and simple_due_child.last_name not in text


def test_every_step_is_in_the_audit_trail(personas, ivy, simple_due_child):
    hold = services.legal_hold_place(actor=personas.auditor, child=simple_due_child, reason="Claim (test)")
    services.legal_hold_release(actor=ivy, hold=hold, reason="Settled (test)")
    proposal = services.disposal_propose(actor=personas.auditor, child=simple_due_child)
    services.disposal_approve(actor=ivy, proposal=proposal)
    verbs = list(AuditEvent.objects.filter(child_id=simple_due_child.pk, verb__startswith="retention.")
                 .values_list("verb", flat=True))
    for verb in ("retention.legal_hold_placed", "retention.legal_hold_released", "retention.disposal_proposed",
                 "retention.disposed"):
        assert verb in verbs


def test_a_released_hold_cannot_be_released_again(personas, simple_due_child):
    hold = services.legal_hold_place(actor=personas.auditor, child=simple_due_child, reason="Claim (test)")
    services.legal_hold_release(actor=personas.auditor, hold=hold, reason="Settled (test)")
    with pytest.raises(Refused):
        services.legal_hold_release(actor=personas.auditor, hold=hold, reason="Again (test)")
