"""Bad input never hurts (issue 13, point 13): every form in the URLconf, hidden fields included, is
posted values made up by hypothesis (very long text, control characters, malformed ids and dates,
numbers out of range, choices that do not exist). Each answer is a page, a redirect, a form error, a
400, 403 or 404: never a server error.

The forms are found as a person finds them: each URL is opened by a role the access matrix says may
open it, and the fields are read from the forms on that page."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from .test_access_matrix import SHARDS, build_world, load_matrix, url_for, url_shard

pytestmark = pytest.mark.django_db

# Pages whose forms start something outside this test's reach (signing out ends the session the
# other forms need; the step-up and sign-in forms are tested with their lock-outs in accounts).
SKIPPED = {"accounts:sign_out", "accounts:sign_in", "accounts:step_up", "accounts:two_factor_verify"}
EXAMPLES_PER_FORM = 10


class _Forms(HTMLParser):
    """The POST forms of a page: their action and the names of their fields."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._current)
        elif (self._current is not None and tag in ("input", "select", "textarea") and attrs.get("name")
              and attrs["name"] != "csrfmiddlewaretoken" and attrs.get("type") not in ("submit", "file")):
            self._current["fields"].setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def forms_on(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return [form for form in parser.forms if form["fields"]]


BAD_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), min_size=1, max_size=8),
    st.just("x" * 20_000),
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "1e309", "NaN", "not-a-uuid",
                     "00000000-0000-0000-0000-000000000000", "12345678-1234-1234-1234-1234567890ab",
                     "31", "13", "2026-02-30", "<script>alert(1)</script>", "' OR 1=1 --", "\x00", "%00",
                     "../../etc/passwd", "true", "[]", "{}"]),
)


def _poster(client, target: str, name: str, fields: dict[str, str], crashes: list[str]):
    """A hypothesis test that posts to `target` each field either as the page filled it in (so a bad
    value in one field reaches the checks behind the others) or made up, noting server errors."""

    @hypothesis_settings(max_examples=EXAMPLES_PER_FORM, deadline=None, database=None, derandomize=True,
                         suppress_health_check=list(HealthCheck))
    @given(values=st.fixed_dictionaries({field: st.one_of(st.just(value), BAD_TEXT)
                                         for field, value in fields.items()}))
    def post_bad_values(values):
        response = client.post(target, values)
        if response.status_code >= 500:
            shown = {k: (v[:40] + "...") if len(v) > 40 else v for k, v in values.items()}
            crashes.append(f"{name} POST {target} -> {response.status_code} with {shown}")

    return post_bad_values


def role_that_opens(row: dict) -> str | None:
    return next((role for role, status in row.items() if role != "anonymous" and status == 200), None)


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_form_answers_bad_input_without_a_server_error(personas, users, settings, shard):
    settings.POLICE_INTELLIGENCE_MAILBOX = "fib@police.test.invalid"
    matrix = load_matrix()
    world = build_world(personas, personas.practitioner, "F")
    crashes: list[str] = []
    tried = 0
    for name, route in url_shard(shard):
        if name in SKIPPED or name not in matrix:
            continue
        role = role_that_opens(matrix[name])
        if role is None:
            continue
        try:
            address = url_for(name, route, world)
        except LookupError:
            continue
        client = Client(raise_request_exception=False)
        client.force_login(users[role][0])
        page = client.get(address)
        if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
            continue
        for form in forms_on(page.text):
            target = form["action"] or address
            if not target.startswith("/"):
                continue
            tried += 1
            _poster(client, target, name, form["fields"], crashes)()
    assert tried >= 10, f"only {tried} forms were found: the walk has stopped reaching the pages"
    assert not crashes, "server errors on bad input:\n" + "\n".join(dict.fromkeys(crashes))


def test_the_parser_finds_hidden_fields():
    html = ('<form method="post" action="/x"><input type="hidden" name="version" value="3">'
            '<input name="csrfmiddlewaretoken" value="t"><textarea name="views"></textarea>'
            '<button type="submit">Save</button></form><form method="get"><input name="q"></form>')
    assert forms_on(html) == [{"action": "/x", "fields": {"version": "3", "views": ""}}]

