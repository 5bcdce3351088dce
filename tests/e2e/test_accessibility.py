"""No critical or serious axe-core violation (WCAG 2.0-2.2 A and AA, best practices) on any page
an officer, a supervisor, an administrator or a translator opens, in every language, at a
laptop's and a phone's size (issue 24): every page of tests/test_pages.PAGES and a few more, some
forms as they come back after a failed save, and the central server's own pages.

axe-core is the copy the pinned `axe-playwright-python` test dependency ships (tests/e2e/axe.py).
By default every page is checked in Vietnamese (the office's language) at both sizes and in
Thái (the other script, Tai Viet) at a phone's size (where tables scroll and long words wrap), to
keep `make test` within its time. AXE_ALL_LANGUAGES=1 checks English, Mông and Dao as well at a
phone's size, and AXE_ALL_SIZES=1 every language checked at a laptop's size too:

    AXE_ALL_LANGUAGES=1 AXE_ALL_SIZES=1 make test PYTEST_ARGS=tests/e2e/test_accessibility.py

A failure lists page, language, size, rule, impact and the first elements; moderate and minor
violations are only printed (`-s`).
"""

import json
import os
from urllib.parse import urlsplit

import pytest

from fieldapp import store
from fieldapp.db import connect
from fieldapp.households import queries as households
from helpers import demo_ids, fill
from sync import capture
from syncing import Central, Laptop
from test_pages import PAGES, STATES

from . import axe
from .conftest import LAPTOP_SCREEN, _logged_in, choose_language, log_in, open_page

pytestmark = pytest.mark.e2e

PHONE_SCREEN = {"width": 390, "height": 844}
SIZES = {"laptop": LAPTOP_SCREEN, "phone": PHONE_SCREEN}
# Vietnamese is the default and Thái the script most unlike it; the others differ from these in
# their words' lengths, which matter where the screen is narrow.
BOTH_SIZES = ("vi",)
LANGUAGES = ("vi", "en", "hnj", "blt", "ium") if os.environ.get("AXE_ALL_LANGUAGES") \
    else ("vi", "blt")

# Laptop pages that tests/test_pages.py does not open: name: (who, address, status).
MORE_PAGES = {
    "help": ("canbo", "/help", 200),
    "sync": ("quantri", "/sync", 200),
    "visit correction": ("canbo", "/visits/{visit}/people", 200),
}
# Forms sent back with their errors (tests/test_pages.STATES), sent from the page itself as a
# user would, the browser's own checks off so that the server's messages show.
FAILED_SAVES = ("login fields", "household errors", "visit errors", "session errors",
                "user errors", "targets errors")
# The central server's own pages, as its administrator sees them.
CENTRAL_PAGES = {
    "audit trail": "/central/audit/",
    "laptops": "/central/devices",
    "conflicts": "/conflicts",
    "conflict": "/conflicts/{conflict}",
    "policy figure new": "/policy-figures/new",
    "users central": "/admin/users",
}

_SEND = """([values]) => {
  const form = document.querySelector(`[name="${Object.keys(values)[0]}"]`).form;
  for (const [name, value] of Object.entries(values)) {
    const wanted = [].concat(value);
    form.querySelectorAll(`[name="${name}"]`).forEach(field => {
      if (field.type === 'checkbox' || field.type === 'radio') {
        field.checked = wanted.includes(field.value);
      } else {
        field.value = wanted[0];
      }
    });
  }
  form.noValidate = true;
  form.requestSubmit();
}"""


def sizes(code):
    """The screens a language is checked at (the module's docstring says why)."""
    if code in BOTH_SIZES or os.environ.get("AXE_ALL_SIZES"):
        return SIZES
    return {"phone": PHONE_SCREEN}


def check(page, where, screens, problems, notes):
    """axe at each size on the page now shown; failing lines to problems, the rest to notes."""
    axe.load(page)
    for size, screen in screens.items():
        page.set_viewport_size(screen)
        for found in axe.violations(page):
            line = axe.describe(f"{where} · {size}", found)
            (problems if found["impact"] in axe.FAILING else notes).append(line)


def send_with_errors(page, url, values):
    """Open a form and send it as it would come back with errors: same address, no redirect."""
    page.goto(url)
    with page.expect_navigation():
        page.evaluate(_SEND, [values])
    assert urlsplit(page.url).path == urlsplit(url).path, (url, page.url)
    assert page.locator("[aria-invalid=true]").count(), f"{url} came back without an error"


def verdict(problems, notes):
    """Fail on the critical and serious; print the moderate and minor (`pytest -s` shows them)."""
    if notes:
        print("Moderate and minor axe-core violations (not failing):", *notes, sep="\n  ")
    assert problems == [], "Critical and serious axe-core violations:\n  " + "\n  ".join(problems)


def test_the_check_finds_a_serious_violation(browser, laptop):
    """The check itself: an image without alt text and a field without a label fail it."""
    page = open_page(browser, laptop.url)
    try:
        page.goto("/login")
        page.evaluate("""() => document.querySelector('main').insertAdjacentHTML('beforeend',
            '<img src="/static/nothing.png"><input name="unnamed">')""")
        problems, notes = [], []
        check(page, "login", {"phone": PHONE_SCREEN}, problems, notes)
    finally:
        page.context.close()
    assert sorted(line.split(": ")[1].split(" ")[0] for line in problems) == ["image-alt", "label"]
    assert "login · phone: image-alt (critical) ×1: img" in "\n".join(problems)


@pytest.fixture(scope="module")
def ids(laptop):
    db = connect(laptop.instance / "fieldapp.sqlite3")
    try:
        return demo_ids(db)
    finally:
        db.close()


def _pages_by_user(browser, laptop, sessions, code):
    """{who: page} filled as `page_of(who)` asks: one page a user (None: nobody logged in)."""
    pages = {}

    def page_of(who):
        if who not in pages:
            if who:
                page = _logged_in(browser, laptop, sessions, who)
            else:
                page = open_page(browser, laptop.url)
                page.goto("/login")
            choose_language(page, code)
            pages[who] = page
        return pages[who]
    return pages, page_of


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_has_no_serious_violation(browser, laptop, sessions, ids, code):
    screens = sizes(code)
    problems, notes = [], []
    pages, page_of = _pages_by_user(browser, laptop, sessions, code)
    try:
        for name, (who, url, status) in {**PAGES, **MORE_PAGES}.items():
            page = page_of(who)
            response = page.goto(url.format(**ids))
            assert response.status == status, (name, response.status)
            check(page, f"{name} · {code}", screens, problems, notes)
        for name in FAILED_SAVES:
            who, url, values, _, _ = STATES[name]
            page = page_of(who)
            send_with_errors(page, url.format(**ids), fill(values, ids))
            check(page, f"{name} · {code}", screens, problems, notes)
    finally:
        # The users' language is theirs on the shared laptop: the other tests expect Vietnamese.
        for who, page in pages.items():
            if who:
                choose_language(page, "vi")
            page.context.close()
    assert [e for page in pages.values() for e in page.script_errors] == []
    verdict(problems, notes)


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    """The demo central server with a laptop enrolled and a conflict to review."""
    folder = tmp_path_factory.mktemp("axe-central")
    server = Central(folder / "central")
    try:
        laptop = Laptop(folder / "laptop", server)
        laptop.close()
        server.conflict = _conflict(server.db)
        yield server
    finally:
        server.stop()


def _conflict(db):
    """A conflict on a household's address note, as the central server records one."""
    village = db.execute("select id from villages order by name").fetchone()[0]
    with db.atomic():
        home = households.register_household(
            db, village, {"language": "vi"},
            {"full_name": "Giàng A Lử", "gender": "male", "birth_year": 1970,
             "bhxh_status": "none", "vssid": "unknown"}, user_id=None)
    row = store.get(db, "households", home)
    commune, office = capture.scope(db.sync, "households", row)
    return store.insert(db, "sync_conflicts", {
        "table_name": "households", "row_id": home, "field": "address_note",
        "kept_value": json.dumps("Gần trường"), "kept_hlc": "0000000000002.00000.a",
        "lost_value": json.dumps("Đầu bản"), "lost_hlc": "0000000000001.00000.b",
        "scope_commune": commune, "scope_office": office}, user_id=None)["id"]


def test_the_central_servers_pages_have_no_serious_violation(browser, central):
    problems, notes = [], []
    page = open_page(browser, central.url)
    try:
        log_in(page, "trungtam", central.logins["trungtam"])
        for code in LANGUAGES:
            choose_language(page, code)
            for name, url in CENTRAL_PAGES.items():
                response = page.goto(url.format(conflict=central.conflict))
                assert response.status == 200, (name, response.status)
                check(page, f"{name} · {code}", sizes(code), problems, notes)
    finally:
        page.context.close()
    assert page.script_errors == []
    verdict(problems, notes)
