"""Pages added for issue 11 (a panel meeting's invitations and actions on pages of their own, the
workspace's due dates) and issue 13 (the Team Manager's answer to a screening that contradicts
itself), walked in the browser; axe checks every page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes.services import episode_start
from csepathway.meetings.actions.tests.test_actions import add_action
from csepathway.meetings.models import Invitee
from csepathway.meetings.services import meeting_schedule

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


def test_a_panel_meetings_invitations_and_actions_open_on_pages_of_their_own(page, live_server, personas):
    child = ChildFactory(first_name="Jordan", last_name="Paneltestchild", allocated_team=personas.team)
    episode = scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                                police=personas.police_coordinator, mase_required=True)
    starts = timezone.localtime() + dt.timedelta(days=5)
    meeting = meeting_schedule(actor=personas.cse_manager, episode=episode, kind="initial", starts_at=starts,
                               ends_at=starts + dt.timedelta(hours=1), location="Room 2, Civic Centre (test)",
                               chair=personas.mase_chair)
    for number in range(24):
        Invitee.objects.create(meeting=meeting, kind=Invitee.Kind.PROFESSIONAL, name=f"Pro Fessional{number}",
                               relationship="Youth worker", agency="Testshire Youth Service", email="",
                               invited_by=personas.practitioner)
        add_action(meeting, created_by=personas.mase_chair, description=f"Weekly check-in {number} (test)")

    waiting = ChildFactory(first_name="Alex", last_name="Waitingtestchild", allocated_team=personas.team)
    scenarios.decided(practitioner=personas.practitioner, child=waiting, cse_manager=personas.cse_manager,
                      police=personas.police_coordinator, mase_required=True)

    sign_in(page, live_server, personas.cse_manager)
    page.goto(f"{live_server.url}/episodes/workspace")
    expect(page.get_by_text("Initial MASE due").first).to_be_visible()
    check_page(page, "scale-01-workspace-due-dates")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}")
    expect(page.get_by_text("people are invited")).to_be_visible()
    check_page(page, "scale-02-meeting-summary")
    page.get_by_role("link", name="See everyone invited").click()
    expect(page.get_by_role("cell", name="Pro Fessional23 Youth worker")).to_be_visible()
    check_page(page, "scale-03-meeting-invitations")
    page.get_by_role("link", name="Back to the meeting").click()
    page.get_by_role("link", name="See every action from this meeting").click()
    expect(page.get_by_text("Weekly check-in 23 (test)")).to_be_visible()
    check_page(page, "scale-04-meeting-actions")


def test_the_team_manager_answers_a_screening_that_contradicts_itself(page, live_server, personas):
    child = ChildFactory(first_name="Robin", last_name="Screentestchild", allocated_team=personas.team)
    episode = episode_start(actor=personas.practitioner, child=child, concern="Seen in a car with adults (test).")

    sign_in(page, live_server, personas.practitioner)
    page.goto(f"{live_server.url}/episodes/{episode.pk}/screening")
    page.get_by_label("Why are you screening this child now?").fill("Seen in a car outside school (test).")
    page.locator("input[value='absent']").evaluate_all("inputs => inputs.forEach(input => input.checked = true)")
    page.locator("input[name='significant_cars'][value='recent']").check()
    page.get_by_role("radio", name="No current risk").check()
    page.get_by_role("button", name="Save screening").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "safeguards-01-screening-needs-a-reason")
    page.get_by_label("say why").fill("The driver was her uncle, confirmed with her mother (test).")
    page.get_by_role("radio", name="No current risk").check()
    page.get_by_role("button", name="Save screening").click()
    expect(page.get_by_text("stands only once your Team Manager agrees")).to_be_visible()
    check_page(page, "safeguards-02-episode-waits-for-the-team-manager")

    page.context.clear_cookies()
    sign_in(page, live_server, personas.team_manager)
    page.goto(f"{live_server.url}/episodes/{episode.pk}")
    page.get_by_role("link", name="Agree or do not agree").click()
    check_page(page, "safeguards-03-team-manager-answers")
    page.get_by_label("I do not agree").check()
    page.get_by_label("Comments for the practitioner").fill("Ask the school who else was in the car (test).")
    page.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_text("did not agree that there is no current risk")).to_be_visible()
    check_page(page, "safeguards-04-not-agreed")
