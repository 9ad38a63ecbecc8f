"""Fixtures shared by the tests that walk every URL (the access matrix, and no GET changing data)."""

import pytest

from csepathway.accounts.roles import Role
from csepathway.accounts.tests.factories import UserFactory


@pytest.fixture
def users(personas):
    """Two users per role: the personas and a second one in the same team."""
    first = {
        Role.PRACTITIONER: personas.practitioner, Role.TEAM_MANAGER: personas.team_manager,
        Role.CSE_WORKER: personas.cse_worker, Role.CSE_MANAGER: personas.cse_manager,
        Role.POLICE_COORDINATOR: personas.police_coordinator, Role.MASE_CHAIR: personas.mase_chair,
        Role.AUDITOR: personas.auditor, Role.SYSTEM_ADMIN: personas.system_admin,
    }
    second = {Role.PRACTITIONER: personas.same_team_practitioner}
    for role, user in first.items():
        second.setdefault(role, UserFactory(username=f"second.{role}", role=role, team=user.team))
    return {role: (first[role], second[role]) for role in first}
