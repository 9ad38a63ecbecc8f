"""The Police CSE Coordinator sees the children whose episodes have reached the CSE team (the scope
episodes.access registers with the children app). A child referred again, with two submitted
episodes, is still one child: opened once, listed once, counted once."""

import pytest
from django.urls import reverse

from csepathway.children import selectors as child_selectors
from csepathway.children.access import visible_children
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios

pytestmark = pytest.mark.django_db


@pytest.fixture
def repeat_referral(personas):
    """A child whose first episode was decided and closed, and who has been referred again since."""
    child = ChildFactory(first_name="Robin", last_name="Repeatreferral", allocated_team=personas.team,
                         lcs_reference="LCS-300300")
    scenarios.closed(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                     police=personas.police_coordinator)
    scenarios.submitted(practitioner=personas.practitioner, child=child)
    assert child.episodes.filter(submission_round__gt=0).count() == 2
    return child


def test_police_coordinator_opens_the_record_of_a_child_referred_twice(personas, client_for, repeat_referral):
    response = client_for(personas.police_coordinator).get(reverse("children:detail", args=[repeat_referral.pk]))

    assert response.status_code == 200
    assert "Robin Repeatreferral" in response.content.decode()


def test_police_coordinator_reads_the_chronology_of_a_child_referred_twice(personas, client_for, repeat_referral):
    response = client_for(personas.police_coordinator).get(reverse("casefile:chronology",
                                                                   args=[repeat_referral.pk]))

    assert response.status_code == 200
    assert response.content.decode().count("Concern recorded") == 2  # both episodes, each once


def test_police_coordinator_finds_a_child_referred_twice_once_in_the_list_and_the_count(
        personas, client_for, repeat_referral):
    police = personas.police_coordinator
    ChildFactory(first_name="Never", last_name="Referred", allocated_team=personas.team)

    page = client_for(police).get(reverse("children:search")).content.decode()

    assert page.count(reverse("children:detail", args=[repeat_referral.pk])) == 1
    assert "1 child you can see" in page
    assert [child.pk for child in child_selectors.child_search(actor=police)] == [repeat_referral.pk]
    assert visible_children(police).count() == 1



PAGES = [
    ("children:search", lambda child: [], {}),
    ("children:search", lambda child: [], {"q": "Repeatreferral"}),
    ("children:detail", lambda child: [child.pk], {}),
    ("casefile:chronology", lambda child: [child.pk], {}),
    ("episodes:workspace", lambda child: [], {}),
    ("meetings:actions", lambda child: [], {}),
    ("intelligence:register", lambda child: [], {}),
]
ROLES = ["practitioner", "same_team_practitioner", "outsider", "team_manager", "other_team_manager", "cse_worker",
         "cse_manager", "police_coordinator", "mase_chair", "auditor", "system_admin"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_every_page_of_a_child_referred_twice_without_an_error(
        personas, client_for, repeat_referral, role):
    """Seen or not, never a server error, and never the child twice in a list."""
    client = client_for(getattr(personas, role))
    record = reverse("children:detail", args=[repeat_referral.pk])
    for name, args, query in PAGES:
        response = client.get(reverse(name, args=args(repeat_referral)), query)
        assert response.status_code in (200, 403, 404), (name, response.status_code)
        if name != "children:detail" and response.status_code == 200:
            assert response.content.decode().count(f'href="{record}"') <= 1, name
    for episode in repeat_referral.episodes.all():
        assert client.get(reverse("episodes:detail", args=[episode.pk])).status_code in (200, 403, 404)


@pytest.mark.parametrize("role", ["police_coordinator", "cse_manager", "cse_worker"])
def test_the_dashboards_children_rule_is_the_same_children_as_visible_children(personas, role, repeat_referral):
    """reached_children_q (the dashboards' form of the rule, ADR 0065) against visible_children: a
    child referred twice, one with only a draft, one opened by an emergency grant, and a restricted
    child the viewer is not allowed."""
    import datetime as dt

    from django.utils import timezone

    from csepathway.children.models import BreakGlassGrant, Child
    from csepathway.children.restrictions.services import RestrictionReason, restriction_create
    from csepathway.episodes.access import reached_children_q

    viewer = getattr(personas, role)
    scenarios.draft_episode(practitioner=personas.practitioner,
                            child=ChildFactory(first_name="Drafty", allocated_team=personas.team))
    granted = ChildFactory(first_name="Granted", allocated_team=personas.team, lcs_reference="LCS-300301")
    now = timezone.now()
    BreakGlassGrant.objects.create(user=viewer, child=granted, reason="A test of the rule (test)",
                                   confirmed_with="totp", granted_at=now, expires_at=now + dt.timedelta(hours=4))
    hidden = scenarios.submitted(practitioner=personas.practitioner,
                                 child=ChildFactory(first_name="Hidden", allocated_team=personas.team)).child
    restriction_create(actor=personas.team_manager, child=hidden, reason=RestrictionReason.STAFF, allowed_users=[])

    expected = set(visible_children(viewer).values_list("pk", flat=True))
    assert set(Child.objects.filter(reached_children_q(viewer, "")).values_list("pk", flat=True)) == expected
    assert granted.pk in expected and repeat_referral.pk in expected and hidden.pk not in expected
