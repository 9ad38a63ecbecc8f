"""Every meetings view with the personas: who may schedule, who may see, who gets 404."""

import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.meetings.conftest import CHILD_FIRST, local
from csepathway.meetings.models import AgendaItem, MaseMeeting
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_the_cse_manager_schedules_a_meeting(personas, client_for, episode, schedule_data, meeting_day,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        response = client_for(personas.cse_manager).post(reverse("meetings:schedule", args=[episode.pk]),
                                                         schedule_data)
    assert response.status_code == 302
    meeting = MaseMeeting.objects.get()
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.starts_at == local(meeting_day, 14)
    assert meeting.ends_at == local(meeting_day, 15, 30)
    assert meeting.chair == personas.mase_chair
    assert meeting.sequence == 0
    assert meeting.uid.endswith("@cse-pathway")
    assert AgendaItem.objects.get().episode == episode
    event = AuditEvent.objects.get(verb="meeting.scheduled")
    assert event.object_id == str(meeting.pk)
    assert event.child_id == episode.child_id
    email = OutboxMessage.objects.get(kind=EMAIL, payload__ics_method="REQUEST")
    assert email.payload["to"] == [personas.practitioner.email, personas.police_coordinator.email]
    assert email.payload["ics"].startswith("BEGIN:VCALENDAR")


@pytest.mark.parametrize("role", ["cse_worker", "cse_manager"])
def test_cse_roles_see_the_schedule_form(personas, client_for, episode, role):
    response = client_for(getattr(personas, role)).get(reverse("meetings:schedule", args=[episode.pk]))
    assert response.status_code == 200
    assert "Schedule a MASE meeting" in response.text
    assert personas.mase_chair.get_full_name() in response.text


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "police_coordinator", "mase_chair", "auditor"])
def test_other_roles_cannot_schedule(personas, client_for, episode, schedule_data, role):
    response = client_for(getattr(personas, role)).post(reverse("meetings:schedule", args=[episode.pk]),
                                                        schedule_data)
    assert response.status_code == 403
    assert not MaseMeeting.objects.exists()


def test_an_episode_not_needing_a_mase_cannot_have_one(personas, client_for, child, schedule_data):
    from csepathway.episodes import scenarios

    other = scenarios.submitted(practitioner=personas.practitioner, child=child)
    response = client_for(personas.cse_manager).post(reverse("meetings:schedule", args=[other.pk]), schedule_data)
    assert response.status_code == 200
    assert "can only be scheduled" in response.text
    assert not MaseMeeting.objects.exists()


@pytest.mark.parametrize(("changes", "message"), [
    ({"start_time": "2pm"}, "Enter the start time as hours and minutes"),
    ({"end_time": "13:00"}, "The end time must be after the start time"),
    ({"end_time": "25:00"}, "Enter the end time as hours and minutes"),
    ({"chair": ""}, "Select the chair"),
    ({"location": ""}, "Enter where the meeting is"),
    ({"date_year": "2020"}, "must be today or in the future"),
])
def test_the_schedule_form_explains_what_is_wrong(personas, client_for, episode, schedule_data, changes, message):
    response = client_for(personas.cse_worker).post(reverse("meetings:schedule", args=[episode.pk]),
                                                    {**schedule_data, **changes})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert not MaseMeeting.objects.exists()


def test_the_chair_must_be_a_mase_chair(personas, client_for, episode, schedule_data):
    response = client_for(personas.cse_worker).post(reverse("meetings:schedule", args=[episode.pk]),
                                                    {**schedule_data, "chair": str(personas.cse_manager.pk)})
    assert response.status_code == 200
    assert not MaseMeeting.objects.exists()


@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "team_manager", "cse_worker",
                                  "cse_manager", "police_coordinator", "mase_chair"])
def test_who_may_see_the_meeting_page(personas, client_for, schedule, role):
    meeting = schedule()
    response = client_for(getattr(personas, role)).get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert "Room 2, Civic Centre" in response.text
    assert CHILD_FIRST in response.text
    assert AuditEvent.objects.filter(verb="meeting.viewed", object_id=str(meeting.pk),
                                     outcome=AuditEvent.Outcome.ALLOWED).exists()


@pytest.mark.parametrize("role", ["outsider", "other_team_manager", "auditor", "system_admin"])
def test_others_get_404_on_the_meeting_page_and_the_refusal_is_audited(personas, client_for, schedule, role):
    meeting = schedule()
    response = client_for(getattr(personas, role)).get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 404
    assert CHILD_FIRST not in response.text
    assert AuditEvent.objects.filter(verb="meeting.viewed", object_id=str(meeting.pk),
                                     outcome=AuditEvent.Outcome.DENIED).exists()


def test_the_cse_worker_moves_the_meeting(personas, client_for, schedule, schedule_data, meeting_day):
    meeting = schedule()
    data = {k: v for k, v in schedule_data.items() if k not in ("kind", "chair")}
    response = client_for(personas.cse_worker).post(reverse("meetings:reschedule", args=[meeting.pk]),
                                                    {**data, "start_time": "10:00", "end_time": "11:00"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == local(meeting_day, 10)
    assert meeting.sequence == 1
    assert AuditEvent.objects.filter(verb="meeting.rescheduled", object_id=str(meeting.pk)).exists()


def test_the_reschedule_form_starts_from_the_current_time(personas, client_for, schedule):
    meeting = schedule()
    response = client_for(personas.cse_worker).get(reverse("meetings:reschedule", args=[meeting.pk]))
    assert response.status_code == 200
    assert 'value="14:00"' in response.text
    assert 'value="15:30"' in response.text


def test_the_cse_manager_cancels_the_meeting(personas, client_for, schedule):
    meeting = schedule()
    response = client_for(personas.cse_manager).post(reverse("meetings:cancel", args=[meeting.pk]),
                                                     {"reason": "The chair is unwell."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.state == MaseMeeting.State.CANCELLED
    assert meeting.sequence == 1
    page = client_for(personas.cse_manager).get(reverse("meetings:detail", args=[meeting.pk]))
    assert "Cancelled" in page.text
    assert "Cancel the meeting" not in page.text


@pytest.mark.parametrize("view", ["meetings:reschedule", "meetings:cancel"])
@pytest.mark.parametrize("role", ["practitioner", "mase_chair", "police_coordinator"])
def test_only_cse_roles_change_a_meeting(personas, client_for, schedule, view, role):
    meeting = schedule()
    response = client_for(getattr(personas, role)).post(reverse(view, args=[meeting.pk]), {"reason": "No."})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert (meeting.state, meeting.sequence) == (MaseMeeting.State.SCHEDULED, 0)


def test_the_child_record_offers_scheduling_to_cse_roles_only(personas, client_for, child, episode):
    schedule_link = reverse("meetings:schedule", args=[episode.pk])
    cse = client_for(personas.cse_worker).get(reverse("children:detail", args=[child.pk]))
    assert "Schedule a MASE meeting" in cse.text
    assert schedule_link in cse.text
    practitioner = client_for(personas.practitioner).get(reverse("children:detail", args=[child.pk]))
    assert practitioner.status_code == 200
    assert schedule_link not in practitioner.text


def test_the_child_record_lists_the_meetings_and_stops_offering_to_schedule(personas, client_for, child, schedule):
    meeting = schedule()
    for role in ("cse_manager", "practitioner", "same_team_practitioner"):
        response = client_for(getattr(personas, role)).get(reverse("children:detail", args=[child.pk]))
        assert "MASE meetings" in response.text
        assert reverse("meetings:detail", args=[meeting.pk]) in response.text
        assert "Schedule a MASE meeting" not in response.text


def test_the_chair_sees_the_agenda_but_no_link_to_an_episode_they_cannot_open(personas, client_for, schedule,
                                                                              episode):
    meeting = schedule()
    chair = client_for(personas.mase_chair).get(reverse("meetings:detail", args=[meeting.pk]))
    assert chair.status_code == 200
    assert reverse("episodes:detail", args=[episode.pk]) not in chair.text
    worker = client_for(personas.cse_worker).get(reverse("meetings:detail", args=[meeting.pk]))
    assert reverse("episodes:detail", args=[episode.pk]) in worker.text
