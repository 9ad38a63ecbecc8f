"""The file adapter writes one JSON file per note, a retry rewriting the same file; the none
adapter sends nothing and the message is done."""

import json
import stat

import pytest
import time_machine

from csepathway.notes import adapters
from csepathway.outbox import relay
from csepathway.outbox.models import OutboxMessage

from .conftest import SECRET_RATIONALE

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(settings, tmp_path):
    settings.CASE_NOTE_ADAPTER = "file"
    settings.CASE_NOTE_FILE_DIR = str(tmp_path / "case-notes")
    return tmp_path / "case-notes"


def test_each_note_becomes_one_json_file_named_by_the_note(folder, add_decision_note,
                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = add_decision_note()
        second = add_decision_note(title="CSE team decision: MASE not required")
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{first.pk}.json", f"{second.pk}.json"])
    document = json.loads((folder / f"{first.pk}.json").read_text())
    message = OutboxMessage.objects.get(payload__note_id=str(first.pk))
    assert document["message_id"] == str(message.pk)
    assert document["note_id"] == str(first.pk)
    assert SECRET_RATIONALE in document["body"]
    assert message.status == OutboxMessage.Status.SENT


def test_the_file_is_readable_by_its_owner_only(folder, add_decision_note, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = add_decision_note()
    assert stat.S_IMODE((folder / f"{note.pk}.json").stat().st_mode) == 0o600


def test_a_retried_delivery_rewrites_the_same_file(folder, add_decision_note, monkeypatch,
                                                   django_capture_on_commit_callbacks):
    real_write = adapters._file
    written = []

    def write_then_crash_once(document):
        real_write(document)
        written.append(document["message_id"])
        if len(written) == 1:
            raise OSError("disk went away after the write")

    monkeypatch.setattr(adapters, "_file", write_then_crash_once)
    with django_capture_on_commit_callbacks(execute=True):
        note = add_decision_note()
    message = OutboxMessage.objects.get(payload__note_id=str(note.pk))
    assert message.status == OutboxMessage.Status.PENDING

    with time_machine.travel(message.next_attempt_at):
        assert relay.outbox_relay_due() == 1
    assert written == [str(message.pk)] * 2
    assert [p.name for p in folder.iterdir()] == [f"{note.pk}.json"]  # no second file, no leftovers


def test_the_none_adapter_sends_nothing_and_marks_the_delivery_done(settings, tmp_path, add_decision_note,
                                                                    django_capture_on_commit_callbacks):
    settings.CASE_NOTE_ADAPTER = "none"
    settings.CASE_NOTE_FILE_DIR = str(tmp_path / "case-notes")
    with django_capture_on_commit_callbacks(execute=True):
        note = add_decision_note()
    assert OutboxMessage.objects.get(payload__note_id=str(note.pk)).status == OutboxMessage.Status.SENT
    assert not (tmp_path / "case-notes").exists()
