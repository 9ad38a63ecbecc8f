"""The MASE clocks, in working days (weekends and England and Wales bank holidays excluded):
the practitioner's invitations within 2 working days of scheduling, the initial meeting within 10
working days of the "MASE required" decision, and the review the minutes propose.

The numbers are configuration (the "timescales" kind) when published, else the defaults from the
domain reference, as for the decision clock in episodes.selectors. The batch functions take whole
lists and run a fixed number of queries, so the CSE workspace can flag every row at once."""

import dataclasses
import datetime as dt
from collections import defaultdict

from django.db.models import Exists, OuterRef
from django.utils import timezone

from csepathway.core.working_days import add_working_days
from csepathway.episodes.clocks import configured_working_days, initial_mase_working_days
from csepathway.episodes.models import State

from ..access import visible_meetings
from ..models import AgendaItem, Invitee, MaseMeeting

INVITATIONS_WORKING_DAYS_DEFAULT = 2


def invitations_working_days() -> int:
    return configured_working_days("mase_invitations_working_days", INVITATIONS_WORKING_DAYS_DEFAULT)


@dataclasses.dataclass(frozen=True)
class Clock:
    due_on: dt.date
    breached: bool
    met: bool  # the thing the clock waits for has happened (invitations sent, meeting held or booked in time)
    # The initial meeting has taken place (perhaps late): the breach is history, not work waiting.
    held: bool = False


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


# The practitioner's invitations ---------------------------------------------------------------

def invitations_clock(meeting: MaseMeeting, *, has_own_invitations: bool | None = None, today: dt.date | None = None,
                      limit: int | None = None) -> Clock:
    """Due `limit` working days after the day the meeting was scheduled. Breached while the meeting
    is still scheduled, the due date has passed and the practitioner has invited nobody: the
    practitioner's own invitee, added by the scheduling itself, does not count."""
    today = today or timezone.localdate()
    limit = invitations_working_days() if limit is None else limit
    if has_own_invitations is None:
        has_own_invitations = meeting.invitees.filter(added_automatically=False).exists()
    due = add_working_days(_local_date(meeting.created_at), limit)
    breached = (meeting.state == MaseMeeting.State.SCHEDULED and today > due and not has_own_invitations)
    return Clock(due_on=due, breached=breached, met=has_own_invitations)


# The initial meeting -------------------------------------------------------------------------

def initial_mase_clock(episode, initial_meetings, *, today: dt.date | None = None,
                       limit: int | None = None) -> Clock | None:
    """Due `limit` working days after the decision. `initial_meetings` are the episode's initial
    meetings (any state; cancelled ones are ignored). None when no "MASE required" decision runs the
    clock. Met by an initial meeting held or scheduled on or before the due date; breached otherwise
    once the due date has passed, or as soon as the only meeting booked is after it. Only an open
    episode waiting for its MASE can be in breach: a closed one no longer needs the meeting."""
    if episode.decided_at is None or not (episode.state == State.MASE_REQUIRED or initial_meetings):
        return None
    today = today or timezone.localdate()
    # The due date stamped when the decision was made, under the timescale in force then; worked
    # out afresh only for a decision older than the stored date.
    due = episode.initial_mase_due_on
    if due is None:
        limit = initial_mase_working_days() if limit is None else limit
        due = add_working_days(_local_date(episode.decided_at), limit)
    live = [m for m in initial_meetings if m.state != MaseMeeting.State.CANCELLED]
    met = any(_local_date(m.starts_at) <= due for m in live)
    late_booking = any(m.state == MaseMeeting.State.SCHEDULED for m in live)
    breached = (episode.state == State.MASE_REQUIRED and not met and (today > due or late_booking))
    held = any(m.state == MaseMeeting.State.HELD for m in live)
    return Clock(due_on=due, breached=breached, met=met, held=held)


# The review the minutes propose --------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class ReviewDue:
    episode_id: object
    due_on: dt.date
    held_meeting_id: object


def _reviews_from_items(items) -> dict:
    """From agenda items (with meeting and minutes loaded), each episode's proposed review: the
    next review date of its latest held meeting, unless a meeting is already booked after it."""
    by_episode = defaultdict(list)
    for item in items:
        by_episode[item.episode_id].append(item)
    due = {}
    for episode_id, episode_items in by_episode.items():
        held = [i for i in episode_items if i.meeting.state == MaseMeeting.State.HELD]
        if not held:
            continue
        latest = max(held, key=lambda i: i.meeting.starts_at)
        minutes = getattr(latest, "minutes", None)
        if minutes is None or minutes.next_review_on is None:
            continue
        booked = any(i.meeting.state == MaseMeeting.State.SCHEDULED and i.meeting.starts_at > latest.meeting.starts_at
                     for i in episode_items)
        if not booked:
            due[episode_id] = ReviewDue(episode_id, minutes.next_review_on, latest.meeting_id)
    return due


# Batches: a fixed number of queries for any number of episodes -------------------------------

@dataclasses.dataclass
class EpisodeClocks:
    initial: Clock | None = None
    invitations_breached: bool = False
    # The earliest day by which invitations to a meeting still to come are due, while nobody is invited.
    invitations_due_on: dt.date | None = None
    review: ReviewDue | None = None


def _items_for(episode_ids):
    # Whether the practitioner has invited anyone is asked of scheduled meetings only (the clock runs
    # while a meeting is still to come); the state inside the subquery keeps the set the database
    # builds to answer it to the few dozen meetings still to come, not every invitation in the region.
    own_invitations = Invitee.objects.filter(meeting_id=OuterRef("meeting_id"), added_automatically=False,
                                             meeting__state=MaseMeeting.State.SCHEDULED)
    # Only what the clocks read: a region's workspace works out clocks over thousands of agenda items,
    # and the minutes' text and the meetings' notes would be most of what the database sends.
    return (AgendaItem.objects.filter(episode_id__in=episode_ids)
            .select_related("meeting", "minutes")
            .only("episode_id", "meeting_id", "meeting__kind", "meeting__state", "meeting__starts_at",
                  "meeting__created_at", "minutes__next_review_on")
            .annotate(has_own_invitations=Exists(own_invitations)))


def clocks_for_episodes(episodes, *, today: dt.date | None = None) -> dict:
    """Every clock for every episode given, in one query (plus the configuration reads)."""
    episodes = list(episodes)
    if not episodes:
        return {}
    today = today or timezone.localdate()
    items = list(_items_for([e.pk for e in episodes]))
    invitations_limit, initial_limit = invitations_working_days(), initial_mase_working_days()
    by_episode = defaultdict(list)
    for item in items:
        by_episode[item.episode_id].append(item)
    reviews = _reviews_from_items(items)
    result = {}
    for episode in episodes:
        episode_items = by_episode.get(episode.pk, [])
        initial_meetings = [i.meeting for i in episode_items if i.meeting.kind == MaseMeeting.Kind.INITIAL]
        invitations = [invitations_clock(i.meeting, has_own_invitations=i.has_own_invitations, today=today,
                                         limit=invitations_limit)
                       for i in episode_items if i.meeting.state == MaseMeeting.State.SCHEDULED]
        waiting = [clock.due_on for clock in invitations if not clock.met]
        result[episode.pk] = EpisodeClocks(
            initial=initial_mase_clock(episode, initial_meetings, today=today, limit=initial_limit),
            invitations_breached=any(clock.breached for clock in invitations),
            invitations_due_on=min(waiting) if waiting else None,
            review=reviews.get(episode.pk) if episode.state == State.MASE_REQUIRED else None,
        )
    return result


def initial_meetings_for(episode_ids) -> dict:
    """Each episode's initial meetings (any state), keyed by episode id (one query)."""
    found = defaultdict(list)
    items = AgendaItem.objects.filter(episode_id__in=list(episode_ids), meeting__kind=MaseMeeting.Kind.INITIAL)
    for item in items.select_related("meeting"):
        found[item.episode_id].append(item.meeting)
    return found


def reviews_due_for_child(*, actor, child) -> list[ReviewDue]:
    """The reviews proposed for the child's open episodes, from the meetings the actor may see (one
    query; the child read itself is audited by the child page)."""
    items = (AgendaItem.objects.filter(meeting__in=visible_meetings(actor).values("pk"), episode__child=child,
                                       episode__state=State.MASE_REQUIRED).select_related("meeting", "minutes"))
    return sorted(_reviews_from_items(items).values(), key=lambda review: review.due_on)
