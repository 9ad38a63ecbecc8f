"""The risk assessment in the browser: what a practitioner types is saved on the server as they
work (htmx autosave with JavaScript, "Save and come back later" without), so it is still there
after their session times out and they sign in again. Every page is checked with axe."""

import datetime as dt
import time

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import Page, expect

from csepathway.accounts.tests.factories import DEFAULT_PASSWORD
from csepathway.assessments import services as assessment_services
from csepathway.assessments.models import Assessment
from csepathway.assessments.sections import SECTIONS
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.configuration import configuration_current
from csepathway.episodes import services as episode_services
from csepathway.episodes.assessment_services import episode_assessment_start
from csepathway.episodes.models import Episode
from csepathway.screening.models import Outcome, Screening

from .conftest import check_page, expect_signed_in_layout, sign_in

pytestmark = pytest.mark.browser

VOICE_LABEL = "What does the child say about what is happening?"
WORDS = "“They buy me chips and give me lifts. I don't want them to get in trouble.” (test)"


@pytest.fixture
def episode(personas) -> Episode:
    """A draft episode whose screening found the child at risk."""
    today = timezone.localdate()
    child = ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team,
                         date_of_birth=dt.date(today.year - 15, 3, 14))
    episode = episode_services.episode_start(actor=personas.practitioner, child=child,
                                             concern="Seen getting into cars with unknown adults (test).")
    screening = Screening.objects.create(
        child=child, tool=configuration_current("screening_tool"), completed_by=personas.practitioner,
        reason="Concern from school (test).", significant_indicators={"cars": "recent"},
        other_indicators=["out_late"], vulnerabilities=["low_self_esteem"], outcome=Outcome.AT_RISK,
        completed_at=timezone.now())
    Episode.objects.filter(pk=episode.pk).update(screening=screening)
    episode.refresh_from_db()
    episode_assessment_start(actor=personas.practitioner, episode=episode)  # its start button is test_pathway's
    episode.refresh_from_db()
    return episode


def sign_in_again(page: Page, user) -> None:
    """On the sign-in page the timed-out session was sent to: sign in through the form."""
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
    page.get_by_label("Username", exact=True).fill(user.username)
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def open_child_voice(page: Page, live_server, episode) -> None:
    page.goto(f"{live_server.url}/episodes/{episode.pk}/assessment")
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk assessment")
    page.get_by_role("link", name="The child's voice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The child's voice")


def test_text_autosaved_before_the_session_times_out_is_there_after_signing_in_again(
        page, live_server, personas, episode, settings):
    sign_in(page, live_server, personas.practitioner)
    page.goto(f"{live_server.url}/episodes/{episode.pk}/assessment")
    expect(page.get_by_role("heading", name="Decision support")).to_be_visible()
    expect(page.locator(".govuk-task-list__item")).to_have_count(15)
    expect_signed_in_layout(page)
    check_page(page, "assessment-task-list")

    page.get_by_role("link", name="The child's voice").click()
    check_page(page, "assessment-child-voice")
    voice = page.get_by_label(VOICE_LABEL)
    status = page.locator("#autosave-status")
    voice.fill(WORDS[:20])
    # No button pressed: htmx saves the draft a moment after the typing stops...
    expect(status).to_contain_text("Saved as a draft at", timeout=10_000)
    first_version = Assessment.objects.get(episode=episode).version
    # ...and again, checked against the version the first autosave saved (not refused as stale).
    voice.fill(WORDS)
    page.wait_for_function(f"() => Number(document.querySelector('.app-assessment-version').value) > {first_version}",
                           timeout=10_000)
    expect(status).to_contain_text("Saved as a draft at")
    assert Assessment.objects.get(episode=episode).sections["child_voice"]["views"] == WORDS
    check_page(page, "assessment-child-voice-autosaved")

    # The session times out: idle for longer than the limit. An autosave after that shows why it
    # could not save, not the sign-in page.
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 1
    time.sleep(2)
    voice.press_sequentially(" Typed after the timeout.")
    expect(status).to_contain_text("You were signed out because your session ended", timeout=10_000)
    expect(status.locator("h1")).to_have_count(0)
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 30 * 60

    page.reload()
    expect(page).to_have_url(f"{live_server.url}/account/sign-in?next=/episodes/{episode.pk}/assessment/child-voice")
    check_page(page, "sign-in-after-timeout")
    sign_in_again(page, personas.practitioner)
    expect(page.get_by_role("heading", level=1)).to_have_text("The child's voice")
    expect(page.get_by_label(VOICE_LABEL)).to_have_value(WORDS)
    check_page(page, "assessment-child-voice-after-sign-in")

    page.get_by_role("link", name="Back to the assessment").click()
    child_voice = page.locator(".govuk-task-list__item", has_text="The child's voice")
    expect(child_voice).to_contain_text("In progress")


def test_without_javascript_save_and_come_back_later_keeps_the_draft_through_a_timeout(
        new_page, live_server, personas, episode):
    page = new_page(java_script_enabled=False)
    sign_in(page, live_server, personas.practitioner)
    open_child_voice(page, live_server, episode)
    check_page(page, "assessment-child-voice-without-javascript")
    page.get_by_label(VOICE_LABEL).fill(WORDS)
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk assessment")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("saved as a draft")
    check_page(page, "assessment-task-list-draft-saved")

    Session.objects.all().delete()  # the session ends on the server
    page.goto(f"{live_server.url}/episodes/{episode.pk}/assessment/child-voice")
    check_page(page, "sign-in-after-session-ended-without-javascript")
    sign_in_again(page, personas.practitioner)
    expect(page.get_by_label(VOICE_LABEL)).to_have_value(WORDS)


def test_risk_level_page_with_decision_support_and_a_guardrail_message(page, live_server, personas, episode):
    under_13 = timezone.localdate().replace(year=timezone.localdate().year - 11)
    type(episode.child).objects.filter(pk=episode.child.pk).update(date_of_birth=under_13)
    sign_in(page, live_server, personas.practitioner)
    page.goto(f"{live_server.url}/episodes/{episode.pk}/assessment")
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk assessment")
    check_page(page, "assessment-task-list-under-13")
    page.get_by_role("link", name="Proposed risk level and rationale").click()
    expect(page.get_by_role("heading", name="Decision support")).to_be_visible()
    expect(page.locator("main")).to_contain_text("must be referred to children's social care")
    check_page(page, "assessment-risk-level")

    page.get_by_label("Low: at risk").check()
    page.get_by_label("Why is this the right level?").fill("Early signs only (test).")
    page.locator("#id_completed").check()  # "Yes", the section is complete
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Rule: Under 13: not Low")
    expect(page.locator("#id_proposed_risk_level-error")).to_contain_text("cannot be rated Low")
    check_page(page, "assessment-risk-level-guardrail")


def test_every_section_page_passes_axe(page, live_server, personas, episode):
    sign_in(page, live_server, personas.practitioner)
    page.goto(f"{live_server.url}/episodes/{episode.pk}/assessment")
    check_page(page, "assessment-task-list")
    for section in SECTIONS:
        page.goto(f"{live_server.url}/episodes/{episode.pk}/assessment")
        page.get_by_role("link", name=section.title, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(section.title)
        check_page(page, f"assessment-section-{section.code}")
    # A repeatable section with a second entry, after "Add another".
    page.goto(f"{live_server.url}/episodes/{episode.pk}/assessment/associates")
    page.get_by_label("Name", exact=True).fill("Adult Testperson")
    page.get_by_role("button", name="Add another person").click()
    expect(page.get_by_role("group", name="Person 2")).to_be_visible()
    check_page(page, "assessment-section-associates-two-entries")


def test_two_people_saving_at_once_see_both_versions(new_page, live_server, personas, episode):
    page = new_page(java_script_enabled=False)  # no autosave: the one save below is the stale one
    sign_in(page, live_server, personas.practitioner)
    page.goto(f"{live_server.url}/episodes/{episode.pk}/assessment")
    check_page(page, "assessment-task-list-without-javascript")
    page.get_by_role("link", name="Analysis", exact=True).click()
    check_page(page, "assessment-section-analysis-without-javascript")
    assessment = Assessment.objects.get(episode=episode)
    assessment_services.assessment_section_save(
        actor=personas.same_team_practitioner, assessment=assessment, section="analysis",
        answers={"analysis": "Sam's analysis, saved first (test)."}, expected_version=assessment.version,
        complete=False)

    page.get_by_label("What is your analysis?").fill("Pat's analysis (test).")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Someone else changed this assessment while you were editing it")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Pat's analysis (test).")
    expect(table).to_contain_text("Sam's analysis, saved first (test).")
    check_page(page, "assessment-conflict")
    assessment.refresh_from_db()
    assert assessment.sections["analysis"]["analysis"] == "Sam's analysis, saved first (test)."
