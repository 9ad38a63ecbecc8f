"""A MASE meeting from first invite to outcome, in the browser, as the four people who run it: the
CSE Team Manager schedules it; the practitioner invites a professional, a parent and the child and
prints the child's letter; the chair records attendance and the minutes with two actions and a
changed risk level, publishes them and downloads the PDF; the practitioner reads the outcome case
note. axe checks every page."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.meetings.models import Action, Invitee, MaseMeeting

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


def _pdf_text(download) -> str:
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    # Table cells wrap: compare words, not lines.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _fill_date(scope, day: dt.date) -> None:
    scope.get_by_label("Day").fill(str(day.day))
    scope.get_by_label("Month").fill(str(day.month))
    scope.get_by_label("Year").fill(str(day.year))


def _schedule(page, live_server, child, personas, day) -> MaseMeeting:
    sign_in(page, live_server, personas.cse_manager)
    page.goto(f"{live_server.url}/children/{child.pk}")
    check_page(page, "mase-01-child-record")
    page.get_by_role("button", name="Schedule a MASE meeting").click()
    check_page(page, "mase-02-schedule")
    page.get_by_label("Initial MASE").check()
    _fill_date(page, day)
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("11:30")
    page.get_by_label("Where is the meeting?").fill("Room 4, Civic Centre (test)")
    page.get_by_label("Who will chair the meeting?").select_option(label=personas.mase_chair.get_full_name())
    page.get_by_role("button", name="Schedule meeting").click()
    expect(page.get_by_text("Room 4, Civic Centre (test)").first).to_be_visible()
    check_page(page, "mase-03-scheduled")
    return MaseMeeting.objects.get()


def _invite(page, meeting_url, *, kind: str, name: str = "", relationship: str = "", agency: str = "",
            email: str = "", shot: str) -> None:
    page.goto(meeting_url)
    page.get_by_role("button", name="Invite someone").click()
    page.get_by_label(kind).check()
    if name:
        page.get_by_label("Full name").fill(name)
    if relationship:
        page.get_by_label("Relationship to the child, or job title").fill(relationship)
    if agency:
        page.get_by_label("Agency or organisation").fill(agency)
    if email:
        page.get_by_label("Email address (optional)").fill(email)
    check_page(page, shot)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("heading", name="MASE meeting")).to_be_visible()


def _add_action(page, *, what: str, kind: str, owner: str, agency: str, due: dt.date, shot: str) -> None:
    page.get_by_role("button", name="Add an action").click()
    page.get_by_label("What is to be done?").fill(what)
    page.get_by_label(kind).check()
    page.get_by_label("Who will do it?").fill(owner)
    page.get_by_label("Which agency are they from?").fill(agency)
    _fill_date(page, due)
    check_page(page, shot)
    page.locator("form button.govuk-button").first.click()
    expect(page.get_by_text(what)).to_be_visible()


def test_a_mase_from_invitations_to_the_outcome_case_note(new_page, live_server, personas):
    child = ChildFactory(first_name="Robin", last_name="Testchild", allocated_team=personas.team,
                         lcs_reference="LCS-888001")
    scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                      police=personas.police_coordinator, level="high", mase_required=True)
    day = timezone.localdate() + dt.timedelta(days=7)

    manager = new_page()
    meeting = _schedule(manager, live_server, child, personas, day)
    meeting_url = f"{live_server.url}/meetings/{meeting.pk}"

    # The practitioner invites a professional, a parent and the child, and prints the child's letter.
    practitioner = new_page()
    sign_in(practitioner, live_server, personas.practitioner)
    practitioner.goto(meeting_url)
    check_page(practitioner, "mase-04-practitioner-meeting")
    _invite(practitioner, meeting_url, kind="Professional", name="Dana Schoolnurse", relationship="School nurse",
            agency="Testshire Health", email="dana.nurse@health.test.invalid", shot="mase-05-invite-professional")
    _invite(practitioner, meeting_url, kind="Parent, carer or family member", name="Alex Testparent",
            relationship="Parent", shot="mase-06-invite-parent")
    _invite(practitioner, meeting_url, kind="The child or young person", shot="mase-07-invite-child")
    check_page(practitioner, "mase-08-invited")
    assert Invitee.objects.filter(meeting=meeting, added_automatically=False).count() == 3
    child_invitee = Invitee.objects.get(meeting=meeting, kind=Invitee.Kind.CHILD)
    letter_link = practitioner.locator(f'a[href$="/meetings/invitees/{child_invitee.pk}/letter"]')
    with practitioner.expect_download() as letter:
        letter_link.click()
    assert "Robin" in _pdf_text(letter.value)

    # A week on, the meeting has taken place: attendance and minutes are for what happened (issue 13,
    # point 4), so the meeting is moved to an hour ago rather than the clock a week on.
    started = timezone.now() - dt.timedelta(hours=1)
    MaseMeeting.objects.filter(pk=meeting.pk).update(starts_at=started, ends_at=started + dt.timedelta(minutes=50))

    # The chair records who came, the minutes, two actions and a changed risk level, and publishes.
    chair = new_page()
    sign_in(chair, live_server, personas.mase_chair)
    chair.goto(meeting_url)
    check_page(chair, "mase-09-chair-meeting")
    nurse = Invitee.objects.get(meeting=meeting, name="Dana Schoolnurse")
    chair.goto(f"{live_server.url}/meetings/invitees/{nurse.pk}")
    check_page(chair, "mase-10-attendance")
    chair.get_by_label("Attended").check()
    chair.get_by_role("button", name="Save status").click()
    expect(chair.get_by_role("heading", name="MASE meeting")).to_be_visible()

    chair.get_by_role("link", name="Record minutes").first.click()
    check_page(chair, "mase-11-minutes-item")
    chair.get_by_label("What information was shared?").fill("School reports better attendance (test).")
    chair.get_by_label("Medium: serious").check()
    chair.get_by_label("Why did the group agree this risk level?").fill(
        "No missing episodes for six weeks; still in contact with the older associate (test).")
    chair.get_by_role("button", name="Save minutes").click()
    expect(chair.get_by_role("heading", name="Minutes for Robin Testchild")).to_be_visible()
    check_page(chair, "mase-12-minutes-saved")
    _add_action(chair, what="Weekly check-in with Robin at school (test)", kind="Support for the child",
                owner="Dana Schoolnurse", agency="Testshire Health", due=day + dt.timedelta(days=14),
                shot="mase-13-action-support")
    _add_action(chair, what="Visit the takeaway named in the minutes (test)", kind="Disruption (perpetrators, places)",
                owner="PC Test Officer", agency="Testshire Police", due=day + dt.timedelta(days=10),
                shot="mase-14-action-disruption")
    assert Action.objects.filter(episode__child=child).count() == 2

    chair.goto(meeting_url)
    chair.get_by_role("button", name="Check and publish the minutes").click()
    check_page(chair, "mase-15-check-and-publish")
    chair.get_by_role("button", name="Publish the minutes").click()
    expect(chair.get_by_role("link", name="Download the minutes (PDF)")).to_be_visible()
    check_page(chair, "mase-16-published")
    with chair.expect_download() as minutes:
        chair.get_by_role("link", name="Download the minutes (PDF)").click()
    text = _pdf_text(minutes.value)
    assert "Weekly check-in with Robin at school (test)" in text
    assert "Visit the takeaway named in the minutes (test)" in text
    assert "Testshire Health" in text
    assert "Medium" in text

    # The practitioner reads the outcome on the child's record.
    practitioner.goto(f"{live_server.url}/children/{child.pk}")
    check_page(practitioner, "mase-17-child-record-after")
    practitioner.get_by_role("link", name="MASE meeting outcome").first.click()
    expect(practitioner.get_by_text("Weekly check-in with Robin at school (test)")).to_be_visible()
    check_page(practitioner, "mase-18-outcome-note")
    child.episodes.get().refresh_from_db()
    assert child.episodes.get().risk_level == "medium"
