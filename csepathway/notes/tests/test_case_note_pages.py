"""The case note page and the case notes panel on the child's record, for every persona: whoever
may see the child may read its notes, every read is audited, anyone else gets a 404."""

import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.notes.services import case_note_amend

from .conftest import SECRET_RATIONALE

pytestmark = pytest.mark.django_db

# The child is allocated to the practitioner's team and has no episode.
EXPECTED = {
    "practitioner": 200,
    "same_team_practitioner": 200,
    "team_manager": 200,
    "cse_worker": 200,
    "cse_manager": 200,
    "outsider": 404,
    "other_team_manager": 404,
    "police_coordinator": 404,  # sees children with submitted episodes only
    "mase_chair": 404,
    "auditor": 404,
    "system_admin": 404,
}


def test_the_note_page_is_at_notes_slash_id(add_decision_note):
    note = add_decision_note()
    assert reverse("notes:detail", args=[note.pk]) == f"/notes/{note.pk}"


def test_the_allocated_teams_practitioner_reads_the_note_and_the_read_is_audited(
        personas, client_for, add_decision_note, child):
    note = add_decision_note()
    response = client_for(personas.practitioner).get(reverse("notes:detail", args=[note.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert note.title in page and "Seen getting into cars" in page and child.full_name in page
    event = AuditEvent.objects.get(verb="case_note.viewed", actor=personas.practitioner)
    assert (event.outcome, event.object_id, event.child_id) == (AuditEvent.Outcome.ALLOWED, str(note.pk), child.pk)


def test_a_same_team_practitioner_reads_the_note(personas, client_for, add_decision_note):
    note = add_decision_note()
    assert client_for(personas.same_team_practitioner).get(reverse("notes:detail", args=[note.pk])).status_code == 200


def test_an_outsider_gets_404_with_nothing_of_the_note_and_the_refusal_is_audited(
        personas, client_for, add_decision_note, child):
    note = add_decision_note()
    response = client_for(personas.outsider).get(reverse("notes:detail", args=[note.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert note.title not in page and SECRET_RATIONALE not in page and child.first_name not in page
    event = AuditEvent.objects.get(verb="case_note.viewed", actor=personas.outsider)
    assert (event.outcome, event.object_id) == (AuditEvent.Outcome.DENIED, str(note.pk))
    # Whose note it was is kept for information governance, who read refusals in the child's access
    # history (issue 13, point 10); nothing of it reaches the person refused (the page above).
    assert event.child_id == child.pk


@pytest.mark.parametrize(("persona", "status"), EXPECTED.items())
def test_every_persona_gets_the_note_page_only_if_they_may_see_the_child(
        personas, client_for, add_decision_note, persona, status):
    note = add_decision_note()
    assert client_for(getattr(personas, persona)).get(reverse("notes:detail", args=[note.pk])).status_code == status


def test_signed_out_visitors_are_sent_to_sign_in(client, add_decision_note):
    response = client.get(reverse("notes:detail", args=[add_decision_note().pk]))
    assert response.status_code == 302
    assert "/notes/" not in response.headers["Location"].split("?")[0]


def test_the_childs_record_lists_its_case_notes_with_links(personas, client_for, add_decision_note, child):
    first = add_decision_note()
    second = add_decision_note(title="Returned by the CSE team for more information")
    page = client_for(personas.practitioner).get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Case notes" in page
    for note in (first, second):
        assert note.title in page
        assert f'href="/notes/{note.pk}"' in page
    assert SECRET_RATIONALE not in page  # the list shows titles; the note page shows the text


def test_a_child_without_notes_says_so(personas, client_for, child):
    page = client_for(personas.practitioner).get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "No case notes yet." in page


def test_an_amendment_links_to_the_note_it_corrects_and_the_original_links_to_it(
        personas, client_for, add_decision_note):
    original = add_decision_note()
    amendment = case_note_amend(actor=personas.practitioner, note=original, body="Correction (test).")
    client = client_for(personas.same_team_practitioner)
    amendment_page = client.get(reverse("notes:detail", args=[amendment.pk])).content.decode()
    assert "This note amends" in amendment_page
    assert f'href="/notes/{original.pk}"' in amendment_page
    original_page = client.get(reverse("notes:detail", args=[original.pk])).content.decode()
    assert "This note has been amended" in original_page
    assert f'href="/notes/{amendment.pk}"' in original_page
