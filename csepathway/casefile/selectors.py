"""The child's chronology: the events of every part of the pathway the viewer may see, in date
order. The parts are the apps that hold something about a child (children/records_held.py); each
reads its events through its own scope, so the chronology shows no more than the pages it links to
would. Each part reads in a fixed number of queries, so the page does too, however long the story."""

from csepathway.children import records_held
from csepathway.children.records_held import ChronologyEvent
from csepathway.children.selectors import child_get

__all__ = ["ChronologyEvent", "chronology_for_child"]


def chronology_for_child(*, actor, child_id) -> tuple[object, list[ChronologyEvent]]:
    """The child (404 outside the actor's scope, audited as a read of the record) and the events,
    oldest first."""
    child = child_get(actor=actor, child_id=child_id, purpose="chronology_viewed")
    events = [event for provider in records_held.chronology_providers() for event in provider(actor, child)]
    events.sort(key=lambda event: event.at)
    return child, events
