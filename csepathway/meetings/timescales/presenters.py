"""What pages show of the MASE timescales: the meeting page's section, the CSE workspace's flags,
and the schedule form's starting values when a review is proposed."""

import contextlib
import datetime as dt

from markupsafe import Markup

from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import tag
from csepathway.core.wording import meeting_name, say
from csepathway.episodes.models import State
from csepathway.episodes.workspace_flags import Flag

from ..models import MaseMeeting
from . import clocks as timescales


def _days(count: int) -> str:
    return f"{count} working day{'' if count == 1 else 's'}"


def timescales_section(request, meeting):
    """The timescales section of the meeting page: (template name, context), or None to show nothing.
    A cancelled meeting has no clock left to show."""
    if meeting.state == MaseMeeting.State.CANCELLED:
        return None
    invitations_limit = timescales.invitations_working_days()
    invitations = timescales.invitations_clock(meeting, limit=invitations_limit)
    status = (tag("Sent", "green") if invitations.met
              else tag("Overdue", "red") if invitations.breached
              else tag("Not sent yet", "yellow"))
    rows = [{
        "key": {"text": "Practitioner's invitations"},
        "value": {"html": Markup("Due by {} ({} after scheduling) {}").format(
            govuk_date(invitations.due_on), _days(invitations_limit), status)},
    }]
    warnings = []
    if invitations.breached:
        warnings.append(f"The practitioner's invitations to the child, family and professionals were due by "
                        f"{govuk_date(invitations.due_on)}. Nobody has been invited yet.")
    if meeting.kind == MaseMeeting.Kind.INITIAL:
        initial_limit = timescales.initial_mase_working_days()
        # The reader's agenda, as the meeting page read it: never the clock of an item withheld from them.
        agenda = getattr(meeting, "agenda", None)
        if agenda is None:
            agenda = list(meeting.agenda_items.select_related("episode__child"))
        meetings = timescales.initial_meetings_for(item.episode_id for item in agenda)
        for item in agenda:
            clock = timescales.initial_mase_clock(item.episode, meetings.get(item.episode_id, []), limit=initial_limit)
            if clock is None:
                continue
            status = (tag("Overdue", "red") if clock.breached
                      else tag("On time", "green") if clock.met
                      else tag("Not met", "yellow"))
            label = say("Initial MASE") if len(agenda) == 1 else f"Initial {meeting_name()}, item {item.order}"
            due = Markup("Due by {} ({} after the decision) {}").format(govuk_date(clock.due_on),
                                                                         _days(initial_limit), status)
            rows.append({"key": {"text": label}, "value": {"html": due}})
            if clock.breached:
                warnings.append(f"The initial {meeting_name()} was due by {govuk_date(clock.due_on)}, within "
                                f"{_days(initial_limit)} of the decision that a {meeting_name()} is required.")
    return "meetings/timescales/section.html", {"timescale_rows": rows, "timescale_warnings": warnings}


def workspace_flags(episodes, today: dt.date) -> dict:
    """Registered with episodes.workspace_flags: the meeting clocks of every workspace row at once.
    Only an episode waiting for its MASE has a meeting clock running (as overdue.py counts them)."""
    flags = {}
    waiting_for_mase = [episode for episode in episodes if episode.state == State.MASE_REQUIRED]
    for episode_id, clocks in timescales.clocks_for_episodes(waiting_for_mase, today=today).items():
        found = []
        # Every clock shows its due date while it runs, and turns red the day after.
        if clocks.invitations_breached:
            found.append(Flag("Invitations overdue"))
        elif clocks.invitations_due_on is not None:
            found.append(Flag(f"Invitations due {govuk_date(clocks.invitations_due_on)}", breach=False,
                              colour="yellow"))
        initial = clocks.initial
        # Once the meeting has been held, a late one stays on the meeting page but no longer needs work.
        if initial is not None and not initial.held:
            if initial.breached:
                found.append(Flag(say("Initial MASE overdue")))
            elif not initial.met:
                found.append(Flag(f"Initial {meeting_name()} due {govuk_date(initial.due_on)}", breach=False,
                                  colour="yellow"))
        if clocks.review is not None:
            overdue = clocks.review.due_on < today
            found.append(Flag(f"Review {meeting_name()} due {govuk_date(clocks.review.due_on)}", breach=overdue,
                              colour="red" if overdue else "yellow"))
        if found:
            flags[episode_id] = found
    return flags


def review_schedule_query(review: timescales.ReviewDue) -> str:
    """The query string that opens the schedule form as a review on the proposed date."""
    return f"?kind={MaseMeeting.Kind.REVIEW}&date={review.due_on.isoformat()}"


def schedule_initial(query) -> dict:
    """The schedule form's starting values from the link's query (kind and date), ignoring anything
    that does not parse: the form starts empty rather than failing."""
    initial = {}
    if query.get("kind") in MaseMeeting.Kind.values:
        initial["kind"] = query["kind"]
    with contextlib.suppress(ValueError):
        initial["date"] = dt.date.fromisoformat(query.get("date", ""))
    return initial
