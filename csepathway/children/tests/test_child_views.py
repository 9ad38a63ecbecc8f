import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent

from .factories import ChildAliasFactory, ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def north_child(personas):
    child = ChildFactory(first_name="Jordan", last_name="Testchild", allocated_worker=personas.practitioner,
                         allocated_team=personas.team)
    ChildAliasFactory(child=child, name="JJ")
    return child


def test_allocated_practitioner_sees_child_record(personas, client_for, north_child):
    response = client_for(personas.practitioner).get(reverse("children:detail", args=[north_child.pk]))
    assert response.status_code == 200
    assert b"Jordan Testchild" in response.content


def test_same_team_practitioner_sees_child_record(personas, client_for, north_child):
    response = client_for(personas.same_team_practitioner).get(reverse("children:detail", args=[north_child.pk]))
    assert response.status_code == 200


def test_outsider_gets_404_and_the_refusal_is_audited(personas, client_for, north_child):
    response = client_for(personas.outsider).get(reverse("children:detail", args=[north_child.pk]))
    assert response.status_code == 404
    assert b"Jordan" not in response.content
    event = AuditEvent.objects.filter(actor=personas.outsider, verb="child.viewed").get()
    assert event.outcome == AuditEvent.Outcome.DENIED


def test_viewing_a_child_writes_an_audit_event(personas, client_for, north_child):
    client_for(personas.practitioner).get(reverse("children:detail", args=[north_child.pk]))
    event = AuditEvent.objects.get(actor=personas.practitioner, verb="child.viewed")
    assert event.child_id == north_child.pk
    assert event.outcome == AuditEvent.Outcome.ALLOWED
