"""The retention pages: information governance only, step-up before proposing and disposing, and
two people through the browser's forms."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.children.models import Child
from csepathway.children.tests.factories import ChildFactory
from csepathway.retention import services
from csepathway.retention.models import DisposalCertificate, DisposalProposal, LegalHold

from .builders import make_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(db):
    child = ChildFactory(first_name="Viewa", last_name="Duetestchild")
    make_due(child)
    return child


def test_auditor_sees_a_due_record_in_the_queue(client_for, personas, due):
    response = client_for(personas.auditor).get(reverse("retention:queue"))
    assert response.status_code == 200
    assert "Viewa Duetestchild" in response.text
    assert "Ready to propose" in response.text


def test_a_record_not_yet_due_is_not_in_the_queue(client_for, personas, due):
    young = ChildFactory(first_name="Youngo")
    response = client_for(personas.auditor).get(reverse("retention:queue"))
    assert young.first_name not in response.text


@pytest.mark.parametrize("role", ["cse_manager", "practitioner", "police_coordinator", "system_admin"])
def test_case_roles_and_administrators_are_refused(client_for, personas, due, role):
    client = client_for(getattr(personas, role))
    assert client.get(reverse("retention:queue")).status_code == 403
    assert client.get(reverse("retention:child", args=[due.pk])).status_code == 403


def test_an_unknown_record_is_404_for_the_auditor(client_for, personas):
    other_id = "00000000-0000-4000-8000-000000000000"
    assert client_for(personas.auditor).get(reverse("retention:child", args=[other_id])).status_code == 404


def test_proposing_asks_for_step_up_first(client_for, personas, due):
    response = client_for(personas.auditor).post(reverse("retention:propose", args=[due.pk]), {"confirm": "on"})
    assert response.status_code == 302 and reverse("accounts:step_up") in response["Location"]
    assert not DisposalProposal.objects.exists()


def test_two_people_dispose_of_a_record_through_the_pages(stepped_up_client_for, personas, ivy, due):
    first = stepped_up_client_for(personas.auditor)
    response = first.post(reverse("retention:propose", args=[due.pk]), {"confirm": "on"})
    assert response.status_code == 302
    proposal = DisposalProposal.objects.get(child=due)

    own = first.get(reverse("retention:approve", args=[proposal.pk]))
    assert own.status_code == 302  # the proposer is sent back: a different person must decide
    assert "You proposed this record for disposal" in first.get(reverse("retention:child", args=[due.pk])).text

    second = stepped_up_client_for(ivy)
    page = second.get(reverse("retention:child", args=[due.pk]))
    assert "Dispose of the record" in page.text
    assert second.post(reverse("retention:approve", args=[proposal.pk]), {}).status_code == 200  # must confirm
    response = second.post(reverse("retention:approve", args=[proposal.pk]), {"confirm": "on"}, follow=True)
    certificate = DisposalCertificate.objects.get()
    assert response.redirect_chain[-1][0] == reverse("retention:certificate", args=[certificate.pk])
    assert certificate.reference in response.text and str(due.pk) in response.text
    assert "Viewa" not in response.text
    assert not Child.objects.filter(pk=due.pk).exists()
    assert second.get(reverse("retention:child", args=[due.pk])).status_code == 404


def test_disposing_asks_the_second_person_for_step_up(client_for, personas, ivy, due):
    proposal = services.disposal_propose(actor=personas.auditor, child=due)
    response = client_for(ivy).post(reverse("retention:approve", args=[proposal.pk]), {"confirm": "on"})
    assert response.status_code == 302 and reverse("accounts:step_up") in response["Location"]
    assert Child.objects.filter(pk=due.pk).exists()


def test_placing_and_releasing_a_hold_through_the_pages(client_for, personas, due):
    client = client_for(personas.auditor)
    assert client.post(reverse("retention:hold_place", args=[due.pk]), {}).status_code == 200  # reason needed
    client.post(reverse("retention:hold_place", args=[due.pk]), {"reason": "Inquiry (test)", "reference": "INQ-1"})
    hold = LegalHold.objects.get(child=due)
    page = client.get(reverse("retention:child", args=[due.pk])).text
    assert "Legal hold in force" in page and "A legal hold is in force" in page
    client.post(reverse("retention:hold_release", args=[hold.pk]), {"reason": "Inquiry over (test)"})
    hold.refresh_from_db()
    assert not hold.in_force


def test_declining_through_the_pages(client_for, personas, ivy, due):
    proposal = services.disposal_propose(actor=personas.auditor, child=due)
    client_for(ivy).post(reverse("retention:decline", args=[proposal.pk]), {"reason": "Still needed (test)"})
    proposal.refresh_from_db()
    assert proposal.state == DisposalProposal.State.DECLINED


def test_finding_a_record_by_reference(client_for, personas, due):
    response = client_for(personas.auditor).post(reverse("retention:find"), {"reference": due.lcs_reference})
    assert response["Location"] == reverse("retention:child", args=[due.pk])


def test_the_queue_runs_the_same_queries_for_one_record_or_many(client_for, personas):
    client = client_for(personas.auditor)
    make_due(ChildFactory())
    client.get(reverse("retention:queue"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("retention:queue"))
    for _ in range(5):
        make_due(ChildFactory())
    with CaptureQueriesContext(connection) as six:
        response = client.get(reverse("retention:queue"))
    assert response.text.count("Ready to propose") == 6
    assert len(six) == len(one)
