"""Single sign-on in the browser, against a real OpenID provider (tests/oidc/provider.mjs): a council
account signs in and takes its role and team from its groups; an unknown one is refused with a
plain page. Every page is checked with axe and screenshotted (docs/adr/0061)."""

import pytest
from playwright.sync_api import expect

from csepathway.accounts.models import SsoGroupMapping, User
from csepathway.accounts.roles import Role
from csepathway.accounts.tests.factories import TeamFactory, UserFactory
from csepathway.accounts.tests.oidc_provider import start_provider
from csepathway.audit.models import AuditEvent

from .conftest import check_page, expect_signed_in_layout

pytestmark = pytest.mark.browser


@pytest.fixture
def council_provider(settings, live_server):
    provider = start_provider(redirect_uris=[f"{live_server.url}/account/sign-in/council/callback"])
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    SsoGroupMapping.objects.create(group_id="grp-cse-managers", role=Role.CSE_MANAGER,
                                   team=TeamFactory(name="Testshire CSE Team", is_cse_team=True))
    yield provider
    provider.stop()


def _sign_in_with_council_account(page, live_server):
    page.goto(f"{live_server.url}/account/sign-in")
    check_page(page, "sso-sign-in")
    page.get_by_role("button", name="Sign in with your council account").click()


def test_a_council_account_signs_in_with_the_role_and_team_its_groups_give(page, live_server, council_provider):
    alex = UserFactory(username="alex.m", email="alex.morgan@testshire.invalid", role=Role.PRACTITIONER)
    council_provider.sign_in_as("alex")
    _sign_in_with_council_account(page, live_server)
    expect_signed_in_layout(page)
    check_page(page, "sso-signed-in-cse-manager")
    alex.refresh_from_db()
    assert (alex.role, alex.team.name, alex.sso_subject) == (Role.CSE_MANAGER, "Testshire CSE Team", "alex")


def test_an_unknown_council_account_is_refused_with_a_plain_page(page, live_server, council_provider):
    council_provider.sign_in_as("sam")
    _sign_in_with_council_account(page, live_server)
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in with your council account")
    check_page(page, "sso-refused")
    assert not User.objects.filter(sso_subject="sam").exists()
    assert AuditEvent.objects.filter(verb="sso.refused_unknown_user").exists()
