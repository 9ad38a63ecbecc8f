"""Reads of MASE meetings, scoped to the acting user through the episodes on the agenda; every read
of a meeting is audited."""

import datetime as dt
import uuid

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.episodes.access import visible_episodes

from .models import AgendaItem, MaseMeeting


def visible_meetings(actor) -> QuerySet[MaseMeeting]:
    """Meetings with an agenda item the actor may see, and the meetings the actor chairs."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return MaseMeeting.objects.none()
    scope = Q(agenda_items__episode__in=visible_episodes(actor)) | Q(chair=actor)
    return MaseMeeting.objects.filter(scope).distinct()


def meeting_get(*, actor, meeting_id: uuid.UUID | str, purpose: str = "viewed") -> MaseMeeting:
    try:
        meeting = visible_meetings(actor).select_related("chair", "scheduled_by").get(pk=meeting_id)
    except (MaseMeeting.DoesNotExist, ValueError) as missing:
        record(actor=actor, verb=f"meeting.{purpose}", object_type="meetings.masemeeting", object_id=str(meeting_id),
               outcome=AuditEvent.Outcome.DENIED)
        raise Http404("No meeting found") from missing
    items = list(meeting.agenda_items.select_related("episode__child", "episode__practitioner").order_by("order"))
    meeting.agenda = items
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
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("episode__child")
                                   .order_by("order")))
    )
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
