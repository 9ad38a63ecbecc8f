"""The return home interview's clock: due 72 hours after the child returns (statutory guidance on
children who run away or go missing from home or care; docs/adr/0064).

72 elapsed hours, not three working days and not "the same time three days later": the sum is done
in UTC, so a return on the Saturday before the clocks change is due at 71 or 73 hours on the wall
clock, and the page shows that local time."""

import dataclasses
import datetime as dt
import math

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import MissingEpisode, ReturnHomeInterview

INTERVIEW_HOURS = 72


def interview_due_at(returned_at: dt.datetime) -> dt.datetime:
    """An aware datetime (in UTC, as stored) INTERVIEW_HOURS after `returned_at`. Python adds a
    timedelta to a datetime in a zone with summer time as wall-clock time, an hour out across a clock
    change (and subtracts or compares two in the same zone the same way); in UTC it cannot be."""
    if timezone.is_naive(returned_at):
        raise ValueError("A return time must be aware of its time zone.")
    return _utc(returned_at) + dt.timedelta(hours=INTERVIEW_HOURS)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


class Status:
    STILL_MISSING = "still_missing"
    NOT_OFFERED = "not_offered"  # returned, no interview recorded, not yet due
    OFFERED = "offered"  # offered, not yet held, not yet due
    OVERDUE = "overdue"
    COMPLETED = "completed"
    DECLINED = "declined"


@dataclasses.dataclass(frozen=True)
class InterviewClock:
    status: str
    due_at: dt.datetime | None
    # Settled on time: completed or declined by the due time. None while it is not settled.
    on_time: bool | None = None
    now: dt.datetime | None = None

    @property
    def running(self) -> bool:
        return self.status in (Status.NOT_OFFERED, Status.OFFERED, Status.OVERDUE)


def interview_clock(episode: MissingEpisode, interview: ReturnHomeInterview | None,
                    now: dt.datetime | None = None) -> InterviewClock:
    now = _utc(now or timezone.now())
    due = episode.interview_due_at and _utc(episode.interview_due_at)
    if episode.returned_at is None or due is None:
        return InterviewClock(Status.STILL_MISSING, None, now=now)
    if interview is not None and interview.settled:
        status = Status.COMPLETED if interview.outcome == ReturnHomeInterview.Outcome.COMPLETED else Status.DECLINED
        return InterviewClock(status, due, on_time=_utc(interview.outcome_at) <= due, now=now)
    if now > due:
        return InterviewClock(Status.OVERDUE, due, now=now)
    return InterviewClock(Status.OFFERED if interview is not None else Status.NOT_OFFERED, due, now=now)


def _span(delta: dt.timedelta) -> str:
    """Hours up to two days, then days: '5 hours', '1 hour', '3 days'. Whole hours, rounded down, so
    the page never says more time is left than there is (4 hours 30 minutes left is 'due in 4 hours')."""
    whole = math.floor(delta.total_seconds() / 3600)
    if whole < 1:
        return "less than an hour"
    if whole < 48:
        return f"{whole} hour{'s' if whole != 1 else ''}"
    days = whole // 24
    return f"{days} days"


def clock_words(clock: InterviewClock) -> str:
    """'due in 5 hours', 'overdue by 2 hours': the words the pages and the workspace show."""
    if clock.due_at is None or not clock.running:
        return ""
    if clock.status == Status.OVERDUE:
        return f"overdue by {_span(clock.now - clock.due_at)}"
    return f"due in {_span(clock.due_at - clock.now)}"


def interview_overdue_q(now: dt.datetime, path: str = "") -> Q:
    """Missing episodes (reached through `path`) whose interview is past its due time and neither
    completed nor declined: one condition the database applies to a whole list."""
    settled = ReturnHomeInterview.objects.filter(
        episode_id=OuterRef(f"{path}pk"),
        outcome__in=[ReturnHomeInterview.Outcome.COMPLETED, ReturnHomeInterview.Outcome.DECLINED])
    return Q(**{f"{path}interview_due_at__lt": now}) & ~Q(Exists(settled))
