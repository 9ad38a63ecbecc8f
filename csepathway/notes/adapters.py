"""Outbound delivery of case notes to the source system (LCS or EHM). Chosen by
CASE_NOTE_ADAPTER in settings: "none", "webhook" or "file"."""

import hashlib
import hmac
import json
import urllib.request
from pathlib import Path

from django.conf import settings

from .models import CaseNote


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
        "author": note.author.get_full_name() or note.author.username,
        "created_at": note.created_at.isoformat(),
    }


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _webhook(document: dict) -> None:
    body = json.dumps(document, sort_keys=True).encode()
    request = urllib.request.Request(  # noqa: S310 - the URL is deployment configuration, https in production
        settings.CASE_NOTE_WEBHOOK_URL, data=body, method="POST",
        headers={"Content-Type": "application/json", "X-CSE-Pathway-Message-Id": document["message_id"],
                 "X-CSE-Pathway-Signature": sign(body, settings.CASE_NOTE_WEBHOOK_SECRET)},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        if response.status >= 300:
            raise ConnectionError(f"webhook answered {response.status}")


def _file(document: dict) -> None:
    folder = Path(settings.CASE_NOTE_FILE_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    # One file per message id: a retried delivery rewrites the same file rather than adding one.
    target = folder / f"{document['message_id']}.json"
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(document, indent=2, sort_keys=True))
    temporary.replace(target)


def deliver_case_note(*, message_id: str, note_id: str) -> None:
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
        raise ValueError(f"Unknown CASE_NOTE_ADAPTER {adapter!r}")
