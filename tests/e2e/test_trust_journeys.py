"""Issue 22 in the browser, beside the correction story and the length counter: an untouched
visit form saves nothing and says why, a tampered link answers in the user's language with a
way back, and the report opens on the period its targets are for."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from fieldapp.db import connect
from fieldapp.reports import targets

from .conftest import _page_of, text

pytestmark = pytest.mark.e2e


@pytest.fixture
def supervisor(browser, laptop, sessions):
    yield from _page_of(browser, laptop, sessions, "giamsat")


def test_an_untouched_visit_form_is_not_a_visit(officer, laptop):
    db = connect(laptop.instance / "fieldapp.sqlite3")
    try:
        household = db.execute("select household_id from people where full_name = 'Hờ A Chứ'"
                               ).fetchone()[0]
        visits = db.execute("select count(*) from visits").fetchone()[0]
        officer.goto(f"/households/{household}/visits/new")
        officer.locator("#companions").fill("Trưởng bản")
        officer.get_by_role("button", name=text("vi", "Save the visit")).click()
        expect(officer).to_have_url(re.compile(rf"/households/{household}/visits/new$"))
        expect(officer.locator("#present-errors")).to_have_text(text(
            "vi", "Tick who was met, or \u201cNobody home\u201d, or write in the notes what"
                  " happened."))
        expect(officer.locator("#companions")).to_have_value("Trưởng bản")
        assert db.execute("select count(*) from visits").fetchone()[0] == visits
    finally:
        db.close()


def test_a_tampered_link_answers_in_vietnamese_with_a_way_back(officer):
    officer.goto("/reports/")
    # As a link on the report page would send it: the page it came from is the way back.
    response = officer.goto("/reports/export?dataset=visits&format=csv&start=2026-13-45",
                            referer=officer.url)
    assert response.status == 400
    expect(officer.get_by_role("heading", level=1)).to_have_text(
        text("vi", "This link does not work"))
    officer.get_by_role("link", name=text("vi", "Back to the previous page")).click()
    expect(officer).to_have_url(re.compile(r"/reports/$"))


def test_the_report_opens_on_the_month_its_target_is_for(supervisor, laptop):
    db = connect(laptop.instance / "fieldapp.sqlite3")
    office = db.execute("select id from offices").fetchone()[0]
    today = date.today()
    targets.save_target(db, office, None, today.year, today.month, {"households": 37},
                        user_id=None)
    try:
        supervisor.goto("/reports/")
        expect(supervisor.locator("main")).to_contain_text(text("vi", "Target"))
        expect(supervisor.locator("main")).to_contain_text("37")
    finally:
        # The shared demo laptop as the other tests know it: no target.
        targets.save_target(db, office, None, today.year, today.month, {"households": None},
                            user_id=None)
        db.close()
