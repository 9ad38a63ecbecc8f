"""Drafts saved on the server as the practitioner works: htmx autosave returns a small fragment and
persists; a stale save is refused with both versions shown and nothing overwritten."""

import re

import pytest

from csepathway.assessments import services
from csepathway.assessments.models import Assessment
from csepathway.episodes import assessment_services

from .conftest import post_section, section_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(personas, episode):
    assessment_services.episode_assessment_start(actor=personas.practitioner, episode=episode)
    episode.refresh_from_db()
    return episode


def stored(episode) -> Assessment:
    return Assessment.objects.get(pk=episode.assessment.pk)


def text(response) -> str:
    return response.content.decode()


def test_section_page_offers_autosave_and_save_and_come_back_later(personas, client_for, started):
    page = text(client_for(personas.practitioner).get(section_url(started, "child_voice")))
    url = section_url(started, "child_voice")
    assert f'hx-post="{url}"' in page and 'hx-trigger="input delay:2s"' in page
    assert 'hx-select=".app-autosave-result, .govuk-notification-banner"' in page
    assert 'hx-target="#autosave-status"' in page and 'id="autosave-status"' in page and 'role="status"' in page
    assert 'name="action" type="submit" value="later"' in page or 'value="later"' in page
    assert "Save and come back later" in page and "Have you completed this section?" in page
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]  # no inline scripts in the page body


def test_htmx_autosave_returns_the_fragment_and_persists(personas, client_for, started):
    version = started.assessment.version
    response = post_section(client_for(personas.practitioner), started, "child_voice",
                            {"views": "I feel safe at my nan's (test)."}, action="", completed="", htmx=True)

    assert response.status_code == 200
    fragment = text(response)
    assert "<html" not in fragment and re.search(r"Saved as a draft at \d{1,2}(:\d\d)?(am|pm)|midday|midnight",
                                                 fragment)
    assessment = stored(started)
    assert assessment.sections["child_voice"]["views"] == "I feel safe at my nan's (test)."
    assert "child_voice" not in assessment.completed_sections
    assert assessment.version == version + 1
    assert f'name="version" value="{version + 1}" class="app-assessment-version" hx-swap-oob="outerHTML:' in fragment


def test_autosave_never_completes_a_section(personas, client_for, started):
    client = client_for(personas.practitioner)
    post_section(client, started, "analysis", {"analysis": "Done (test)."})
    assert "analysis" in stored(started).completed_sections
    response = post_section(client, started, "analysis", {"analysis": "Changed (test)."}, completed="yes", htmx=True)
    assert "now in progress until you select" in text(response)
    assessment = stored(started)
    assert assessment.sections["analysis"]["analysis"] == "Changed (test)."
    assert "analysis" not in assessment.completed_sections


def _someone_else_saves(personas, episode, code, answers):
    assessment = stored(episode)
    services.assessment_section_save(actor=personas.same_team_practitioner, assessment=assessment, section=code,
                                     answers=answers, expected_version=assessment.version, complete=False)


def test_a_stale_save_is_refused_with_both_versions_shown_and_nothing_overwritten(personas, client_for, started):
    opened_at = started.assessment.version
    _someone_else_saves(personas, started, "child_voice", {"views": "Their words, saved first (test)."})

    response = post_section(client_for(personas.practitioner), started, "child_voice",
                            {"views": "My words, typed later (test)."}, version=opened_at)

    assert response.status_code == 409
    page = text(response)
    assert "Someone else changed this assessment" in page and "Nothing has been overwritten" in page
    assert "My words, typed later (test)." in page and "Their words, saved first (test)." in page
    assert stored(started).sections["child_voice"]["views"] == "Their words, saved first (test)."
    # The page offers to save "my" answers deliberately, against the version now saved.
    assert f'name="version" value="{opened_at + 1}"' in page
    assert 'name="views" value="My words, typed later (test)."' in page


def test_saving_my_version_instead_after_seeing_both(personas, client_for, started):
    opened_at = started.assessment.version
    _someone_else_saves(personas, started, "child_voice", {"views": "Theirs (test)."})
    client = client_for(personas.practitioner)
    post_section(client, started, "child_voice", {"views": "Mine (test)."}, version=opened_at)
    response = post_section(client, started, "child_voice", {"views": "Mine (test)."}, version=opened_at + 1)
    assert response.status_code == 302 and stored(started).sections["child_voice"]["views"] == "Mine (test)."


def test_a_stale_autosave_returns_a_fragment_saying_someone_else_changed_it(personas, client_for, started):
    opened_at = started.assessment.version
    _someone_else_saves(personas, started, "child_voice", {"views": "Theirs (test)."})
    response = post_section(client_for(personas.practitioner), started, "child_voice", {"views": "Mine (test)."},
                            version=opened_at, htmx=True)
    assert response.status_code == 200
    fragment = text(response)
    assert "Not saved" in fragment and "Someone else changed this assessment" in fragment
    assert "hx-swap-oob" not in fragment  # the page keeps the version it had
    assert stored(started).sections["child_voice"]["views"] == "Theirs (test)."


def test_the_pages_own_autosave_does_not_make_its_final_save_stale(personas, client_for, started):
    client = client_for(personas.practitioner)
    opened_at = started.assessment.version
    token = {"autosave_token": "page-one"}
    post_section(client, started, "analysis", {"analysis": "First words"}, htmx=True, version=opened_at, **token)
    # The autosave was still in flight when the person pressed "Save and continue": the page still
    # carries the version it was opened with.
    response = post_section(client, started, "analysis", {"analysis": "First words and more"}, version=opened_at,
                            **token)
    assert response.status_code == 302
    assessment = stored(started)
    assert assessment.sections["analysis"]["analysis"] == "First words and more"
    assert "analysis" in assessment.completed_sections


def test_another_pages_autosave_still_makes_a_save_stale(personas, client_for, started):
    client = client_for(personas.practitioner)
    opened_at = started.assessment.version
    post_section(client, started, "analysis", {"analysis": "Tab one"}, htmx=True, version=opened_at,
                 autosave_token="tab-one")
    response = post_section(client, started, "analysis", {"analysis": "Tab two"}, version=opened_at,
                            autosave_token="tab-two")
    assert response.status_code == 409
    assert stored(started).sections["analysis"]["analysis"] == "Tab one"


def test_an_error_page_keeps_the_version_the_page_was_opened_with(personas, client_for, started):
    opened_at = started.assessment.version
    _someone_else_saves(personas, started, "reason", {"reason": "Theirs"})
    response = post_section(client_for(personas.practitioner), started, "child_voice", {"views": ""},
                            version=opened_at)
    assert response.status_code == 200 and "There is a problem" in text(response)
    assert f'name="version" value="{opened_at}"' in text(response)


def test_a_draft_survives_the_session_ending(personas, client, started):
    client.force_login(personas.practitioner)
    post_section(client, started, "child_voice", {"views": "Typed before the timeout (test)."}, action="later",
                 completed="")
    client.logout()
    assert client.get(section_url(started, "child_voice")).status_code == 302  # to the sign-in page
    client.force_login(personas.practitioner)
    assert "Typed before the timeout (test)." in text(client.get(section_url(started, "child_voice")))
