"""The MASE meetings' part of what is held about a child (children/records_held.py): the child's
place on each meeting with what was agreed for their plan, the minutes of their item, their actions
and the invitations.

A contextual meeting has several children on it. Only the child's own item is told: their minutes,
their actions, the people invited for their part and the professionals invited to the whole
meeting; never another child's item, family or name (as the meeting page does for a reader who
may not see the other children). For the same reason the meeting's people, places and themes of
concern, written for all its children at once, are left out: what was said of this child is in the
minutes of their item."""

from django.db.models import Q
from django.urls import reverse

from csepathway.children.records_held import (
    DATE_OF_BIRTH,
    ChronologyEvent,
    RecordsHeld,
    RecordType,
    Snapshot,
    lines,
    paragraphs,
)
from csepathway.core.formatting import govuk_date, govuk_time
from csepathway.core.presenters import person_name
from csepathway.core.wording import meeting_name, say_lazy

from .models import Action, AgendaItem, Invitee, ItemMinutes, MeetingChange
from .presenters import status_label
from .selectors import meetings_for_child

MASE = RecordType("mase", say_lazy("MASE meetings: agenda items, minutes, actions and invitations"),
                  (DATE_OF_BIRTH, 25))


def _change_summary(change: MeetingChange) -> str:
    if change.kind == MeetingChange.Kind.MOVED:
        return f"Moved from {_at(change.previous_starts_at)} to {_at(change.starts_at)}"
    if change.kind == MeetingChange.Kind.CANCELLED:
        return f"Cancelled ({_at(change.starts_at)}): {change.reason}" if change.reason else "Cancelled"
    return f"Scheduled for {_at(change.starts_at)}"


def _at(moment) -> str:
    return f"{govuk_date(moment)}, {govuk_time(moment)}"


def chronology(actor, child) -> list[ChronologyEvent]:
    """Each meeting on its day, and, on the day each happened, its scheduling, every move and its
    cancellation (a meeting moved twice shows where it was each time)."""
    meetings = meetings_for_child(actor=actor, child=child)
    changes = MeetingChange.objects.filter(meeting__in=[meeting.pk for meeting in meetings]).select_related("meeting")
    events = [ChronologyEvent(meeting.starts_at, meeting.get_kind_display(), status_label(meeting),
                              reverse("meetings:detail", args=[meeting.pk]), "meeting")
              for meeting in meetings]
    events += [ChronologyEvent(change.created_at,
                               f"{change.meeting.get_kind_display()}: {change.get_kind_display().lower()}",
                               _change_summary(change), reverse("meetings:detail", args=[change.meeting_id]),
                               "meeting")
               for change in changes]
    return events


def _named(meeting) -> str:
    return f"{meeting.get_kind_display()} on {govuk_date(meeting.starts_at)}"


def _when(meeting) -> str:
    return (f"{govuk_date(meeting.starts_at)}, {govuk_time(meeting.starts_at)} to "
            f"{govuk_time(meeting.ends_at)}")


def _places_on_meetings(child) -> list[Snapshot]:
    items = (AgendaItem.objects.filter(episode__child=child).select_related("meeting__chair")
             .prefetch_related("interventions", "meeting__changes"))
    result = []
    for item in items:
        meeting = item.meeting
        parts = [lines(("Meeting", meeting.get_kind_display()), ("When", _when(meeting)),
                       ("Where", meeting.location), ("Online link", meeting.online_link),
                       ("Chair", person_name(meeting.chair)), ("Status", status_label(meeting)),
                       ("Why it was cancelled", meeting.cancellation_reason),
                       ("Minutes published on", meeting.minutes_published_at))]
        parts += [lines((f"{change.get_kind_display()} on {_at(change.created_at)}", _change_summary(change)))
                  for change in meeting.changes.all()]
        parts += [lines(("Need agreed for the plan", i.need), ("Intervention", i.intervention))
                  for i in item.interventions.all()]
        result.append(Snapshot("meeting", item, _named(meeting), meeting.starts_at, paragraphs(*parts)))
    return result


def _minutes(child) -> list[Snapshot]:
    minutes = ItemMinutes.objects.filter(agenda_item__episode__child=child).select_related("agenda_item__meeting")
    result = []
    for m in minutes:
        meeting = m.agenda_item.meeting
        text = lines(("Information shared", m.information_shared),
                     ("Risk level", m.get_risk_level_display() if m.risk_level else ""),
                     ("Reason for the risk level", m.risk_level_rationale), ("Next review", m.next_review_on))
        result.append(Snapshot("minutes", m, f"Minutes of the {_named(meeting)}", meeting.starts_at, text))
    return result


def _actions(child) -> list[Snapshot]:
    return [Snapshot("action", a, f"{meeting_name()} action due {govuk_date(a.due_on)}", a.created_at,
                     lines(("Action", a.description), ("Kind", a.get_kind_display()), ("Owner", a.owner_name),
                           ("Agency", a.agency), ("Due", a.due_on), ("Status", a.get_status_display())))
            for a in Action.objects.filter(episode__child=child)]


def _invitations(child) -> list[Snapshot]:
    ours = AgendaItem.objects.filter(episode__child=child)
    # Whoever was invited for this child's item, and the professionals invited to the whole meeting;
    # the child and family are always invited for one child's item, so nobody else's family is here.
    invitees = (Invitee.objects.filter(Q(agenda_item__in=ours)
                                       | Q(agenda_item__isnull=True, kind=Invitee.Kind.PROFESSIONAL,
                                           meeting__in=ours.values("meeting")))
                .select_related("meeting", "invited_by"))
    result = []
    for invitee in invitees:
        text = lines(
            ("Name", invitee.name), ("Invited as", invitee.get_kind_display()),
            ("Relationship or role", invitee.relationship), ("Agency", invitee.agency),
            ("Email address", invitee.email),
            ("Invited for", f"{child.full_name}'s part of the meeting" if invitee.agenda_item_id
             else "The whole meeting"),
            ("Invited by", "Added when the meeting was scheduled" if invitee.added_automatically
             else person_name(invitee.invited_by)),
            ("Invited on", invitee.created_at), ("Status", invitee.get_status_display()),
            ("Answered on", invitee.responded_at))
        result.append(Snapshot("invitation", invitee, f"Invitation to the {_named(invitee.meeting)}: {invitee.name}",
                               invitee.created_at, text))
    return result


def snapshots(child) -> list[Snapshot]:
    return [*_places_on_meetings(child), *_minutes(child), *_actions(child), *_invitations(child)]


RECORDS_HELD = RecordsHeld(
    app="meetings", record_type=MASE.code,
    models=("meetings.masemeeting", "meetings.agendaitem", "meetings.itemminutes", "meetings.invitee",
            "meetings.action", "meetings.agreedintervention", "meetings.meetingchange"),
    chronology=chronology, subject_access=snapshots,
    folded={"meetings.masemeeting": "meetings.agendaitem", "meetings.agreedintervention": "meetings.agendaitem",
            "meetings.meetingchange": "meetings.agendaitem"},
)
