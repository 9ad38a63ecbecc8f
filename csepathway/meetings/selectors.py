"""Reads of MASE meetings, scoped to the acting user through the episodes on the agenda; every read
of a meeting is audited.

A restricted record (docs/adr/0021) is withheld from everyone not on its allow-list, however they
reach the meeting: the chair through the meetings they chair, the CSE team through its role, an
action's owner through the action. `restricted_q` is the one test for it in this app; a meeting read
here carries only the items the reader may see (`meeting.agenda`) and, for the rest, their place on
the agenda and nothing to show (`meeting.withheld`)."""

import dataclasses
import datetime as dt
import uuid

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.core.paging import first_rows_and_count
from csepathway.episodes.access import visible_episodes

from .access import may_organise, restricted_q, visible_meetings
from .invitations.models import Invitee
from .minutes.models import ItemMinutes
from .models import AgendaItem, MaseMeeting

# How far ahead the CSE team's home page shows reviews coming due.
REVIEW_NOTICE = dt.timedelta(days=14)


@dataclasses.dataclass(frozen=True)
class WithheldItem:
    """An agenda item the reader may not see: its place on the agenda, and ids for the audit trail
    only. Never anything to show: no name, no date of birth, no link."""

    order: int
    item_id: uuid.UUID
    child_id: uuid.UUID


def meeting_child_id(meeting: MaseMeeting):
    """The child a meeting is recorded against in the trail and the outbox: the first on its agenda,
    the one it was scheduled for."""
    first = meeting.agenda_items.select_related("episode").order_by("order").first()
    return first.episode.child_id if first else None


def agenda_items_for(actor) -> QuerySet[AgendaItem]:
    """Agenda items with their episode, child and practitioner, each marked `withheld` for this actor."""
    return (AgendaItem.objects.select_related("episode__child", "episode__practitioner")
            .annotate(withheld=ExpressionWrapper(restricted_q(actor), output_field=BooleanField()))
            .order_by("order"))


def _set_agenda(meeting: MaseMeeting, items) -> MaseMeeting:
    meeting.agenda = [item for item in items if not item.withheld]
    meeting.withheld = [WithheldItem(item.order, item.pk, item.episode.child_id) for item in items if item.withheld]
    return meeting


def meeting_get(*, actor, meeting_id: uuid.UUID | str, purpose: str = "viewed") -> MaseMeeting:
    meeting = get_in_scope_or_404(visible_meetings(actor).select_related("chair", "scheduled_by"), actor=actor,
                                  pk=meeting_id, verb=f"meeting.{purpose}", record_read=False)
    _set_agenda(meeting, list(agenda_items_for(actor).filter(meeting=meeting)))
    items = meeting.agenda
    # The chair sees the agenda, but opens only the episodes their own role may see.
    meeting.openable_episode_ids = set(visible_episodes(actor).filter(pk__in=[item.episode_id for item in items])
                                       .values_list("pk", flat=True))
    record(actor=actor, verb=f"meeting.{purpose}", obj=meeting,
           child_id=items[0].episode.child_id if items else None)
    return meeting


def meetings_for_child(*, actor, child) -> list[MaseMeeting]:
    """The child's meetings the actor may see (the child read itself is audited by the child page)."""
    return list(visible_meetings(actor).filter(agenda_items__episode__child=child).select_related("chair")
                .order_by("-starts_at"))


def meetings_for_episode(*, actor, episode) -> list[MaseMeeting]:
    """The episode's meetings the actor may see, latest first (the episode page audits its read)."""
    return list(visible_meetings(actor).filter(agenda_items__episode=episode).select_related("chair")
                .order_by("-starts_at"))


def episodes_awaiting_meeting(*, actor, child) -> list:
    """The child's episodes decided 'MASE required' that have no scheduled meeting yet."""
    return list(visible_episodes(actor).filter(child=child, state="mase_required")
                .exclude(agenda_items__meeting__state=MaseMeeting.State.SCHEDULED).order_by("-created_at"))


def mase_chairs() -> QuerySet:
    return get_user_model().objects.filter(role=Role.MASE_CHAIR, is_active=True).order_by("first_name", "last_name")


def meetings_calendar(*, actor, week_start, weeks: int = 4) -> list[MaseMeeting]:
    """Scheduled meetings the actor may see from `week_start` for `weeks` weeks, with their agendas."""
    start = timezone.make_aware(dt.datetime.combine(week_start, dt.time.min))
    end = start + dt.timedelta(weeks=weeks)
    meetings = list(
        visible_meetings(actor).filter(state=MaseMeeting.State.SCHEDULED, starts_at__gte=start, starts_at__lt=end)
        .select_related("chair").order_by("starts_at")
        .prefetch_related(Prefetch("agenda_items", queryset=agenda_items_for(actor)))
    )
    for meeting in meetings:
        _set_agenda(meeting, meeting.agenda_items.all())
    record(actor=actor, verb="meetings.calendar_viewed", object_type="meetings.masemeeting",
           object_id=str(len(meetings)))
    return meetings


def episodes_for_agenda(*, actor, meeting: MaseMeeting) -> list:
    """Episodes decided 'MASE required' that could join this meeting's agenda: not on it already and
    not waiting on another scheduled meeting."""
    return list(visible_episodes(actor).filter(state="mase_required")
                .exclude(agenda_items__meeting=meeting)
                .exclude(agenda_items__meeting__state=MaseMeeting.State.SCHEDULED)
                .select_related("child").order_by("child__last_name", "child__first_name"))


def home_chaired_meetings(*, actor, now=None, limit: int = 5) -> dict | None:
    """For a MASE chair's home page: the meetings they chair still to come, soonest first, and the
    ones held (started) whose minutes are not published yet; None for anyone else. Three queries."""
    if getattr(actor, "role", None) != Role.MASE_CHAIR:
        return None
    now = now or timezone.now()
    chaired = visible_meetings(actor).filter(chair=actor, state=MaseMeeting.State.SCHEDULED)
    upcoming = first_rows_and_count(chaired.filter(starts_at__gt=now).order_by("starts_at"), limit)
    to_publish = list(chaired.filter(starts_at__lte=now).order_by("starts_at")[:limit])
    found = {"upcoming": upcoming.rows, "upcoming_count": upcoming.count, "to_publish": to_publish}
    record(actor=actor, verb="meetings.home_viewed", object_type="meetings.masemeeting",
           object_id=str(len(found["upcoming"]) + len(to_publish)))
    return found


def home_meeting_work(*, actor, today: dt.date | None = None, now=None, limit: int = 5) -> dict | None:
    """For the CSE team's home page: episodes decided "MASE required" with no initial meeting booked
    (soonest due first), meetings held whose minutes are not published (oldest first), and the
    reviews the minutes set that fall due within a fortnight or are past, with no later meeting
    booked; None for anyone outside the CSE team. Two queries a list."""
    if not may_organise(actor):
        return None
    today, now = today or timezone.localdate(), now or timezone.now()
    booked = AgendaItem.objects.filter(episode_id=OuterRef("pk")).exclude(meeting__state=MaseMeeting.State.CANCELLED)
    to_schedule = (visible_episodes(actor).filter(state="mase_required").exclude(Exists(booked))
                   .select_related("child").order_by("initial_mase_due_on", "pk"))
    to_publish = (visible_meetings(actor).filter(state=MaseMeeting.State.SCHEDULED, starts_at__lte=now)
                  .order_by("starts_at", "pk"))
    later = AgendaItem.objects.filter(episode_id=OuterRef("agenda_item__episode_id"),
                                      meeting__starts_at__gt=OuterRef("agenda_item__meeting__starts_at")).exclude(
        meeting__state=MaseMeeting.State.CANCELLED)
    reviews = (ItemMinutes.objects.filter(
        agenda_item__episode__in=visible_episodes(actor).filter(state="mase_required"),
        agenda_item__meeting__state=MaseMeeting.State.HELD, next_review_on__lte=today + REVIEW_NOTICE)
        .exclude(Exists(later)).select_related("agenda_item__episode__child").order_by("next_review_on", "pk"))
    found = {}
    for name, queryset in (("to_schedule", to_schedule), ("to_publish", to_publish), ("reviews", reviews)):
        first = first_rows_and_count(queryset, limit)
        found[name] = {"rows": first.rows, "count": first.count}
    record(actor=actor, verb="meetings.home_viewed", object_type="meetings.masemeeting",
           object_id=str(sum(len(found[name]["rows"]) for name in found)))
    return found | {"today": today}


def home_invitations(*, actor, now=None, limit: int = 5) -> dict | None:
    """The meetings still to come that the actor is invited to (the practitioner is invited when a
    meeting is booked for their child), soonest first, with their answer; None when there are
    none. Their own invitations only, and none for a restricted child they may no longer see."""
    now = now or timezone.now()
    invited = (Invitee.objects.filter(user=actor, meeting__state=MaseMeeting.State.SCHEDULED,
                                      meeting__starts_at__gt=now)
               .exclude(restricted_q(actor, "agenda_item__episode__child_id")))
    first = first_rows_and_count(
        invited.select_related("meeting", "agenda_item__episode__child").order_by("meeting__starts_at"), limit)
    if not first.count:
        return None
    record(actor=actor, verb="meetings.home_viewed", object_type="meetings.invitee", object_id=str(len(first.rows)))
    return {"rows": first.rows, "count": first.count}
