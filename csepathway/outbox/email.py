"""Delivering the outbox's emails through Django's mailer. An email says only that something is
waiting, with a link; the calendar invite or document it carries was built by the service that
queued it."""

import base64
import binascii
from email.message import MIMEPart

from django.conf import settings
from django.core.mail import EmailMessage

EMAIL = "email"
ICS_METHODS = frozenset({"REQUEST", "CANCEL"})


def deliver_email(message) -> None:
    payload = message.payload
    link = settings.SERVICE_BASE_URL.rstrip("/") + payload["path"]
    # Most emails point colleagues at a page behind sign-in; a link for someone without an account
    # (minutes for an outside attendee) says what it does instead.
    link_text = payload.get("link_text") or "Sign in to CSE Pathway to read it:"
    # A calendar invite is answered: its email names the mailbox replies go to (the CSE team's).
    reply_to = list(payload.get("reply_to") or ())
    closing = f"Replies to this email reach {reply_to[0]}." if reply_to else "Do not reply to this email."
    body = f"{payload['intro']}\n\n{link_text}\n{link}\n\n{closing}\n"
    email = EmailMessage(subject=payload["subject"], body=body, to=payload["to"], reply_to=reply_to or None)
    if payload.get("ics"):
        email.attach(calendar_part(payload["ics"], payload.get("ics_method", "REQUEST")))
    for attachment in payload.get("attachments") or ():
        email.attach(*file_attachment(attachment))
    email.send()


def file_attachment(attachment: dict) -> tuple[str, bytes, str]:
    """A file for an email (the intelligence report's PDF to the police mailbox), carried in the
    outbox payload as {"filename", "content_type", "content_base64"}: the payload is JSON, so the
    bytes travel as base64. Refused, and retried like any failure, if the content is not base64."""
    try:
        content = base64.b64decode(attachment["content_base64"], validate=True)
    except (KeyError, binascii.Error) as bad:
        raise ValueError("An email attachment needs its content as base64.") from bad
    return attachment["filename"], content, attachment.get("content_type") or "application/octet-stream"


def calendar_part(ics: str, method: str) -> MIMEPart:
    """An iCalendar attachment as calendar clients expect it: `text/calendar; method=REQUEST` (or
    CANCEL), the method matching the METHOD inside the file, named invite.ics."""
    if method not in ICS_METHODS:
        raise ValueError(f"Unsupported calendar method {method!r}")
    part = MIMEPart()
    part.set_content(ics, subtype="calendar", charset="utf-8", disposition="attachment", filename="invite.ics",
                     params={"method": method})
    return part
