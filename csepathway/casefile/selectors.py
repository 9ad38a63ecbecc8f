"""The child's chronology: the events of every part of the pathway the viewer may see, in date
order. Each source is read through its own scope, so the chronology shows no more than the pages it
links to would. A fixed number of queries, however long the story."""

import dataclasses
import datetime as dt

from django.urls import reverse
from django.utils import timezone

from csepathway.children.selectors import child_get
from csepathway.episodes.access import visible_episodes
from csepathway.episodes.models import ManagerAdvice, RiskLevelChange, State, Transition
from csepathway.intelligence.selectors import intelligence_events_for_child
from csepathway.meetings.selectors import meetings_for_child
from csepathway.notes.selectors import case_notes_for_child
from csepathway.nrm.selectors import nrm_events_for_child


@dataclasses.dataclass(frozen=True)
class ChronologyEvent:
    at: dt.datetime
    title: str
    detail: str
    href: str
    source: str


def _aware(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    # A day without a time (advice given on, a decision date) sorts at the start of that day.
    return timezone.make_aware(dt.datetime.combine(value, dt.time.min))


def _person(user) -> str:
    return user.get_full_name() or user.username


def _episode_events(actor, child) -> list[ChronologyEvent]:
    episodes = list(visible_episodes(actor).filter(child=child).select_related("practitioner"))
    ids = [e.pk for e in episodes]
    href = {e.pk: reverse("episodes:detail", args=[e.pk]) for e in episodes}
    events = [ChronologyEvent(e.created_at, "Concern recorded", f"By {_person(e.practitioner)}", href[e.pk],
                              "episode") for e in episodes]
    for move in Transition.objects.filter(episode_id__in=ids).select_related("actor"):
        events.append(ChronologyEvent(move.at, State(move.to_state).label, f"By {_person(move.actor)}",
                                      href[move.episode_id], "episode"))
    for change in RiskLevelChange.objects.filter(episode_id__in=ids):
        was = f" (was {change.get_previous_level_display()})" if change.previous_level else ""
        events.append(ChronologyEvent(change.at, f"Risk level {change.get_level_display()}{was}",
                                      change.source.capitalize(), href[change.episode_id], "episode"))
    for advice in ManagerAdvice.objects.filter(episode_id__in=ids).select_related("manager"):
        events.append(ChronologyEvent(_aware(advice.given_on), "Team Manager's advice",
                                      f"From {_person(advice.manager)}", href[advice.episode_id], "episode"))
    return events


def _note_events(actor, child) -> list[ChronologyEvent]:
    return [ChronologyEvent(note.created_at, note.title, f"Case note by {_person(note.author)}",
                            reverse("notes:detail", args=[note.pk]), "note")
            for note in case_notes_for_child(actor=actor, child=child)]


def _meeting_events(actor, child) -> list[ChronologyEvent]:
    return [ChronologyEvent(meeting.starts_at, meeting.get_kind_display(), meeting.get_state_display(),
                            reverse("meetings:detail", args=[meeting.pk]), "meeting")
            for meeting in meetings_for_child(actor=actor, child=child)]


def _from_dicts(items: list[dict], source: str) -> list[ChronologyEvent]:
    return [ChronologyEvent(_aware(item["at"]), item["title"], item.get("detail", ""), item.get("href", ""), source)
            for item in items]


def chronology_for_child(*, actor, child_id) -> tuple[object, list[ChronologyEvent]]:
    """The child (404 outside the actor's scope, audited as a read of the record) and the events,
    oldest first."""
    child = child_get(actor=actor, child_id=child_id, purpose="chronology_viewed")
    events = [
        *_episode_events(actor, child),
        *_note_events(actor, child),
        *_meeting_events(actor, child),
        *_from_dicts(nrm_events_for_child(actor=actor, child=child), "nrm"),
        *_from_dicts(intelligence_events_for_child(actor=actor, child=child), "intelligence"),
    ]
    events.sort(key=lambda event: event.at)
    return child, events
