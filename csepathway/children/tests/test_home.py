"""The children app's home page sections (issue 12, point 1): "Your children" for the practitioner
and the Team Manager, their own allocations only; "Emergency accesses to review" as a count for
those who review them. An outsider sees nothing of another team's children, not even a number."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from csepathway.audit.models import AuditEvent
from csepathway.children.models import BreakGlassGrant, RestrictionReason
from csepathway.children.restrictions.services import restriction_create
from csepathway.children.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def _home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.text


def _section(page: str, name: str) -> str:
    return page.split(f'data-home="{name}"')[1].split("</section>")[0]


def _allocated(worker, name, **fields):
    return ChildFactory(first_name=name, last_name="Hometestchild", allocated_team=worker.team,
                        allocated_worker=worker, **fields)


def test_the_practitioner_sees_the_children_allocated_to_them_with_a_reference_and_a_link(personas, client_for):
    child = _allocated(personas.practitioner, "Mine", lcs_reference="LCS-HOME-1")
    _allocated(personas.same_team_practitioner, "Colleagues")
    page = _home(client_for(personas.practitioner))
    section = _section(page, "children")
    assert "Your children (1)" in section
    assert f'href="/children/{child.pk}"' in section and "LCS-HOME-1" in section
    assert "Colleagues" not in page
    assert AuditEvent.objects.filter(verb="children.home_viewed", actor=personas.practitioner,
                                     object_id="1").exists()


def test_a_same_team_colleague_sees_only_their_own(personas, client_for):
    _allocated(personas.practitioner, "Mine")
    _allocated(personas.same_team_practitioner, "Theirs")
    section = _section(_home(client_for(personas.same_team_practitioner)), "children")
    assert "Your children (1)" in section and "Theirs" in section and "Mine" not in section


def test_the_team_manager_sees_their_own_allocations_not_their_teams(personas, client_for):
    _allocated(personas.practitioner, "Teams")
    page = _home(client_for(personas.team_manager))
    assert 'data-home="children"' not in page
    _allocated(personas.team_manager, "Managers")
    section = _section(_home(client_for(personas.team_manager)), "children")
    assert "Your children (1)" in section and "Managers" in section and "Teams" not in section


def test_an_outsider_and_the_other_roles_get_no_section_not_even_a_number(personas, client_for):
    _allocated(personas.practitioner, "Mine")
    for role in ("outsider", "other_team_manager", "cse_worker", "police_coordinator", "auditor"):
        page = _home(client_for(getattr(personas, role)))
        assert 'data-home="children"' not in page and "Mine Hometestchild" not in page, role


def test_a_restricted_child_the_worker_is_not_allowed_is_left_out_even_their_own(personas, client_for):
    _allocated(personas.practitioner, "Open")
    hidden = _allocated(personas.practitioner, "Hidden")
    restriction_create(actor=personas.team_manager, child=hidden, reason=RestrictionReason.STAFF)
    section = _section(_home(client_for(personas.practitioner)), "children")
    assert "Your children (1)" in section and "Open" in section and "Hidden" not in section


def test_more_than_ten_show_ten_and_say_how_many_more(personas, client_for):
    for number in range(12):
        _allocated(personas.practitioner, f"Many{number:02d}")
    section = _section(_home(client_for(personas.practitioner)), "children")
    assert "Your children (12)" in section and section.count("<tr") == 11 and "And 2 more" in section


def _grant(user, child, *, reviewed=False):
    now = timezone.now()
    return BreakGlassGrant.objects.create(
        user=user, child=child, reason="Emergency (home test)", confirmed_with="totp", granted_at=now,
        expires_at=now + dt.timedelta(hours=4), reviewed_by=None, reviewed_at=now if reviewed else None,
        review_outcome=BreakGlassGrant.Outcome.JUSTIFIED if reviewed else "")


def test_information_governance_sees_how_many_emergency_accesses_wait_as_a_count_only(personas, client_for):
    child = ChildFactory(first_name="Glass", last_name="Hometestchild", allocated_team=personas.team)
    _grant(personas.outsider, child)
    _grant(personas.other_team_manager, child)
    _grant(personas.outsider, child, reviewed=True)
    page = _home(client_for(personas.auditor))
    section = _section(page, "emergency-access")
    assert "Emergency accesses to review" in section and "govuk-tag--red" in section
    assert ">2<" in section.replace(" ", "").replace("\n", "")
    assert 'href="/children/emergency-access/reviews"' in section
    assert "Glass" not in page and "oscar" not in page.lower()


def test_the_cse_manager_reviews_them_too_but_never_counts_their_own(personas, client_for):
    child = ChildFactory(first_name="Glass", last_name="Hometestchild", allocated_team=personas.team)
    _grant(personas.cse_manager, child)
    section = _section(_home(client_for(personas.cse_manager)), "emergency-access")
    assert ">0<" in section.replace(" ", "").replace("\n", "")
    assert ">1<" in _section(_home(client_for(personas.auditor)), "emergency-access").replace(" ", "").replace("\n", "")


def test_the_roles_that_do_not_review_them_get_no_section(personas, client_for):
    _grant(personas.outsider, ChildFactory(allocated_team=personas.team))
    for role in ("practitioner", "outsider", "team_manager", "cse_worker", "police_coordinator", "mase_chair"):
        assert 'data-home="emergency-access"' not in _home(client_for(getattr(personas, role))), role


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        _home(client)
    return len(captured)


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "auditor"])
def test_the_home_page_takes_the_same_queries_for_one_item_and_five(personas, client_for, role):
    user = getattr(personas, role)
    client = client_for(user)
    other = ChildFactory(allocated_team=personas.other_team_manager.team)

    def add(number):
        _allocated(user, f"Count{number}") if role != "auditor" else _grant(personas.outsider, other)

    add(0)
    one = _queries(client)
    for number in range(1, 5):
        add(number)
    assert _queries(client) == one
