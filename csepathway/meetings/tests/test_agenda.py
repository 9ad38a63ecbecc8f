"""A contextual MASE looks at several children, and at people, places and themes: CSE roles add
children to its agenda, each child's practitioner is invited, and only a contextual meeting takes
more than one child."""

import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.refusals import Refused
from csepathway.episodes import scenarios
from csepathway.meetings import services
from csepathway.meetings.models import AgendaItem, Invitee, MaseMeeting
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_episode(personas):
    child = ChildFactory(first_name="Casey", last_name="Testchild", allocated_team=personas.outsider.team)
    return scenarios.decided(practitioner=personas.outsider, child=child, cse_manager=personas.cse_manager,
                             police=personas.police_coordinator, mase_required=True)


def test_scheduling_a_contextual_meeting_keeps_its_people_places_and_themes(personas, client_for, episode,
                                                                             schedule_data):
    data = {**schedule_data, "kind": "contextual", "persons_of_concern": "Adult known as 'K' (test)",
            "places_of_concern": "Takeaway on Test Street (test)", "themes": "Children meeting at the same park"}
    response = client_for(personas.cse_worker).post(reverse("meetings:schedule", args=[episode.pk]), data)
    meeting = MaseMeeting.objects.get()
    assert response.status_code == 302
    assert (meeting.persons_of_concern, meeting.places_of_concern) == ("Adult known as 'K' (test)",
                                                                       "Takeaway on Test Street (test)")
    page = client_for(personas.cse_worker).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "Takeaway on Test Street (test)" in page and "Add a child to the agenda" in page


def test_an_initial_meeting_drops_contextual_topics(personas, schedule):
    meeting = schedule(persons_of_concern="Someone (test)")
    assert meeting.persons_of_concern == ""


def test_a_cse_worker_adds_a_child_to_a_contextual_agenda_and_their_practitioner_is_invited(
        personas, client_for, schedule, second_episode):
    meeting = schedule(kind="contextual")
    url = reverse("meetings:agenda_add", args=[meeting.pk])
    page = client_for(personas.cse_worker).get(url)
    assert page.status_code == 200 and "Casey Testchild" in page.text
    response = client_for(personas.cse_worker).post(url, {"episode": str(second_episode.pk)})
    assert response.status_code == 302
    assert [item.episode for item in meeting.agenda_items.order_by("order")][1] == second_episode
    assert Invitee.objects.filter(meeting=meeting, user=personas.outsider, added_automatically=True).exists()
    invite = OutboxMessage.objects.filter(payload__to=[personas.outsider.email], payload__ics_method="REQUEST").get()
    assert "Casey" not in str(invite.payload)
    assert AuditEvent.objects.filter(verb="meeting.agenda_item_added", child_id=second_episode.child_id).exists()
    # A double click adds nothing more.
    client_for(personas.cse_worker).post(url, {"episode": str(second_episode.pk)})
    assert AgendaItem.objects.filter(meeting=meeting).count() == 2


def test_an_initial_meeting_is_about_one_child(personas, schedule, second_episode):
    meeting = schedule()
    with pytest.raises(Refused, match="about one child"):
        services.agenda_item_add(actor=personas.cse_manager, meeting=meeting, episode=second_episode)


def test_an_episode_not_needing_a_mase_cannot_join_an_agenda(personas, schedule, child):
    meeting = schedule(kind="contextual")
    other = scenarios.submitted(practitioner=personas.practitioner, child=child)
    with pytest.raises(Refused, match="MASE required"):
        services.agenda_item_add(actor=personas.cse_manager, meeting=meeting, episode=other)


def test_the_form_explains_an_empty_choice(personas, client_for, schedule):
    meeting = schedule(kind="contextual")
    response = client_for(personas.cse_manager).post(reverse("meetings:agenda_add", args=[meeting.pk]), {})
    assert "There is a problem" in response.text or "No other episode is waiting" in response.text


@pytest.mark.parametrize("persona", ["practitioner", "same_team_practitioner", "outsider", "police_coordinator",
                                     "mase_chair", "auditor"])
def test_only_cse_roles_add_to_an_agenda(personas, client_for, schedule, second_episode, persona):
    meeting = schedule(kind="contextual")
    response = client_for(getattr(personas, persona)).post(reverse("meetings:agenda_add", args=[meeting.pk]),
                                                           {"episode": str(second_episode.pk)})
    assert response.status_code == 403
    assert meeting.agenda_items.count() == 1


def test_a_practitioner_sees_only_that_other_children_are_on_the_agenda(personas, client_for, schedule,
                                                                          second_episode):
    meeting = schedule(kind="contextual")
    services.agenda_item_add(actor=personas.cse_manager, meeting=meeting, episode=second_episode)
    page = client_for(personas.practitioner).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "Rosalind Testchild" in page
    assert "Casey Testchild" not in page and "Another child" in page
    chair_page = client_for(personas.mase_chair).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "Casey Testchild" in chair_page


def test_a_practitioner_does_not_see_another_childs_family_on_the_invitation_list(personas, client_for, schedule,
                                                                                     second_episode):
    from csepathway.meetings.invitations.services import invitee_add

    meeting = schedule(kind="contextual")
    item = services.agenda_item_add(actor=personas.cse_manager, meeting=meeting, episode=second_episode)
    invitee_add(actor=personas.outsider, meeting=meeting, kind=Invitee.Kind.FAMILY, name="Jamie Otherparent",
                relationship="Parent", agenda_item=item)
    url = reverse("meetings:detail", args=[meeting.pk])
    assert "Jamie Otherparent" not in client_for(personas.practitioner).get(url).text
    assert "Jamie Otherparent" in client_for(personas.outsider).get(url).text
    assert "Jamie Otherparent" in client_for(personas.cse_worker).get(url).text
