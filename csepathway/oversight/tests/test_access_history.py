"""Access history: a child's (CSE Team Manager, auditors) and a person's (auditors), in plain words,
with refusals, paginated at a fixed query count, and itself recorded on the trail."""

import uuid

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.children import selectors as child_selectors
from csepathway.children.models import RestrictionReason
from csepathway.children.restrictions import services as restriction_services
from csepathway.children.tests.factories import ChildFactory
from csepathway.oversight.history import presenters

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Rowan", last_name="Testchild", allocated_team=personas.team,
                        allocated_worker=personas.practitioner)


@pytest.fixture
def opened(personas, child):
    """The practitioner opened the record; the outsider tried and was refused."""
    child_selectors.child_get(actor=personas.practitioner, child_id=child.pk)
    with pytest.raises(Http404):
        child_selectors.child_get(actor=personas.outsider, child_id=child.pk)
    return child


def _history(client, child):
    return client.get(reverse("oversight:child_history", args=[child.pk]))


@pytest.mark.parametrize("role", ["auditor", "cse_manager"])
def test_the_child_history_shows_who_opened_it_in_plain_words_with_refusals(personas, client_for, opened, role):
    response = _history(client_for(getattr(personas, role)), opened)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Opened the record" in page
    assert "Pat" in page and "Oscar" in page
    assert "Refused" in page
    # Named for those who may see the child (ADR 0026), and by record ID so auditors can match it.
    assert "Rowan Testchild, record ID" in page and str(opened.pk) in page


@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "team_manager", "cse_worker",
                                  "police_coordinator", "mase_chair", "system_admin", "outsider"])
def test_nobody_else_sees_a_childs_history(personas, client_for, opened, role):
    assert _history(client_for(getattr(personas, role)), opened).status_code == 403


def test_reading_the_history_is_itself_recorded(personas, client_for, opened):
    _history(client_for(personas.auditor), opened)

    event = AuditEvent.objects.get(verb="audit.child_history_viewed")
    assert event.actor == personas.auditor and event.child_id == opened.pk


def test_a_manager_outside_a_restricted_childs_allow_list_gets_404_and_the_refusal_is_recorded(
        personas, client_for, opened, child):
    restriction_services.restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.STAFF,
                                            allowed_users=[personas.practitioner])

    assert _history(client_for(personas.cse_manager), opened).status_code == 404
    assert _history(client_for(personas.auditor), opened).status_code == 200  # IG reads every trail
    assert AuditEvent.objects.filter(verb="audit.child_history_viewed", outcome="denied").count() == 1


def _events(personas, child, n):
    for _ in range(n):
        record(actor=personas.practitioner, verb="child.viewed", object_type="children.child",
               object_id=str(child.pk), child_id=child.pk)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_child_history_takes_the_same_queries_for_5_and_50_events(personas, client_for, child):
    client = client_for(personas.auditor)
    url = reverse("oversight:child_history", args=[child.pk])
    _events(personas, child, 5)
    few = _queries(client, url)
    _events(personas, child, 45)
    assert _queries(client, url) == few


def test_the_child_history_is_paginated(personas, client_for, child):
    _events(personas, child, 60)
    client = client_for(personas.auditor)

    first = client.get(reverse("oversight:child_history", args=[child.pk])).content.decode()
    second = client.get(reverse("oversight:child_history", args=[child.pk]) + "?page=2").content.decode()

    assert "govuk-pagination" in first and "?page=2" in first
    # Fifty views by one person on one day read as one line (issue 13, point 10).
    assert "Opened the record (50 times)" in first
    # The first look is on the trail now, newest of all, so one more event moves onto page 2.
    assert "Opened the record (11 times)" in second


def test_a_person_history_lists_the_children_they_opened_and_were_refused(personas, client_for, opened):
    client = client_for(personas.auditor)

    mine = client.get(reverse("oversight:user_history", args=[personas.practitioner.pk])).content.decode()
    refused = client.get(reverse("oversight:user_history", args=[personas.outsider.pk])).content.decode()

    assert str(opened.pk) in mine and "Opened the record" in mine
    assert str(opened.pk) in refused and "Refused" in refused
    assert AuditEvent.objects.filter(verb="audit.user_history_viewed").count() == 2


@pytest.mark.parametrize("role", ["cse_manager", "practitioner", "team_manager", "system_admin", "outsider"])
def test_only_auditors_see_what_a_person_accessed(personas, client_for, role):
    url = reverse("oversight:user_history", args=[personas.practitioner.pk])
    assert client_for(getattr(personas, role)).get(url).status_code == 403


def test_an_unknown_person_is_404(personas, client_for):
    url = reverse("oversight:user_history", args=[uuid.uuid4()])
    assert client_for(personas.auditor).get(url).status_code == 404


def test_a_person_history_takes_the_same_queries_for_5_and_50_events(personas, client_for, child):
    client = client_for(personas.auditor)
    url = reverse("oversight:user_history", args=[personas.practitioner.pk])
    _events(personas, child, 5)
    few = _queries(client, url)
    _events(personas, child, 45)
    assert _queries(client, url) == few


def test_the_search_page_finds_a_child_by_record_id_and_a_person_by_username(personas, client_for, child):
    client = client_for(personas.auditor)
    url = reverse("oversight:access_history")

    by_child = client.get(url, {"child_id": str(child.pk)})
    by_user = client.get(url, {"username": "pat.practitioner"})
    unknown = client.get(url, {"username": "nobody.here"})
    bad_id = client.get(url, {"child_id": "not-an-id"})

    assert by_child.status_code == 302 and by_child.url == reverse("oversight:child_history", args=[child.pk])
    assert by_user.status_code == 302
    assert by_user.url == reverse("oversight:user_history", args=[personas.practitioner.pk])
    assert "There is no one with that username" in unknown.content.decode()
    assert "Enter the record ID as it appears in the address" in bad_id.content.decode()


def test_the_manager_searches_children_only(personas, client_for):
    page = client_for(personas.cse_manager).get(reverse("oversight:access_history")).content.decode()
    assert "Child&#39;s record ID" in page or "Child's record ID" in page
    assert "Username" not in page


def test_auditors_have_access_history_in_their_navigation(personas, client_for):
    page = client_for(personas.auditor).get("/").content.decode()
    assert reverse("oversight:access_history") in page
    assert reverse("oversight:access_history") not in client_for(personas.practitioner).get("/").content.decode()


@pytest.mark.parametrize(("verb", "words"), [
    ("child.viewed", "Opened the record"),
    ("child.opened_for_edit", "Opened the record to change it"),
    ("child.plan_entry_recorded", "Added to the child's plan"),
    ("meeting.agenda_item_added", "Meeting: agenda item added"),
    ("something_new", "Something new"),
])
def test_verbs_read_as_plain_words_and_an_unknown_one_stays_readable(verb, words):
    assert presenters.action_words(verb) == words


def test_a_long_history_is_paged_without_counting_it(personas, client_for, child):
    _events(personas, child, 120)
    client = client_for(personas.auditor)
    url = reverse("oversight:user_history", args=[personas.practitioner.pk])
    with CaptureQueriesContext(connection) as captured:
        first = client.get(url).content.decode()
    assert not [q for q in captured if "COUNT(" in q["sql"].upper() and "audit_auditevent" in q["sql"]]
    assert "page=2" in first
    third = client.get(url, {"page": 3}).content.decode()
    assert "page=2" in third and "page=4" not in third
