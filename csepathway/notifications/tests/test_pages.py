"""The notification list, marking read and the header's count, per persona: the recipient sees and
marks their own; a colleague in the same team sees none of them; anyone else's is a 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.accounts.tests.factories import TeamFactory
from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes.sign_off_services import assessment_sign_off_request
from csepathway.notifications.models import Notification
from csepathway.notifications.selectors import PER_PAGE
from csepathway.outbox.services import email_link

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
SUBJECT = "CSE Pathway: a case note is waiting for you"


def _notify(user, n=1, *, subject=SUBJECT, path="/", child_id=None) -> list[Notification]:
    for _ in range(n):
        email_link(to_user=user, subject=subject, path=path, intro="A case note is waiting (test).", child_id=child_id)
    return list(Notification.objects.filter(user=user).order_by("-created_at"))


def _mark_read(notification):
    return reverse("notifications:mark_read", args=[notification.pk])


def test_the_recipient_sees_their_notification_and_a_same_team_colleague_does_not(personas, client_for):
    child = ChildFactory(allocated_team=personas.team)
    _notify(personas.practitioner, child_id=child.pk, path=reverse("children:detail", args=[child.pk]))

    mine = client_for(personas.practitioner).get(LIST).text
    assert "A case note is waiting for you" in mine and "Unread" in mine
    assert reverse("children:detail", args=[child.pk]) in mine  # the link to the page it is about

    theirs = client_for(personas.same_team_practitioner).get(LIST).text
    assert "A case note is waiting for you" not in theirs
    assert "You have no notifications." in theirs


def test_the_page_never_shows_the_child_it_is_about(personas, client_for):
    child = ChildFactory(allocated_team=personas.team, first_name="Quinnella", last_name="Nevershown")
    [notification] = _notify(personas.practitioner, child_id=child.pk)

    page = client_for(personas.practitioner).get(LIST).text

    assert str(child.pk) not in page and "Nevershown" not in page
    assert str(notification.pk) in page  # the page does list it


def test_someone_moved_to_another_team_sees_only_the_generic_words_and_the_page_refuses_them(personas, client_for):
    child = ChildFactory(allocated_team=personas.team, allocated_worker=personas.team_manager, last_name="Movedaway")
    episode = scenarios.ready_to_submit(practitioner=personas.practitioner, child=child, sign_off=False)
    assessment_sign_off_request(actor=personas.practitioner, episode=episode)
    manager = personas.team_manager
    manager.team = TeamFactory(name="Another Locality Team")
    manager.save()
    client = client_for(manager)

    page = client.get(LIST).text
    assert "An assessment needs your sign-off" in page
    assert "Movedaway" not in page and str(child.pk) not in page
    assert client.get(reverse("episodes:sign_off", args=[episode.pk])).status_code in (403, 404)


def test_marking_another_persons_notification_read_is_a_404_and_changes_nothing(personas, client_for):
    [notification] = _notify(personas.practitioner)

    for someone in (personas.same_team_practitioner, personas.outsider, personas.team_manager):
        response = client_for(someone).post(_mark_read(notification))
        assert response.status_code == 404

    notification.refresh_from_db()
    assert notification.read_at is None
    assert AuditEvent.objects.filter(verb="notification.read", outcome=AuditEvent.Outcome.DENIED,
                                     object_id=str(notification.pk), child_id__isnull=True).count() == 3


def test_marking_all_read_leaves_other_peoples_notifications_unread(personas, client_for):
    _notify(personas.practitioner, 2)
    [colleagues] = _notify(personas.same_team_practitioner)

    response = client_for(personas.practitioner).post(reverse("notifications:mark_all_read"))

    assert response.status_code == 302
    assert not Notification.objects.filter(user=personas.practitioner, read_at__isnull=True).exists()
    colleagues.refresh_from_db()
    assert colleagues.read_at is None
    [event] = AuditEvent.objects.filter(verb="notification.marked_all_read")
    assert event.actor_id == personas.practitioner.pk and event.changed_fields == ["read_at"]


def test_the_recipient_marks_one_read_once_on_the_trail(personas, client_for):
    first, second = _notify(personas.practitioner, 2)
    client = client_for(personas.practitioner)

    response = client.post(_mark_read(first), {"page": "1"})
    client.post(_mark_read(first))  # a double click

    assert response.status_code == 302 and response["Location"] == LIST
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    assert AuditEvent.objects.filter(verb="notification.marked_read", object_id=str(first.pk)).count() == 1


def test_marking_read_answers_get_with_405_and_needs_a_signed_in_person(personas, client, client_for):
    [notification] = _notify(personas.practitioner)

    assert client.post(_mark_read(notification)).status_code == 302  # to sign in
    assert client_for(personas.practitioner).get(_mark_read(notification)).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_header_counts_unread_notifications_with_unread_for_screen_readers(personas, client_for):
    first, _ = _notify(personas.practitioner, 2)
    client = client_for(personas.practitioner)

    home = client.get(reverse("core:home")).text
    assert 'Notifications (2<span class="govuk-visually-hidden"> unread</span>)' in home

    client.post(_mark_read(first))
    assert 'Notifications (1<span class="govuk-visually-hidden"> unread</span>)' in client.get(LIST).text

    client.post(reverse("notifications:mark_all_read"))
    home = client.get(reverse("core:home")).text
    assert 'href="/notifications/"' in home and "Notifications (" not in home
    # A colleague's count is their own.
    assert "Notifications (" not in client_for(personas.same_team_practitioner).get(reverse("core:home")).text


def test_a_notification_whose_link_is_not_a_page_of_the_service_is_not_a_link(personas, client_for):
    _notify(personas.practitioner, path="//elsewhere.test.invalid/x")

    page = client_for(personas.practitioner).get(LIST).text

    assert "elsewhere.test.invalid" not in page
    assert "A case note is waiting for you" in page


def _list_queries(client, params=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, params or {})
    assert response.status_code == 200
    return len(captured), response.text


def test_the_list_pages_newest_first_in_the_same_queries_for_two_and_a_full_page(personas, client_for):
    client = client_for(personas.practitioner)
    _notify(personas.practitioner, 2)
    client.get(LIST)
    few, _ = _list_queries(client)
    _notify(personas.practitioner, PER_PAGE, subject="CSE Pathway: newer (test)")
    full, text = _list_queries(client)
    next_page, next_text = _list_queries(client, {"page": 2})

    assert few == full == next_page
    # The session and the person (and their two-factor devices), the page of rows, the digest
    # setting, the header's count, and the session saved: none per row.
    assert few <= 11, few  # 3 of them django-otp's look for each kind of device (no second factor here)
    assert text.count(">Newer (test)</a>") == PER_PAGE and "A case note is waiting for you" not in text
    assert next_text.count(">A case note is waiting for you</a>") == 2
