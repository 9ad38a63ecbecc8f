"""The browser-test layer: one headless Chromium for the whole session, a fresh context (cookies,
storage) for every test, and helpers to sign in through the real form and to check a page with axe.

Debian's Chromium is used as installed (`playwright install` cannot download browsers here)."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

from csepathway.accounts.tests.factories import DEFAULT_PASSWORD

# Playwright's sync API runs an event loop in this thread; the test body still talks to the
# database synchronously (factories, services), which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CSEPATHWAY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DEFAULT_TIMEOUT_MS = 10_000

# The machine running the suite may be busy: give pages and assertions the same, generous wait.
expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
_axe = Axe()
# Console errors seen on each open page, so check_page (which only gets the page) can read them.
_console_errors: dict[int, list[str]] = {}
# Pages whose context has JavaScript turned off: Playwright cannot evaluate scripts in them.
_no_javascript_pages: set[int] = set()
# Every document each open page loaded, and the ones check_page has checked: a test fails when it
# loaded a page that axe never saw (issue 2: axe runs on every page a browser test visits).
_loaded_urls: dict[int, list[str]] = {}
_checked_urls: dict[int, set[str]] = {}
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Every test in this folder drives a browser: mark any that forgot, before `-m "not browser"`
    deselects, so a quick run never starts Chromium by accident."""
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/") and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_call_failed = report.failed
    return report


@pytest.fixture(scope="session")
def browser():
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


def _csp_errors(page: Page) -> list[str]:
    return [m for m in _console_errors.get(id(page), []) if "content security policy" in m.lower()]


def _address(url: str) -> str:
    """A page's address as check_page and the load record compare it: without the #fragment,
    which names a place in the same document."""
    return url.split("#", 1)[0]


def unchecked_urls(*pages: Page) -> list[str]:
    """The addresses these pages loaded that check_page has not checked, in the order first loaded."""
    unchecked = []
    for page in pages:
        checked = _checked_urls.get(id(page), set())
        for url in _loaded_urls.get(id(page), []):
            if url not in checked and url not in unchecked and url != "about:blank":
                unchecked.append(url)
    return unchecked


@pytest.fixture
def new_page(request, browser, live_server, transactional_db):
    """Make a page in a new browser context: `new_page(java_script_enabled=False)`. Every context
    is closed after the test, and the test fails if any page logged a Content Security Policy
    violation (which means a script or style without its nonce), or loaded a page (an address)
    that was never given to check_page, so axe runs on every page a test visits. Pages with
    JavaScript off are checked too: check_page runs axe on a copy of their document."""
    contexts, pages = [], []

    def make(**context_options) -> Page:
        context_options.setdefault("viewport", {"width": 1024, "height": 768})
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        page = context.new_page()
        errors = _console_errors.setdefault(id(page), [])
        if context_options.get("java_script_enabled") is False:
            _no_javascript_pages.add(id(page))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"Uncaught: {error}"))
        loaded = _loaded_urls.setdefault(id(page), [])
        page.on("load", lambda loaded_page: loaded.append(_address(loaded_page.url)))
        contexts.append(context)
        pages.append(page)
        return page

    yield make

    violations = [f"{page.url}: {message}" for page in pages for message in _csp_errors(page)]
    # A test that failed stopped before it could check the pages after its failure: report that only.
    unchecked = [] if getattr(request.node, "browser_test_call_failed", True) else unchecked_urls(*pages)
    for page in pages:
        _console_errors.pop(id(page), None)
        _no_javascript_pages.discard(id(page))
        _loaded_urls.pop(id(page), None)
        _checked_urls.pop(id(page), None)
    for context in contexts:
        context.close()
    problems = []
    if violations:
        problems.append("Content Security Policy violations in the browser console:\n" + "\n".join(violations))
    if unchecked:
        problems.append("Pages loaded but never checked with axe (call check_page on each page the test visits):\n"
                        + "\n".join(unchecked))
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


def sign_in(page: Page, live_server, user, password: str = DEFAULT_PASSWORD) -> None:
    """Sign in through the real sign-in form, as a person would. The sign-in page and the page it
    lands on are checked with axe the first time this test's page sees their address."""
    page.goto(f"{live_server.url}/account/sign-in")
    check_page_once(page, "sign-in-form")
    page.get_by_label("Username", exact=True).fill(user.username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/account/sign-in"))
    expect(service_navigation(page).get_by_role("link", name="Sign out", exact=True)).to_be_visible()
    check_page_once(page, f"signed-in-{user.role}")


def service_navigation(page: Page):
    return page.locator(".govuk-service-navigation")


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node.get('html', '').strip()[:300]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"       {line}" for line in summary.splitlines())
    return "\n".join(lines)


def _axe_violations(page: Page) -> list[dict]:
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    if id(page) not in _no_javascript_pages:
        return _axe.run(page, options=options).response["violations"]
    # With JavaScript off, evaluating a script in the page never returns. Check the same document
    # instead in a scripting page of its own, with the page's scripts taken out so it renders as
    # it does without JavaScript (no js-enabled class, no enhanced components).
    html = _SCRIPT.sub("", page.content())
    context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        context.route(page.url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                                           body=html))
        copy = context.new_page()
        copy.goto(page.url)
        return _axe.run(copy, options=options).response["violations"]
    finally:
        context.close()


def check_page(page: Page, name: str) -> None:
    """Save a full-page screenshot, then check the page against WCAG 2.2 AA with axe and for
    Content Security Policy violations so far."""
    page.wait_for_load_state("load")
    _checked_urls.setdefault(id(page), set()).add(_address(page.url))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    violations = _axe_violations(page)
    if violations:
        pytest.fail(f"{len(violations)} accessibility violation(s) on {name} ({page.url}):\n"
                    + _format_violations(violations), pytrace=False)
    csp = _csp_errors(page)
    if csp:
        pytest.fail(f"Content Security Policy violations on {name} ({page.url}):\n" + "\n".join(csp), pytrace=False)


def check_page_once(page: Page, name: str) -> None:
    """check_page, unless this page has already been checked at this address in this test (the
    same page reached again, such as the sign-in form for a second person)."""
    page.wait_for_load_state("load")
    if _address(page.url) not in _checked_urls.get(id(page), set()):
        check_page(page, name)


def classification_banner(page: Page):
    return page.locator(".app-classification")


def expect_signed_in_layout(page: Page) -> None:
    """What every signed-in page carries: the security classification and a way to sign out."""
    expect(classification_banner(page)).to_contain_text("OFFICIAL-SENSITIVE")
    expect(service_navigation(page).get_by_role("link", name="Sign out", exact=True)).to_be_visible()
