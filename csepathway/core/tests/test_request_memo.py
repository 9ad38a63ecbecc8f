"""Within one request a page asks who may see what many times over; the answer is built once."""

from csepathway.core import request_context
from csepathway.core.request_context import memoised


def test_outside_a_request_every_call_builds_afresh():
    built = []
    memoised("key", lambda: built.append(1))
    memoised("key", lambda: built.append(1))
    assert len(built) == 2


def test_within_a_request_a_key_is_built_once_and_another_key_again():
    token = request_context.set_current(request_context.RequestContext(request_id="R1", memo={}))
    try:
        first = memoised("a", object)
        assert memoised("a", object) is first
        assert memoised("b", object) is not first
    finally:
        request_context.reset(token)
    assert memoised("a", object) is not first


def test_the_next_request_starts_with_nothing_remembered(personas, client_for):
    from csepathway.children.access import scope_key

    client = client_for(personas.practitioner)
    client.get("/")
    token = request_context.set_current(request_context.RequestContext(request_id="R2", memo={}))
    try:
        assert request_context.current().memo == {}
        assert scope_key(personas.practitioner, "visible_children") != scope_key(
            personas.team_manager, "visible_children")
    finally:
        request_context.reset(token)
