"""The episode's screening page (episodes:screening), with the personas, and the knowledge panels on it."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.configuration import configuration_current, configuration_publish
from csepathway.episodes.models import Episode, State
from csepathway.episodes.services import episode_start
from csepathway.screening.models import Screening

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(personas):
    return ChildFactory(allocated_team=personas.team)


@pytest.fixture
def episode(personas, child):
    return episode_start(actor=personas.practitioner, child=child, concern="Seen with older men (test).")


def page_url(episode):
    return reverse("episodes:screening", args=[episode.pk])


def hidden(html: str, name: str) -> str:
    return re.search(rf'<input type="hidden" name="{name}" value="([^"]*)">', html).group(1)


def answers(tool=None, **overrides):
    tool = tool or configuration_current("screening_tool")
    data = {"tool_version": str(tool.pk), "reason": "School saw her get into a car with an unknown adult (test).",
            "outcome": "at_risk", "other_indicators": ["out_late"], "vulnerabilities": ["low_self_esteem"],
            # The version a freshly started episode's page carries; a post without it is refused as stale.
            "episode_version": "1"}
    for item in tool.data["significant_indicators"]:
        data[f"significant_{item['code']}"] = "absent"
    for item in tool.data.get("criminal_indicators", []):
        data[f"criminal_{item['code']}"] = "absent"
    data["significant_cars"] = "recent"
    data.update(overrides)
    return data


def test_the_practitioner_sees_the_form_built_from_the_current_tool(personas, client_for, episode):
    response = client_for(personas.practitioner).get(page_url(episode))
    assert response.status_code == 200
    html = response.text
    tool = configuration_current("screening_tool")
    assert hidden(html, "tool_version") == str(tool.pk)
    assert hidden(html, "episode_version") == str(episode.version)
    for item in tool.data["significant_indicators"]:
        assert f'name="significant_{item["code"]}"' in html
    assert "Not present" in html and "Now or in the last 6 months" in html and "Earlier than 6 months ago" in html
    assert "govuk-radios--small" in html
    for outcome in tool.data["outcomes"]:
        assert outcome["meaning"].replace("'", "&#39;") in html


def test_the_practitioner_completes_a_screening(personas, client_for, episode):
    client = client_for(personas.practitioner)
    response = client.post(page_url(episode), answers())
    assert response.status_code == 302 and response.url == reverse("episodes:detail", args=[episode.pk])
    screening = Screening.objects.get()
    assert screening.tool == configuration_current("screening_tool")
    assert screening.significant_indicators == {"cars": "recent"}
    assert screening.other_indicators == ["out_late"] and screening.outcome == "at_risk"
    episode.refresh_from_db()
    assert episode.screening == screening and episode.state == State.DRAFT
    assert AuditEvent.objects.filter(verb="screening.completed", child_id=episode.child_id).exists()
    assert AuditEvent.objects.filter(verb="episode.screening_recorded", object_id=str(episode.pk)).exists()
    detail = client.get(response.url).text
    assert "Screening recorded. Outcome: At risk." in detail


@pytest.mark.parametrize("who", ["same_team_practitioner", "team_manager"])
def test_a_case_holder_in_the_same_team_can_screen(personas, client_for, episode, who):
    response = client_for(getattr(personas, who)).post(page_url(episode), answers())
    assert response.status_code == 302
    assert Screening.objects.get().completed_by == getattr(personas, who)


@pytest.mark.parametrize("who", ["outsider", "other_team_manager"])
def test_an_outsider_gets_404_and_nothing_is_written(personas, client_for, episode, who):
    client = client_for(getattr(personas, who))
    assert client.get(page_url(episode)).status_code == 404
    assert client.post(page_url(episode), answers()).status_code == 404
    assert not Screening.objects.exists()
    assert Episode.objects.get(pk=episode.pk).screening is None


@pytest.mark.parametrize("who", ["cse_worker", "cse_manager", "police_coordinator", "mase_chair", "auditor",
                                 "system_admin"])
def test_other_roles_are_refused_with_403(personas, client_for, episode, who):
    client = client_for(getattr(personas, who))
    assert client.get(page_url(episode)).status_code == 403
    assert client.post(page_url(episode), answers()).status_code == 403
    assert not Screening.objects.exists()


def test_signed_out_users_are_sent_to_sign_in(client, episode):
    response = client.get(page_url(episode))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))
    assert not Screening.objects.exists()


def test_errors_are_shown_in_a_govuk_error_summary_and_nothing_typed_is_lost(personas, client_for, episode):
    data = answers(significant_cars="absent", other_indicators=[], vulnerabilities=["bereavement", "isolated"],
                   significant_missing="earlier", reason="")
    data["significant_missing"] = "absent"
    data["significant_risky_places"] = "earlier"
    del data["significant_sexual_health"]
    response = client_for(personas.practitioner).post(page_url(episode), data | {"reason": "   "})
    assert response.status_code == 200
    html = response.text
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "<title>Error: " in html
    assert 'href="#id_reason"' in html and "Enter the reason for screening" in html
    assert 'href="#id_significant_sexual_health"' in html
    assert not Screening.objects.exists()
    # The answers given are still there.
    assert re.search(r'value="bereavement" checked', html) and re.search(r'value="isolated" checked', html)
    assert re.search(r'name="significant_risky_places" type="radio" value="earlier" checked', html)
    assert re.search(r'name="outcome" type="radio" value="at_risk" checked', html)


def test_at_risk_with_no_indicator_is_refused_on_the_page(personas, client_for, episode):
    data = answers(significant_cars="absent", other_indicators=[])
    response = client_for(personas.practitioner).post(page_url(episode), data)
    assert response.status_code == 200
    assert "You selected &#39;At risk&#39; but no indicators" in response.text
    assert 'href="#id_outcome"' in response.text
    assert "School saw her get into a car" in response.text  # the reason typed is kept
    assert not Screening.objects.exists()


def test_a_screening_keeps_the_tool_version_it_was_shown_with(personas, client_for, episode):
    client = client_for(personas.practitioner)
    v1 = configuration_current("screening_tool")
    html = client.get(page_url(episode)).text
    shown_version = hidden(html, "tool_version")
    assert shown_version == str(v1.pk)
    data_v2 = {**v1.data, "other_indicators": [*v1.data["other_indicators"],
                                               {"code": "new_phone", "label": "A new phone nobody paid for"}]}
    v2 = configuration_publish(kind="screening_tool", title="CSE screening tool v2", data=data_v2)
    response = client.post(page_url(episode), answers(v1, tool_version=shown_version))
    assert response.status_code == 302
    assert Screening.objects.get().tool == v1
    # A page opened now shows version 2.
    html = client.get(page_url(episode)).text
    assert hidden(html, "tool_version") == str(v2.pk) and "A new phone nobody paid for" in html


def test_no_current_risk_explains_what_it_means_and_offers_closing_or_screening_again(personas, client_for, episode):
    client = client_for(personas.practitioner)
    data = answers(significant_cars="absent", other_indicators=[], outcome="no_current_risk")
    response = client.post(page_url(episode), data, follow=True)
    meaning = next(o["meaning"] for o in configuration_current("screening_tool").data["outcomes"]
                   if o["code"] == "no_current_risk")
    assert "Outcome: No current risk." in response.text
    assert meaning in response.text and "you can close it from this page, or screen again later" in response.text
    assert reverse("episodes:close", args=[episode.pk]) in response.text
    episode.refresh_from_db()
    assert episode.state == State.DRAFT
    page = client.get(page_url(episode)).text
    assert 'data-screening-outcome="no_current_risk"' in page
    assert meaning in page
    assert f'href="{reverse("episodes:close", args=[episode.pk])}"' in page
    assert "screen again below" in page
    # Screening again replaces the episode's link; the first screening stays on record.
    first = Screening.objects.get()
    response = client.post(page_url(episode), answers(episode_version=hidden(page, "episode_version")))
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.screening != first and Screening.objects.count() == 2


def test_a_second_save_after_someone_else_screened_is_refused_and_keeps_the_answers(personas, client_for, episode):
    page = client_for(personas.practitioner).get(page_url(episode)).text
    seen = hidden(page, "episode_version")
    client_for(personas.same_team_practitioner).post(page_url(episode), answers(episode_version=seen))
    client = client_for(personas.practitioner)
    response = client.post(page_url(episode), answers(episode_version=seen, reason="My own words (test)."))
    assert response.status_code == 200
    assert "changed by someone else" in response.text and "My own words (test)." in response.text
    assert Screening.objects.count() == 1
    # Saving again, having read the message, is a choice the page lets them make.
    episode.refresh_from_db()
    assert hidden(response.text, "episode_version") == str(episode.version)
    response = client.post(page_url(episode), answers(episode_version=str(episode.version)))
    assert response.status_code == 302 and Screening.objects.count() == 2


def test_a_double_click_makes_one_screening(personas, client_for, episode):
    client = client_for(personas.practitioner)
    seen = str(episode.version)
    for _ in range(2):
        assert client.post(page_url(episode), answers(episode_version=seen)).status_code == 302
    assert Screening.objects.count() == 1


def test_a_submitted_episode_shows_its_screening_and_cannot_be_screened(personas, client_for, episode):
    client = client_for(personas.practitioner)
    client.post(page_url(episode), answers())
    Episode.objects.filter(pk=episode.pk).update(state=State.SUBMITTED, submission_round=1)
    html = client.get(page_url(episode)).text
    assert "The screening cannot be changed because the episode is submitted to the CSE team." in html
    assert "Latest screening" in html and "<form method=\"post\"" not in html
    response = client.post(page_url(episode), answers())
    assert response.status_code == 302
    assert Screening.objects.count() == 1


@override_settings(PROCEDURE_LINKS={"safeguarding_procedures": "https://procedures.example.test/cse",
                                    "partnership": "https://partnership.example.test/"})
def test_the_knowledge_panels_are_on_the_screening_page(personas, client_for, episode):
    html = client_for(personas.practitioner).get(page_url(episode)).text
    assert 'data-knowledge="risk-levels"' in html and 'data-knowledge="self-check"' in html
    for level in configuration_current("risk_levels").data["levels"]:
        assert level["long_label"] in html and level["meaning"] in html
    questions = configuration_current("knowledge").data["self_check"]["questions"]
    assert len(questions) == 7
    for question in questions:
        assert question["text"].replace("'", "&#39;") in html
    assert 'href="https://procedures.example.test/cse"' in html
    assert 'href="https://partnership.example.test/"' in html


def test_other_indicators_and_vulnerabilities_are_checkboxes(personas, client_for, episode):
    html = client_for(personas.practitioner).get(page_url(episode)).text
    assert re.search(r'name="other_indicators" type="checkbox" value="out_late"', html)
    assert re.search(r'name="vulnerabilities" type="checkbox" value="bereavement"', html)
    assert not re.search(r'name="(other_indicators|vulnerabilities)" type="radio"', html)


def test_a_save_without_the_episode_version_is_refused_like_a_stale_one(personas, client_for, episode):
    client_for(personas.same_team_practitioner).post(page_url(episode), answers(episode_version=str(episode.version)))
    data = answers(reason="Not seen theirs (test).")
    del data["episode_version"]
    response = client_for(personas.practitioner).post(page_url(episode), data)
    assert response.status_code == 200
    assert "changed by someone else" in response.text
    assert Screening.objects.count() == 1


@pytest.mark.parametrize("tool_version", ["not-an-id", "0", "'; DROP TABLE x; --", "1" * 400])
def test_a_malformed_tool_version_is_answered_with_the_form_not_an_error(personas, client_for, episode, tool_version):
    response = client_for(personas.practitioner).post(
        page_url(episode), answers(tool_version=tool_version, episode_version=str(episode.version)))
    assert response.status_code in (200, 302)
