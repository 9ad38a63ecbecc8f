"""Who is asking, from where, under which request id: read by the audit trail and error pages."""

import contextvars
import dataclasses


@dataclasses.dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    client_ip: str | None = None


_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "csepathway_request_context", default=RequestContext()  # noqa: B039 - frozen, so immutable
)


def current() -> RequestContext:
    return _current.get()


def set_current(context: RequestContext) -> contextvars.Token:
    return _current.set(context)


def reset(token: contextvars.Token) -> None:
    _current.reset(token)
