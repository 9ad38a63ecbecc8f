"""Team pick-lists offer only teams that hold cases (issue 13, point 16)."""

import pytest
from django.urls import reverse

from csepathway.accounts import selectors

from .factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_only_teams_with_a_practitioner_or_team_manager_hold_cases(personas):
    police_unit = personas.police_coordinator.team
    empty = TeamFactory(name="Team nobody is in (test)")
    gone = TeamFactory(name="Team whose practitioner has left (test)")
    UserFactory(role="practitioner", team=gone, is_active=False)

    offered = set(selectors.case_holding_team_list())

    assert personas.team in offered and personas.team_manager.team in offered
    assert police_unit not in offered and empty not in offered and gone not in offered


def test_the_child_form_and_the_workspace_filter_offer_only_teams_that_hold_cases(personas, client_for):
    police_unit = personas.police_coordinator.team.name
    child_form = client_for(personas.practitioner).get(reverse("children:create")).text
    workspace = client_for(personas.cse_manager).get(reverse("episodes:workspace")).text
    for page in (child_form, workspace):
        assert personas.team.name in page
        assert police_unit not in page
