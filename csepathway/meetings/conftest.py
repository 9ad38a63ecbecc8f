import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios

CHILD_FIRST, CHILD_LAST = "Rosalind", "Testchild"
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def child(personas):
    return ChildFactory(first_name=CHILD_FIRST, last_name=CHILD_LAST, allocated_team=personas.team,
                        lcs_reference="LCS-777002")


@pytest.fixture
def episode(personas, child):
    return scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                             police=personas.police_coordinator, mase_required=True)


@pytest.fixture
def meeting_day() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=21)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def schedule_data(personas, meeting_day):
    return {
        "kind": "initial", "date_day": str(meeting_day.day), "date_month": str(meeting_day.month),
        "date_year": str(meeting_day.year), "start_time": "14:00", "end_time": "15:30",
        "location": "Room 2, Civic Centre", "online_link": "https://meet.example.invalid/mase-1",
        "chair": str(personas.mase_chair.pk),
    }


@pytest.fixture
def schedule(personas, episode, meeting_day):
    """Schedule through the service, as the CSE manager."""
    from .services import meeting_schedule

    def run(**overrides):
        arguments = {"actor": personas.cse_manager, "episode": episode, "kind": "initial",
                     "starts_at": local(meeting_day, 14), "ends_at": local(meeting_day, 15, 30),
                     "location": "Room 2, Civic Centre", "online_link": "", "chair": personas.mase_chair,
                     **overrides}
        return meeting_schedule(**arguments)

    return run


@pytest.fixture
def after_meeting(time_machine):
    """Move the clock to half an hour after a meeting ends: attendance and minutes are records of a
    meeting that has taken place, refused before it starts."""

    def run(meeting):
        time_machine.move_to(meeting.ends_at + dt.timedelta(minutes=30))
        return meeting

    return run
