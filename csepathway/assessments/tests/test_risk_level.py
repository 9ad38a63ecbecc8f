"""The proposed risk level: chosen by the practitioner, checked against the guardrails in the
service, with the messages beside the field, the decision support beside the question, and the
rationale kept for the reviewers."""

import pytest
from django.core.exceptions import PermissionDenied

from csepathway.assessments import services
from csepathway.assessments.models import Assessment
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import assessment_services
from csepathway.episodes import services as episode_services
from csepathway.episodes.scenarios import signed_off

from .conftest import COMPLETE_ANSWERS, assessment_url, at_risk_episode, post_section, section_url, years_ago

pytestmark = pytest.mark.django_db


def started(personas, episode):
    assessment_services.episode_assessment_start(actor=personas.practitioner, episode=episode)
    episode.refresh_from_db()
    return episode


def propose(client, episode, level, rationale="Professional judgement (test).", **extra):
    return post_section(client, episode, "risk_level",
                        {"proposed_risk_level": level, "risk_rationale": rationale, **extra})


def page(response) -> str:
    return response.content.decode().replace("&#39;", "'")


def stored(episode) -> Assessment:
    return Assessment.objects.get(pk=episode.assessment.pk)


@pytest.fixture
def young_child(personas):
    return ChildFactory(first_name="Riley", last_name="Testchild", allocated_team=personas.team,
                        date_of_birth=years_ago(11))


def test_under_13_with_indicators_cannot_be_low(personas, client_for, young_child):
    episode = started(personas, at_risk_episode(personas.practitioner, young_child, significant={},
                                                other=["out_late"]))
    response = propose(client_for(personas.practitioner), episode, "low")

    assert response.status_code == 200
    text = page(response)
    assert "There is a problem" in text
    assert "cannot be rated Low" in text and "Rule: Under 13: not Low" in text
    assert 'href="#id_proposed_risk_level"' in text  # the summary links to the field
    assert "govuk-error-message" in text
    assessment = stored(episode)
    assert assessment.proposed_risk_level == "" and "risk_level" not in assessment.completed_sections


def test_learning_disability_with_indicators_cannot_be_low(personas, client_for):
    child = ChildFactory(first_name="Alex", last_name="Testchild", allocated_team=personas.team,
                         date_of_birth=years_ago(16), has_learning_disability=True)
    episode = started(personas, at_risk_episode(personas.practitioner, child, significant={},
                                                other=["out_late"], vulnerabilities=[]))
    response = propose(client_for(personas.practitioner), episode, "low")

    assert response.status_code == 200 and "Rule: Learning disability: not Low" in page(response)
    assert stored(episode).proposed_risk_level == ""
    assert propose(client_for(personas.practitioner), episode, "medium").status_code == 302
    assert stored(episode).proposed_risk_level == "medium"


def test_the_service_refuses_it_too(personas, young_child):
    episode = started(personas, at_risk_episode(personas.practitioner, young_child))
    with pytest.raises(services.GuardrailRefused) as refused:
        services.assessment_section_save(actor=personas.practitioner, assessment=episode.assessment,
                                         section="risk_level", expected_version=episode.assessment.version,
                                         answers={"proposed_risk_level": "low", "risk_rationale": "x"}, complete=True)
    assert [f.rule for f in refused.value.findings] == ["under_13_not_low"]
    assert episode.assessment.proposed_risk_level == ""  # the caller's object is left as it was


def test_under_13_with_a_significant_indicator_shows_the_referral_message(personas, client_for, young_child):
    episode = started(personas, at_risk_episode(personas.practitioner, young_child))
    client = client_for(personas.practitioner)
    for url in (assessment_url(episode), section_url(episode, "risk_level")):
        assert "must be referred to children's social care" in page(client.get(url))
    # A warning, not a block.
    assert propose(client, episode, "high").status_code == 302


def test_rationale_is_required(personas, client_for, episode):
    episode = started(personas, episode)
    response = propose(client_for(personas.practitioner), episode, "medium", rationale="")
    assert response.status_code == 200
    assert "Enter the rationale for the risk level you propose" in page(response)
    assert stored(episode).proposed_risk_level == ""


def test_a_level_lower_than_the_indicators_suggest_needs_its_reason_and_reviewers_see_it(personas, client_for,
                                                                                           child):
    episode = started(personas, at_risk_episode(personas.practitioner, child,
                                                significant={"cars": "recent", "missing": "recent"},
                                                vulnerabilities=["isolated", "low_self_esteem"]))  # 12: moderate
    client = client_for(personas.practitioner)
    refused = propose(client, episode, "low")
    assert refused.status_code == 200
    assert "Rule: Lower than the indicators suggest" in page(refused)
    assert 'href="#id_lower_reason"' in page(refused)

    accepted = propose(client, episode, "low", lower_reason="Both indicators stopped after a house move (test).")
    assert accepted.status_code == 302
    assessment = stored(episode)
    assert assessment.proposed_risk_level == "low"
    assert "Both indicators stopped after a house move (test)." in assessment.risk_rationale
    assert "lower than the indicators suggest" in assessment.risk_rationale

    episode = signed_off(episode=episode, practitioner=personas.practitioner)
    episode_services.episode_submit(actor=personas.practitioner, episode=episode, source="direct",
                                    source_reference="")
    for reviewer in (personas.cse_manager, personas.police_coordinator):
        assert "Both indicators stopped after a house move (test)." in page(client_for(reviewer).get(
            assessment_url(episode)))


def test_the_risk_level_page_shows_decision_support_and_the_definitions(personas, client_for, episode):
    episode = started(personas, episode)
    text = page(client_for(personas.practitioner).get(section_url(episode, "risk_level")))
    assert "Decision support" in text and "does not set the risk level" in text
    assert "Significant indicators now or in the last 6 months" in text
    assert "For information only: the older SERAF scoring" in text and "6 points" in text
    assert "not a score that sets the level" in text
    assert 'data-knowledge="risk-levels"' in text and "What the risk levels mean" in text
    for meaning in ("no evidence yet of offences", "Coercion and control are likely", "Exploitation is habitual"):
        assert meaning in text


def test_levels_come_from_the_version_the_assessment_was_made_with(personas, client_for, episode):
    from csepathway.assessments.defaults import RISK_LEVELS_V1
    from csepathway.core.configuration import configuration_publish

    episode = started(personas, episode)
    relabelled = {"levels": [{**level, "long_label": level["long_label"] + " (v2)"}
                             for level in RISK_LEVELS_V1["levels"]]}
    configuration_publish(kind="risk_levels", title="Risk levels v2 (test)", data=relabelled)
    text = page(client_for(personas.practitioner).get(section_url(episode, "risk_level")))
    assert "Medium: serious" in text and "(v2)" not in text


def test_a_draft_proposes_no_level(personas, client_for, episode):
    episode = started(personas, episode)
    response = post_section(client_for(personas.practitioner), episode, "risk_level",
                            {"proposed_risk_level": "high", "risk_rationale": "Draft (test)."}, action="later")
    assert response.status_code == 302
    assessment = stored(episode)
    assert assessment.proposed_risk_level == "" and assessment.sections["risk_level"]["proposed_risk_level"] == "high"


def test_new_indicators_that_break_a_guardrail_withdraw_the_proposed_level(personas, client_for, episode):
    episode = started(personas, episode)  # cars (recent) + 1 vulnerability = 6 points: Low is the suggestion
    client = client_for(personas.practitioner)
    assert propose(client, episode, "low").status_code == 302
    assert stored(episode).proposed_risk_level == "low"

    many = ["abuse_in_family", "family_breakdown", "family_stress", "looked_after", "low_self_esteem", "isolated"]
    response = post_section(client, episode, "vulnerabilities", {"vulnerabilities": many})  # now 11 points
    assert response.status_code == 302
    assessment = stored(episode)
    assert assessment.proposed_risk_level == "" and "risk_level" not in assessment.completed_sections
    assert "back in progress" in page(client.get(assessment_url(episode)))


def test_submitted_assessment_is_refused_by_the_service(personas, client_for, episode):
    episode = started(personas, episode)
    post_section(client_for(personas.practitioner), episode, "risk_level", COMPLETE_ANSWERS["risk_level"])
    episode = signed_off(episode=episode, practitioner=personas.practitioner)
    episode_services.episode_submit(actor=personas.practitioner, episode=episode, source="direct",
                                    source_reference="")
    assessment = stored(episode)
    with pytest.raises(PermissionDenied):
        services.assessment_section_save(actor=personas.practitioner, assessment=assessment, section="analysis",
                                         answers={"analysis": "x"}, expected_version=assessment.version,
                                         complete=False)


def test_the_risk_level_question_shows_the_definitions_and_the_self_check_questions(personas, client_for, episode):
    from .conftest import section_url

    assessment_services.episode_assessment_start(actor=personas.practitioner, episode=episode)
    page = client_for(personas.practitioner).get(section_url(episode, "risk_level")).content.decode()
    assert 'data-knowledge="risk-levels"' in page
    assert 'data-knowledge="self-check"' in page
