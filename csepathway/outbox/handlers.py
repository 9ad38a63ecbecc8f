"""Who delivers each kind of outbox message. The outbox sends email itself; an app above it that
has its own kind of side effect (notes: a case note for the source system) registers a handler at
start-up, so the outbox never imports the apps that use it."""

from collections.abc import Callable

# handler(message) delivers one message or raises; the relay retries whatever it raises.
Handler = Callable[[object], None]
_handlers: dict[str, Handler] = {}
# after_attempt(message, *, result, error): told of every attempt, after the delivery's savepoint,
# so what it writes (a webhook's delivery log) stays even when the attempt failed and was rolled back.
AttemptRecorder = Callable[..., None]
_recorders: dict[str, AttemptRecorder] = {}


def register(kind: str, handler: Handler, *, after_attempt: AttemptRecorder | None = None) -> None:
    if _handlers.get(kind, handler) is not handler:
        raise ValueError(f"An outbox handler for {kind!r} is already registered.")
    _handlers[kind] = handler
    if after_attempt is not None:
        _recorders[kind] = after_attempt


def recorder_for(kind: str) -> AttemptRecorder | None:
    return _recorders.get(kind)


def handler_for(kind: str) -> Handler:
    try:
        return _handlers[kind]
    except KeyError:
        raise ValueError(f"Unknown outbox message kind {kind!r}") from None
