"""Enrolling a laptop with a central server and syncing it, both in the browser."""

import re

import pytest
from playwright.sync_api import expect

from fieldapp import demo
from syncing import Central, Server

from .conftest import log_in, open_page, text

pytestmark = pytest.mark.e2e


def _serving(server):
    """A started server with the demo logins of its instance, stopped after the test."""
    server.logins = demo.read_logins(server.instance)
    yield server
    server.stop()


@pytest.fixture
def central(tmp_path):
    yield from _serving(Central(tmp_path / "central"))


@pytest.fixture
def new_laptop(tmp_path):
    """A demo laptop of its own: enrolment and sync change who its users are."""
    yield from _serving(Server(tmp_path / "laptop"))


def test_enrol_the_laptop_with_the_central_server_then_sync_to_zero(browser, central,
                                                                   new_laptop):
    # The central administrator makes an enrolment code in the central server's pages.
    center = open_page(browser, central.url)
    log_in(center, "trungtam", central.logins["trungtam"])
    center.get_by_role("link", name=text("vi", "Laptops")).click()
    expect(center.get_by_role("heading", level=1)).to_have_text(
        text("vi", "Laptops enrolled with this server"))
    center.locator("#office_id").select_option(label=demo.OFFICE_NAME)
    center.get_by_role("button", name=text("vi", "New enrolment code")).click()
    code = center.locator("strong.code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code), code

    # The laptop's administrator enters the address and the code on the laptop's sync page.
    page = open_page(browser, new_laptop.url)
    log_in(page, "quantri", new_laptop.logins["quantri"])
    unsynced = page.locator("#header-unsynced")
    before = int(unsynced.inner_text())
    assert before > 0  # the demo households, visits and session are not sent yet
    page.locator("a.sync-status").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("vi", "Sync with the central server"))
    page.locator("#central_url").fill(central.url)
    page.locator("#code").fill(code.lower())
    page.locator("#device_name").fill("Máy của Hùng")
    page.get_by_role("button", name=text("vi", "Enrol this laptop")).click()
    expect(page.locator("p.flash-success")).to_have_text(
        text("vi", "This laptop is enrolled. Sync now to send and receive the office's data."))
    # The demo central server has the demo office's accounts: this laptop's are now those,
    # and the page names who can log in here (its officers and supervisors, not administrators).
    expect(page.locator("p.flash-info")).to_contain_text("(canbo)")
    expect(page.locator("p.flash-info")).not_to_contain_text("(quantri)")
    # Each record made here is now one whole change to send (the office's own rows are not).
    to_send = int(page.locator("#unsynced-count").inner_text())
    assert 0 < to_send <= before

    page.get_by_role("button", name=text("vi", "Sync now")).click()
    # The page follows the sync's progress and updates the header without reloading.
    expect(page.locator("#sync-step")).to_have_text(text("vi", "Done"), timeout=30_000)
    expect(page.locator("#sync-error")).to_be_hidden()
    expect(unsynced).to_have_text("0")
    expect(page.locator("#unsynced-count")).to_have_text("0")
    assert int(page.locator("#sync-sent").inner_text()) >= to_send

    page.reload()
    expect(unsynced).to_have_text("0")
    expect(page.locator(".facts")).not_to_contain_text(text("vi", "Never"))

    # The central server lists the laptop, and holds the laptop's households.
    center.reload()
    expect(center.locator("tbody")).to_contain_text("Máy của Hùng")
    expect(center.locator("tbody")).to_contain_text(text("vi", "Active"))
    held = central.db.execute(
        "select count(*) from people where full_name = 'Giàng A Páo'").fetchone()[0]
    assert held == 1
    for p in (center, page):
        p.context.close()
        assert p.script_errors == []
