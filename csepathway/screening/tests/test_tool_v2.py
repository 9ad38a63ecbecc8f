"""Version 2 of the screening tool (the combined child exploitation tool) beside version 1: new
screenings use version 2 and answer its criminal-exploitation indicators; screenings already made
with version 1 keep it and are shown with its questions (docs/adr/0063)."""

import pytest
from django.urls import reverse

from csepathway.children.tests.factories import ChildFactory
from csepathway.core.configuration import configuration_current
from csepathway.core.models import ConfigurationVersion
from csepathway.episodes.screening_services import episode_screening_record
from csepathway.episodes.services import episode_start
from csepathway.screening.defaults import CRIMINAL_INDICATORS_V2, SCREENING_TOOL_V1
from csepathway.screening.models import Screening
from csepathway.screening.services import ScreeningInvalid, screening_complete

from .test_episode_screening_page import answers

pytestmark = pytest.mark.django_db


def tool_version(number: int) -> ConfigurationVersion:
    return ConfigurationVersion.objects.get(kind="screening_tool", version=number)


@pytest.fixture
def episode(personas):
    child = ChildFactory(first_name="Ferne", last_name="Testchild-Two", allocated_team=personas.team)
    return episode_start(actor=personas.practitioner, child=child, concern="Found out of area with cash (test).")


@pytest.fixture
def older_episode(personas):
    child = ChildFactory(first_name="Alder", last_name="Testchild-One", allocated_team=personas.team)
    return episode_start(actor=personas.practitioner, child=child, concern="Seen in cars with adults (test).")


def page(client, episode) -> str:
    return client.get(reverse("episodes:screening", args=[episode.pk])).text


def test_version_2_is_the_current_tool_and_keeps_every_question_of_version_1():
    v1, v2 = tool_version(1), configuration_current("screening_tool")
    assert v2.version == 2 and v1.data == SCREENING_TOOL_V1
    for key in ("significant_indicators", "other_indicators", "vulnerabilities", "time_windows"):
        assert v2.data[key] == v1.data[key]
    assert [item["code"] for item in v2.data["criminal_indicators"]] == [i["code"] for i in CRIMINAL_INDICATORS_V2]
    assert len(CRIMINAL_INDICATORS_V2) == 10
    assert "criminal_indicators" not in v1.data


def test_a_new_screening_asks_the_criminal_indicators_with_the_same_time_windows(personas, client_for, episode):
    html = page(client_for(personas.practitioner), episode)
    assert "<h1 class=\"govuk-heading-l\">Child exploitation screening</h1>" in html
    assert "Indicators of criminal exploitation" in html
    for item in CRIMINAL_INDICATORS_V2:
        assert f'name="criminal_{item["code"]}"' in html
    # Each criminal indicator offers the three answers a significant indicator does.
    assert html.count('name="criminal_drug_debts"') == 3


def test_a_version_2_screening_stores_its_criminal_indicators(personas, client_for, episode):
    data = answers(criminal_drugs_cash_weapons="recent", criminal_phones_sims="earlier")
    response = client_for(personas.practitioner).post(reverse("episodes:screening", args=[episode.pk]), data)
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert screening.tool.version == 2
    assert screening.criminal_indicators == {"drugs_cash_weapons": "recent", "phones_sims": "earlier"}
    assert screening.significant_indicators == {"cars": "recent"}


def test_every_criminal_indicator_must_be_answered(personas, client_for, episode):
    data = answers()
    del data["criminal_hotel_keys"]
    response = client_for(personas.practitioner).post(reverse("episodes:screening", args=[episode.pk]), data)
    assert response.status_code == 200
    assert "Hotel keys or receipts" in response.text and 'href="#id_criminal_hotel_keys' in response.text
    assert not Screening.objects.exists()


def test_at_risk_on_criminal_indicators_alone_is_accepted(personas, client_for, episode):
    data = answers(significant_cars="absent", other_indicators=[], criminal_older_peers="recent")
    response = client_for(personas.practitioner).post(reverse("episodes:screening", args=[episode.pk]), data)
    assert response.status_code == 302
    assert Screening.objects.get().criminal_indicators == {"older_peers": "recent"}


def test_a_recent_criminal_indicator_with_no_current_risk_needs_a_reason(personas, client_for, episode):
    data = answers(significant_cars="absent", other_indicators=[], outcome="no_current_risk",
                   criminal_fear_of_reprisals="recent")
    response = client_for(personas.practitioner).post(reverse("episodes:screening", args=[episode.pk]), data)
    assert response.status_code == 200 and "Say why there is no current risk" in response.text
    data["no_risk_reason"] = "The fear was of a school bully, now dealt with (test)."
    response = client_for(personas.practitioner).post(reverse("episodes:screening", args=[episode.pk]), data)
    assert response.status_code == 302
    assert hasattr(Screening.objects.get(), "challenge")


def test_a_form_shown_with_version_1_is_saved_against_version_1_without_criminal_questions(
        personas, client_for, episode):
    v1 = tool_version(1)
    response = client_for(personas.practitioner).post(reverse("episodes:screening", args=[episode.pk]),
                                                      answers(tool=v1))
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert screening.tool == v1 and screening.criminal_indicators == {}


def test_version_1_has_no_criminal_indicators_to_record(personas, episode):
    with pytest.raises(ScreeningInvalid):
        screening_complete(actor=personas.practitioner, child=episode.child, tool=tool_version(1),
                           reason="Test.", significant_indicators={}, other_indicators=[], vulnerabilities=[],
                           outcome="at_risk", criminal_indicators={"drug_debts": "recent"})


def test_screenings_of_each_version_are_shown_side_by_side_with_their_own_questions(
        personas, client_for, episode, older_episode):
    episode_screening_record(actor=personas.practitioner, episode=older_episode, tool=tool_version(1),
                             reason="Seen in cars (test).", significant_indicators={"cars": "recent"},
                             other_indicators=[], vulnerabilities=[], outcome="at_risk")
    episode_screening_record(actor=personas.practitioner, episode=episode, tool=tool_version(2),
                             reason="Found with cash (test).", significant_indicators={},
                             criminal_indicators={"drugs_cash_weapons": "recent"},
                             other_indicators=[], vulnerabilities=[], outcome="at_risk")
    client = client_for(personas.practitioner)
    old, new = page(client, older_episode), page(client, episode)

    assert "CSE screening tool v1" in old
    assert "Getting into or out of cars driven by adults they do not know (now or in the last 6 months)" in old
    assert "Criminal exploitation indicators" not in old.split("Latest screening")[1].split("</dl>")[0]

    assert "Child exploitation screening tool v2" in new
    assert ("Found with drugs, cash or weapons, including drugs hidden inside the body (now or in the last 6 "
            "months)") in new
    assert "Criminal exploitation indicators" in new.split("Latest screening")[1].split("</dl>")[0]
