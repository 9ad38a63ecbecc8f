"""Fixtures for the minutes tests: a scheduled meeting, its attendees as the invitations step leaves
them, and minutes recorded through the services. Every text here is synthetic and marked (test) so
the email checks can look for it."""

import datetime as dt

import pytest

from csepathway.accounts.roles import Role
from csepathway.accounts.tests.factories import UserFactory
from csepathway.meetings.minutes import services as minutes_services
from csepathway.meetings.models import Action, Invitee

INFORMATION = "School reported she was collected by an older male in a silver car (test)"
RATIONALE = "Missing episodes have stopped since the school plan began (test)"
ACTION_ONE = "Refer to the youth outreach service for weekly sessions (test)"
ACTION_TWO = "Patrols near the takeaway on Mill Street on Friday nights (test)"
NEED = "A trusted adult to talk to about relationships (test)"
INTERVENTION = "Weekly sessions with the specialist CSE worker (test)"
EXTERNAL_EMAIL = "hana.health@nhs.test.invalid"
FAMILY_EMAIL = "fay.parent@home.test.invalid"
APOLOGIES_EMAIL = "eddie.school@academy.test.invalid"
DECLINED_EMAIL = "noah.declined@council.test.invalid"


@pytest.fixture
def meeting(schedule, after_meeting):
    """A meeting scheduled three weeks ahead, with the clock moved to just after it."""
    return after_meeting(schedule())


@pytest.fixture
def item(meeting):
    return meeting.agenda_items.select_related("episode__child").get()


@pytest.fixture
def other_chair(db):
    return UserFactory(username="olive.otherchair", role=Role.MASE_CHAIR, first_name="Olive")


@pytest.fixture
def attendees(personas, meeting, item):
    """Who came, who sent apologies and who declined, by agency."""

    def invitee(name, status, *, kind=Invitee.Kind.PROFESSIONAL, agency="", email="", user=None,
                relationship="", agenda_item=None):
        return Invitee.objects.create(meeting=meeting, agenda_item=agenda_item, kind=kind, name=name,
                                      relationship=relationship, agency=agency, email=email, user=user,
                                      status=status, invited_by=personas.practitioner)

    return {
        "health": invitee("Hana Health", Invitee.Status.ATTENDED, agency="Testshire NHS Trust", email=EXTERNAL_EMAIL,
                          relationship="School nurse"),
        "police": invitee("Paul Police", Invitee.Status.ATTENDED, agency="Testshire Police",
                          email=personas.police_coordinator.email, user=personas.police_coordinator),
        "family": invitee("Fay Testparent", Invitee.Status.ATTENDED, kind=Invitee.Kind.FAMILY, email=FAMILY_EMAIL,
                          relationship="Mother", agenda_item=item),
        "school": invitee("Eddie School", Invitee.Status.APOLOGIES, agency="Testshire Academy",
                          email=APOLOGIES_EMAIL),
        "declined": invitee("Noah Declined", Invitee.Status.DECLINED, agency="Testshire Council",
                            email=DECLINED_EMAIL),
    }


@pytest.fixture
def record_minutes(personas, item, meeting_day):
    """Minutes for the item through the services, as the chair: the level changed to Medium (the
    episode is High), two actions and one need with its intervention."""

    def run(*, level="medium", actor=None):
        actor = actor or personas.mase_chair
        minutes = minutes_services.item_minutes_save(
            actor=actor, agenda_item=item, information_shared=INFORMATION, risk_level=level,
            risk_level_rationale=RATIONALE, next_review_on=meeting_day + dt.timedelta(weeks=6), version=0)
        minutes_services.action_add(actor=actor, agenda_item=item, description=ACTION_ONE,
                                    kind=Action.Kind.SUPPORT, owner_name="", owner=personas.practitioner,
                                    agency="Testshire Council Children's Services",
                                    due_on=meeting_day + dt.timedelta(days=14))
        minutes_services.action_add(actor=actor, agenda_item=item, description=ACTION_TWO,
                                    kind=Action.Kind.DISRUPTION, owner_name="PC Dee Disrupt",
                                    agency="Testshire Police", due_on=meeting_day + dt.timedelta(days=7))
        minutes_services.intervention_add(actor=actor, agenda_item=item, need=NEED, intervention=INTERVENTION)
        return minutes

    return run


@pytest.fixture
def published(personas, meeting, attendees, record_minutes):
    record_minutes()
    return minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)


def test_the_fixtures_record_minutes_for_the_one_agenda_item(item, record_minutes):
    minutes = record_minutes()
    assert minutes.agenda_item == item
    assert item.actions.count() == 2
