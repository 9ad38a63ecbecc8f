"""Restricted records: a restricted child disappears for everyone not on its allow-list, in every
list built on visible_children, and lifting needs a second, different person (ADR 0021)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts.tests.factories import DEFAULT_PASSWORD
from csepathway.children import selectors
from csepathway.children.access import visible_children
from csepathway.children.models import ChildRestriction, RestrictionReason
from csepathway.children.restrictions import services
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.refusals import Refused
from csepathway.episodes import scenarios
from csepathway.episodes.selectors import workspace_list

pytestmark = pytest.mark.django_db

NAME = "Jordan Restrictedchild"


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Jordan", last_name="Restrictedchild", lcs_reference="LCS-777001",
                        allocated_team=personas.team, allocated_worker=personas.practitioner)


def restrict(personas, child, *, users=(), teams=()):
    return services.restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.STAFF,
                                       allowed_users=users, allowed_teams=teams)


def step_up(client, user=None):
    response = client.post(reverse("accounts:step_up"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize("persona", ["same_team_practitioner", "cse_worker", "cse_manager"])
def test_restricted_child_is_absent_from_search_counts_and_the_page_for_people_not_allowed(
        personas, client_for, child, persona):
    user = getattr(personas, persona)
    before = visible_children(user).count()
    restrict(personas, child, users=[personas.practitioner])

    assert child not in selectors.child_search(actor=user, query="Restrictedchild")
    assert child not in selectors.child_search(actor=user, query="LCS-777001")
    assert visible_children(user).count() == before - 1
    client = client_for(user)
    assert NAME.encode() not in client.get(reverse("children:search"), {"q": "Jordan"}).content
    assert client.get(reverse("children:detail", args=[child.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["practitioner", "team_manager"])
def test_allowed_people_and_the_person_who_restricted_still_find_the_child(personas, client_for, child, persona):
    restrict(personas, child, users=[personas.practitioner])
    user = getattr(personas, persona)

    assert child in selectors.child_search(actor=user, query="Restrictedchild")
    assert client_for(user).get(reverse("children:detail", args=[child.pk])).status_code == 200


def test_members_of_an_allowed_team_find_the_child_and_others_do_not(personas, child):
    restrict(personas, child, teams=[personas.cse_worker.team])

    assert child in selectors.child_search(actor=personas.cse_worker, query="Restrictedchild")
    assert child in selectors.child_search(actor=personas.cse_manager, query="Restrictedchild")
    assert child not in selectors.child_search(actor=personas.same_team_practitioner, query="Restrictedchild")


def test_being_allowed_does_not_widen_a_scope(personas, child):
    restrict(personas, child, users=[personas.outsider])
    assert child not in selectors.child_search(actor=personas.outsider, query="Restrictedchild")


def test_restricted_childs_episodes_leave_the_cse_workspace_and_episode_pages(personas, client_for, child):
    episode = scenarios.submitted(practitioner=personas.practitioner, child=child)
    assert episode.pk in {item.episode.pk for item in workspace_list(actor=personas.cse_worker).page.object_list}
    restrict(personas, child, users=[personas.practitioner])

    for persona in ("cse_worker", "cse_manager", "police_coordinator"):
        user = getattr(personas, persona)
        assert episode.pk not in {item.episode.pk for item in workspace_list(actor=user).page.object_list}, persona
        assert client_for(user).get(reverse("episodes:detail", args=[episode.pk])).status_code == 404, persona
    page = client_for(personas.cse_worker).get(reverse("episodes:workspace"))
    assert page.status_code == 200
    assert NAME.encode() not in page.content
    assert client_for(personas.same_team_practitioner).get(
        reverse("episodes:detail", args=[episode.pk])).status_code == 404
    assert client_for(personas.practitioner).get(reverse("episodes:detail", args=[episode.pk])).status_code == 200


def test_allowed_cse_team_still_sees_the_episode_in_the_workspace(personas, child):
    episode = scenarios.submitted(practitioner=personas.practitioner, child=child)
    restrict(personas, child, teams=[personas.cse_worker.team])
    assert episode.pk in {item.episode.pk for item in workspace_list(actor=personas.cse_worker).page.object_list}


# Restriction pages: the child's Team Manager and the CSE Team Manager; a practitioner is refused by
# role (403); a Team Manager who cannot see the child gets 404.
PAGE_STATUS = {"team_manager": 200, "cse_manager": 200, "practitioner": 403, "same_team_practitioner": 403,
               "outsider": 403, "other_team_manager": 404, "cse_worker": 403, "auditor": 403}


@pytest.mark.parametrize(("persona", "status"), PAGE_STATUS.items())
def test_who_may_open_the_restriction_pages(personas, client_for, child, persona, status):
    client = client_for(getattr(personas, persona))
    for name in ("children:restriction", "children:restriction_create"):
        assert client.get(reverse(name, args=[child.pk])).status_code == status, name


def test_cse_manager_restricts_a_record_with_a_review_date_in_90_days(personas, client_for, child):
    response = client_for(personas.cse_manager).post(reverse("children:restriction_create", args=[child.pk]), {
        "reason": RestrictionReason.HIGH_PROFILE, "allowed_users": [str(personas.practitioner.pk)],
        "allowed_teams": [str(personas.team.pk)]})

    assert response.status_code == 302
    restriction = ChildRestriction.objects.get(child=child)
    assert restriction.review_due == timezone.localdate() + dt.timedelta(days=90)
    assert set(restriction.allowed_users.all()) == {personas.practitioner, personas.cse_manager}
    assert child in selectors.child_search(actor=personas.same_team_practitioner, query="Restrictedchild")
    assert child not in selectors.child_search(actor=personas.cse_worker, query="Restrictedchild")


def test_another_reason_needs_words(personas, client_for, child):
    response = client_for(personas.team_manager).post(reverse("children:restriction_create", args=[child.pk]),
                                                      {"reason": RestrictionReason.OTHER, "reason_detail": " "})
    assert response.status_code == 200
    assert b"Say why the record is restricted" in response.content
    assert not ChildRestriction.objects.exists()


def test_outsider_team_manager_cannot_restrict(personas, client_for, child):
    response = client_for(personas.other_team_manager).post(
        reverse("children:restriction_create", args=[child.pk]), {"reason": RestrictionReason.HIGH_RISK})
    assert response.status_code == 404
    assert not ChildRestriction.objects.exists()


def test_review_keeps_history_and_moves_the_review_date(personas, client_for, child):
    restriction = restrict(personas, child)
    response = client_for(personas.team_manager).post(reverse("children:restriction_review", args=[child.pk]), {
        "note": "Still needed: a relative works in the team.", "allowed_users": [str(personas.team_manager.pk)],
        "next_review_due_day": "1", "next_review_due_month": "2", "next_review_due_year": "2027"})

    assert response.status_code == 302
    restriction.refresh_from_db()
    assert restriction.review_due == dt.date(2027, 2, 1)
    assert restriction.reviews.get().reviewed_by == personas.team_manager


def test_lifting_needs_a_second_different_person(personas, client_for, child):
    restrict(personas, child, users=[personas.cse_manager])
    requester = client_for(personas.team_manager)
    assert requester.post(reverse("children:restriction_lift_request", args=[child.pk]),
                          {"reason": "The relative has left the council."}).status_code == 302
    step_up(requester)

    refused = requester.post(reverse("children:restriction_lift_approve", args=[child.pk]))

    assert refused.status_code == 409
    assert b"someone else must approve it" in refused.content
    assert ChildRestriction.objects.get(child=child).lifted_at is None
    assert child not in selectors.child_search(actor=personas.cse_worker, query="Restrictedchild")

    approver = client_for(personas.cse_manager)
    step_up(approver)
    assert approver.post(reverse("children:restriction_lift_approve", args=[child.pk])).status_code == 302
    lifted = ChildRestriction.objects.get(child=child)
    assert lifted.lifted_by == personas.cse_manager
    assert lifted.lift_requested_by == personas.team_manager
    assert child in selectors.child_search(actor=personas.cse_worker, query="Restrictedchild")


def test_approving_a_lift_asks_for_the_password_again(personas, client_for, child):
    restrict(personas, child, users=[personas.cse_manager])
    services.restriction_lift_request(actor=personas.team_manager, child=child, reason="No longer needed.")

    response = client_for(personas.cse_manager).post(reverse("children:restriction_lift_approve", args=[child.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:step_up"))
    assert ChildRestriction.objects.get(child=child).lifted_at is None


def test_lift_without_a_request_is_refused(personas, child):
    restrict(personas, child, users=[personas.cse_manager])
    with pytest.raises(Refused):
        services.restriction_lift_approve(actor=personas.cse_manager, child=child)


def test_database_refuses_a_lift_approved_by_the_person_who_asked(personas, child):
    restriction = restrict(personas, child)
    restriction.lift_requested_by = restriction.lifted_by = personas.team_manager
    restriction.lifted_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        restriction.save()


def test_a_lifted_restriction_stays_as_history_and_the_child_can_be_restricted_again(personas, child):
    restrict(personas, child, users=[personas.cse_manager])
    services.restriction_lift_request(actor=personas.team_manager, child=child, reason="No longer needed.")
    services.restriction_lift_approve(actor=personas.cse_manager, child=child)
    restrict(personas, child)
    assert ChildRestriction.objects.filter(child=child).count() == 2


def test_restricted_childs_chronology_is_not_found_for_people_not_allowed(personas, client_for, child):
    restrict(personas, child, users=[personas.practitioner])
    chronology = reverse("casefile:chronology", args=[child.pk])
    assert client_for(personas.cse_worker).get(chronology).status_code == 404
    assert client_for(personas.practitioner).get(chronology).status_code == 200


# Every restriction page with a restriction in place: the Team Manager who made it and the CSE Team
# Manager on its allow-list see it; a practitioner of the same team is refused by role; a Team
# Manager of another team cannot see the child at all.
ACTIVE_PAGES = ["children:restriction", "children:restriction_review", "children:restriction_lift_request",
                "children:restriction_lift_approve", "children:restriction_lift_decline"]
ACTIVE_STATUS = {"team_manager": 200, "cse_manager": 200, "same_team_practitioner": 403, "other_team_manager": 404}


@pytest.mark.parametrize(("persona", "status"), ACTIVE_STATUS.items())
@pytest.mark.parametrize("page", ACTIVE_PAGES)
def test_restriction_pages_by_persona(personas, client_for, child, persona, status, page):
    restrict(personas, child, users=[personas.cse_manager])
    services.restriction_lift_request(actor=personas.team_manager, child=child, reason="No longer needed.")
    client = client_for(getattr(personas, persona))
    step_up(client)
    response = client.get(reverse(page, args=[child.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"Jordan Restrictedchild" in response.content


def test_a_cse_manager_not_on_the_allow_list_cannot_manage_the_restriction(personas, client_for, child):
    restrict(personas, child)
    assert client_for(personas.cse_manager).get(reverse("children:restriction", args=[child.pk])).status_code == 404


def test_the_childs_record_says_it_is_restricted_to_those_who_manage_it(personas, client_for, child):
    manager = client_for(personas.team_manager)
    assert "This record is not restricted" in manager.get(reverse("children:detail", args=[child.pk])).text
    restrict(personas, child, users=[personas.practitioner])
    assert "This record is restricted" in manager.get(reverse("children:detail", args=[child.pk])).text
    practitioner_page = client_for(personas.practitioner).get(reverse("children:detail", args=[child.pk])).text
    assert "This record is restricted" not in practitioner_page


def test_a_search_that_finds_nothing_offers_emergency_access(personas, client_for):
    page = client_for(personas.practitioner).get(reverse("children:search"), {"q": "LCS-NOBODY-1"}).text
    assert reverse("children:emergency_access") in page
