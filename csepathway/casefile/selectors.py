"""The child's chronology: the events of every part of the pathway the viewer may see, in the order
they happened. The parts are the apps that hold something about a child (children/records_held.py);
each reads its events through its own scope, so the chronology shows no more than the pages it links
to would. Each part reads in a fixed number of queries, so the page and its exports do too, however
long the story."""

import datetime as dt

from django.utils import timezone

from csepathway.children import records_held
from csepathway.children.records_held import ChronologyEvent
from csepathway.children.selectors import child_get, plan_entries_for_child
from csepathway.core.wording import say_lazy

__all__ = ["KINDS", "ChronologyEvent", "child_for_export", "chronology_for_child"]

# The kinds of event a reader can ask for, in the order the filter offers them.
KINDS = {
    "screening": "Screenings",
    "conversation": "Conversations and advice",
    "episode": "Episode steps and decisions",
    "meeting": say_lazy("MASE meetings"),
    "plan": "Plan entries",
    "note": "Case notes",
    "nrm": "NRM referrals",
    "intelligence": "Intelligence reports",
    "missing": "Missing episodes and return home interviews",
}


def _day(event: ChronologyEvent) -> dt.date:
    return timezone.localtime(event.at).date()


def chronology_for_child(*, actor, child_id, kinds=(), since: dt.date | None = None, until: dt.date | None = None,
                         purpose: str = "chronology_viewed") -> tuple[object, list[ChronologyEvent]]:
    """The child (404 outside the actor's scope, audited as a read of the record under `purpose`)
    and the events, oldest first: of the `kinds` asked for (all when none), from `since` to `until`
    (local days, both included). Events at the same moment keep their part's order, so a day reads
    as it happened however many parts wrote in it."""
    child = child_get(actor=actor, child_id=child_id, purpose=purpose)
    events = [event for provider in records_held.chronology_providers() for event in provider(actor, child)]
    if kinds:
        events = [event for event in events if event.source in kinds]
    if since is not None:
        events = [event for event in events if _day(event) >= since]
    if until is not None:
        events = [event for event in events if _day(event) <= until]
    events.sort(key=lambda event: event.at)
    return child, events


def child_for_export(*, actor, child_id):
    """The child, when an export is asked for before the user has confirmed it is them: in scope or
    404, and the request on the trail, before the step-up page."""
    return child_get(actor=actor, child_id=child_id, purpose="export_requested")


def record_for_download(*, actor, child_id):
    """The child, everything in their chronology the actor may see and their plan, for the record's
    PDF; on the trail as "child.record_downloaded"."""
    child, events = chronology_for_child(actor=actor, child_id=child_id, purpose="record_downloaded")
    return child, events, plan_entries_for_child(actor=actor, child=child)
