"""The risk assessment pages: the task list, every section saved as a draft and completed, who may
see and change what, drafts by htmx autosave, the version check and the guardrails."""

import re

import pytest
from django.urls import reverse

from csepathway.assessments.models import Assessment
from csepathway.assessments.sections import SECTIONS
from csepathway.audit.models import AuditEvent
from csepathway.episodes import assessment_services
from csepathway.episodes import services as episode_services
from csepathway.episodes.models import Episode
from csepathway.episodes.scenarios import signed_off
from csepathway.screening.models import Outcome

from .conftest import COMPLETE_ANSWERS, assessment_url, at_risk_episode, post_section, section_url

pytestmark = pytest.mark.django_db


def started(personas, episode) -> Episode:
    assessment_services.episode_assessment_start(actor=personas.practitioner, episode=episode)
    episode.refresh_from_db()
    return episode


def text(response) -> str:
    return response.content.decode()


# The task list ---------------------------------------------------------------------------------------

def test_opening_the_assessment_offers_to_start_it_and_creates_nothing(personas, client_for, episode):
    response = client_for(personas.practitioner).get(assessment_url(episode))

    assert response.status_code == 200
    page = text(response)
    assert "Start the risk assessment" in page and 'method="post"' in page
    assert "Practitioner&#39;s sign-off" in page  # what lies ahead, before anything is created
    episode.refresh_from_db()
    assert episode.assessment is None and not Assessment.objects.exists()
    assert not AuditEvent.objects.filter(verb="episode.assessment_started").exists()


def test_starting_the_assessment_is_a_post_that_links_it_to_the_episode(personas, client_for, episode):
    client = client_for(personas.practitioner)

    response = client.post(assessment_url(episode))

    assert response.status_code == 302 and response.url == assessment_url(episode)
    episode.refresh_from_db()
    assessment = episode.assessment
    assert assessment is not None and assessment.screening == episode.screening
    assert assessment.configuration.kind == "assessment" and assessment.risk_levels.kind == "risk_levels"
    assert AuditEvent.objects.filter(verb="episode.assessment_started", object_id=str(episode.pk)).exists()
    assert "You have completed 0 of 15 sections" in text(client.get(assessment_url(episode)))


def test_a_double_clicked_start_starts_one_assessment(personas, client_for, episode):
    client = client_for(personas.practitioner)
    for _ in range(2):
        assert client.post(assessment_url(episode)).status_code == 302
    assert Assessment.objects.filter(child=episode.child).count() == 1


@pytest.mark.parametrize("persona", ["outsider", "other_team_manager", "cse_manager", "police_coordinator"])
def test_only_the_case_holders_can_start_the_assessment(personas, client_for, episode, persona):
    response = client_for(getattr(personas, persona)).post(assessment_url(episode))
    assert response.status_code == 404
    assert not Assessment.objects.exists()


def test_the_assessment_cannot_be_started_before_an_at_risk_screening(personas, client_for, child):
    episode = at_risk_episode(personas.practitioner, child, outcome=Outcome.NO_CURRENT_RISK)
    response = client_for(personas.practitioner).post(assessment_url(episode))
    assert response.status_code == 302 and response.url == reverse("episodes:detail", args=[episode.pk])
    assert not Assessment.objects.exists()


# Every section named in shared/domain/REFERENCE.md "Risk assessment (NWG-style) sections".
REFERENCE_SECTIONS = [
    "Child's details and current plan", "Reason for assessment", "The child's voice", "Parents' or carers' views",
    "Vulnerabilities", "Indicators with evidence", "Missing episodes", "Associates and persons of concern",
    "Places of concern", "Exploitation type and model", "Strengths and protective factors", "Analysis",
    "Proposed risk level and rationale", "Completed with the child and parents or carers",
    "Practitioner's sign-off",
]


def test_every_section_in_the_reference_is_on_the_task_list_with_its_status(personas, client_for, episode):
    started(personas, episode)
    page = text(client_for(personas.practitioner).get(assessment_url(episode))).replace("&#39;", "'")

    for title in REFERENCE_SECTIONS:
        assert title in page, title
    assert [s.title for s in SECTIONS] == REFERENCE_SECTIONS
    assert page.count("Not yet started") == len(SECTIONS)
    assert "You have completed 0 of 15 sections" in page
    for section in SECTIONS:
        assert section_url(episode, section.code) in page
    assert "Decision support" in page


def test_who_is_involved_is_asked_beside_the_child_record(personas, client_for, episode):
    started(personas, episode)
    page = text(client_for(personas.practitioner).get(section_url(episode, "child_details")))
    assert "From the child" in page and "Jordan Testchild" in page and "Child in need" in page
    assert "Who is involved with the child and their family?" in page


def test_screening_not_at_risk_means_no_assessment(personas, client_for, child):
    episode = at_risk_episode(personas.practitioner, child, outcome=Outcome.NO_CURRENT_RISK)
    response = client_for(personas.practitioner).get(assessment_url(episode))
    assert response.status_code == 302 and response.url == reverse("episodes:detail", args=[episode.pk])
    assert not Assessment.objects.exists()


# Every section: a draft, then completed ----------------------------------------------------------

@pytest.mark.parametrize("code", [s.code for s in SECTIONS])
def test_practitioner_saves_each_section_as_a_draft_then_completes_it(personas, client_for, episode, code):
    episode = started(personas, episode)
    client = client_for(personas.practitioner)
    assert client.get(section_url(episode, code)).status_code == 200

    draft = post_section(client, episode, code, COMPLETE_ANSWERS[code], action="later", completed="")
    assert draft.status_code == 302 and draft.url == assessment_url(episode)
    episode.assessment.refresh_from_db()
    assert code in episode.assessment.sections and code not in episode.assessment.completed_sections
    assert "In progress" in text(client.get(assessment_url(episode)))

    done = post_section(client, episode, code, COMPLETE_ANSWERS[code])
    assert done.status_code == 302, re.findall(r'govuk-error-message">(.*?)</p>', text(done), re.S)
    assessment = Assessment.objects.get(pk=episode.assessment.pk)
    assert code in assessment.completed_sections
    answers = assessment.sections[code]
    for name, value in COMPLETE_ANSWERS[code].items():
        if name.startswith("entries-") or name == "entry_count" or name.endswith(("_day", "_month", "_year")):
            continue
        assert answers[name] == value, name
    # Opening the section again shows what was saved, and the section marked complete.
    page = text(client.get(section_url(episode, code)))
    assert 'value="yes" checked' in page


def test_repeatable_entries_are_kept_with_every_detail(personas, client_for, episode):
    episode = started(personas, episode)
    client = client_for(personas.practitioner)
    post_section(client, episode, "associates", COMPLETE_ANSWERS["associates"])
    entry = Assessment.objects.get(pk=episode.assessment.pk).sections["associates"]["entries"][0]
    assert entry == {"name": "Adult Testperson", "nickname": "Tee", "date_of_birth": {"day": "", "month": "",
                                                                                      "year": ""},
                     "description": "Older adult with a car (test).", "phone": "07700 900000",
                     "vehicle": "Blue hatchback (test)", "online_handle": "@tee_test"}

    post_section(client, episode, "missing_episodes", COMPLETE_ANSWERS["missing_episodes"])
    missing = Assessment.objects.get(pk=episode.assessment.pk).sections["missing_episodes"]["entries"][0]
    assert missing["return_interview"] == "yes" and missing["went_missing"]["year"]


def test_add_another_saves_the_draft_and_shows_a_blank_entry(personas, client_for, episode):
    episode = started(personas, episode)
    client = client_for(personas.practitioner)
    answers = {"any_known": "yes", "entry_count": "2", "entries-0-place": "Testtown park",
               "entries-1-place": "", "entries-1-description": ""}
    response = post_section(client, episode, "places", answers, action="add", completed="")

    assert response.status_code == 302 and response.url.endswith("?add=1#entry-2")
    stored = Assessment.objects.get(pk=episode.assessment.pk).sections["places"]
    assert stored["entries"] == [{"place": "Testtown park", "description": ""}]  # the blank one is dropped
    page = text(client.get(response.url))
    assert 'id="entry-2"' in page and "Place 2" in page and 'name="entries-1-place"' in page


def test_completing_a_section_with_missing_answers_shows_errors_and_writes_nothing(personas, client_for, episode):
    episode = started(personas, episode)
    before = episode.assessment.version
    response = post_section(client_for(personas.practitioner), episode, "child_voice", {"views": ""})

    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page and "Enter what the child says, in their own words" in page
    assert "<title>Error: " in page
    assert Assessment.objects.get(pk=episode.assessment.pk).version == before


def test_have_you_completed_this_section_must_be_answered(personas, client_for, episode):
    episode = started(personas, episode)
    response = post_section(client_for(personas.practitioner), episode, "analysis", {"analysis": "x"}, completed="")
    assert response.status_code == 200 and "Select whether you have completed this section" in text(response)


def test_answering_no_saves_a_draft(personas, client_for, episode):
    episode = started(personas, episode)
    response = post_section(client_for(personas.practitioner), episode, "analysis", {"analysis": ""}, completed="no")
    assert response.status_code == 302
    assessment = Assessment.objects.get(pk=episode.assessment.pk)
    assert "analysis" in assessment.sections and "analysis" not in assessment.completed_sections


def test_vulnerabilities_are_prefilled_from_the_screening(personas, client_for, child):
    episode = started(personas, at_risk_episode(personas.practitioner, child, vulnerabilities=["isolated"]))
    page = text(client_for(personas.practitioner).get(section_url(episode, "vulnerabilities")))
    assert re.search(r'value="isolated" checked', page)
    assert not re.search(r'value="bereavement" checked', page)


def test_indicators_section_asks_about_each_indicator_ticked_in_the_screening(personas, client_for, child):
    episode = started(personas, at_risk_episode(personas.practitioner, child, significant={"missing": "earlier"},
                                                other=["drug_misuse"]))
    page = text(client_for(personas.practitioner).get(section_url(episode, "indicators")))
    assert "Repeatedly missing from home" in page and "Drug misuse" in page
    assert "Getting into or out of cars" not in page
    assert 'name="missing-window" type="radio" value="earlier" checked' in page
    assert "Professional concern" in page


def test_same_team_practitioner_can_work_on_the_assessment(personas, client_for, episode):
    episode = started(personas, episode)
    client = client_for(personas.same_team_practitioner)
    assert client.get(assessment_url(episode)).status_code == 200
    response = post_section(client, episode, "analysis", COMPLETE_ANSWERS["analysis"])
    assert response.status_code == 302
    assert "analysis" in Assessment.objects.get(pk=episode.assessment.pk).completed_sections


def test_team_manager_of_the_team_can_open_it(personas, client_for, episode):
    started(personas, episode)
    assert client_for(personas.team_manager).get(section_url(episode, "analysis")).status_code == 200


# Who may not ---------------------------------------------------------------------------------------

def test_outsider_gets_404_and_nothing_is_written(personas, client_for, episode):
    client = client_for(personas.outsider)
    assert client.get(assessment_url(episode)).status_code == 404
    assert not Assessment.objects.exists()  # the first visit of an outsider starts nothing

    episode = started(personas, episode)
    version = episode.assessment.version
    assert client.get(section_url(episode, "child_voice")).status_code == 404
    response = post_section(client, episode, "child_voice", {"views": "Outsider text"}, action="later")
    assert response.status_code == 404
    response = post_section(client, episode, "child_voice", {"views": "Outsider text"}, htmx=True)
    assert response.status_code == 404
    assessment = Assessment.objects.get(pk=episode.assessment.pk)
    assert assessment.version == version and assessment.sections == {}


def test_other_team_manager_gets_404(personas, client_for, episode):
    started(personas, episode)
    assert client_for(personas.other_team_manager).get(assessment_url(episode)).status_code == 404
    assert client_for(personas.other_team_manager).get(section_url(episode, "analysis")).status_code == 404


def test_police_coordinator_never_sees_a_draft_assessment(personas, client_for, episode):
    episode = started(personas, episode)
    post_section(client_for(personas.practitioner), episode, "child_voice", {"views": "Secret draft words"})
    client = client_for(personas.police_coordinator)

    task_list = client.get(assessment_url(episode))
    section = client.get(section_url(episode, "child_voice"))
    posted = post_section(client, episode, "child_voice", {"views": "Police text"}, action="later")

    assert task_list.status_code == 404 and section.status_code in (403, 404) and posted.status_code in (403, 404)
    for response in (task_list, section, posted):
        assert "Secret draft words" not in text(response)
    assert Assessment.objects.get(pk=episode.assessment.pk).sections["child_voice"]["views"] == "Secret draft words"


@pytest.mark.parametrize("persona", ["cse_worker", "cse_manager", "police_coordinator", "auditor", "system_admin"])
def test_other_roles_cannot_see_a_draft_assessment(personas, client_for, episode, persona):
    started(personas, episode)
    response = client_for(getattr(personas, persona)).get(assessment_url(episode))
    assert response.status_code in (403, 404)


def test_unknown_section_is_404(personas, client_for, episode):
    started(personas, episode)
    url = reverse("episodes:assessment_section", args=[episode.pk, "no-such-section"])
    assert client_for(personas.practitioner).get(url).status_code == 404
    url = reverse("episodes:assessment_section", args=[episode.pk, "child_voice"])  # codes are hyphenated in URLs
    assert client_for(personas.practitioner).get(url).status_code == 404


# Submitted: read-only ------------------------------------------------------------------------------

def complete_risk_level(client, episode, **answers):
    return post_section(client, episode, "risk_level", {**COMPLETE_ANSWERS["risk_level"], **answers})


def submit(personas, episode) -> Episode:
    episode = signed_off(episode=episode, practitioner=personas.practitioner)
    return episode_services.episode_submit(actor=personas.practitioner, episode=episode, source="lcs",
                                           source_reference="LCS-900001")


def test_submitted_assessment_cannot_be_edited(personas, client_for, episode):
    episode = started(personas, episode)
    client = client_for(personas.practitioner)
    assert complete_risk_level(client, episode).status_code == 302
    submit(personas, episode)
    episode.refresh_from_db()
    version = episode.assessment.version

    get = client.get(section_url(episode, "analysis"))
    posted = post_section(client, episode, "analysis", {"analysis": "Late change"})
    autosave = post_section(client, episode, "analysis", {"analysis": "Late change"}, htmx=True)

    assert get.status_code == 302 and get.url == assessment_url(episode)
    assert posted.status_code == 302
    assert autosave.status_code == 200 and "Not saved" in text(autosave) and "sent to the CSE team" in text(autosave)
    assessment = Assessment.objects.get(pk=episode.assessment.pk)
    assert assessment.version == version and "analysis" not in assessment.sections
    page = text(client.get(assessment_url(episode)))
    assert section_url(episode, "analysis") not in page and "Evidence of exchange for lifts" in page


def test_reviewers_read_the_submitted_assessment_with_its_rationale(personas, client_for, episode):
    episode = started(personas, episode)
    complete_risk_level(client_for(personas.practitioner), episode)
    submit(personas, episode)
    for reviewer in (personas.cse_manager, personas.police_coordinator):
        response = client_for(reviewer).get(assessment_url(episode))
        assert response.status_code == 200
        assert "Evidence of exchange for lifts (test)." in text(response)
        assert client_for(reviewer).get(section_url(episode, "analysis")).status_code == 403


def test_returned_assessment_can_be_edited_again(personas, client_for, episode):
    episode = started(personas, episode)
    client = client_for(personas.practitioner)
    complete_risk_level(client, episode)
    episode = submit(personas, episode)
    episode_services.episode_return(actor=personas.cse_manager, episode=episode, reason="Say more (test).")
    response = post_section(client, episode, "analysis", COMPLETE_ANSWERS["analysis"])
    assert response.status_code == 302
    assert "analysis" in Assessment.objects.get(pk=episode.assessment.pk).completed_sections
