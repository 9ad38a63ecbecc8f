"""The layout every page shares: role-dependent navigation, the classification banner and the footer."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CASE_ROLE_PERSONAS = ["practitioner", "team_manager", "cse_worker", "cse_manager", "police_coordinator", "mase_chair"]
NON_CASE_PERSONAS = ["auditor", "system_admin"]
NAV_LIST = re.compile(r'<ul class="govuk-service-navigation__list".*?</ul>', re.S)
NAV_LINK = re.compile(r'<a class="govuk-service-navigation__link" href="([^"]+)"[^>]*>\s*([^<]+?)\s*</a>')


def navigation(html: str) -> dict[str, str]:
    """The service navigation's links, text to address (the service name link is not one of them)."""
    found = NAV_LIST.search(html)
    return {text: href for href, text in NAV_LINK.findall(found.group(0))} if found else {}


def assert_layout(html: str):
    assert "OFFICIAL-SENSITIVE" in html
    assert 'href="/accessibility"' in html
    assert 'href="/privacy"' in html
    assert 'class="govuk-footer"' in html


@pytest.mark.parametrize("persona", CASE_ROLE_PERSONAS)
def test_case_roles_see_children_in_their_navigation(persona, personas, client_for):
    response = client_for(getattr(personas, persona)).get(reverse("core:home"))

    assert response.status_code == 200
    nav = navigation(response.content.decode())
    assert nav["Children"] == reverse("children:search")
    assert nav["Sign out"] == reverse("accounts:sign_out")


@pytest.mark.parametrize("persona", NON_CASE_PERSONAS)
def test_auditor_and_system_admin_have_no_children_navigation(persona, personas, client_for):
    response = client_for(getattr(personas, persona)).get(reverse("core:home"))

    assert response.status_code == 200
    html = response.content.decode()
    nav = navigation(html)
    assert "Children" not in nav
    assert f'href="{reverse("children:search")}"' not in html
    assert nav["Sign out"] == reverse("accounts:sign_out")


def test_home_says_who_is_signed_in_with_which_role(personas, client_for):
    html = client_for(personas.police_coordinator).get(reverse("core:home")).content.decode()

    assert "Police CSE Coordinator" in html
    assert "Police CSE Unit" in html


def test_current_section_is_marked_in_the_navigation(personas, client_for):
    html = client_for(personas.practitioner).get(reverse("children:search")).content.decode()

    assert re.search(r'govuk-service-navigation__item--active', html)


@pytest.mark.parametrize("path", ["core:home", "children:search", "core:accessibility", "core:privacy"])
def test_signed_in_pages_have_the_banner_and_footer_links(path, personas, client_for):
    response = client_for(personas.practitioner).get(reverse(path))

    assert response.status_code == 200
    assert_layout(response.content.decode())


@pytest.mark.parametrize("path", ["accounts:sign_in", "core:accessibility", "core:privacy"])
def test_public_pages_have_the_banner_and_footer_links_and_no_navigation(path, client, db):
    response = client.get(reverse(path))

    assert response.status_code == 200
    html = response.content.decode()
    assert_layout(html)
    assert navigation(html) == {}


def test_accessibility_statement_and_privacy_notice_need_no_sign_in(client, db):
    for name, heading in (("core:accessibility", "Accessibility statement"), ("core:privacy", "Privacy notice")):
        html = client.get(reverse(name)).content.decode()
        assert re.search(rf"<h1[^>]*>\s*{heading}", html), name


def test_pagination_numbers_the_pages_near_this_one_and_the_ends():
    from django.core.paginator import Paginator

    from csepathway.core.presenters import pagination

    page = Paginator(range(1000), 10).get_page(50)
    items = pagination(page, "/list")["items"]
    assert [item.get("number") for item in items] == [1, None, 49, 50, 51, None, 100]
    assert pagination(Paginator(range(5), 10).get_page(1), "/list") is None


def test_an_uncounted_page_offers_previous_and_next_only():
    from csepathway.core.paging import WindowPage
    from csepathway.core.presenters import pagination

    result = pagination(WindowPage(object_list=[1], number=3, has_next_page=True), "/list", {"q": "x"})
    assert result == {"previous": {"href": "/list?q=x&page=2"}, "next": {"href": "/list?q=x&page=4"}}
    assert pagination(WindowPage(object_list=[1], number=1, has_next_page=False), "/list") is None


def test_pages_are_compressed_for_browsers_that_accept_it(client):
    response = client.get("/accessibility", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"


def test_govuk_fonts_are_cached_for_good_and_other_assets_briefly(client):
    from pathlib import Path

    from django.conf import settings

    fonts = sorted((Path(settings.BASE_DIR) / "node_modules/govuk-frontend/dist/govuk/assets/fonts").glob("*.woff2"))
    font = client.get(f"/assets/fonts/{fonts[0].name}")
    assert font.status_code == 200
    assert "immutable" in font["Cache-Control"] and "max-age=315360000" in font["Cache-Control"]
    manifest = client.get("/assets/manifest.json")
    assert manifest.status_code == 200 and "immutable" not in manifest["Cache-Control"]


def test_the_icons_come_from_the_collected_static_files(client):
    page = client.get("/accessibility").content.decode()
    assert 'href="/static/govuk/assets/images/favicon.svg"' in page
    assert 'href="/assets/images/favicon' not in page
