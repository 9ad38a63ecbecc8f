"""Single sign-on with OpenID Connect against a real provider (tests/oidc/provider.mjs): matching by a
verified email or the linked claim, roles and teams from group mappings, refusals, the ID token's
signature, audience, expiry, issuer and nonce, and break-glass passwords (docs/adr/0061)."""

import datetime as dt
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from csepathway.accounts.models import SsoGroupMapping
from csepathway.accounts.roles import Role
from csepathway.accounts.sso.backend import SsoBackend
from csepathway.audit.models import AuditEvent

from .factories import DEFAULT_PASSWORD, TeamFactory, UserFactory
from .oidc_provider import OTHER_CLIENT_ID, OTHER_CLIENT_SECRET, TEST_CALLBACK, start_provider

pytestmark = pytest.mark.django_db
User = get_user_model()
SIGN_IN = reverse("accounts:sign_in")
START = reverse("accounts:sso_start")


@pytest.fixture(scope="module")
def provider():
    running = start_provider()
    yield running
    running.stop()


@pytest.fixture
def sso(settings, provider):
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    return provider


@pytest.fixture
def mappings(db):
    cse_team = TeamFactory(name="Testshire CSE Team", is_cse_team=True)
    north = TeamFactory(name="North Locality Team")
    return {
        "cse_manager": SsoGroupMapping.objects.create(group_id="grp-cse-managers", role=Role.CSE_MANAGER,
                                                      team=cse_team, precedence=10),
        "practitioner": SsoGroupMapping.objects.create(group_id="grp-north-practitioners",
                                                       role=Role.PRACTITIONER, team=north, precedence=50),
    }


def council_sign_in(client, provider, account: str, next_url: str = ""):
    """The whole round trip: the service's start page, the provider, and the callback."""
    provider.sign_in_as(account)
    start = client.get(START + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    back = provider.follow_to(start["Location"], TEST_CALLBACK)
    return client.get(urlsplit(back).path + "?" + urlsplit(back).query)


def verbs() -> list[str]:
    return list(AuditEvent.objects.order_by("occurred_at", "position").values_list("verb", flat=True))


def test_the_sign_in_page_offers_the_council_account_only_when_single_sign_on_is_configured(client, settings, provider):
    assert "Sign in with your council account" not in client.get(SIGN_IN).text
    assert client.get(START).status_code == 404
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    page = client.get(SIGN_IN).text
    assert "Sign in with your council account" in page and "break-glass" in page


def test_the_request_to_the_provider_carries_state_nonce_and_a_pkce_challenge(client, sso):
    query = parse_qs(urlsplit(client.get(START)["Location"]).query)
    assert query["response_type"] == ["code"] and query["code_challenge_method"] == ["S256"]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32 and query["code_challenge"][0]


def test_a_council_sign_in_matches_a_verified_email_and_takes_role_and_team_from_groups(client, sso, mappings):
    alex = UserFactory(username="alex.m", email="Alex.Morgan@testshire.invalid", role=Role.PRACTITIONER)
    response = council_sign_in(client, sso, "alex", next_url="/children/")
    assert response.status_code == 302 and response["Location"] == "/children/"
    alex.refresh_from_db()
    assert alex.sso_subject == "alex"
    assert (alex.role, alex.team) == (Role.CSE_MANAGER, mappings["cse_manager"].team)
    assert client.get(reverse("core:home")).status_code == 200
    changed = AuditEvent.objects.get(verb="sso.role_or_team_changed")
    assert changed.changed_fields == ["role", "team"] and changed.acting_role == Role.PRACTITIONER
    assert {"sso.linked", "sign_in.succeeded"} <= set(verbs())


def test_group_changes_at_the_council_are_applied_at_the_next_sign_in(client, sso, mappings):
    alex = UserFactory(username="alex.m", role=Role.CSE_MANAGER, team=mappings["cse_manager"].team,
                       sso_subject="alex")
    council_sign_in(client, sso, "alex")
    assert not AuditEvent.objects.filter(verb="sso.role_or_team_changed").exists()
    client.logout()
    mappings["cse_manager"].role = Role.CSE_WORKER
    mappings["cse_manager"].save()
    council_sign_in(client, sso, "alex")
    alex.refresh_from_db()
    assert alex.role == Role.CSE_WORKER
    assert AuditEvent.objects.get(verb="sso.role_or_team_changed").changed_fields == ["role"]


def test_a_person_in_a_mapped_group_is_given_an_account_just_in_time(client, sso, mappings):
    response = council_sign_in(client, sso, "jo")
    assert response.status_code == 302
    jo = User.objects.get(sso_subject="jo")
    assert (jo.role, jo.team) == (Role.PRACTITIONER, mappings["practitioner"].team)
    assert jo.email == "jo.new@testshire.invalid"
    assert jo.get_full_name() == "Jo Newcomer" and not jo.has_usable_password()
    assert "sso.account_created" in verbs()


def test_no_account_is_made_just_in_time_when_the_deployment_turns_it_off(client, sso, settings, mappings):
    settings.SSO_CREATE_USERS = False
    assert council_sign_in(client, sso, "jo").status_code == 403
    assert not User.objects.filter(sso_subject="jo").exists()


def test_unknown_user_from_the_provider_is_not_signed_in(client, sso, mappings):
    users_before = User.objects.count()
    response = council_sign_in(client, sso, "sam")
    assert response.status_code == 403
    assert "Your council account is not set up to use" in response.text
    assert User.objects.count() == users_before
    assert client.get(reverse("core:home")).status_code == 302  # still signed out
    refused = AuditEvent.objects.get(verb="sso.refused_unknown_user")
    assert refused.outcome == AuditEvent.Outcome.DENIED


def test_an_unverified_email_never_matches_an_account(client, sso, mappings):
    UserFactory(username="alex.m", email="alex.morgan@testshire.invalid")
    # Mapped groups, so the refusal is not the groups': a new account would be made, not this one linked.
    response = council_sign_in(client, sso, "unverified")
    assert response.status_code == 302
    assert User.objects.get(username="alex.m").sso_subject is None
    assert User.objects.get(sso_subject="unverified").email == ""


def test_once_linked_the_claim_is_what_matches_not_the_email(client, sso, mappings):
    UserFactory(username="someone.else", email="alex.morgan@testshire.invalid")
    linked = UserFactory(username="alex.m", email="old.address@testshire.invalid", sso_subject="alex")
    council_sign_in(client, sso, "alex")
    assert client.session["_auth_user_id"] == str(linked.pk)


def test_someone_taken_out_of_every_mapped_group_is_refused(client, sso, mappings):
    UserFactory(username="sam.s", sso_subject="sam", role=Role.CSE_WORKER)
    response = council_sign_in(client, sso, "sam")
    assert response.status_code == 403 and "not in any of the groups" in response.text
    assert "sso.refused_no_mapped_group" in verbs()


def test_a_deactivated_account_is_refused_and_not_reopened(client, sso, mappings):
    alex = UserFactory(username="alex.m", sso_subject="alex", is_active=False)
    assert council_sign_in(client, sso, "alex").status_code == 403
    alex.refresh_from_db()
    assert not alex.is_active and "sso.refused_deactivated" in verbs()


def test_a_council_sign_in_still_asks_for_the_second_factor(client, sso, mappings):
    alex = UserFactory(username="alex.m", sso_subject="alex")
    TOTPDevice.objects.create(user=alex, name="Authenticator app", confirmed=True)
    response = council_sign_in(client, sso, "alex", next_url="/children/")
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert client.get(reverse("children:search")).status_code == 302


def test_the_password_form_is_for_break_glass_accounts_only_while_single_sign_on_is_on(client, sso):
    everyday = UserFactory(username="pat.p")
    break_glass = UserFactory(username="admin.emergency", role=Role.SYSTEM_ADMIN, local_sign_in_allowed=True)
    refused = client.post(SIGN_IN, {"username": everyday.username, "password": DEFAULT_PASSWORD})
    assert refused.status_code == 200 and "Enter a correct username and password" in refused.text
    assert client.post(SIGN_IN, {"username": break_glass.username, "password": DEFAULT_PASSWORD}).status_code == 302


def test_a_token_the_provider_sent_with_an_error_shows_the_refusal_page(client, sso, mappings):
    start = parse_qs(urlsplit(client.get(START)["Location"]).query)
    response = client.get(reverse("accounts:sso_callback"), {"error": "access_denied", "state": start["state"][0]})
    assert response.status_code == 403 and "Something went wrong" in response.text


# The ID token's checks, driven through the backend's own verification with tokens minted by real
# providers: this one, one with another key under the same issuer and key id, and one whose tokens
# expire after a second.

def backend(settings, provider) -> SsoBackend:
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    return SsoBackend()


def test_a_token_from_the_provider_passes_every_check(settings, provider):
    nonce = secrets.token_urlsafe(16)
    claims = backend(settings, provider).verify_token(provider.mint_id_token(account="alex", nonce=nonce), nonce=nonce)
    assert claims["sub"] == "alex" and claims["groups"] == ["grp-cse-managers", "grp-all-staff"]


def test_a_token_signed_with_another_key_is_rejected(settings, provider):
    impostor = start_provider(issuer=provider.issuer)  # same issuer and key id, its own key
    try:
        token = impostor.mint_id_token(account="alex", nonce="n-1")
    finally:
        impostor.stop()
    with pytest.raises(SuspiciousOperation, match="Signature verification failed"):
        backend(settings, provider).verify_token(token, nonce="n-1")


def test_a_token_for_another_audience_is_rejected(settings, provider):
    token = provider.mint_id_token(account="alex", nonce="n-2", client_id=OTHER_CLIENT_ID,
                                   client_secret=OTHER_CLIENT_SECRET)
    with pytest.raises(SuspiciousOperation, match="(?i)audience"):
        backend(settings, provider).verify_token(token, nonce="n-2")


def test_an_expired_token_is_rejected(settings, provider):
    # A minute's life, and this side's clock then moved past it: a one-second token slept past was
    # already expired on a busy machine before it was first checked.
    short_lived = start_provider(id_token_ttl=60)
    try:
        token = short_lived.mint_id_token(account="alex", nonce="n-3")
        settings.SSO_CLOCK_SKEW_SECONDS = 0
        checker = backend(settings, short_lived)
        assert checker.verify_token(token, nonce="n-3")["sub"] == "alex"
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=90), tick=False), \
                pytest.raises(SuspiciousOperation, match="expired"):
            checker.verify_token(token, nonce="n-3")
    finally:
        short_lived.stop()


def test_a_token_from_another_issuer_is_rejected(settings, provider):
    token = provider.mint_id_token(account="alex", nonce="n-4")
    checker = backend(settings, provider)
    settings.OIDC_OP_ISSUER = "https://login.example.invalid/another-tenant/v2.0"
    with pytest.raises(SuspiciousOperation, match="(?i)issuer"):
        checker.verify_token(token, nonce="n-4")


def test_a_token_with_another_nonce_is_rejected(settings, provider):
    token = provider.mint_id_token(account="alex", nonce="the-nonce-we-sent")
    with pytest.raises(SuspiciousOperation, match="Nonce"):
        backend(settings, provider).verify_token(token, nonce="a-replayed-nonce")


def test_a_badly_signed_token_at_the_callback_signs_nobody_in_and_is_recorded(client, settings, provider, mappings):
    impostor = start_provider(issuer=provider.issuer)
    try:
        for name, value in provider.settings().items():
            setattr(settings, name, value)
        # The code is exchanged at the impostor, whose token the real provider's keys do not verify.
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{impostor.url}/auth"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{impostor.url}/token"
        response = council_sign_in(client, impostor, "alex")
    finally:
        impostor.stop()
    assert response.status_code == 403 and "Something went wrong" in response.text
    assert "_auth_user_id" not in client.session
    assert "sso.refused_token_rejected" in verbs()
