"""Tokens: stored hashed, shown once, scoped, expiring, rotated and revoked; every refusal is a
problem+json 401 or 403 and on the audit trail."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from csepathway.api import services
from csepathway.api.models import ApiToken, Scope
from csepathway.api.tokens import token_hash
from csepathway.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
EPISODES = "/api/v1/episodes"


def test_a_token_is_kept_only_as_its_hash_with_a_readable_prefix(north_system):
    stored = ApiToken.objects.get(system=north_system.client)
    assert north_system.token not in {stored.secret_hash, stored.prefix}
    assert stored.secret_hash == token_hash(north_system.token)
    assert north_system.token.startswith(stored.prefix) and len(stored.prefix) < 20
    assert stored.expires_at.date() == (timezone.now() + dt.timedelta(days=90)).date()
    assert AuditEvent.objects.filter(verb="api.token_issued", object_id=str(stored.pk)).exists()


def test_a_valid_token_reads_and_its_use_is_noted(client, north_system):
    response = client.get(EPISODES, **north_system.headers())
    assert response.status_code == 200
    assert ApiToken.objects.get(system=north_system.client).last_used_at is not None


@pytest.mark.parametrize("headers", [{}, {"HTTP_AUTHORIZATION": "Bearer csep_not-a-real-token"},
                                     {"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"}])
def test_no_token_or_an_unknown_one_is_401_problem_json(client, headers):
    response = client.get(EPISODES, **headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401 and response.json()["title"]
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert AuditEvent.objects.filter(verb="api.unauthenticated", outcome="denied").exists()


def test_an_expired_token_is_401(client, north_system, time_machine):
    time_machine.move_to(timezone.now() + dt.timedelta(days=91))
    assert client.get(EPISODES, **north_system.headers()).status_code == 401


def test_a_revoked_token_is_401(client, personas, north_system):
    services.api_token_revoke(actor=personas.system_admin, token=ApiToken.objects.get(system=north_system.client))
    assert client.get(EPISODES, **north_system.headers()).status_code == 401


def test_a_rotated_token_stops_and_its_replacement_works(client, personas, north_system):
    old = ApiToken.objects.get(system=north_system.client)
    new, secret = services.api_token_rotate(actor=personas.system_admin, token=old)
    assert client.get(EPISODES, **north_system.headers()).status_code == 401
    assert client.get(EPISODES, **north_system.headers(secret)).status_code == 200
    assert new.scopes == old.scopes and new.replaces == old


def test_a_switched_off_system_or_service_account_is_401(client, north_system):
    account = north_system.account
    account.is_active = False
    account.save()
    assert client.get(EPISODES, **north_system.headers()).status_code == 401


def test_a_token_without_the_scope_is_403_problem_json(client, system_for, personas):
    reader = system_for(personas.team, name="ReadOnly", scopes=[Scope.READ])
    response = client.post("/api/v1/referrals", data={}, content_type="application/json", **reader.headers())
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "referrals:write" in response.json()["detail"]
    assert AuditEvent.objects.filter(verb="api.scope_missing", actor=reader.account, outcome="denied").exists()


def test_a_signed_in_person_without_a_token_is_401(client_for, personas):
    response = client_for(personas.cse_manager).get(EPISODES)
    assert response.status_code == 401 and response["Content-Type"] == "application/problem+json"


def test_the_management_command_issues_a_token_and_prints_it_once(personas, north_system, capsys):
    call_command("api_token_issue", north_system.client.name, "--scope", "read", "--days", "30")
    printed = capsys.readouterr().out.strip().splitlines()[-1]
    assert ApiToken.objects.filter(secret_hash=token_hash(printed), scopes=["read"]).exists()


def test_scopes_must_be_known(personas, north_system):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.api_token_issue(actor=None, system=north_system.client, scopes=["everything"])
