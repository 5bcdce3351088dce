"""End-to-end fixtures: Debian's Chromium driven by Playwright, on real server processes.

One browser for the whole run; one demo laptop server (`run.py`, as `make run` starts it) for
most journeys; a fresh browser context (cookies, viewport) for each test.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from fieldapp import demo
from fieldapp.i18n import TRANSLATIONS_DIR, Catalogs
from syncing import Server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Headless, and nothing that reaches for the network: this machine has none beyond 127.0.0.1.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
LAPTOP_SCREEN = {"width": 1366, "height": 768}

_catalogs = Catalogs(TRANSLATIONS_DIR)


def text(locale, message, **variables):
    """What the app shows for this source string in this language."""
    shown = _catalogs.gettext(locale, message)
    return shown % variables if variables else shown


def ntext(locale, singular, plural, num):
    """The same for a message with a number, e.g. '%(num)d outcomes'."""
    return _catalogs.ngettext(locale, singular, plural, num) % {"num": num}


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"The end-to-end tests need Chromium at {CHROMIUM}: `make test` installs "
                    "Debian's 'chromium' package, or set CHROMIUM=/path/to/chromium.",
                    pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def laptop(tmp_path_factory):
    """A laptop's fieldapp with the demo seeded, as `make run` starts it."""
    server = Server(tmp_path_factory.mktemp("e2e-laptop") / "instance", "--threads", "4")
    server.logins = demo.read_logins(server.instance)
    yield server
    server.stop()


def open_page(browser, base_url, **options):
    """A page in a context of its own (a Vietnamese laptop's browser); see `page` for errors."""
    options = {"viewport": LAPTOP_SCREEN, "locale": "vi-VN", **options}
    context = browser.new_context(base_url=base_url, **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    return page


@pytest.fixture
def page(browser, laptop):
    """A page on the laptop, nobody logged in; the test fails on any script error."""
    page = open_page(browser, laptop.url)
    yield page
    page.context.close()
    assert page.script_errors == []


def log_in(page, username, password, locale="vi"):
    """Log in through the login page and make sure the pages are in this language."""
    if "/login" not in page.url:
        page.goto("/login")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("form:has(#password) button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login"))
    choose_language(page, locale)


def choose_language(page, locale):
    html = page.locator("html")
    if html.get_attribute("lang") != locale:
        choice = page.locator(f".language-switcher button[value='{locale}']")
        folded = page.locator(".language-button")
        # On a phone the choice is folded behind one button; a page just resized may not have
        # shown either yet, so wait for one of them before deciding.
        expect(choice.or_(folded).filter(visible=True).first).to_be_visible()
        if not choice.is_visible():
            folded.click()
            expect(choice).to_be_visible()
        choice.click()
    expect(html).to_have_attribute("lang", locale)


@pytest.fixture(scope="session")
def sessions(browser, laptop):
    """Each demo user logs in once through the login page; later tests reuse the cookie."""
    states = {}

    def state(username):
        if username not in states:
            page = open_page(browser, laptop.url)
            log_in(page, username, laptop.logins[username])
            states[username] = page.context.storage_state()
            page.context.close()
        return states[username]
    return state


def _logged_in(browser, laptop, sessions, username):
    page = open_page(browser, laptop.url, storage_state=sessions(username))
    page.goto("/")
    if "/login" in page.url:
        # A test logged this user out, which ends every session of theirs: log in again.
        log_in(page, username, laptop.logins[username])
    choose_language(page, "vi")
    return page


def _page_of(browser, laptop, sessions, username):
    """A logged-in page for a fixture to yield; closed after, with no script error seen."""
    page = _logged_in(browser, laptop, sessions, username)
    yield page
    page.context.close()
    assert page.script_errors == []


@pytest.fixture
def officer(browser, laptop, sessions):
    """A page logged in as the demo officer, in Vietnamese."""
    yield from _page_of(browser, laptop, sessions, "canbo")


@pytest.fixture
def admin(browser, laptop, sessions):
    """A page logged in as the demo administrator, in Vietnamese."""
    yield from _page_of(browser, laptop, sessions, "quantri")
