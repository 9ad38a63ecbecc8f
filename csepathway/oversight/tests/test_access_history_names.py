"""The access history names each child beside its record ID: the name only for a child the reader may
see, an opaque label for a restricted record they may not, and one query for the whole page (ADR 0026)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.children.models import RestrictionReason
from csepathway.children.restrictions import services as restriction_services
from csepathway.children.tests.factories import ChildFactory
from csepathway.oversight import children
from csepathway.oversight.children import RESTRICTED_LABEL

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Rowan", last_name="Testchild", allocated_team=personas.team,
                        allocated_worker=personas.practitioner)


def opened_by(user, child, n=1):
    for _ in range(n):
        record(actor=user, verb="child.viewed", object_type="children.child", object_id=str(child.pk),
               child_id=child.pk)


def restrict(personas, child, users=()):
    restriction_services.restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.STAFF,
                                            allowed_users=users)


def person_history(client, user) -> str:
    response = client.get(reverse("oversight:user_history", args=[user.pk]))
    assert response.status_code == 200
    return response.content.decode()


def child_history(client, child) -> str:
    response = client.get(reverse("oversight:child_history", args=[child.pk]))
    assert response.status_code == 200
    return response.content.decode()


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_person_history_names_each_child_beside_its_record_id(personas, client_for, child):
    other = ChildFactory(first_name="Morgan", last_name="Otherchild", allocated_team=personas.team)
    opened_by(personas.practitioner, child)
    opened_by(personas.practitioner, other)

    page = person_history(client_for(personas.auditor), personas.practitioner)

    assert "Rowan Testchild" in page and str(child.pk) in page
    assert "Morgan Otherchild" in page and str(other.pk) in page


@pytest.mark.parametrize("role", ["auditor", "cse_manager"])
def test_the_child_history_names_the_child_beside_its_record_id(personas, client_for, child, role):
    opened_by(personas.practitioner, child)
    page = child_history(client_for(getattr(personas, role)), child)
    assert "Rowan Testchild, record ID" in page and str(child.pk) in page


def test_a_restricted_child_is_shown_by_an_opaque_label_to_those_not_allowed(personas, client_for, child):
    opened_by(personas.practitioner, child)
    restrict(personas, child, users=[personas.practitioner])

    person = person_history(client_for(personas.auditor), personas.practitioner)
    history = child_history(client_for(personas.auditor), child)

    for page in (person, history):
        assert "Rowan" not in page and "Testchild" not in page
        assert RESTRICTED_LABEL in page
        assert str(child.pk) in page  # the record ID stays, so auditors can still match it


def test_a_manager_not_on_the_allow_list_cannot_open_a_restricted_childs_history(personas, client_for, child):
    opened_by(personas.practitioner, child)
    restrict(personas, child, users=[personas.practitioner])
    response = client_for(personas.cse_manager).get(reverse("oversight:child_history", args=[child.pk]))
    assert response.status_code == 404


def test_a_restricted_child_is_named_to_those_on_its_allow_list(personas, client_for, child):
    opened_by(personas.practitioner, child)
    restrict(personas, child, users=[personas.practitioner, personas.auditor, personas.cse_manager])

    assert "Rowan Testchild" in person_history(client_for(personas.auditor), personas.practitioner)
    assert "Rowan Testchild" in child_history(client_for(personas.cse_manager), child)


def test_a_refused_attempt_names_the_child_it_was_refused_for(personas, client_for, child):
    record(actor=personas.outsider, verb="child.viewed", object_type="children.child", object_id=str(child.pk),
           outcome=AuditEvent.Outcome.DENIED)
    record(actor=personas.outsider, verb="child.viewed", object_type="children.child", object_id="not-a-record-id",
           outcome=AuditEvent.Outcome.DENIED)

    page = person_history(client_for(personas.auditor), personas.outsider)

    assert "Rowan Testchild" in page and "Refused" in page
    assert "not-a-record-id" in page


def test_naming_the_children_of_a_person_history_takes_one_query_whatever_their_number(
        personas, client_for):
    client = client_for(personas.auditor)
    url = reverse("oversight:user_history", args=[personas.practitioner.pk])
    for _ in range(3):
        opened_by(personas.practitioner, ChildFactory(allocated_team=personas.team))
    few = queries(client, url)
    for _ in range(30):
        opened_by(personas.practitioner, ChildFactory(allocated_team=personas.team))
    many = queries(client, url)

    assert many == few


def test_naming_the_child_of_a_child_history_takes_one_query_whatever_the_rows(
        personas, client_for, child):
    client = client_for(personas.cse_manager)
    url = reverse("oversight:child_history", args=[child.pk])
    opened_by(personas.practitioner, child, 3)
    few = queries(client, url)
    opened_by(personas.practitioner, child, 40)
    many = queries(client, url)

    assert many == few


def test_labels_take_one_query_and_only_record_ids(personas, child, django_assert_num_queries):
    with django_assert_num_queries(1):
        labels = children.child_labels(personas.auditor, [child.pk, str(child.pk), "not-a-record-id", "", None])
    assert labels == {str(child.pk): "Rowan Testchild"}
    with django_assert_num_queries(0):
        assert children.child_labels(personas.auditor, ["", "not-a-record-id"]) == {}
