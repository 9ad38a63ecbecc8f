"""An NRM referral in the browser, as the practitioner: the prompt on the episode page, starting the
referral (prefilled from the record and the assessment), each section of the online form, check your
answers, recording the referral as made, then the reasonable-grounds and conclusive-grounds decisions
and the guardian referral. The dates are typed in the past, so the 30-day recovery period has passed.
axe checks every page visited."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from csepathway.children.tests.factories import ChildFactory
from csepathway.nrm.models import NrmReferral
from csepathway.nrm.tests.builders import episode_with_types

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


class Pages:
    """Numbers the screenshots in the order the pages were visited."""

    def __init__(self, page: Page):
        self.page = page
        self.count = 0

    def check(self, name: str) -> None:
        self.count += 1
        check_page(self.page, f"nrm-{self.count:02d}-{name}")


def fill_date(page: Page, day: dt.date) -> None:
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))


def choose(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def open_section(pages: Pages, title: str, name: str) -> None:
    pages.page.get_by_role("link", name=title, exact=True).click()
    expect(pages.page.get_by_role("heading", level=1)).to_have_text(title)
    pages.check(name)


def banner(page: Page):
    return page.locator(".govuk-notification-banner")


def test_practitioner_makes_a_referral_through_to_the_conclusive_grounds_decision(page, live_server, personas):
    child = ChildFactory(first_name="Alex", last_name="Testchild", allocated_team=personas.team,
                         first_language="Albanian")
    episode = episode_with_types(personas, child, ["trafficking", "criminal"])
    today = timezone.localdate()
    pages = Pages(page)

    sign_in(page, live_server, personas.practitioner)
    page.goto(f"{live_server.url}/episodes/{episode.pk}")
    expect(page.get_by_role("heading", name="Consider a National Referral Mechanism referral")).to_be_visible()
    pages.check("episode-prompt")
    page.get_by_role("link", name="Start an NRM referral").click()
    pages.check("start")
    page.get_by_role("button", name="Start the referral").click()
    expect(banner(page)).to_contain_text("filled in from the child's record")
    pages.check("task-list")

    open_section(pages, "Nature of the referral", "nature")
    save_and_continue(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter how the child came to your attention")
    pages.check("nature-errors")
    page.get_by_label("How did the child come to your attention?").fill("Found at an address used to sell drugs "
                                                                       "(test).")
    page.get_by_label("Why do you think the child may be a victim").fill("Moved between towns to sell drugs (test).")
    choose(page, "Is the child in a safe place now?", "Yes")
    save_and_continue(page)
    expect(banner(page)).to_contain_text("‘Nature of the referral’ is completed")

    open_section(pages, "The child's details", "child")
    expect(page.get_by_label("Full name")).to_have_value("Alex Testchild")
    expect(page.get_by_label("Languages the child speaks")).to_have_value("Albanian")
    page.get_by_label("Nationality").fill("British")
    choose(page, "Does the child need an interpreter?", "No")
    save_and_continue(page)

    open_section(pages, "What happened and where", "what-happened")
    expect(page.get_by_label("What happened to the child?")).to_contain_text("Made to carry drugs between towns.")
    choose(page, "Where did it happen?", "In the UK")
    save_and_continue(page)

    open_section(pages, "Types of exploitation", "exploitation")
    expect(page.get_by_label("Criminal exploitation")).to_be_checked()
    save_and_continue(page)

    open_section(pages, "Reported to the police", "police")
    choose(page, "Has this been reported to the police?", "Yes")
    page.get_by_label("Police force").fill("Testshire Police")
    page.get_by_label("Crime reference number").fill("CR/456/26")
    save_and_continue(page)

    open_section(pages, "Support needs", "support")
    page.get_by_label("What support does the child need?").fill("A safe place to live (test).")
    page.get_by_role("button", name="Save and come back later").click()
    expect(banner(page)).to_contain_text("saved as a draft")
    open_section(pages, "Support needs", "support-again")
    expect(page.get_by_label("What support does the child need?")).to_have_value("A safe place to live (test).")
    save_and_continue(page)

    open_section(pages, "First responder details", "first-responder")
    expect(page.get_by_label("Email address")).to_have_value(personas.practitioner.email)
    page.get_by_label("Job title").fill("Social worker")
    save_and_continue(page)
    expect(page.get_by_text("You have completed 7 of 7 sections.")).to_be_visible()
    pages.check("all-sections-done")

    page.get_by_role("button", name="Check your answers").click()
    expect(page.get_by_text("CR/456/26")).to_be_visible()
    pages.check("check-answers")
    page.get_by_role("button", name="Record that you made the referral").click()
    pages.check("referred")
    fill_date(page, today - dt.timedelta(days=40))
    page.get_by_label("NRM reference number (if you have it)").fill("NRM-2026-TEST")
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("recorded as made")
    pages.check("referred-waiting")

    page.get_by_role("link", name="Record the reasonable-grounds decision").click()
    pages.check("reasonable-grounds")
    choose(page, "What was the reasonable-grounds decision?", "Positive")
    fill_date(page, today - dt.timedelta(days=35))
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".govuk-tag", has_text="Reasonable grounds: positive")).to_be_visible()
    pages.check("reasonable-grounds-recorded")

    page.get_by_role("link", name="Record the guardian referral").click()
    pages.check("guardian")
    choose(page, "Has the child been referred to the Independent Child Trafficking Guardian service?", "Yes")
    fill_date(page, today - dt.timedelta(days=30))
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("guardian referral has been recorded")

    page.get_by_role("link", name="Record the conclusive-grounds decision").click()
    pages.check("conclusive-grounds")
    choose(page, "What was the conclusive-grounds decision?", "Positive")
    fill_date(page, today)
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".govuk-tag", has_text="Conclusive grounds: positive")).to_be_visible()
    pages.check("conclusive-grounds-recorded")

    referral = NrmReferral.objects.get()
    assert (referral.reasonable_grounds, referral.conclusive_grounds, referral.conclusive_grounds_on) == (
        "positive", "positive", today)
    assert referral.reference == "NRM-2026-TEST" and referral.guardian_referred is True

    page.get_by_role("link", name="Back to the episode").click()
    expect(page.get_by_role("heading", name="National Referral Mechanism referral")).to_be_visible()
    pages.check("episode-with-referral")
