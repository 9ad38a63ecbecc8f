"""A real SMTP server in the test process (aiosmtpd), as a pytest plugin the root conftest loads, so
every app's tests can check what would reach a mailbox."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Mailbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        return [email.message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1. The test runner forces locmem for every mailer when the
    session starts, so the mailer is pointed at this server here, after that."""
    mailbox = _Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    mailbox.port = controller.port  # for processes the test starts, which send here too
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5}}}
    yield mailbox
    controller.stop()


