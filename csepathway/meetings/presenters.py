"""What meeting pages show: when and where in local time, the state tag, the agenda rows."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from csepathway.core.formatting import govuk_date, preserve_lines
from csepathway.core.presenters import person_name, tag

from .access import has_started, may_change_meeting, sees_every_item
from .models import MaseMeeting

# Someone who sees every item (the chair, the CSE team) learns that an item they may not see is a
# restricted record; someone who sees only their own children learns only that another child is there.
RESTRICTED_RECORD = "A restricted record"
ANOTHER_CHILD = "Another child"

_TAG_COLOURS = {MaseMeeting.State.SCHEDULED.label: "blue", MaseMeeting.State.CANCELLED.label: "grey"}


def state_tag(meeting: MaseMeeting) -> Markup:
    label = status_label(meeting)
    return tag(label, _TAG_COLOURS.get(label, "yellow" if meeting.state == MaseMeeting.State.SCHEDULED else ""))


def not_started_text(meeting: MaseMeeting) -> str:
    return (f"The meeting starts on {when(meeting)}. Attendance and minutes can be recorded once it has "
            "started.")


def status_label(meeting: MaseMeeting, now=None) -> str:
    """The meeting's status as a record of events: never 'held' before it has started, and a
    scheduled meeting whose time has passed is waiting for its minutes, not still to come."""
    if meeting.state == MaseMeeting.State.CANCELLED:
        return MaseMeeting.State.CANCELLED.label
    now = now or timezone.now()
    if not has_started(meeting, now):
        return MaseMeeting.State.SCHEDULED.label
    if meeting.state == MaseMeeting.State.HELD:
        return MaseMeeting.State.HELD.label
    return "Under way" if now < meeting.ends_at else "Took place: minutes not yet published"


def when(meeting: MaseMeeting) -> str:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return f"{start:%-d %B %Y}, {start:%H:%M} to {end:%H:%M}"


def agenda_in_order(meeting: MaseMeeting) -> list[tuple[int, object]]:
    """(order, item) for every item on the agenda, in order; the item is None where it is withheld
    from the reader (a restricted record they may not see), so there is nothing of it to show."""
    entries = [(item.order, item) for item in meeting.agenda]
    entries += [(withheld.order, None) for withheld in meeting.withheld]
    return sorted(entries, key=lambda entry: entry[0])


def child_name_or_restricted(item) -> str:
    return RESTRICTED_RECORD if item is None else item.episode.child.full_name


def meeting_page(meeting: MaseMeeting, user) -> dict:
    rows = [
        {"key": {"text": "Kind"}, "value": {"text": meeting.get_kind_display()}},
        {"key": {"text": "When"}, "value": {"text": when(meeting)}},
        {"key": {"text": "Where"}, "value": {"text": meeting.location}},
    ]
    if meeting.online_link:
        rows.append({"key": {"text": "Online link"}, "value": {"html": Markup(
            '<a class="govuk-link" href="{0}" rel="noreferrer noopener">{0}</a>').format(meeting.online_link)}})
    rows += [
        {"key": {"text": "Chair"}, "value": {"text": person_name(meeting.chair)}},
        {"key": {"text": "Status"}, "value": {"html": state_tag(meeting)}},
    ]
    if meeting.state == MaseMeeting.State.CANCELLED:
        rows.append({"key": {"text": "Why it was cancelled"}, "value": {"text": meeting.cancellation_reason}})
    for label, text in (("People of concern", meeting.persons_of_concern),
                        ("Places of concern", meeting.places_of_concern), ("Themes", meeting.themes)):
        if text:
            rows.append({"key": {"text": label}, "value": {"html": preserve_lines(text)}})
    agenda = []
    # A contextual meeting has several children: a practitioner learns only that others are there.
    sees_all = sees_every_item(user, meeting)
    for order, item in agenda_in_order(meeting):
        if not sees_all and (item is None or item.episode_id not in meeting.openable_episode_ids):
            agenda.append({"key": {"text": f"Item {order}"}, "value": {"text": ANOTHER_CHILD}})
            continue
        if item is None:
            agenda.append({"key": {"text": f"Item {order}"}, "value": {"text": RESTRICTED_RECORD}})
            continue
        practitioner = item.episode.practitioner.display_name
        row = {"key": {"text": f"Item {item.order}"},
               "value": {"text": f"{item.episode.child.full_name} (practitioner: {practitioner})"}}
        if item.episode_id in meeting.openable_episode_ids:
            row["actions"] = {"items": [{"href": reverse("episodes:detail", args=[item.episode.pk]),
                                         "text": "Open episode",
                                         "visuallyHiddenText": f" for {item.episode.child.full_name}"}]}
        agenda.append(row)
    can_change = may_change_meeting(user, meeting)
    return {"rows": rows, "agenda": agenda, "can_change": can_change, "state_tag": state_tag(meeting),
            "can_add_to_agenda": can_change and meeting.kind == MaseMeeting.Kind.CONTEXTUAL}


def meeting_href(meeting: MaseMeeting) -> str:
    return reverse("meetings:detail", args=[meeting.pk])


def reschedule_initial(meeting: MaseMeeting) -> dict:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return {"date": start.date(), "start_time": f"{start:%H:%M}", "end_time": f"{end:%H:%M}",
            "location": meeting.location, "online_link": meeting.online_link}


def calendar_weeks(meetings, week_start, weeks: int) -> list[dict]:
    """One entry per week, each with its meetings as table rows (empty weeks say so)."""
    result = []
    for index in range(weeks):
        start = week_start + dt.timedelta(weeks=index)
        end = start + dt.timedelta(days=7)
        rows = []
        for meeting in meetings:
            local = timezone.localtime(meeting.starts_at)
            if not (start <= local.date() < end):
                continue
            children = ", ".join(child_name_or_restricted(item) for _, item in agenda_in_order(meeting))
            rows.append([
                {"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(
                    meeting_href(meeting), f"{local:%A} {govuk_date(local)}")},
                {"text": f"{local:%H:%M} to {timezone.localtime(meeting.ends_at):%H:%M}"},
                {"text": meeting.get_kind_display()},
                {"text": children or "No children on the agenda"},
                {"text": meeting.location},
                {"text": person_name(meeting.chair)},
            ])
        result.append({"title": f"Week beginning {govuk_date(start)}", "rows": rows})
    return result
