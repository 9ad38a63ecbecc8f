"""Council systems for the API tests, each acting as a service account in a persona's world: the
North system sees what a North Team Manager sees, the South system what a South one sees."""

import dataclasses

import pytest

from csepathway.accounts.roles import Role
from csepathway.accounts.tests.factories import UserFactory
from csepathway.api import services
from csepathway.api.models import Scope, SystemClient
from csepathway.children.tests.factories import ChildFactory

ALL_SCOPES = list(Scope.values)


@dataclasses.dataclass
class System:
    client: SystemClient
    token: str

    @property
    def account(self):
        return self.client.service_account

    def headers(self, token: str | None = None) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {token or self.token}"}


@pytest.fixture
def system_for(personas):
    def make(team, *, name: str, kind: str = SystemClient.Kind.LCS, scopes=ALL_SCOPES, role=Role.TEAM_MANAGER):
        account = UserFactory(username=f"svc.{name.lower()}", role=role, team=team, first_name=name,
                              last_name="Service account")
        client = services.system_client_create(actor=personas.system_admin, name=name, kind=kind,
                                               service_account=account)
        _, token = services.api_token_issue(actor=personas.system_admin, system=client, scopes=scopes)
        return System(client=client, token=token)

    return make


@pytest.fixture
def north_system(personas, system_for):
    """Allowed: the North team's children and episodes."""
    return system_for(personas.team, name="NorthLCS")


@pytest.fixture
def south_system(personas, system_for):
    """Another team: North's records are out of its scope."""
    return system_for(personas.outsider.team, name="SouthLCS")


@pytest.fixture
def child(personas):
    return ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner,
                        lcs_reference="LCS-424242")


def referral_body(personas, **changes) -> dict:
    body = {
        "referral_id": "LCS-REF-0001", "source": "lcs",
        "child": {"reference": "LCS-777001", "first_name": "Robin", "last_name": "Testchild",
                  "date_of_birth": "2010-05-01", "gender": "girl"},
        "practitioner_email": personas.practitioner.email, "team_manager_email": personas.team_manager.email,
        "concern": "Seen getting into cars with unknown adults (synthetic).",
        "screening": {"reason": "Concern from school", "significant_indicators": {"cars": "recent"},
                      "other_indicators": [], "vulnerabilities": ["low_self_esteem"]},
        "proposed_risk_level": "medium", "risk_rationale": "Indicators in the last 6 months.",
    }
    body.update(changes)
    return body
