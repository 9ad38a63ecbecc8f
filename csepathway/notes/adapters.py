"""Outbound delivery of case notes to the source system (LCS or EHM). Chosen by
CASE_NOTE_ADAPTER in settings: "none", "webhook" or "file".

Every delivery carries the outbox message id. A retry sends the same id, so the receiver can
recognise a note it already has: delivery is at least once, and the id makes it idempotent."""

import hashlib
import hmac
import json
import os
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from .models import CaseNote

ADAPTERS = ("none", "webhook", "file")
# The outbox message kind this app registers (apps.py): deliver a case note to the source system.
CASE_NOTE_DELIVERY = "case_note_delivery"
SIGNATURE_HEADER = "X-CSE-Pathway-Signature"
MESSAGE_ID_HEADER = "X-CSE-Pathway-Message-Id"
# Bounds how long the relay holds its row lock (see relay._relay_one).
WEBHOOK_TIMEOUT_SECONDS = 10


def case_note_document(note: CaseNote, message_id: str) -> dict:
    return {
        "message_id": message_id,
        "note_id": str(note.pk),
        "kind": note.kind,
        "title": note.title,
        "body": note.body,
        "amends": str(note.amends_id) if note.amends_id else None,
        "child": {"id": str(note.child_id), "lcs_reference": note.child.lcs_reference,
                  "ehm_reference": note.child.ehm_reference},
        "author": note.author.display_name,
        "created_at": note.created_at.isoformat(),
        "link": settings.SERVICE_BASE_URL.rstrip("/") + reverse("notes:detail", args=[note.pk]),
    }


def sign(body: bytes, secret: str) -> str:
    """HMAC-SHA256 over the exact bytes sent, so the receiver checks what it received."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    # urllib would follow a 301/302/303 answer to a POST with a GET and no body; the GET's 200
    # would then count as delivered when the note went nowhere. A redirect is a failure instead.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


def _webhook(document: dict) -> None:
    if not settings.CASE_NOTE_WEBHOOK_URL or not settings.CASE_NOTE_WEBHOOK_SECRET:
        raise ImproperlyConfigured("The webhook adapter needs CASE_NOTE_WEBHOOK_URL and CASE_NOTE_WEBHOOK_SECRET.")
    body = json.dumps(document, sort_keys=True).encode()
    request = urllib.request.Request(  # noqa: S310 - the URL is deployment configuration, checked by notes.E002
        settings.CASE_NOTE_WEBHOOK_URL, data=body, method="POST",
        headers={"Content-Type": "application/json", MESSAGE_ID_HEADER: document["message_id"],
                 SIGNATURE_HEADER: sign(body, settings.CASE_NOTE_WEBHOOK_SECRET)},
    )
    # Any answer of 400 or more, or a redirect, raises HTTPError; the relay retries it.
    with _opener.open(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:
        if not 200 <= response.status < 300:
            raise ConnectionError(f"webhook answered {response.status}")


def _file(document: dict) -> None:
    folder = Path(settings.CASE_NOTE_FILE_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    # One file per note, named by the note: a retried delivery rewrites the same file rather than
    # adding one. Written beside it and renamed, so a reader never sees half a file.
    target = folder / f"{document['note_id']}.json"
    temporary = folder / f".{document['note_id']}.{document['message_id']}.tmp"
    # Owner-only: the file holds case content.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2, sort_keys=True)
    temporary.replace(target)


def deliver_case_note(message) -> None:
    """The outbox handler for CASE_NOTE_DELIVERY messages."""
    message_id, note_id = str(message.pk), message.payload["note_id"]
    adapter = settings.CASE_NOTE_ADAPTER
    if adapter == "none":
        return
    note = CaseNote.objects.select_related("child", "author").get(pk=note_id)
    document = case_note_document(note, message_id)
    if adapter == "webhook":
        _webhook(document)
    elif adapter == "file":
        _file(document)
    else:
        raise ImproperlyConfigured(f"Unknown CASE_NOTE_ADAPTER {adapter!r}")
