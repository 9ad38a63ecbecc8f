"""Who delivers each kind of outbox message. The outbox sends email itself; an app above it that
has its own kind of side effect (notes: a case note for the source system) registers a handler at
start-up, so the outbox never imports the apps that use it."""

from collections.abc import Callable

# handler(message) delivers one message or raises; the relay retries whatever it raises.
Handler = Callable[[object], None]
_handlers: dict[str, Handler] = {}


def register(kind: str, handler: Handler) -> None:
    if _handlers.get(kind, handler) is not handler:
        raise ValueError(f"An outbox handler for {kind!r} is already registered.")
    _handlers[kind] = handler


def handler_for(kind: str) -> Handler:
    try:
        return _handlers[kind]
    except KeyError:
        raise ValueError(f"Unknown outbox message kind {kind!r}") from None
