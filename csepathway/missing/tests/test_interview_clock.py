"""The return home interview is due 72 elapsed hours after the child's return: across midnight, a
weekend and both of the UK's clock changes, and the page shows the due time in local time."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from csepathway.missing import services
from csepathway.missing.clocks import Status, clock_words, interview_clock, interview_due_at

from .conftest import london

pytestmark = pytest.mark.django_db


def elapsed_hours(start, end) -> float:
    # In UTC: Python subtracts two datetimes in the same zone as wall-clock times.
    return (end.astimezone(dt.UTC) - start.astimezone(dt.UTC)).total_seconds() / 3600


@pytest.mark.parametrize(("returned", "due_local"), [
    # Across midnight: 23:30 on a Wednesday is due at 23:30 on the Saturday.
    (london(2026, 6, 3, 23, 30), london(2026, 6, 6, 23, 30)),
    # A Friday evening: due on the Monday evening; weekends count, it is not working days.
    (london(2026, 6, 5, 19, 0), london(2026, 6, 8, 19, 0)),
    # The Saturday before the clocks go back (Sunday 25 October 2026, 2am BST -> 1am GMT): 72 elapsed
    # hours is 11:00 GMT on the Tuesday, one hour earlier on the wall clock than the return.
    (london(2026, 10, 24, 12, 0), london(2026, 10, 27, 11, 0)),
    # The Saturday before the clocks go forward (Sunday 28 March 2027, 1am GMT -> 2am BST): 13:00 BST.
    (london(2027, 3, 27, 12, 0), london(2027, 3, 30, 13, 0)),
])
def test_the_interview_is_due_72_elapsed_hours_after_the_return(returned, due_local):
    due = interview_due_at(returned)
    assert elapsed_hours(returned, due) == 72
    assert due == due_local  # the same instant
    local = timezone.localtime(due)
    assert (local.date(), local.hour, local.minute) == (due_local.date(), due_local.hour, due_local.minute)


def test_a_naive_return_time_is_refused():
    with pytest.raises(ValueError, match="aware"):
        interview_due_at(dt.datetime(2026, 6, 3, 23, 30))


def test_recording_the_return_stores_the_due_time(personas, child, record_missing):
    episode = record_missing(child, london(2026, 10, 23, 22, 0))
    services.missing_episode_return(actor=personas.practitioner, episode=episode, expected_version=episode.version,
                                    returned_at=london(2026, 10, 24, 12, 0), where_found="Bus station (test)",
                                    now=london(2026, 10, 24, 12, 5))
    episode.refresh_from_db()
    assert episode.interview_due_at == london(2026, 10, 27, 11, 0)
    assert elapsed_hours(episode.returned_at, episode.interview_due_at) == 72


def test_the_page_shows_the_due_time_in_local_time_across_the_clock_change(personas, child, record_missing,
                                                                            client_for):
    episode = record_missing(child, london(2027, 3, 26, 20, 0), london(2027, 3, 27, 12, 0))
    with time_machine.travel(london(2027, 3, 30, 8, 0), tick=False):
        page = client_for(personas.practitioner).get(reverse("missing:detail", args=[episode.pk])).text
    assert "30 March 2027 at 1pm" in page
    assert "due in 5 hours" in page  # 08:00 BST to 13:00 BST


@pytest.mark.parametrize(("now", "words", "status"), [
    (london(2026, 6, 6, 18, 30), "due in 5 hours", Status.NOT_OFFERED),
    (london(2026, 6, 6, 19, 0), "due in 4 hours", Status.NOT_OFFERED),  # 4 h 30 min: never more than is left
    (london(2026, 6, 6, 22, 10), "due in 1 hour", Status.NOT_OFFERED),
    (london(2026, 6, 6, 23, 20), "due in less than an hour", Status.NOT_OFFERED),
    (london(2026, 6, 7, 1, 30), "overdue by 2 hours", Status.OVERDUE),
    (london(2026, 6, 10, 1, 30), "overdue by 3 days", Status.OVERDUE),
])
def test_the_clock_reads_as_hours_left_or_hours_overdue(personas, child, record_missing, now, words, status):
    episode = record_missing(child, london(2026, 6, 3, 20, 0), london(2026, 6, 3, 23, 30))
    clock = interview_clock(episode, None, now)
    assert clock.status == status
    assert clock_words(clock) == words


def test_an_interview_completed_or_declined_by_the_due_time_stops_the_clock(personas, child, record_missing):
    episode = record_missing(child, london(2026, 6, 3, 20, 0), london(2026, 6, 3, 23, 30))
    interview = services.return_interview_record(
        actor=personas.practitioner, episode=episode, now=london(2026, 6, 6, 23, 31),
        data={"offered_on": dt.date(2026, 6, 4), "outcome": "completed", "outcome_at": london(2026, 6, 6, 23, 30),
              "findings": "Stayed with an older friend (test).", "finding_flags": ["disclosed_exploitation"]})
    clock = interview_clock(episode, interview, london(2026, 6, 9, 12, 0))
    assert clock.status == Status.COMPLETED and clock.on_time is True
    assert clock_words(clock) == ""


def test_an_interview_held_a_minute_late_is_late(personas, child, record_missing):
    episode = record_missing(child, london(2026, 6, 3, 20, 0), london(2026, 6, 3, 23, 30))
    interview = services.return_interview_record(
        actor=personas.practitioner, episode=episode, now=london(2026, 6, 7, 0, 0),
        data={"offered_on": dt.date(2026, 6, 4), "outcome": "completed", "outcome_at": london(2026, 6, 6, 23, 31)})
    assert interview_clock(episode, interview).on_time is False


def test_a_child_still_missing_has_no_clock_running(personas, child, record_missing):
    episode = record_missing(child, london(2026, 6, 3, 20, 0))
    clock = interview_clock(episode, None, london(2026, 6, 20, 12, 0))
    assert clock.status == Status.STILL_MISSING and clock.due_at is None
