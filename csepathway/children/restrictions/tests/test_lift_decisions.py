"""Deciding on a request to lift a restriction: a second, different manager approves or declines it;
a decline keeps the record restricted and stays as history; those who could decide are emailed when
it is asked for, and the person who asked is emailed the outcome, with no case content (ADR 0026)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from csepathway.accounts.roles import Role
from csepathway.accounts.tests.factories import UserFactory
from csepathway.audit.models import AuditEvent
from csepathway.children import selectors
from csepathway.children.models import ChildRestriction, RestrictionLiftDecline, RestrictionReason
from csepathway.children.restrictions import services
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.refusals import Refused
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

ASKED = "The relative who worked in the team left the council in March."
DECLINED = "She still has contact with the family; keep it restricted until the next review."


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Jordan", last_name="Liftchild", lcs_reference="LCS-778001",
                        allocated_team=personas.team, allocated_worker=personas.practitioner)


@pytest.fixture
def other_cse_manager(personas):
    """A second CSE Team Manager, in the same team and role, who is not on the allow-list."""
    return UserFactory(username="cole.csemanager", first_name="Cole", role=Role.CSE_MANAGER,
                       team=personas.cse_manager.team)


@pytest.fixture
def requested(personas, child, other_cse_manager):
    """Restricted by the child's Team Manager, with the CSE Team Manager allowed; the Team Manager
    has asked for it to be lifted."""
    services.restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.STAFF,
                                allowed_users=[personas.cse_manager])
    return services.restriction_lift_request(actor=personas.team_manager, child=child, reason=ASKED)


def decline_url(child):
    return reverse("children:restriction_lift_decline", args=[child.pk])


def emails():
    return list(OutboxMessage.objects.filter(kind=EMAIL).order_by("created_at"))


def recipients(messages):
    return sorted(address for message in messages for address in message.payload["to"])


def assert_no_case_content(message, personas):
    text = str({key: value for key, value in message.payload.items() if key != "to"})
    for secret in ("Jordan", "Liftchild", "LCS-778001", ASKED, DECLINED, "relative", "contact",
                   personas.team_manager.username, personas.cse_manager.username, "Tess", "Cara"):
        assert secret not in text, secret


def test_second_manager_can_decline_a_lift_request(personas, client_for, child, requested):
    response = client_for(personas.cse_manager).post(decline_url(child), {"reason": DECLINED})

    assert response.status_code == 302
    assert response.url == reverse("children:restriction", args=[child.pk])
    restriction = ChildRestriction.objects.get(child=child)
    assert restriction.is_active
    assert restriction.lift_requested_by is None and restriction.lift_requested_at is None
    assert restriction.lift_reason == ""
    decline = RestrictionLiftDecline.objects.get(restriction=restriction)
    assert (decline.requested_by, decline.declined_by) == (personas.team_manager, personas.cse_manager)
    assert (decline.request_reason, decline.reason) == (ASKED, DECLINED)
    assert child not in selectors.child_search(actor=personas.cse_worker, query="Liftchild")
    event = AuditEvent.objects.get(verb="child.restriction_lift_declined")
    assert event.actor == personas.cse_manager and event.child_id == child.pk
    assert event.outcome == AuditEvent.Outcome.ALLOWED


def test_a_declined_request_stays_in_the_history_and_lifting_can_be_asked_for_again(
        personas, client_for, child, requested):
    services.restriction_lift_decline(actor=personas.cse_manager, child=child, reason=DECLINED)

    page = client_for(personas.team_manager).get(reverse("children:restriction", args=[child.pk])).text

    assert "declined by Cara" in page and DECLINED in page and ASKED in page
    assert reverse("children:restriction_lift_request", args=[child.pk]) in page
    services.restriction_lift_request(actor=personas.team_manager, child=child, reason="Asked again.")
    services.restriction_lift_approve(actor=personas.cse_manager, child=child)
    lifted = ChildRestriction.objects.get(child=child)
    assert lifted.lifted_by == personas.cse_manager
    assert lifted.lift_declines.count() == 1


def test_the_requester_cannot_decline_their_own_lift_request(personas, client_for, child, requested):
    client = client_for(personas.team_manager)
    page = client.get(decline_url(child))
    assert page.status_code == 200
    assert "another manager must approve or decline it" in page.text
    assert 'name="reason"' not in page.text

    refused = client.post(decline_url(child), {"reason": DECLINED})

    assert refused.status_code == 409
    assert "someone else must decide on it" in refused.text
    restriction = ChildRestriction.objects.get(child=child)
    assert restriction.lift_requested_by == personas.team_manager
    assert not RestrictionLiftDecline.objects.exists()
    refusal = AuditEvent.objects.get(verb="child.restriction_lift_decline_refused")
    assert refusal.actor == personas.team_manager and refusal.outcome == AuditEvent.Outcome.DENIED


def test_a_same_role_manager_outside_the_allow_list_gets_404_on_the_decline_page(
        personas, client_for, child, requested, other_cse_manager):
    client = client_for(other_cse_manager)

    assert client.get(decline_url(child)).status_code == 404
    assert client.post(decline_url(child), {"reason": DECLINED}).status_code == 404
    assert ChildRestriction.objects.get(child=child).lift_requested_by == personas.team_manager
    assert not RestrictionLiftDecline.objects.exists()


def test_another_teams_manager_gets_404_on_the_decline_page(personas, client_for, child, requested):
    client = client_for(personas.other_team_manager)
    assert client.post(decline_url(child), {"reason": DECLINED}).status_code == 404
    assert not RestrictionLiftDecline.objects.exists()


@pytest.mark.parametrize("persona", ["practitioner", "cse_worker", "police_coordinator", "auditor"])
def test_roles_that_do_not_manage_restrictions_are_refused_the_decline_page(
        personas, client_for, child, requested, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(decline_url(child)).status_code == 403
    assert client.post(decline_url(child), {"reason": DECLINED}).status_code == 403
    assert not RestrictionLiftDecline.objects.exists()


def test_declining_needs_a_reason(personas, client_for, child, requested):
    response = client_for(personas.cse_manager).post(decline_url(child), {"reason": "  "})

    assert response.status_code == 200
    assert "Say why the restriction must stay" in response.text
    assert ChildRestriction.objects.get(child=child).lift_requested_by == personas.team_manager
    assert not RestrictionLiftDecline.objects.exists()


def test_without_a_request_the_decline_page_goes_back_to_the_restriction(personas, client_for, child):
    services.restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.STAFF,
                                allowed_users=[personas.cse_manager])
    response = client_for(personas.cse_manager).get(decline_url(child))
    assert response.status_code == 302
    assert response.url == reverse("children:restriction", args=[child.pk])


def test_a_declined_request_cannot_then_be_approved_or_declined_again(personas, child, requested):
    services.restriction_lift_decline(actor=personas.cse_manager, child=child, reason=DECLINED)

    with pytest.raises(Refused):
        services.restriction_lift_approve(actor=personas.cse_manager, child=child)
    with pytest.raises(Refused):
        services.restriction_lift_decline(actor=personas.cse_manager, child=child, reason=DECLINED)
    assert ChildRestriction.objects.get(child=child).is_active
    assert RestrictionLiftDecline.objects.count() == 1


def test_the_restriction_page_offers_approve_and_decline_to_the_second_manager_only(
        personas, client_for, child, requested):
    restriction_page = reverse("children:restriction", args=[child.pk])

    second = client_for(personas.cse_manager).get(restriction_page).text
    assert decline_url(child) in second
    assert reverse("children:restriction_lift_approve", args=[child.pk]) in second
    own = client_for(personas.team_manager).get(restriction_page).text
    assert decline_url(child) not in own
    assert "Another manager must approve or decline it" in own


def test_database_refuses_a_decline_by_the_person_who_asked(personas, child, requested):
    with pytest.raises(IntegrityError), transaction.atomic():
        RestrictionLiftDecline.objects.create(
            restriction=requested, requested_by=personas.team_manager, requested_at=requested.lift_requested_at,
            request_reason=ASKED, declined_by=personas.team_manager, declined_at=requested.lift_requested_at,
            reason=DECLINED)


# Emails, read from the outbox rows the services write in their own transactions.

def test_asking_to_lift_emails_the_other_managers_who_could_approve_without_case_content(
        personas, child, requested, other_cse_manager):
    [message] = emails()

    # The CSE Team Manager on the allow-list; not the person who asked, not a CSE Team Manager
    # outside the allow-list, not the CSE worker.
    assert recipients([message]) == [personas.cse_manager.email]
    assert message.payload["path"] == reverse("children:restriction", args=[child.pk])
    assert "waiting" in message.payload["subject"]
    assert_no_case_content(message, personas)


def test_asking_to_lift_as_the_cse_manager_emails_the_childs_team_manager(personas, child, other_cse_manager):
    services.restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.STAFF,
                                allowed_users=[personas.cse_manager], allowed_teams=[personas.cse_manager.team])
    services.restriction_lift_request(actor=personas.cse_manager, child=child, reason=ASKED)

    # The whole CSE team is allowed, so the second CSE Team Manager could approve too.
    assert recipients(emails()) == sorted([personas.team_manager.email, other_cse_manager.email])


def test_nobody_else_to_decide_is_told_to_the_person_asking(personas, client_for, child):
    services.restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.STAFF)

    response = client_for(personas.team_manager).post(
        reverse("children:restriction_lift_request", args=[child.pk]), {"reason": ASKED}, follow=True)

    assert "Nobody else on the allow-list can approve it yet" in response.text
    assert emails() == []


@pytest.mark.parametrize("outcome", ["approved", "declined"])
def test_the_requester_is_emailed_the_outcome_with_a_link_and_no_case_content(personas, child, requested, outcome):
    before = {message.pk for message in emails()}
    if outcome == "approved":
        services.restriction_lift_approve(actor=personas.cse_manager, child=child)
    else:
        services.restriction_lift_decline(actor=personas.cse_manager, child=child, reason=DECLINED)

    [message] = [message for message in emails() if message.pk not in before]
    assert recipients([message]) == [personas.team_manager.email]
    assert outcome in message.payload["subject"] and outcome in message.payload["intro"]
    assert message.payload["path"] == reverse("children:restriction", args=[child.pk])
    assert_no_case_content(message, personas)


def test_a_refused_decline_emails_nobody(personas, child, requested):
    before = len(emails())
    with pytest.raises(Refused):
        services.restriction_lift_decline(actor=personas.team_manager, child=child, reason=DECLINED)
    assert len(emails()) == before


def test_the_lift_request_arrives_by_email_with_a_sign_in_link_and_nothing_else(
        personas, child, settings, smtp_server, django_capture_on_commit_callbacks):  # noqa: F811
    settings.SERVICE_BASE_URL = "https://cse-pathway.test.invalid/"
    services.restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.STAFF,
                                allowed_users=[personas.cse_manager])
    with django_capture_on_commit_callbacks(execute=True):
        services.restriction_lift_request(actor=personas.team_manager, child=child, reason=ASKED)

    [envelope] = smtp_server.envelopes
    [message] = smtp_server.messages
    assert envelope.rcpt_tos == [personas.cse_manager.email]
    subject, body = str(message["Subject"]), message.get_body(("plain",)).get_content()
    assert f"https://cse-pathway.test.invalid/children/{child.pk}/restriction" in body
    assert "Sign in" in body
    for secret in ("Jordan", "Liftchild", "LCS-778001", ASKED, "Tess", personas.team_manager.username):
        assert secret not in subject and secret not in body
