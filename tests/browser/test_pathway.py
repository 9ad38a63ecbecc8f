"""The whole CSE pathway in the browser, as three people (issue 3's acceptance test).

The practitioner finds the child, records the concern, the Team Manager's advice and the
conversations, screens, completes the risk assessment and submits it to the CSE team. The CSE Team
Manager and the Police CSE Coordinator each record their review from the CSE workspace, they agree,
and the episode is decided "MASE required". The practitioner then reads the decision case note on
the child's record. Every page visited is checked with axe (WCAG 2.2 AA) and screenshotted."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes.models import Episode, State
from csepathway.episodes.sign_off_services import ANSWER_SUBJECT
from csepathway.notes.models import CaseNote
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage

from .conftest import check_page, expect_signed_in_layout, service_navigation, sign_in

pytestmark = pytest.mark.browser

SEARCH_LABEL = "Search by name, alias, date of birth or LCS or EHM reference"
COMPLETED = "Yes, I’ve completed this section"
CONCERN = "Jordan's school saw them getting into a car driven by an unknown adult three times this month (test)."
CHILD_WORDS = "“He's just a mate. He buys me food and gives me lifts when I'm stuck.” (test)"
PARENT_WORDS = "“She comes home late with a new phone and won't say where from.” (test)"
SIGNIFICANT_RECENT = ("Getting into or out of cars driven by adults they do not know",
                      "Money, phone credit, clothes or other things that cannot be explained")
OTHER_INDICATORS = ("Staying out late", "Frequent contact from adults or young people not known to the family")
VULNERABILITIES = ("Low self-esteem", "Isolated from friends, or no trusted, caring adult")


class Screenshots:
    """Numbers the screenshots in the order the pages were visited, so the folder reads as the story."""

    def __init__(self):
        self.count = 0

    def check(self, page: Page, name: str) -> None:
        self.count += 1
        check_page(page, f"pathway-{self.count:02d}-{name}")


def fill_date(scope, date: dt.date) -> None:
    scope.get_by_label("Day", exact=True).fill(str(date.day))
    scope.get_by_label("Month", exact=True).fill(str(date.month))
    scope.get_by_label("Year", exact=True).fill(str(date.year))


def banner(page: Page):
    return page.locator(".govuk-notification-banner")


def task(page: Page, name: str):
    return page.locator(".govuk-task-list__item").filter(
        has=page.locator(".govuk-task-list__name-and-hint", has_text=re.compile(rf"^\s*{re.escape(name)}(\s|$)")))


def radio_group(page: Page, legend: str):
    return page.get_by_role("group", name=legend, exact=True)


# The practitioner ---------------------------------------------------------------------------------------


def find_child_and_record_concern(page: Page, shots: Screenshots, child) -> None:
    service_navigation(page).get_by_role("link", name="Children", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Children")
    shots.check(page, "practitioner-children")
    page.get_by_label(SEARCH_LABEL).fill("Jordan Testchild")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("table")).to_contain_text("1 child matching ‘Jordan Testchild’")
    shots.check(page, "practitioner-search-results")

    page.get_by_role("table").get_by_role("link", name="Jordan Testchild").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jordan Testchild")
    expect(page.get_by_role("heading", name="CSE episodes")).to_be_visible()
    expect(page.get_by_text("No CSE episodes.")).to_be_visible()
    shots.check(page, "practitioner-child-record")

    page.get_by_role("button", name="Record a CSE concern").click()
    expect(page).to_have_url(re.compile(rf"/episodes/start/{child.pk}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a CSE concern")
    shots.check(page, "practitioner-concern")
    page.get_by_label("What is your concern?").fill(CONCERN)
    page.get_by_role("button", name="Record concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CSE episode")
    expect(banner(page)).to_contain_text("Your concern has been recorded.")
    expect(page.get_by_role("heading", name="Steps")).to_be_visible()
    expect(task(page, "Team Manager's advice")).to_contain_text("Not yet started")
    expect(task(page, "Risk assessment")).to_contain_text("Cannot start yet")
    expect(page.locator("main")).to_contain_text(CONCERN)
    expect_signed_in_layout(page)
    shots.check(page, "practitioner-episode-started")


def record_advice_and_conversations(page: Page, shots: Screenshots, personas) -> None:
    advised_on = timezone.localdate() - dt.timedelta(days=3)
    page.get_by_role("link", name="Team Manager's advice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the Team Manager's advice")
    shots.check(page, "practitioner-advice")
    page.get_by_label("Which Team Manager gave the advice?").select_option(
        label=personas.team_manager.get_full_name())
    fill_date(radio_group(page, "When was the advice given?"), advised_on)
    page.get_by_label("What was the advice?").fill("Complete the CSE screening today and talk to Jordan (test).")
    page.get_by_role("button", name="Save advice").click()
    expect(banner(page)).to_contain_text("The Team Manager's advice has been recorded.")
    expect(task(page, "Team Manager's advice")).to_contain_text("Completed")
    expect(page.locator("main")).to_contain_text(personas.team_manager.get_full_name())
    shots.check(page, "practitioner-episode-advice-recorded")

    conversations = (("The child", "Jordan, at school with the designated safeguarding lead", CHILD_WORDS,
                      "In progress"),
                     ("Parents or carers", "Jordan's mother, at home", PARENT_WORDS, "Completed"))
    for held_with, people, words, status in conversations:
        page.get_by_role("link", name="Conversations with the child and parents or carers").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Record a conversation with the child or their parents or carers")
        shots.check(page, f"practitioner-conversation-{held_with.split()[-1]}")
        radio_group(page, "Who did you talk to?").get_by_label(held_with, exact=True).check()
        fill_date(radio_group(page, "When did you talk?"), advised_on + dt.timedelta(days=1))
        page.get_by_label("Who took part?").fill(people)
        page.get_by_label("What did they say? Use their own words").fill(words)
        page.get_by_role("button", name="Save conversation").click()
        expect(banner(page)).to_contain_text("The conversation has been recorded.")
        expect(task(page, "Conversations with the child and parents or carers")).to_contain_text(status)
        expect(page.locator("main")).to_contain_text(words)
        shots.check(page, f"practitioner-episode-conversation-{held_with.split()[-1]}-recorded")


def complete_screening(page: Page, shots: Screenshots) -> None:
    page.get_by_role("link", name="CSE screening").click()
    # Version 2 of the tool (docs/adr/0063), as a migrated database has it: CSE and criminal exploitation.
    expect(page.get_by_role("heading", level=1)).to_have_text("Child exploitation screening")
    shots.check(page, "practitioner-screening")

    # Every significant indicator is answered: a couple seen recently, the rest not present.
    significant = page.locator("form fieldset").filter(
        has=page.get_by_role("radio", name="Now or in the last 6 months", exact=True))
    count = significant.count()
    assert count == 18, f"expected the 8 significant and 10 criminal indicators of the v2 tool, found {count}"
    for legend in SIGNIFICANT_RECENT:
        radio_group(page, legend).get_by_label("Now or in the last 6 months", exact=True).check()
    for index in range(count):
        group = significant.nth(index)
        if not group.get_by_role("radio", checked=True).count():
            group.get_by_label("Not present", exact=True).check()
    for label in OTHER_INDICATORS:
        radio_group(page, "Other indicators").get_by_label(label, exact=True).check()
    for label in VULNERABILITIES:
        radio_group(page, "Vulnerabilities").get_by_label(label, exact=True).check()
    page.get_by_label("Why are you screening this child now?").fill(CONCERN)
    radio_group(page, "Outcome of the screening").get_by_label("At risk", exact=True).check()
    page.get_by_role("button", name="Save screening").click()

    expect(banner(page)).to_contain_text("Screening recorded. Outcome: At risk.")
    expect(task(page, "CSE screening")).to_contain_text("At risk")
    expect(task(page, "Risk assessment")).to_contain_text("Not yet started")
    shots.check(page, "practitioner-episode-screened")


def open_section(page: Page, shots: Screenshots, title: str) -> None:
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    shots.check(page, f"practitioner-assessment-{re.sub(r'[^a-z]+', '-', title.lower()).strip('-')}")


def save_section_as_complete(page: Page, shots: Screenshots, title: str) -> None:
    """Say the section is complete and save it: back on the task list, marked completed."""
    radio_group(page, "Have you completed this section?").get_by_label(COMPLETED, exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk assessment")
    expect(banner(page)).to_contain_text(f"‘{title}’ is completed.")
    expect(task(page, title)).to_contain_text("Completed")
    shots.check(page, "practitioner-assessment-task-list")


def complete_assessment(page: Page, shots: Screenshots, personas) -> None:
    page.get_by_role("link", name="Risk assessment", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk assessment")
    # Opening the page starts nothing; the button does (a POST).
    shots.check(page, "practitioner-assessment-not-started")
    page.get_by_role("button", name="Start the risk assessment").click()
    expect(page.get_by_role("heading", name="Decision support")).to_be_visible()
    items = page.locator(".govuk-task-list__item")
    total = items.count()
    expect(page.locator("main")).to_contain_text(f"You have completed 0 of {total} sections.")
    expect(page.get_by_role("button", name="Continue to send it to the CSE team")).to_have_count(0)
    shots.check(page, "practitioner-assessment-start")

    def child_details():
        page.get_by_label("Who is involved with the child and their family?").fill(
            "School (designated safeguarding lead), school nurse, CAMHS (test).")

    def reason():
        # Filled in from the screening's reason.
        expect(page.get_by_label("Why are you completing this assessment now?")).to_have_value(CONCERN)

    def child_voice():
        page.get_by_label("What does the child say about what is happening?").fill(CHILD_WORDS)
        page.get_by_label("How and when did you hear their views?").fill("At school, with the DSL (test).")

    def parents_views():
        page.get_by_label("What do the child's parents or carers say?").fill(PARENT_WORDS)

    def vulnerabilities():
        # Those ticked in the screening are already selected.
        for label in VULNERABILITIES:
            expect(page.get_by_label(label, exact=True)).to_be_checked()
        page.get_by_label("Tell us more about these vulnerabilities").fill("Few friends since moving school (test).")

    def indicators():
        for label in SIGNIFICANT_RECENT + OTHER_INDICATORS:
            # The questions repeat for each indicator; each names its indicator to screen readers.
            named = re.compile(rf"\({re.escape(label)}\)\s*$")
            page.get_by_role("textbox", name=named).fill(f"Reported by the school this month (test): {label.lower()}.")
            page.get_by_role("group", name=named).filter(has_text="When was it?").get_by_label(
                "Now or in the last 6 months", exact=True).check()
            page.get_by_role("group", name=named).filter(has_text="Is this evidence or a professional concern?") \
                .get_by_label("Evidence: seen, heard, disclosed or recorded", exact=True).check()

    def missing_episodes():
        radio_group(page, "Has the child been missing from home, care or school?").get_by_label(
            "No", exact=True).check()

    def associates():
        radio_group(page, "Do you know of any associates or persons of concern?").get_by_label(
            "Yes", exact=True).check()
        person = radio_group(page, "Person 1")
        person.get_by_label("Name", exact=True).fill("Adult Testperson")
        person.get_by_label("Description and why they are a concern").fill(
            "Man in his twenties who gives Jordan lifts (test).")
        person.get_by_label("Vehicle").fill("Silver hatchback, TE57 ABC (test)")

    def places():
        radio_group(page, "Do you know of any places of concern?").get_by_label("Yes", exact=True).check()
        place = radio_group(page, "Place 1")
        place.get_by_label("Name or address of the place").fill("Testtown bus station (test)")
        place.get_by_label("Why is it a concern?").fill("Where Jordan is collected by car (test).")

    def exploitation():
        radio_group(page, "What type of exploitation is the child at risk of?").get_by_label(
            "Sexual exploitation", exact=True).check()
        radio_group(page, "Which models of exploitation are you seeing?").get_by_label(
            "Older 'boyfriend' or controlling adult", exact=True).check()

    def strengths():
        group = radio_group(page, "Which strengths and protective factors does the child have?")
        group.get_by_label("Has a trusted adult", exact=True).check()
        group.get_by_label("Engaged in education or work", exact=True).check()

    def analysis():
        page.get_by_label("What is your analysis?").fill(
            "Jordan is being groomed by an older adult with lifts and gifts (test).")

    def risk_level():
        expect(page.get_by_role("heading", name="Decision support")).to_be_visible()
        radio_group(page, "What risk level do you propose?").get_by_label("Medium: serious", exact=True).check()
        page.get_by_label("Why is this the right level?").fill(
            "Two significant indicators in the last 6 months, but Jordan is in school and talks to the DSL (test).")

    def completion():
        radio_group(page, "Was the assessment completed with the child?").get_by_label("Yes", exact=True).check()
        radio_group(page, "Was the assessment completed with the child's parents or carers?").get_by_label(
            "Yes", exact=True).check()

    def sign_off():
        signed = timezone.localdate() - dt.timedelta(days=1)
        expect(page.get_by_label("Practitioner's name")).to_have_value(personas.practitioner.get_full_name())
        fill_date(radio_group(page, "Date the practitioner signed off"), signed)

    sections = [
        ("Child's details and current plan", child_details), ("Reason for assessment", reason),
        ("The child's voice", child_voice), ("Parents' or carers' views", parents_views),
        ("Vulnerabilities", vulnerabilities), ("Indicators with evidence", indicators),
        ("Missing episodes", missing_episodes), ("Associates and persons of concern", associates),
        ("Places of concern", places), ("Exploitation type and model", exploitation),
        ("Strengths and protective factors", strengths), ("Analysis", analysis),
        ("Proposed risk level and rationale", risk_level),
        ("Completed with the child and parents or carers", completion),
        ("Practitioner's sign-off", sign_off),
    ]
    assert len(sections) == total, "a section was added to the assessment: complete it here too"
    for title, fill in sections:
        open_section(page, shots, title)
        fill()
        save_section_as_complete(page, shots, title)

    expect(page.locator("main")).to_contain_text(f"You have completed {total} of {total} sections.")
    expect(page.get_by_role("button", name="Continue to send it to the CSE team")).to_be_visible()
    page.get_by_role("link", name="Back to the episode").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CSE episode")
    expect(task(page, "Submit to the CSE team")).to_contain_text("Not yet started")
    shots.check(page, "practitioner-episode-assessed")


def ask_for_sign_off(page: Page, shots: Screenshots) -> None:
    expect(task(page, "Team Manager's sign-off")).to_contain_text("Not yet asked")
    page.get_by_role("link", name="Team Manager's sign-off").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team Manager's sign-off")
    shots.check(page, "practitioner-ask-for-sign-off")
    page.get_by_role("button", name="Ask your Team Manager to sign off").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your Team Manager has been asked to sign off the assessment.")
    expect(task(page, "Team Manager's sign-off")).to_contain_text("Waiting for the Team Manager")
    shots.check(page, "practitioner-sign-off-waiting")


def sign_off_as_team_manager(page: Page, shots: Screenshots, episode_url: str) -> None:
    """The Team Manager reads the whole assessment in the service and signs it off (issue 13, point 2)."""
    page.goto(episode_url)
    page.get_by_role("link", name="Sign off or return the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign off the risk assessment")
    expect(page.locator("main")).to_contain_text(CHILD_WORDS)
    shots.check(page, "team-manager-sign-off")
    radio_group(page, "Do you sign off this assessment?").get_by_label(
        "I sign off this assessment: it can go to the CSE team").check()
    page.get_by_role("button", name="Send your answer").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Your answer has been recorded")
    expect(task(page, "Team Manager's sign-off")).to_contain_text("Signed off")
    shots.check(page, "team-manager-signed-off")


def submit_to_cse_team(page: Page, shots: Screenshots) -> None:
    page.get_by_role("link", name="Submit to the CSE team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending the assessment")
    expect(page.get_by_role("link", name="Change proposed risk level and rationale")).to_be_visible()
    source = radio_group(page, "Which system is this coming through?")
    expect(source.get_by_label("LCS (children's social care)", exact=True)).to_be_checked()
    expect(page.get_by_label("The child's reference in that system")).to_have_value("LCS-100234")
    shots.check(page, "practitioner-submit")
    page.get_by_role("button", name="Send to the CSE team").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Assessment sent to the CSE team")
    expect(page.get_by_text("Their decision is due by")).to_be_visible()
    shots.check(page, "practitioner-sent-what-happens-next")
    page.get_by_role("link", name="Back to the episode").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Submitted to the CSE team")
    expect(page.locator(".app-risk-level")).to_contain_text("Medium")
    shots.check(page, "practitioner-episode-submitted")


# The reviewers ------------------------------------------------------------------------------------------


def review_from_workspace(page: Page, shots: Screenshots, who: str, rationale: str) -> None:
    service_navigation(page).get_by_role("link", name="Workspace", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CSE workspace")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Jordan Testchild"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Submitted to the CSE team")
    expect(row).to_contain_text("Medium")
    expect(row).to_contain_text(re.compile(r"\b\d+ working days?\b"))
    expect_signed_in_layout(page)
    shots.check(page, f"{who}-workspace")

    row.get_by_role("link", name="Jordan Testchild").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CSE episode")
    expect(page.locator("main")).to_contain_text(CONCERN)
    shots.check(page, f"{who}-episode")

    # The reviewer reads the practitioner's assessment, read-only, before giving a view.
    page.get_by_role("link", name="Read the risk assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk assessment")
    expect(page.locator("main")).to_contain_text("Proposed risk level: Medium")
    expect(page.locator("main")).to_contain_text(CHILD_WORDS)
    expect(page.get_by_role("link", name="Save and continue")).to_have_count(0)
    shots.check(page, f"{who}-assessment")
    page.get_by_role("link", name="Back to the episode").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CSE episode")

    page.get_by_role("button", name="Record your review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record your review")
    expect(page.locator("main")).to_contain_text("The practitioner proposed Medium risk.")
    shots.check(page, f"{who}-review")
    radio_group(page, "What is the risk level?").get_by_role("radio", name=re.compile(r"^High: significant")).check()
    radio_group(page, "Is a MASE meeting needed?").get_by_label("Yes, a MASE meeting is needed", exact=True).check()
    page.get_by_label("Why?", exact=True).fill(rationale)
    page.get_by_label("Next steps").fill("Hold a MASE meeting within 10 working days (test).")
    page.get_by_role("button", name="Save review").click()
    expect(banner(page)).to_contain_text("Your review has been recorded.")
    expect(page.locator("main")).to_contain_text(rationale)
    shots.check(page, f"{who}-episode-reviewed")


# The test -----------------------------------------------------------------------------------------------


def test_the_whole_pathway_as_three_people(new_page, live_server, personas):
    child = ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team,
                         lcs_reference="LCS-100234")
    shots = Screenshots()

    # 1. The practitioner: concern, advice, conversations, screening, assessment, submission.
    practitioner = new_page()
    sign_in(practitioner, live_server, personas.practitioner)
    find_child_and_record_concern(practitioner, shots, child)
    episode = Episode.objects.get(child=child)
    episode_url = f"{live_server.url}/episodes/{episode.pk}"
    record_advice_and_conversations(practitioner, shots, personas)
    complete_screening(practitioner, shots)
    complete_assessment(practitioner, shots, personas)

    # The police coordinator never sees a draft: the episode's address is "not found" until it is submitted.
    police = new_page()
    sign_in(police, live_server, personas.police_coordinator)
    response = police.goto(episode_url)
    assert response.status == 404
    expect(police.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(police.locator("main")).not_to_contain_text("Jordan")
    shots.check(police, "police-draft-not-found")

    ask_for_sign_off(practitioner, shots)
    team_manager = new_page()
    sign_in(team_manager, live_server, personas.team_manager)
    sign_off_as_team_manager(team_manager, shots, episode_url)
    practitioner.reload()
    expect(task(practitioner, "Team Manager's sign-off")).to_contain_text("Signed off")

    submit_to_cse_team(practitioner, shots)
    episode.refresh_from_db()
    assert (episode.state, episode.risk_level) == (State.SUBMITTED, "medium")
    assert (episode.source, episode.source_reference) == ("lcs", "LCS-100234")

    # 2. The CSE Team Manager reviews from the workspace.
    manager = new_page()
    sign_in(manager, live_server, personas.cse_manager)
    review_from_workspace(manager, shots, "cse-manager",
                          "Gifts and lifts from an unknown adult: significant risk (CSE Team Manager, test).")
    expect(manager.locator("main .govuk-tag").first).to_have_text("Submitted to the CSE team")

    # 3. The Police CSE Coordinator (still on the "not found" page) agrees, so the episode is decided.
    police.get_by_role("link", name="Go to the start page").click()
    expect_signed_in_layout(police)
    shots.check(police, "police-start")
    review_from_workspace(police, shots, "police",
                          "The adult and the car are known to police: significant risk (Police, test).")
    expect(police.locator("main .govuk-tag").first).to_have_text("Decided: MASE required")
    decision = police.locator(".govuk-summary-list").filter(has_text="Agreed risk level")
    expect(decision).to_contain_text("High")
    expect(decision).to_contain_text("Hold a MASE meeting within 10 working days (test).")
    episode.refresh_from_db()
    assert (episode.state, episode.risk_level) == (State.MASE_REQUIRED, "high")

    # The practitioner is told by email, through the outbox: a link, and nothing about the child.
    note = CaseNote.objects.get(child=child, title="CSE team decision: MASE required")
    emails = [m for m in OutboxMessage.objects.filter(kind=EMAIL)
              if personas.practitioner.email in m.payload["to"] and m.payload["subject"] != ANSWER_SUBJECT]
    assert len(emails) == 1, emails
    assert str(note.pk) in emails[0].payload["path"]
    for secret in ("Jordan", "Testchild", "LCS-100234", "MASE", "High"):
        assert secret not in str(emails[0].payload), f"the email carries case content: {secret}"

    # 4. The practitioner reads the decision case note on the child's record.
    practitioner.reload()  # still on the episode page they submitted from
    expect(practitioner.locator("main .govuk-tag").first).to_have_text("Decided: MASE required")
    expect(practitioner.locator(".govuk-summary-list").filter(has_text="Agreed risk level")).to_contain_text("High")
    shots.check(practitioner, "practitioner-episode-decided")
    practitioner.get_by_role("link", name="Back to Jordan Testchild's record").click()
    expect(practitioner.get_by_role("heading", level=1)).to_have_text("Jordan Testchild")
    expect(practitioner.get_by_role("heading", name="Case notes")).to_be_visible()
    shots.check(practitioner, "practitioner-child-record-decided")
    practitioner.get_by_role("link", name="CSE team decision: MASE required").click()
    expect(practitioner.get_by_role("heading", level=1)).to_have_text("CSE team decision: MASE required")
    body = practitioner.locator("main .app-preserve-lines")
    expect(body).to_contain_text("Agreed risk level: High.")
    expect(body).to_contain_text("A MASE meeting is required.")
    expect(body).to_contain_text("Next steps:")
    expect(body).to_contain_text("Hold a MASE meeting within 10 working days (test).")
    expect(body).to_contain_text(personas.cse_manager.get_full_name())
    expect(body).to_contain_text(personas.police_coordinator.get_full_name())
    expect_signed_in_layout(practitioner)
    shots.check(practitioner, "practitioner-decision-note")
