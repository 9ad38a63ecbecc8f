"""Who else hears of an email as it is queued. An app above the outbox that keeps its own record of
what each person was told (notifications, issue 12) registers a listener at start-up, so the outbox
never imports it. A listener runs inside the caller's transaction: what it writes rolls back with
the work that queued the email."""

from collections.abc import Callable

# listener(message, *, to_user): `to_user` is the colleague email_link named, or None when only
# addresses are known (email_send), and the listener finds any accounts behind them itself.
EmailListener = Callable[..., None]
_listeners: list[EmailListener] = []


def register(listener: EmailListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def email_queued(message, *, to_user=None) -> None:
    for listener in _listeners:
        listener(message, to_user=to_user)
