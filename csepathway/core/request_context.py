"""Who is asking, from where, under which request id: read by the audit trail and error pages."""

import contextvars
import dataclasses
from collections.abc import Callable, Hashable


@dataclasses.dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    client_ip: str | None = None
    # What a request works out once and asks for many times (memoised below); outside a request,
    # in a test or a command, there is none and everything is worked out afresh.
    memo: dict | None = dataclasses.field(default=None, compare=False)


_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "csepathway_request_context", default=RequestContext()  # noqa: B039 - frozen, so immutable
)


def current() -> RequestContext:
    return _current.get()


def set_current(context: RequestContext) -> contextvars.Token:
    return _current.set(context)


def reset(token: contextvars.Token) -> None:
    _current.reset(token)


def memoised[T](key: Hashable, build: Callable[[], T]) -> T:
    """`build()` once per request for `key`. For values that cannot change within a request, such
    as the unevaluated querysets that say who may see what: a page asks for them in every panel, and
    building one costs Django more than the database spends running it."""
    memo = _current.get().memo
    if memo is None:
        return build()
    if key not in memo:
        memo[key] = build()
    return memo[key]
