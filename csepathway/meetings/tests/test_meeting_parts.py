"""A panel meeting's invitations and actions (issue 11): past twenty, the meeting page counts them and
links to a page of their own, so the meeting page stays small however many people and actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.meetings.actions.tests.test_actions import SECRET_DESCRIPTION, add_action, yesterday
from csepathway.meetings.models import Invitee

pytestmark = pytest.mark.django_db


def _invite(meeting, personas, count: int) -> None:
    for number in range(count):
        Invitee.objects.create(meeting=meeting, kind=Invitee.Kind.PROFESSIONAL, name=f"Pro Fessional{number}",
                               relationship="Youth worker", agency="Testshire Youth Service",
                               email=f"pro{number}@youth.example.invalid", invited_by=personas.practitioner,
                               status=Invitee.Status.ACCEPTED if number % 2 else Invitee.Status.INVITED)


def _act(meeting, personas, count: int) -> None:
    for number in range(count):
        add_action(meeting, created_by=personas.mase_chair, due_on=yesterday() if number % 3 == 0 else None)


def _page(client, meeting) -> str:
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    return response.text


def test_a_small_meeting_lists_its_invitees_and_actions_on_the_meeting_page(personas, client_for, schedule):
    meeting = schedule()
    _invite(meeting, personas, 3)
    _act(meeting, personas, 3)
    page = _page(client_for(personas.cse_manager), meeting)
    assert "Pro Fessional2" in page and SECRET_DESCRIPTION in page
    assert reverse("meetings:invitations", args=[meeting.pk]) not in page


def test_a_panel_meeting_counts_its_invitees_and_actions_and_links_to_them(personas, client_for, schedule):
    meeting = schedule()
    _invite(meeting, personas, 30)
    _act(meeting, personas, 30)
    page = _page(client_for(personas.cse_manager), meeting)
    assert "Pro Fessional" not in page and SECRET_DESCRIPTION not in page
    assert "people are invited" in page and "30 actions were agreed" in page
    assert "10 actions are past the due date" in page
    assert reverse("meetings:invitations", args=[meeting.pk]) in page
    assert reverse("meetings:meeting_actions", args=[meeting.pk]) in page


def test_the_meeting_page_queries_do_not_grow_with_its_invitees_and_actions(personas, client_for, schedule):
    meeting = schedule()
    client = client_for(personas.cse_manager)
    _invite(meeting, personas, 25)
    _act(meeting, personas, 25)
    with CaptureQueriesContext(connection) as some:
        _page(client, meeting)
    _invite(meeting, personas, 100)
    _act(meeting, personas, 100)
    with CaptureQueriesContext(connection) as many:
        page = _page(client, meeting)
    assert len(many) == len(some)
    assert len(page) < 30_000


@pytest.mark.parametrize("url_name", ["meetings:invitations", "meetings:meeting_actions"])
@pytest.mark.parametrize("role", ["cse_manager", "mase_chair", "practitioner", "same_team_practitioner"])
def test_those_who_see_the_meeting_see_its_parts_whole(personas, client_for, schedule, url_name, role):
    meeting = schedule()
    _invite(meeting, personas, 30)
    _act(meeting, personas, 30)
    page = client_for(getattr(personas, role)).get(reverse(url_name, args=[meeting.pk]))
    assert page.status_code == 200
    text = page.text
    assert "Back to the meeting" in text
    assert ("Pro Fessional29" in text) if url_name == "meetings:invitations" else (text.count(SECRET_DESCRIPTION) == 30)


@pytest.mark.parametrize("url_name", ["meetings:invitations", "meetings:meeting_actions"])
def test_an_outsider_gets_404_for_a_meetings_parts(personas, client_for, schedule, url_name):
    meeting = schedule()
    _invite(meeting, personas, 30)
    _act(meeting, personas, 30)
    assert client_for(personas.outsider).get(reverse(url_name, args=[meeting.pk])).status_code == 404


def test_a_meeting_without_actions_has_no_actions_page(personas, client_for, schedule):
    meeting = schedule()
    response = client_for(personas.cse_manager).get(reverse("meetings:meeting_actions", args=[meeting.pk]))
    assert response.status_code == 404
