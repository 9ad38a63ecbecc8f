"""The disclosure log: entries written by disclosure_record() can never be changed or deleted, and the
log page (information governance and the CSE Team Manager) filters by child and recipient."""

import uuid

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.children.models import RestrictionReason
from csepathway.children.restrictions import services as restriction_services
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.models import RecordImmutable
from csepathway.core.refusals import Refused
from csepathway.oversight.disclosures import services as disclosure_services
from csepathway.oversight.models import Disclosure

pytestmark = pytest.mark.django_db


def _disclose(actor, child_id=None, recipient="Testshire NHS Trust (test)"):
    return disclosure_services.disclosure_record(
        actor=actor, child_id=child_id or uuid.uuid4(), recipient=recipient, purpose="MASE minutes (test)",
        lawful_basis=disclosure_services.SAFEGUARDING, shared="MASE minutes: one child's item")


def test_a_disclosure_records_who_to_whom_why_on_what_basis_and_what(personas):
    child_id = uuid.uuid4()
    entry = _disclose(personas.mase_chair, child_id)

    entry.refresh_from_db()
    assert entry.disclosed_by == personas.mase_chair and entry.disclosed_by_username == "chris.chair"
    assert entry.child_id == child_id and entry.disclosed_at
    assert AuditEvent.objects.filter(verb="disclosure.recorded", object_id=str(entry.pk), child_id=child_id).exists()


@pytest.mark.parametrize("missing", ["recipient", "purpose", "lawful_basis", "shared"])
def test_a_disclosure_needs_every_part(personas, missing):
    values = {"recipient": "r", "purpose": "p", "lawful_basis": "b", "shared": "s", missing: " "}
    with pytest.raises(Refused):
        disclosure_services.disclosure_record(actor=personas.mase_chair, child_id=None, **values)
    assert not Disclosure.objects.exists()


def test_an_entry_can_never_be_changed_or_deleted_through_the_model(personas):
    entry = _disclose(personas.mase_chair)

    entry.recipient = "Someone else"
    with pytest.raises(RecordImmutable):
        entry.save()
    with pytest.raises(RecordImmutable):
        entry.delete()
    with pytest.raises(RecordImmutable):
        Disclosure.objects.filter(pk=entry.pk).update(recipient="x")
    with pytest.raises(RecordImmutable):
        Disclosure.objects.all().delete()
    assert Disclosure.objects.get(pk=entry.pk).recipient == "Testshire NHS Trust (test)"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize("sql", ["UPDATE oversight_disclosure SET recipient = 'x'", "DELETE FROM oversight_disclosure"])
def test_postgresql_refuses_changes_even_in_raw_sql(personas, sql):
    _disclose(personas.mase_chair)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


@pytest.mark.parametrize("role", ["auditor", "cse_manager"])
def test_the_log_filters_by_child_and_recipient(personas, client_for, role):
    child_id = uuid.uuid4()
    _disclose(personas.mase_chair, child_id, "Testshire NHS Trust (test)")
    _disclose(personas.mase_chair, uuid.uuid4(), "Police intelligence mailbox (test)")
    client = client_for(getattr(personas, role))

    everything = client.get(reverse("oversight:disclosures")).content.decode()
    by_child = client.get(reverse("oversight:disclosures"), {"child_id": str(child_id)}).content.decode()
    by_recipient = client.get(reverse("oversight:disclosures"), {"recipient": "police"}).content.decode()

    assert "NHS Trust" in everything and "Police intelligence" in everything
    assert "NHS Trust" in by_child and "Police intelligence" not in by_child
    assert "Police intelligence" in by_recipient and "NHS Trust" not in by_recipient
    assert AuditEvent.objects.filter(verb="disclosure_log.viewed", actor=getattr(personas, role)).count() == 3


def test_a_bad_child_id_filter_says_so(personas, client_for):
    response = client_for(personas.auditor).get(reverse("oversight:disclosures"), {"child_id": "nope"})
    assert response.status_code == 200
    assert "Enter the record ID as it appears in the address" in response.content.decode()


def test_a_manager_does_not_see_entries_about_children_outside_their_scope(personas, client_for):
    hidden = ChildFactory(allocated_team=personas.team)
    _disclose(personas.mase_chair, hidden.pk, "Hidden recipient (test)")
    restriction_services.restriction_create(actor=personas.team_manager, child=hidden, reason=RestrictionReason.STAFF,
                                            allowed_users=[personas.practitioner])

    log = reverse("oversight:disclosures")
    assert "Hidden recipient" not in client_for(personas.cse_manager).get(log).content.decode()
    assert "Hidden recipient" in client_for(personas.auditor).get(log).content.decode()


@pytest.mark.parametrize("role", ["cse_worker", "practitioner", "same_team_practitioner", "team_manager",
                                  "police_coordinator", "mase_chair", "system_admin", "outsider"])
def test_nobody_else_reaches_the_log(personas, client_for, role):
    assert client_for(getattr(personas, role)).get(reverse("oversight:disclosures")).status_code == 403


def test_the_log_takes_the_same_queries_for_5_and_50_entries(personas, client_for):
    client = client_for(personas.auditor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("oversight:disclosures")).status_code == 200
        return len(captured)

    for _ in range(5):
        _disclose(personas.mase_chair)
    few = queries()
    for _ in range(45):
        _disclose(personas.mase_chair)
    assert queries() == few


def test_the_log_is_in_the_navigation_of_auditors_and_the_cse_manager(personas, client_for):
    href = reverse("oversight:disclosures")
    assert href in client_for(personas.auditor).get("/").content.decode()
    assert href in client_for(personas.cse_manager).get("/").content.decode()
    assert href not in client_for(personas.cse_worker).get("/").content.decode()


def test_a_restricted_childs_disclosures_are_hidden_from_a_manager_not_on_the_allow_list(personas, client_for):
    from csepathway.accounts.roles import Role
    from csepathway.accounts.tests.factories import UserFactory
    from csepathway.children.restrictions.services import restriction_create
    from csepathway.children.tests.factories import ChildFactory

    child = ChildFactory(first_name="Quilla", last_name="Restrictedtestchild")
    _disclose(personas.mase_chair, child.pk, "Restricted recipient (test)")
    manager_page = client_for(personas.cse_manager).get(reverse("oversight:disclosures")).content.decode()
    assert "Restricted recipient" in manager_page and "Quilla Restrictedtestchild" in manager_page

    second_manager = UserFactory(username="other.csemanager", role=Role.CSE_MANAGER, team=personas.cse_manager.team)
    restriction_create(actor=second_manager, child=child, reason="high_profile")
    assert "Restricted recipient" not in client_for(personas.cse_manager).get(reverse("oversight:disclosures")).text
    auditor_page = client_for(personas.auditor).get(reverse("oversight:disclosures")).text
    assert "Restricted recipient" in auditor_page and "Quilla" not in auditor_page  # IG not on the allow-list
