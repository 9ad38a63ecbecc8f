"""Case notes you have not read (issue 12, point 1; ADR 0057): the notes written for a person (those
told of them) stay on their home page until they open them; nobody else sees them there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.children.models import RestrictionReason
from csepathway.children.restrictions.services import restriction_create
from csepathway.notes.models import CaseNoteAddressee
from csepathway.notes.services import case_note_amend, case_note_mark_read

pytestmark = pytest.mark.django_db


def _home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.text


def _section(page: str) -> str:
    return page.split('data-home="unread-notes"')[1].split("</section>")[0]


def test_the_practitioner_sees_the_notes_written_for_them_newest_first(personas, client_for, add_decision_note,
                                                                      child):
    first = add_decision_note(title="First decision (test)")
    second = add_decision_note(title="Second decision (test)")
    section = _section(_home(client_for(personas.practitioner)))
    assert "Case notes you have not read (2)" in section
    assert section.index("Second decision") < section.index("First decision")
    assert f'href="/notes/{second.pk}"' in section and child.full_name in section
    assert first.body not in section
    assert AuditEvent.objects.filter(verb="notes.home_viewed", actor=personas.practitioner, object_id="2").exists()


def test_opening_the_note_marks_it_read_once_and_it_leaves_the_list(personas, client_for, add_decision_note):
    note = add_decision_note()
    client = client_for(personas.practitioner)
    assert client.get(reverse("notes:detail", args=[note.pk])).status_code == 200
    read_at = CaseNoteAddressee.objects.get(note=note, user=personas.practitioner).read_at
    assert read_at is not None
    assert 'data-home="unread-notes"' not in _home(client)
    assert case_note_mark_read(actor=personas.practitioner, note=note) is False
    assert CaseNoteAddressee.objects.get(note=note, user=personas.practitioner).read_at == read_at


def test_a_colleague_opening_it_does_not_mark_it_read_for_the_practitioner(personas, client_for, add_decision_note):
    note = add_decision_note()
    assert client_for(personas.same_team_practitioner).get(reverse("notes:detail", args=[note.pk])).status_code == 200
    assert 'data-home="unread-notes"' not in _home(client_for(personas.same_team_practitioner))
    assert "Case notes you have not read (1)" in _home(client_for(personas.practitioner))


def test_an_amendment_is_a_new_note_to_read(personas, client_for, add_decision_note):
    note = add_decision_note()
    case_note_mark_read(actor=personas.practitioner, note=note)
    case_note_amend(actor=personas.cse_manager, note=note, body="Corrected (test).", notify=[personas.practitioner])
    assert "Case notes you have not read (1)" in _home(client_for(personas.practitioner))


def test_an_outsider_and_a_role_with_none_get_no_section(personas, client_for, add_decision_note):
    add_decision_note()
    for role in ("outsider", "team_manager", "cse_manager", "police_coordinator", "auditor"):
        page = _home(client_for(getattr(personas, role)))
        assert 'data-home="unread-notes"' not in page and "CSE team decision: MASE required" not in page, role


def test_a_note_on_a_child_the_practitioner_may_no_longer_see_is_left_out(personas, client_for, add_decision_note,
                                                                         child):
    add_decision_note()
    restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.STAFF)
    assert 'data-home="unread-notes"' not in _home(client_for(personas.practitioner))


def test_more_than_ten_show_ten_and_say_how_many_more(personas, client_for, add_decision_note):
    for number in range(12):
        add_decision_note(title=f"Decision {number} (test)")
    section = _section(_home(client_for(personas.practitioner)))
    assert "Case notes you have not read (12)" in section and section.count("<tr") == 11 and "And 2 more" in section


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        _home(client)
    return len(captured)


def test_the_home_page_takes_the_same_queries_for_one_note_and_five(personas, client_for, add_decision_note):
    client = client_for(personas.practitioner)
    add_decision_note()
    one = _queries(client)
    for number in range(4):
        add_decision_note(title=f"More {number} (test)")
    assert _queries(client) == one
