"""Things that happened, for whoever outside the service has asked to hear of them (issue 14:
webhooks to council systems). The apps that make decisions, schedule meetings and publish minutes
sit below the API app, so they cannot call it: they raise a named event here and the API app,
which registers a listener at start-up, turns it into outbox messages. A listener runs inside the
caller's transaction, so an event raised by work that rolls back leaves nothing behind.

An event carries ids only (never case content): `data` names the records by id and `child_id` is
the child it is about, for disposal."""

import uuid
from collections.abc import Callable

# The events a council system may subscribe to, by their public names.
DECISION_MADE = "decision.made"
MEETING_SCHEDULED = "meeting.scheduled"
MEETING_MOVED = "meeting.moved"
MEETING_CANCELLED = "meeting.cancelled"
MINUTES_PUBLISHED = "minutes.published"
NRM_DECISION = "nrm.decision"
EVENT_NAMES = (DECISION_MADE, MEETING_SCHEDULED, MEETING_MOVED, MEETING_CANCELLED, MINUTES_PUBLISHED, NRM_DECISION)

# listener(*, name, data, child_id)
EventListener = Callable[..., None]
_listeners: list[EventListener] = []


def register(listener: EventListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def unregister(listener: EventListener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def event_raise(*, name: str, data: dict[str, str], child_id: uuid.UUID | str | None) -> None:
    if name not in EVENT_NAMES:
        raise ValueError(f"Unknown event {name!r}")
    clean = {key: str(value) for key, value in data.items()}
    for listener in _listeners:
        listener(name=name, data=clean, child_id=child_id)
