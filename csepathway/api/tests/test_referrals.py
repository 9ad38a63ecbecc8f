"""An inbound referral from LCS or EHM goes through the pathway's own services: the episode is
submitted to the CSE team in the named practitioner's name, and the same referral id again
creates nothing."""

import pytest

from csepathway.api.models import InboundReferral
from csepathway.audit.models import AuditEvent
from csepathway.children.models import Child
from csepathway.episodes.models import Episode, State
from csepathway.outbox.models import OutboxMessage

from .conftest import referral_body

pytestmark = pytest.mark.django_db
URL = "/api/v1/referrals"


def post(client, system, body):
    return client.post(URL, data=body, content_type="application/json", **system.headers())


def test_a_referral_creates_the_child_and_submits_the_episode_to_the_cse_team(client, personas, north_system):
    response = post(client, north_system, referral_body(personas))
    assert response.status_code == 201, response.content
    body = response.json()
    episode = Episode.objects.get(pk=body["episode_id"])
    assert body["created"] is True and body["links"]["self"] == f"/api/v1/episodes/{episode.pk}"
    assert episode.state == State.SUBMITTED and episode.source == "lcs" and episode.source_reference == "LCS-777001"
    assert episode.practitioner == personas.practitioner and episode.team == personas.team
    assert episode.decision_due_on is not None and episode.risk_level == "medium"
    child = episode.child
    assert (child.lcs_reference, child.allocated_team, child.allocated_worker) == (
        "LCS-777001", personas.team, personas.practitioner)
    # As if the practitioner had submitted it from the pages: their events, the system's receipt.
    assert AuditEvent.objects.filter(verb="episode.submitted", actor=personas.practitioner, child_id=child.pk).exists()
    assert AuditEvent.objects.filter(verb__startswith="assessment.sign_off_", actor=personas.team_manager).exists()
    assert AuditEvent.objects.filter(verb="api.referral_received", actor=north_system.account,
                                     object_id=str(episode.pk)).exists()


def test_the_same_referral_id_again_returns_the_same_episode_and_creates_nothing(client, personas, north_system):
    first = post(client, north_system, referral_body(personas)).json()
    counts = (Episode.objects.count(), Child.objects.count(), OutboxMessage.objects.count())
    again = post(client, north_system, referral_body(personas))
    assert again.status_code == 200
    assert again.json()["episode_id"] == first["episode_id"] and again.json()["created"] is False
    assert (Episode.objects.count(), Child.objects.count(), OutboxMessage.objects.count()) == counts
    assert InboundReferral.objects.count() == 1


def test_a_known_child_is_found_by_the_source_reference_not_created_again(client, personas, north_system, child):
    body = referral_body(personas, child={**referral_body(personas)["child"], "reference": "lcs-424242"})
    response = post(client, north_system, body)
    assert response.status_code == 201
    assert response.json()["child_id"] == str(child.pk)


def test_a_child_held_by_another_team_is_refused_without_saying_whose(client, personas, north_system):
    from csepathway.children.tests.factories import ChildFactory

    ChildFactory(allocated_team=personas.outsider.team, lcs_reference="LCS-777001")
    response = post(client, north_system, referral_body(personas))
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    assert Episode.objects.count() == 0


@pytest.mark.parametrize("changes, field", [
    ({"practitioner_email": "nobody@example.invalid"}, "practitioner_email"),
    ({"team_manager_email": "otto.manager@example.invalid"}, "team_manager_email"),
])
def test_an_unknown_practitioner_or_a_manager_of_another_team_is_422(client, personas, north_system, changes, field):
    response = post(client, north_system, referral_body(personas, **changes))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert Episode.objects.count() == 0 and Child.objects.count() == 0 and InboundReferral.objects.count() == 0


def test_a_level_a_guardrail_forbids_is_refused_and_leaves_nothing(client, personas, north_system):
    young = {**referral_body(personas)["child"], "date_of_birth": "2016-01-01"}
    response = post(client, north_system, referral_body(personas, child=young, proposed_risk_level="low"))
    assert response.status_code == 422
    assert Episode.objects.count() == 0 and Child.objects.count() == 0


def test_an_invalid_body_is_422_listing_the_fields(client, personas, north_system):
    body = referral_body(personas, source="post", proposed_risk_level="extreme")
    del body["concern"]
    response = post(client, north_system, body)
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"source", "proposed_risk_level", "concern"} <= fields


def test_screening_codes_the_tool_does_not_have_are_422(client, personas, north_system):
    screening = {**referral_body(personas)["screening"], "vulnerabilities": ["made_up"]}
    response = post(client, north_system, referral_body(personas, screening=screening))
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "screening"


def test_an_ehm_system_cannot_send_an_lcs_referral(client, personas, system_for):
    ehm = system_for(personas.team, name="NorthEHM", kind="ehm")
    assert post(client, ehm, referral_body(personas)).status_code == 422
