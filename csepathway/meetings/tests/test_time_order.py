"""Meetings in time order (issue 13, point 4): attendance and minutes are records of a meeting that
has taken place, so nothing of them is recorded, offered or published before it starts; the dates in
the minutes are the meeting's; and a meeting still to come never shows as held (docs/adr/0040)."""

import datetime as dt

import pytest
from django.urls import reverse

from csepathway.children.models import PlanEntry
from csepathway.core.formatting import govuk_date, govuk_time
from csepathway.core.refusals import Refused
from csepathway.meetings.child_record import chronology
from csepathway.meetings.invitations import services as invitation_services
from csepathway.meetings.minutes import presenters as minutes_presenters
from csepathway.meetings.minutes import selectors as minutes_selectors
from csepathway.meetings.minutes import services as minutes_services
from csepathway.meetings.models import Action, Invitee, MaseMeeting
from csepathway.notes.models import CaseNote

pytestmark = pytest.mark.django_db

NOT_STARTED = "The meeting has not started yet"


@pytest.fixture
def meeting(schedule):
    return schedule()


@pytest.fixture
def item(meeting):
    return meeting.agenda_items.select_related("episode__child").get()


def _save_minutes(actor, item, meeting_day):
    return minutes_services.item_minutes_save(
        actor=actor, agenda_item=item, information_shared="School shared attendance (test)", risk_level="medium",
        risk_level_rationale="No missing episodes (test)", next_review_on=meeting_day + dt.timedelta(weeks=6),
        version=0)


def test_minutes_actions_and_interventions_cannot_be_recorded_before_the_meeting_starts(personas, item, meeting_day):
    chair = personas.mase_chair
    with pytest.raises(Refused, match=NOT_STARTED):
        _save_minutes(chair, item, meeting_day)
    with pytest.raises(Refused, match=NOT_STARTED):
        minutes_services.action_add(actor=chair, agenda_item=item, description="Check-in (test)",
                                    kind=Action.Kind.SUPPORT, owner_name="Pat", agency="Council",
                                    due_on=meeting_day + dt.timedelta(days=7))
    with pytest.raises(Refused, match=NOT_STARTED):
        minutes_services.intervention_add(actor=chair, agenda_item=item, need="A trusted adult (test)",
                                          intervention="Weekly sessions (test)")
    assert not item.actions.exists() and not item.interventions.exists()


def test_the_minutes_cannot_be_published_before_the_meeting_starts(personas, meeting, item, meeting_day, time_machine):
    time_machine.move_to(meeting.starts_at + dt.timedelta(minutes=5))
    _save_minutes(personas.mase_chair, item, meeting_day)
    time_machine.move_to(meeting.starts_at - dt.timedelta(minutes=5))

    with pytest.raises(Refused, match=NOT_STARTED):
        minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.state == MaseMeeting.State.SCHEDULED and meeting.minutes_published_at is None
    assert not CaseNote.objects.filter(kind=CaseNote.Kind.MASE_OUTCOME).exists()


def test_minutes_can_be_recorded_once_the_meeting_has_started(personas, meeting, item, meeting_day, time_machine):
    time_machine.move_to(meeting.starts_at + dt.timedelta(minutes=1))
    assert _save_minutes(personas.mase_chair, item, meeting_day).risk_level == "medium"


def test_attendance_cannot_be_recorded_before_the_meeting_starts_but_apologies_can(personas, meeting, after_meeting):
    nurse = invitation_services.invitee_add(actor=personas.practitioner, meeting=meeting, kind="professional",
                                            name="Nia Nurse", agency="Testshire Health")
    with pytest.raises(Refused, match="nobody can be recorded as having attended"):
        invitation_services.invitee_status_set(actor=personas.mase_chair, invitee=nurse,
                                               status=Invitee.Status.ATTENDED, version=nurse.version)
    nurse = invitation_services.invitee_status_set(actor=personas.mase_chair, invitee=nurse,
                                                   status=Invitee.Status.APOLOGIES, version=nurse.version)
    assert nurse.status == Invitee.Status.APOLOGIES

    after_meeting(meeting)
    nurse = invitation_services.invitee_status_set(actor=personas.mase_chair, invitee=nurse,
                                                   status=Invitee.Status.ATTENDED, version=nurse.version)
    assert nurse.status == Invitee.Status.ATTENDED


def test_the_pages_offer_no_minutes_or_attendance_before_the_meeting(personas, client_for, meeting, item):
    nurse = invitation_services.invitee_add(actor=personas.practitioner, meeting=meeting, kind="professional",
                                            name="Nia Nurse", agency="Testshire Health")
    chair = client_for(personas.mase_chair)

    meeting_page = chair.get(reverse("meetings:detail", args=[meeting.pk])).text
    item_page = chair.get(reverse("meetings:minutes_item", args=[meeting.pk, item.pk])).text
    publish_page = chair.get(reverse("meetings:minutes_publish", args=[meeting.pk])).text
    invitee_page = chair.get(reverse("meetings:invitee", args=[nurse.pk])).text

    assert "Attendance and minutes can be recorded once it has started" in meeting_page
    assert reverse("meetings:minutes_item", args=[meeting.pk, item.pk]) not in meeting_page
    assert "Check and publish the minutes" not in meeting_page
    assert "Save minutes" not in item_page and "Add an action" not in item_page
    assert "once it has started" in item_page
    assert "Publish the minutes</button>" not in publish_page and "once it has started" in publish_page
    assert 'value="attended"' not in invitee_page and 'value="apologies"' in invitee_page


def test_a_post_to_the_minutes_before_the_meeting_saves_nothing(personas, client_for, meeting, item):
    chair = client_for(personas.mase_chair)
    response = chair.post(reverse("meetings:minutes_publish", args=[meeting.pk]))
    assert response.status_code == 400
    assert NOT_STARTED in response.text
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None


def test_the_dates_in_the_minutes_are_the_meetings_when_published_days_later(personas, meeting, item, meeting_day,
                                                                            after_meeting, time_machine):
    after_meeting(meeting)
    _save_minutes(personas.mase_chair, item, meeting_day)
    minutes_services.intervention_add(actor=personas.mase_chair, agenda_item=item, need="A trusted adult (test)",
                                      intervention="Weekly sessions (test)")
    time_machine.move_to(meeting.starts_at + dt.timedelta(days=5))
    minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)

    held_on = govuk_date(meeting_day)
    note = CaseNote.objects.get(kind=CaseNote.Kind.MASE_OUTCOME)
    assert f"MASE meeting held on {held_on}." in note.body
    assert PlanEntry.objects.get().agreed_on == meeting_day
    meeting.refresh_from_db()
    document = minutes_selectors.minutes_for_download(actor=personas.mase_chair, meeting_id=meeting.pk)
    context = minutes_presenters.document_context(document)
    assert context["date"] == held_on
    assert context["items"][0]["next_review"] == govuk_date(meeting_day + dt.timedelta(weeks=6))


def e_at(meeting) -> str:
    return f"{govuk_date(meeting.starts_at)}, {govuk_time(meeting.starts_at)}"


def test_a_meeting_still_to_come_never_shows_as_held_in_the_chronology(personas, meeting, item):
    # Minutes published before this rule existed: the meeting is marked held but is still to come.
    MaseMeeting.objects.filter(pk=meeting.pk).update(state=MaseMeeting.State.HELD)
    events = chronology(personas.practitioner, item.episode.child)
    # The meeting on its day, and when it was scheduled (issue 13, point 9).
    assert [e.detail for e in events if e.title == "Initial MASE"] == ["Scheduled"]
    assert [e.detail for e in events if e.title != "Initial MASE"] == [f"Scheduled for {e_at(meeting)}"]


def test_the_chronology_says_a_past_meeting_waits_for_its_minutes(personas, meeting, item, after_meeting):
    after_meeting(meeting)
    events = chronology(personas.practitioner, item.episode.child)
    assert [e.detail for e in events if e.title == "Initial MASE"] == ["Took place: minutes not yet published"]
