"""The README's real install, in the browser: a laptop and a central server made by its commands,
enrolled and synced from the laptop's Sync page after a household and a visit (issue 14)."""

import re

import pytest
from playwright.sync_api import expect

from fieldapp.db import connect
from syncing import (CENTRAL_ADMIN, LOCAL_ADMIN, OFFICE, doubled_communes, real_install)

from .conftest import log_in, open_page, text

pytestmark = pytest.mark.e2e
HUNG_CENTRAL_PASSWORD = "doi-bien-phong-72"


@pytest.fixture
def installs(tmp_path):
    """(central server, laptop), each a new install with its office and administrator."""
    central = real_install(tmp_path / "central", "--central", admin=CENTRAL_ADMIN)
    try:
        laptop = real_install(tmp_path / "laptop")
    except Exception:
        central.stop()
        raise
    yield central, laptop
    laptop.stop()
    central.stop()


def sync_to_done(page):
    """Sync now on the Sync page, until the sync it started (not an earlier one) is done."""
    page.goto("/sync")
    # The page starts the sync with a request of its own: wait for it, or the progress read
    # next may still be the earlier sync's.
    with page.expect_response(lambda r: r.url.endswith("/sync/now")):
        page.get_by_role("button", name=text("vi", "Sync now")).click()
    for _ in range(600):
        if not page.request.get("/sync/progress").json()["running"]:
            break
        page.wait_for_timeout(100)
    expect(page.locator("#sync-step")).to_have_text(text("vi", "Done"), timeout=60_000)
    expect(page.locator("#sync-error")).to_be_hidden()


def test_a_real_install_enrols_records_and_syncs_everything(browser, installs):
    central, laptop = installs
    # The central administrator makes an enrolment code for the office.
    center = open_page(browser, central.url)
    log_in(center, CENTRAL_ADMIN[0], CENTRAL_ADMIN[2])
    center.get_by_role("link", name=text("vi", "Laptops")).click()
    center.locator("#office_id").select_option(label=OFFICE)
    center.get_by_role("button", name=text("vi", "New enrolment code")).click()
    code = center.locator("strong.code").inner_text()

    # The laptop's administrator adds a village, enrols the laptop and syncs.
    page = open_page(browser, laptop.url)
    log_in(page, LOCAL_ADMIN[0], LOCAL_ADMIN[2])
    page.goto(f"/communes/{laptop.communes[0]}")
    page.locator("#name").fill("Mí Háng")
    page.get_by_role("button", name=text("vi", "Add"), exact=True).click()
    expect(page.locator("p.flash[role=status]")).to_have_text(text("vi", "Village added."))
    def enrol():
        page.goto("/sync")
        page.locator("#central_url").fill(central.url)
        page.locator("#code").fill(code)
        page.locator("#device_name").fill("Máy của Hùng")
        page.get_by_role("button", name=text("vi", "Enrol this laptop")).click()

    # Hùng made a record here, and the central server has no account for him: refused, in
    # the page's language, naming him; the code stays good.
    enrol()
    expect(page.locator("#code-errors")).to_contain_text(
        text("vi", "The central server has no account in this office for these users of this"
                   " laptop, who made records on it: %(names)s. Ask the central administrator"
                   " to add each to the office with the same username, then enrol again with"
                   " the same code.") % {"names": LOCAL_ADMIN[0]})
    # Accounts are made on the central server: its administrator adds Hùng as an officer.
    center.goto("/admin/users/new")
    center.locator("#username").fill(LOCAL_ADMIN[0])
    center.locator("#full_name").fill(LOCAL_ADMIN[1])
    center.locator("#password").fill(HUNG_CENTRAL_PASSWORD)
    center.locator("#confirm").fill(HUNG_CENTRAL_PASSWORD)
    center.locator("#role").select_option("officer")
    center.locator("#office_id").select_option(label=OFFICE)
    center.get_by_role("button", name=text("vi", "Save")).click()
    expect(center.locator("p.flash-success")).to_have_text(text("vi", "User added."))
    enrol()
    expect(page.locator("p.flash-success")).to_have_text(
        text("vi", "This laptop is enrolled. Sync now to send and receive the office's data."))
    # The page names who can log in here: Hùng, an officer now; the administrators work on the
    # central server.
    expect(page.locator("p.flash-info")).to_contain_text(f"{LOCAL_ADMIN[1]} ({LOCAL_ADMIN[0]})")
    sync_to_done(page)

    # A household with its head, then a visit in which the head installed VssID.
    page.goto(f"/communes/{laptop.communes[0]}")
    page.get_by_role("link", name="Mí Háng").first.click()
    village_id = page.url.rstrip("/").rsplit("/", 1)[1]
    page.goto(f"/villages/{village_id}/households/new")
    page.locator("#full_name").fill("Giàng A Páo")
    page.locator("#birth_year").fill("1979")
    page.locator("#vssid").select_option("not_installed")
    page.get_by_role("button", name=text("vi", "Register"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/households/[0-9a-f-]+$"))
    household_id = page.url.rsplit("/", 1)[1]
    page.get_by_role("link", name=text("vi", "Record a visit")).first.click()
    page.locator("input[name=present]").first.check()
    page.locator("input[name^=outcome_][value=vssid_installed]").first.check()
    page.get_by_role("button", name=text("vi", "Save the visit")).click()
    expect(page).to_have_url(re.compile(rf"/households/{household_id}$"))
    sync_to_done(page)

    central_db = connect(central.instance / "fieldapp.sqlite3")
    laptop_db = connect(laptop.instance / "fieldapp.sqlite3")
    try:
        person_id = laptop_db.execute("select head_person_id from households where id = ?",
                                      [household_id]).fetchone()[0]
        assert central_db.execute("select count(*) from households where id = ?",
                                  [household_id]).fetchone()[0] == 1
        assert central_db.execute("select vssid from people where id = ?",
                                  [person_id]).fetchone()[0] == "installed"
        assert central_db.execute("select count(*) from visits where household_id = ?",
                                  [household_id]).fetchone()[0] == 1
        for db in (central_db, laptop_db):
            assert doubled_communes(db) == []
    finally:
        central_db.close()
        laptop_db.close()
    expect(page.locator("#header-unsynced")).to_have_text("0")
    page.reload()
    expect(page.locator("#header-unsynced")).to_have_text("0")
    expect(page.locator("main")).not_to_contain_text(
        text("vi", "Records the central server refused"))
    # After enrolment each role the page named logs in with the central password; the laptop's
    # own password and the central administrator do not.
    page.context.clear_cookies()
    for username, password in ((LOCAL_ADMIN[0], LOCAL_ADMIN[2]),
                               (CENTRAL_ADMIN[0], CENTRAL_ADMIN[2])):
        page.goto("/login")
        page.locator("#username").fill(username)
        page.locator("#password").fill(password)
        page.locator("form:has(#password) button[type=submit]").click()
        expect(page.locator("#password")).to_be_visible()
        expect(page).to_have_url(re.compile(r"/login"))
    log_in(page, LOCAL_ADMIN[0], HUNG_CENTRAL_PASSWORD)
    for p in (center, page):
        p.context.close()
        assert p.script_errors == []
