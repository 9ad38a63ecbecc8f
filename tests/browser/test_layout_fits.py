"""Small things people notice (issue 13, point 16): the header navigation fits on one line for every
role on a laptop-sized screen, and the CSE workspace reflows at 320 px wide (WCAG 2.2, 1.4.10): the
page never scrolls sideways; only the table of episodes scrolls, inside its own labelled region."""

import pytest
from playwright.sync_api import Page

from csepathway.accounts.roles import Role
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.outbox.services import email_link

from .conftest import check_page, service_navigation, sign_in

ROLES_WITH_NAVIGATION = [role for role in Role.values if role != Role.SYSTEM_ADMIN]


def _navigation_rows(page: Page) -> int:
    tops = page.locator(".govuk-service-navigation__item").evaluate_all(
        "items => items.map(item => Math.round(item.getBoundingClientRect().top))")
    return len(set(tops))


@pytest.mark.parametrize("role", ROLES_WITH_NAVIGATION)
def test_the_header_navigation_fits_on_one_line_for_every_role(new_page, live_server, users, role):
    for _ in range(12):  # a two-digit unread count in the header must not push the navigation onto two lines
        email_link(to_user=users[role][0], subject="CSE Pathway: test", path="/", intro="(test)")
    page = new_page(viewport={"width": 1024, "height": 768})
    sign_in(page, live_server, users[role][0])
    assert service_navigation(page).locator(".govuk-service-navigation__item").count() >= 2
    assert _navigation_rows(page) == 1, f"the navigation for {role} wraps onto more than one line"


def test_the_workspace_reflows_at_320_pixels(new_page, live_server, personas):
    for number in range(3):
        scenarios.submitted(practitioner=personas.practitioner,
                            child=ChildFactory(first_name=f"Reflow{number}", allocated_team=personas.team))
    page = new_page()
    sign_in(page, live_server, personas.cse_manager)
    page.set_viewport_size({"width": 320, "height": 640})  # signed in at laptop width: the menu folds away at 320
    page.goto(f"{live_server.url}/episodes/workspace")
    check_page(page, "layout-workspace-320")
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 320, f"the page scrolls sideways: {page_width} px wide"
    table = page.get_by_role("region", name="Episodes sent to the CSE team")
    assert table.locator("table").count() == 1
    assert table.get_attribute("tabindex") == "0", "a scrolling region must be reachable by keyboard"
