"""Every email the service queues for someone with an account also becomes their notification
(issue 12, point 2): tested through real flows, with the email's own words and nothing more."""

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts.tests.factories import UserFactory
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes.sign_off_services import ASK_SUBJECT, assessment_sign_off_request
from csepathway.meetings.invitations.services import INVITE_SUBJECT, invitee_add
from csepathway.meetings.models import Invitee
from csepathway.meetings.services import meeting_schedule
from csepathway.notifications.models import Notification
from csepathway.outbox.models import OutboxMessage
from csepathway.outbox.services import email_link, email_send

pytestmark = pytest.mark.django_db


def _ready(personas):
    child = ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner)
    return scenarios.ready_to_submit(practitioner=personas.practitioner, child=child, sign_off=False)


def _meeting(personas):
    episode = scenarios.decided(practitioner=personas.practitioner, cse_manager=personas.cse_manager,
                                police=personas.police_coordinator,
                                child=ChildFactory(allocated_team=personas.team,
                                                   allocated_worker=personas.practitioner))
    starts = timezone.now() + dt.timedelta(days=14)
    return meeting_schedule(actor=personas.cse_manager, episode=episode, kind="initial", starts_at=starts,
                            ends_at=starts + dt.timedelta(hours=1), location="Room 1 (test)", online_link="",
                            chair=personas.mase_chair)


def test_asking_for_sign_off_notifies_the_team_manager_with_the_emails_words(personas):
    episode = _ready(personas)

    assessment_sign_off_request(actor=personas.practitioner, episode=episode)

    [email] = [m for m in OutboxMessage.objects.filter(kind="email") if m.payload["subject"] == ASK_SUBJECT]
    [notification] = Notification.objects.filter(subject=ASK_SUBJECT)
    assert notification.user == personas.team_manager
    assert (notification.intro, notification.path) == (email.payload["intro"], email.payload["path"])
    assert notification.path == reverse("episodes:sign_off", args=[episode.pk])
    assert notification.child_id == episode.child_id == email.child_id
    assert notification.read_at is None
    # Nobody else: not the practitioner who asked, not a colleague, not the other team's manager.
    assert not Notification.objects.filter(subject=ASK_SUBJECT).exclude(user=personas.team_manager).exists()


def test_a_meeting_invite_notifies_each_invited_colleague_with_an_account(personas):
    meeting = _meeting(personas)

    invited = Notification.objects.filter(subject=INVITE_SUBJECT)
    assert set(invited.values_list("user__username", flat=True)) == {
        personas.practitioner.username, personas.police_coordinator.username}
    assert set(invited.values_list("path", flat=True)) == {reverse("meetings:detail", args=[meeting.pk])}


def test_an_invite_to_a_professional_without_an_account_makes_no_notification(personas):
    meeting = _meeting(personas)
    before = Notification.objects.count()

    invitee_add(actor=personas.cse_manager, meeting=meeting, kind=Invitee.Kind.PROFESSIONAL,
                name="Nia Nurse (test)", agency="Testshire Health", email="nia.nurse@health.test.invalid")

    assert OutboxMessage.objects.filter(payload__to=["nia.nurse@health.test.invalid"]).count() == 1
    assert Notification.objects.count() == before


def test_an_address_with_an_account_is_matched_whatever_its_case(personas):
    email_send(to=[personas.outsider.email.upper(), "someone@elsewhere.test.invalid"], subject="CSE Pathway: test",
               path="/", intro="Something is waiting (test).", child_id=None)

    assert list(Notification.objects.values_list("user", flat=True)) == [personas.outsider.pk]


def test_a_deactivated_account_gets_no_notification(personas):
    gone = UserFactory(username="gone.person", is_active=False)

    email_link(to_user=gone, subject="CSE Pathway: test", path="/", intro="Waiting (test).")
    email_send(to=[gone.email], subject="CSE Pathway: test", path="/", intro="Waiting (test).", child_id=None)

    assert not Notification.objects.exists()


def test_email_link_notifies_only_the_colleague_named_even_when_an_address_is_shared(personas):
    twin = UserFactory(username="twin.account", email=personas.practitioner.email)

    email_link(to_user=personas.practitioner, subject="CSE Pathway: test", path="/", intro="Waiting (test).")

    assert list(Notification.objects.values_list("user", flat=True)) == [personas.practitioner.pk]
    assert twin.pk != personas.practitioner.pk


def test_an_email_sent_with_notify_off_makes_no_notification(personas):
    email_send(to=[personas.practitioner.email], subject="CSE Pathway: summary", path="/", intro="(test)",
               child_id=None, notify=False)

    assert OutboxMessage.objects.count() == 1
    assert not Notification.objects.exists()


def test_work_that_rolls_back_takes_its_notification_with_it(personas):
    episode = _ready(personas)

    with pytest.raises(RuntimeError), transaction.atomic():
        assessment_sign_off_request(actor=personas.practitioner, episode=episode)
        raise RuntimeError("the rest of the work failed")

    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.filter(payload__subject=ASK_SUBJECT).exists()
