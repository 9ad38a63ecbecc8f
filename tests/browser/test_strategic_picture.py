"""The strategic MASE picture (issue 12, point 5) in the browser, checked by axe: the profile with
its charts, the association map drawn on the server, and the map focused on one person."""

import pytest
from playwright.sync_api import expect

from csepathway.intelligence.strategic.tests.builders import add_children, build

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


def test_the_profile_and_the_association_map(page, live_server, personas, settings):
    settings.POLICE_INTELLIGENCE_MAILBOX = "fib-intelligence@police.test.invalid"
    world = build(personas)
    add_children(personas, 3, person=world.darren, place=world.rec_ground)

    sign_in(page, live_server, personas.cse_manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Register").click()
    check_page(page, "strategic-00-register-links-to-it")
    page.get_by_role("link", name="See the strategic picture").click()
    expect(page.get_by_role("heading", name="Strategic MASE profile")).to_be_visible()
    expect(page.get_by_text("5 children in the period")).to_be_visible()
    check_page(page, "strategic-01-profile")

    page.get_by_role("link", name="Association map").click()
    expect(page.get_by_role("heading", name="Association map", level=1)).to_be_visible()
    expect(page.locator("svg.app-association-map")).to_be_visible()
    check_page(page, "strategic-02-association-map")

    page.get_by_role("link", name="Darren Testperson (focus the map)").first.click()
    expect(page.get_by_text("Showing Darren Testperson (person)")).to_be_visible()
    check_page(page, "strategic-03-association-map-focused")
