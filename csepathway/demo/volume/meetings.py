"""MASE meetings: each authority's chairs hold a weekly meeting (Tuesdays at 10, the chairs taking
turns), and every planned MASE item of an episode joins the first meeting on or after its date.
Meetings before today are held, with attendance, minutes, actions, an intervention for the child's
plan and the outcome note; the next ones are in the calendar with their invitations out."""

import dataclasses
import datetime as dt
import random
import zoneinfo

from django.conf import settings

from csepathway.accounts.roles import Role

from . import names
from .casework import child_plan, episodes_of
from .ids import derived
from .plan import DAY

LOCAL = zoneinfo.ZoneInfo(settings.TIME_ZONE)
MEETING_DAY = 1  # Tuesday


@dataclasses.dataclass(slots=True)
class Meeting:
    id: object
    authority: object
    chair: object
    starts_at: dt.datetime
    items: list = dataclasses.field(default_factory=list)  # (episode, initial)

    def held(self, anchor) -> bool:
        return self.starts_at < anchor - DAY / 2


def _slot(when: dt.datetime) -> dt.datetime:
    day = when.astimezone(LOCAL).date() + DAY
    day += (MEETING_DAY - day.weekday()) % 7 * DAY
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=LOCAL)


def plan(plans, *, seed: int) -> list[Meeting]:
    meetings: dict[tuple, Meeting] = {}
    for episode in episodes_of(plans):
        closed = episode.when("closed") if episode.state == "closed" else None
        for number, offset in enumerate(episode.review_dates):
            starts = _slot(episode.started_at + offset)
            if closed is not None and starts >= closed:
                break  # closed before the meeting came round
            authority = episode.child.authority
            key = (authority.number, starts)
            if key not in meetings:
                chairs = authority.staff[Role.MASE_CHAIR]
                meetings[key] = Meeting(id=derived(f"{seed}:{authority.number}", f"meeting{starts.isoformat()}"),
                                        authority=authority, starts_at=starts,
                                        chair=chairs[starts.isocalendar().week % len(chairs)])
            meetings[key].items.append((episode, number == 0))
    return sorted(meetings.values(), key=lambda m: (m.starts_at, m.authority.number))


def meeting_rows(meetings, anchor):
    for meeting in meetings:
        held = meeting.held(anchor)
        created = meeting.starts_at - 8 * DAY
        published = min(meeting.starts_at + DAY, anchor - DAY / 24) if held else None
        organiser = meeting.authority.staff[Role.CSE_MANAGER][0]
        yield {"id": meeting.id, "kind": "initial" if any(initial for _, initial in meeting.items) else "review",
               "starts_at": meeting.starts_at, "ends_at": meeting.starts_at + dt.timedelta(hours=2),
               "location": f"Committee Room 1, {meeting.authority.name} Civic Centre", "online_link": "",
               "chair_id": meeting.chair.id, "state": "held" if held else "scheduled",
               "uid": f"{meeting.id}@cse-pathway", "scheduled_by_id": organiser.id,
               "minutes_published_at": published, "minutes_published_by_id": meeting.chair.id if held else None,
               "created_at": created, "updated_at": published or created}


def meeting_changes(meetings):
    """When each meeting was scheduled, as meeting_schedule keeps it (none is moved or cancelled here)."""
    for meeting in meetings:
        created = meeting.starts_at - 8 * DAY
        yield {"id": derived(meeting.id, "scheduled"), "meeting_id": meeting.id, "kind": "scheduled",
               "changed_by_id": meeting.authority.staff[Role.CSE_MANAGER][0].id, "starts_at": meeting.starts_at,
               "reason": "", "created_at": created, "updated_at": created}


def _items(meetings):
    for meeting in meetings:
        for order, (episode, _initial) in enumerate(meeting.items, start=1):
            yield meeting, order, episode, derived(meeting.id, f"item{episode.id}")


def agenda_items(meetings):
    for meeting, order, episode, item in _items(meetings):
        created = meeting.starts_at - 8 * DAY
        yield {"id": item, "meeting_id": meeting.id, "episode_id": episode.id, "order": order,
               "created_at": created, "updated_at": created}


def invitees(meetings, rng: random.Random, anchor):
    people = [("professional", "Sam Nurseton (synthetic)", "School nurse", "Example Health Trust (synthetic)"),
              ("family", "Jo Parentson (synthetic)", "Parent", ""), ("child", "", "", "")]
    for meeting, _order, episode, item in _items(meetings):
        held = meeting.held(anchor)
        practitioner = episode.child.worker
        invited = meeting.starts_at - 7 * DAY
        yield {"id": derived(item, "invitee0"), "meeting_id": meeting.id, "agenda_item_id": None,
               "kind": "professional", "name": practitioner.get_full_name(), "relationship": practitioner.job_title,
               "agency": episode.child.authority.name, "email": practitioner.email, "user_id": practitioner.id,
               "status": "attended" if held else "accepted", "added_automatically": True,
               "invited_by_id": meeting.authority.staff[Role.CSE_MANAGER][0].id,
               "responded_at": invited + DAY, "created_at": invited, "updated_at": invited + DAY}
        for number, (kind, name, relationship, agency) in enumerate(people, start=1):
            status = (rng.choice(["attended", "attended", "apologies"]) if held
                      else rng.choice(["invited", "accepted"]))
            yield {"id": derived(item, f"invitee{number}"), "meeting_id": meeting.id, "agenda_item_id": item,
                   "kind": kind, "name": name, "relationship": relationship, "agency": agency, "email": "",
                   "user_id": None, "status": status, "added_automatically": False,
                   "invited_by_id": practitioner.id, "responded_at": None if status == "invited" else invited + DAY,
                   "created_at": invited + DAY / 4, "updated_at": invited + DAY}


def _held_items(meetings, anchor):
    for meeting, order, episode, item in _items(meetings):
        if meeting.held(anchor):
            yield meeting, order, episode, item


def minutes(meetings, anchor):
    for meeting, _order, episode, item in _held_items(meetings, anchor):
        yield {"id": derived(item, "minutes"), "agenda_item_id": item,
               "information_shared": "Partners shared what they know since the last meeting (synthetic).",
               "risk_level": episode.risk_level or "high", "risk_level_rationale": "Confirmed by the group.",
               "next_review_on": (meeting.starts_at + 42 * DAY).date(), "recorded_by_id": meeting.chair.id,
               "created_at": meeting.starts_at, "updated_at": meeting.starts_at}


def actions(meetings, rng: random.Random, anchor):
    today = anchor.date()
    for meeting, _order, episode, item in _held_items(meetings, anchor):
        for number in range(rng.randint(2, 4)):
            description, kind = rng.choice(names.ACTIONS)
            due = (meeting.starts_at + rng.randint(14, 42) * DAY).date()
            status = ("done" if rng.random() < 0.9 else "cancelled") if due < today - dt.timedelta(days=30) else \
                rng.choice(["not_started", "in_progress", "done"])
            owner = episode.child.worker if kind == "support" else None
            yield {"id": derived(item, f"action{number}"), "agenda_item_id": item, "episode_id": episode.id,
                   "description": description, "kind": kind,
                   "owner_name": owner.get_full_name() if owner else "PC Exampleton (synthetic)", "owner_id":
                   owner.id if owner else None,
                   "agency": episode.child.authority.name if owner else f"{episode.child.authority.name} Police",
                   "due_on": due, "status": status,
                   "completed_at": meeting.starts_at + rng.randint(3, 40) * DAY if status == "done" else None,
                   "created_by_id": meeting.chair.id, "created_at": meeting.starts_at, "updated_at": meeting.starts_at}


NEED = "A trusted adult to talk to (synthetic)"
INTERVENTION = "Weekly sessions with a youth worker (synthetic)"


def interventions(meetings, anchor):
    for meeting, _order, _episode, item in _held_items(meetings, anchor):
        yield {"id": derived(item, "intervention"), "agenda_item_id": item, "need": NEED,
               "intervention": INTERVENTION, "recorded_by_id": meeting.chair.id,
               "created_at": meeting.starts_at, "updated_at": meeting.starts_at}


def plan_entries(meetings, anchor):
    for meeting, _order, episode, item in _held_items(meetings, anchor):
        yield {"id": derived(item, "plan_entry"), "child_id": episode.child.id,
               "plan": child_plan(episode.child), "need": NEED, "intervention": INTERVENTION,
               "agreed_on": meeting.starts_at.date(), "source": f"MASE meeting {meeting.starts_at:%d %B %Y}",
               "source_type": "meetings.masemeeting", "source_id": str(meeting.id),
               "recorded_by_id": meeting.chair.id, "created_at": meeting.starts_at + DAY / 2}


def outcome_notes(meetings, anchor):
    for meeting, _order, episode, item in _held_items(meetings, anchor):
        yield {"id": derived(item, "outcome_note"), "child_id": episode.child.id, "kind": "mase_outcome",
               "title": f"MASE meeting outcome, {meeting.starts_at:%d %B %Y}",
               "body": "Risk level confirmed; actions agreed (synthetic).", "author_id": meeting.chair.id,
               "subject_type": "meetings.masemeeting", "subject_id": str(meeting.id), "amends_id": None,
               "created_at": min(meeting.starts_at + DAY, anchor - DAY / 24)}
