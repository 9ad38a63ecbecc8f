"""Queueing side effects. Every service that sends something calls these inside its own
transaction: the relay sends after commit, so work that rolls back takes its messages with it and
nothing is sent for it."""

import uuid

from django.db import transaction
from django.utils import timezone

from . import listeners
from .email import EMAIL
from .models import OutboxMessage


def outbox_enqueue(*, kind: str, payload: dict, child_id: uuid.UUID | str | None) -> OutboxMessage:
    """Queue one message. `child_id` names the child it is about (None for a message about no one
    child), so a disposal finds it without reading the payload."""
    message = OutboxMessage.objects.create(kind=kind, payload=payload, child_id=child_id,
                                           next_attempt_at=timezone.now())
    # robust: by the time this runs the caller's work has committed; failing to queue the relay
    # task must not turn that into an error page. The message waits in the outbox for the next run.
    transaction.on_commit(_kick_relay, robust=True)
    return message


def _kick_relay() -> None:
    from .tasks import relay_outbox

    relay_outbox.enqueue()


def email_send(*, to: list[str], subject: str, path: str, intro: str, child_id, notify: bool = True,
               **extra) -> OutboxMessage:
    """An email with a link to `path`. `extra` carries what some emails add: "ics" and
    "ics_method" (a calendar invite), "attachments", "link_text" (for someone without an account),
    "reply_to" (a list of addresses, for an email someone may answer).
    Never case content: email leaves the secure system, so subject and intro are generic text.
    The listeners hear of it (a notification for each recipient with an account) unless `notify`
    is False: an email about the notifications themselves (the weekly digest) must not add one."""
    message = outbox_enqueue(kind=EMAIL, child_id=child_id,
                             # str(): the text may be lazy, said in the area's words (core/wording.py).
                             payload={"to": list(to), "subject": str(subject), "path": path, "intro": str(intro),
                                      **extra})
    if notify:
        listeners.email_queued(message)
    return message


def email_link(*, to_user, subject: str, path: str, intro: str, child_id=None) -> OutboxMessage | None:
    """Tell a colleague that something is waiting for them, with a link to it. Nothing is queued
    for an account without an email address."""
    if not to_user.email:
        return None
    # The listeners are told who, not only the address: another account may share it.
    message = email_send(to=[to_user.email], subject=subject, path=path, intro=intro, child_id=child_id,
                         notify=False)
    listeners.email_queued(message, to_user=to_user)
    return message
