"""The invitation services' own rules, whatever view calls them."""

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import PermissionDenied

from csepathway.audit.models import AuditEvent
from csepathway.core.refusals import Refused
from csepathway.core.services import StaleEdit
from csepathway.meetings import services
from csepathway.meetings.invitations import selectors as invitation_selectors
from csepathway.meetings.invitations import services as invitation_services
from csepathway.meetings.invitations.services import LinkExpired, LinkInvalid
from csepathway.meetings.models import Invitee
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _add(meeting, actor, **overrides):
    arguments = {"kind": Invitee.Kind.PROFESSIONAL, "name": "Nia Nurse", "relationship": "School nurse",
                 "agency": "Testshire Health", "email": "nia.nurse@health.test.invalid", **overrides}
    return invitation_services.invitee_add(actor=actor, meeting=meeting, **arguments)


def test_scheduling_invites_the_practitioner_as_a_professional(personas, schedule):
    meeting = schedule()
    invitee = meeting.invitees.get(user=personas.practitioner)
    assert invitee.kind == Invitee.Kind.PROFESSIONAL
    assert invitee.user == personas.practitioner
    assert invitee.email == personas.practitioner.email
    assert invitee.agency == "Testshire Council Children's Services"
    assert invitee.added_automatically
    assert invitee.status == Invitee.Status.INVITED
    assert invitee.agenda_item == meeting.agenda_items.get()


@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "team_manager", "cse_worker",
                                  "cse_manager"])
def test_case_holders_and_the_cse_team_may_invite(personas, schedule, episode, role):
    invitee = _add(schedule(), getattr(personas, role))
    assert invitee.invited_by == getattr(personas, role)
    assert not invitee.added_automatically
    event = AuditEvent.objects.get(verb="meeting.invitee_added", object_id=str(invitee.pk))
    assert event.child_id == episode.child_id


@pytest.mark.parametrize("role", ["outsider", "other_team_manager", "police_coordinator", "mase_chair", "auditor"])
def test_others_may_not_invite(personas, schedule, role):
    meeting = schedule()
    with pytest.raises(PermissionDenied):
        _add(meeting, getattr(personas, role))
    assert meeting.invitees.filter(added_automatically=False).count() == 0


def test_inviting_the_same_person_twice_keeps_one_invitation_and_sends_one_email(personas, schedule):
    meeting = schedule()
    first = _add(meeting, personas.practitioner)
    again = _add(meeting, personas.practitioner, name="nia nurse ", email="NIA.nurse@health.test.invalid")
    assert again == first
    assert meeting.invitees.filter(kind=Invitee.Kind.PROFESSIONAL, added_automatically=False).count() == 1
    assert OutboxMessage.objects.filter(payload__to=["nia.nurse@health.test.invalid"]).count() == 1


def test_the_child_is_invited_by_the_name_on_their_record_for_their_item(personas, schedule, child):
    meeting = schedule()
    invitee = _add(meeting, personas.practitioner, kind=Invitee.Kind.CHILD, name="", email="")
    assert invitee.name == child.full_name
    assert invitee.agenda_item == meeting.agenda_items.get()


@pytest.mark.parametrize(("state", "message"), [("cancel", "cancelled"), ("held", "already taken place")])
def test_nobody_new_is_invited_to_a_cancelled_or_held_meeting(personas, schedule, state, message):
    meeting = schedule()
    if state == "cancel":
        services.meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="Chair unwell (test).")
    else:
        meeting.state = meeting.State.HELD
        meeting.save()
    with pytest.raises(Refused, match=message):
        _add(meeting, personas.practitioner)


def test_a_professional_answers_once_through_their_link(personas, schedule, episode):
    nurse = _add(schedule(), personas.practitioner)
    token = invitation_services.rsvp_token(nurse, "accept")
    invitation_services.invitee_respond(token=token, answer="accept")
    invitation_services.invitee_respond(token=token, answer="accept")
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.ACCEPTED
    assert nurse.responded_at is not None
    [event] = AuditEvent.objects.filter(verb="meeting.invitee_responded")
    assert event.actor is None
    assert event.child_id == episode.child_id
    assert event.object_id == str(nurse.pk)


def test_the_other_link_lets_them_change_their_mind(personas, schedule):
    nurse = _add(schedule(), personas.practitioner)
    invitation_services.invitee_respond(token=invitation_services.rsvp_token(nurse, "accept"), answer="accept")
    invitation_services.invitee_respond(token=invitation_services.rsvp_token(nurse, "decline"), answer="decline")
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.DECLINED


def test_a_tampered_token_is_refused(personas, schedule):
    nurse = _add(schedule(), personas.practitioner)
    token = invitation_services.rsvp_token(nurse, "decline")
    forged = signing.dumps({"i": str(nurse.pk), "a": "accept"}, salt="another.salt")
    for bad in (token[:-2] + "xx", token.replace("decline", "accept"), forged, "nonsense", ""):
        with pytest.raises(LinkInvalid):
            invitation_services.invitee_respond(token=bad, answer="accept")
    with pytest.raises(LinkInvalid):
        invitation_services.invitee_respond(token=token, answer="accept")  # the answer must be the link's
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.INVITED


def test_the_link_expires_when_the_meeting_ends(personas, schedule):
    meeting = schedule()
    nurse = _add(meeting, personas.practitioner)
    token = invitation_services.rsvp_token(nurse, "accept")
    with time_machine.travel(meeting.ends_at + dt.timedelta(minutes=1)), pytest.raises(LinkExpired):
        invitation_services.invitee_respond(token=token, answer="accept")
    with time_machine.travel(meeting.ends_at - dt.timedelta(minutes=1)):
        invitation_services.invitee_respond(token=token, answer="accept")
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.ACCEPTED


def test_a_link_for_a_cancelled_meeting_has_expired(personas, schedule):
    meeting = schedule()
    nurse = _add(meeting, personas.practitioner)
    services.meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="Chair unwell (test).")
    with pytest.raises(LinkExpired) as expired:
        invitation_selectors.invitation_from_token(invitation_services.rsvp_token(nurse, "accept"))
    assert expired.value.cancelled


@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "cse_worker", "mase_chair"])
def test_case_holders_the_cse_team_and_the_chair_set_a_status(personas, schedule, role):
    nurse = _add(schedule(), personas.practitioner)
    invitation_services.invitee_status_set(actor=getattr(personas, role), invitee=nurse,
                                           status=Invitee.Status.APOLOGIES, version=nurse.version)
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.APOLOGIES
    assert AuditEvent.objects.filter(verb="meeting.invitee_status_changed", object_id=str(nurse.pk)).exists()


@pytest.mark.parametrize("role", ["outsider", "police_coordinator", "auditor"])
def test_others_may_not_set_a_status(personas, schedule, role):
    nurse = _add(schedule(), personas.practitioner)
    with pytest.raises(PermissionDenied):
        invitation_services.invitee_status_set(actor=getattr(personas, role), invitee=nurse,
                                               status=Invitee.Status.ATTENDED, version=nurse.version)


def test_a_stale_status_change_is_refused(personas, schedule):
    nurse = _add(schedule(), personas.practitioner)
    opened_at = nurse.version
    invitation_services.invitee_status_set(actor=personas.cse_worker, invitee=nurse, status=Invitee.Status.ACCEPTED,
                                           version=opened_at)
    with pytest.raises(StaleEdit) as stale:
        invitation_services.invitee_status_set(actor=personas.practitioner, invitee=nurse,
                                               status=Invitee.Status.DECLINED, version=opened_at)
    assert stale.value.current.status == Invitee.Status.ACCEPTED
    # The same status saved twice (a double click) is not a conflict.
    invitation_services.invitee_status_set(actor=personas.practitioner, invitee=nurse,
                                           status=Invitee.Status.ACCEPTED, version=opened_at)
    nurse.refresh_from_db()
    assert nurse.status == Invitee.Status.ACCEPTED
