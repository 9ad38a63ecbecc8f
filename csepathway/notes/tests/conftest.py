"""A real HTTP receiver in the test process, standing in for the source system's webhook, which
checks the signature as a real receiver would. The real SMTP server is csepathway.outbox.tests.smtp."""

import dataclasses
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from csepathway.children.tests.factories import ChildFactory
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add

WEBHOOK_SECRET = "test-shared-secret"  # noqa: S105 - a test value, not a credential
# Text that must never leave the system by email or reach a log.
SECRET_RATIONALE = "Seen getting into cars with older males near the bus station (test)"


@dataclasses.dataclass
class Received:
    path: str
    headers: object  # http.client.HTTPMessage: looked up case-insensitively
    body: bytes
    signature_valid: bool

    @property
    def document(self) -> dict:
        return json.loads(self.body)


@dataclasses.dataclass
class Receiver:
    """Answers each POST with the next status in `answers` (the last one repeats) and keeps what
    it accepted by message id, as an idempotent receiver would."""

    answers: list
    url: str = ""
    requests: list = dataclasses.field(default_factory=list)
    stored: dict = dataclasses.field(default_factory=dict)

    def next_answer(self) -> int:
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's hook name
        receiver = self.server.receiver
        body = self.rfile.read(int(self.headers["Content-Length"]))
        expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
        valid = hmac.compare_digest(expected, self.headers.get("X-CSE-Pathway-Signature", ""))
        receiver.requests.append(Received(self.path, self.headers, body, valid))
        status = receiver.next_answer() if valid else 401
        if status == 200:
            receiver.stored[self.headers["X-CSE-Pathway-Message-Id"]] = json.loads(body)
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "/elsewhere")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: N802 - the target of a redirect: a page that "works"
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook_receiver(settings):
    """Start a receiver with the given answers and point the webhook adapter at it."""
    servers = []

    def start(*answers: int) -> Receiver:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.receiver = Receiver(answers=list(answers) or [200])
        server.receiver.url = f"http://127.0.0.1:{server.server_address[1]}/case-notes"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        settings.CASE_NOTE_ADAPTER = "webhook"
        settings.CASE_NOTE_WEBHOOK_URL = server.receiver.url
        settings.CASE_NOTE_WEBHOOK_SECRET = WEBHOOK_SECRET
        return server.receiver

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Rosalind", last_name="Testchild", allocated_team=personas.team,
                        lcs_reference="LCS-777001")


@pytest.fixture
def add_decision_note(personas, child):
    """A CSE decision note as episodes writes it, telling the practitioner."""

    def add(**overrides) -> CaseNote:
        arguments = {"actor": personas.cse_manager, "child": child, "kind": CaseNote.Kind.CSE_DECISION,
                     "title": "CSE team decision: MASE required",
                     "body": f"Agreed risk level: High.\n\nRationale:\n{SECRET_RATIONALE}",
                     "notify": [personas.practitioner], **overrides}
        return case_note_add(**arguments)

    return add
