"""A form sent twice saves once, in a real browser against a real laptop server."""

import pytest
from playwright.sync_api import expect

from fieldapp.db import connect

from .conftest import text
from .test_journeys import flash, open_village

pytestmark = pytest.mark.e2e


def test_a_visit_form_that_reaches_the_laptop_twice_saves_one_visit(officer, laptop):
    """Chromium folds a double click on Save into one request, but a request sent again (a lost
    answer, a retry) is not folded: here the Save reaches the server, then comes again."""
    page = officer
    # A household no other browser test reads the visits of.
    open_village(page, "Tu San")
    page.get_by_role("link", name="Lò Văn Tâm", exact=True).click()
    household_url = page.url
    household_id = household_url.rstrip("/").rsplit("/", 1)[-1]

    def visits_saved():
        db = connect(laptop.instance / "fieldapp.sqlite3")
        try:
            return db.execute("select count(*) from visits where household_id = ?",
                              [household_id]).fetchone()[0]
        finally:
            db.close()

    before = visits_saved()
    page.get_by_role("link", name=text("vi", "Record a visit")).click()
    page.locator("#notes").fill("Gửi lại sau khi mất kết nối")
    sent = []

    def twice(route):
        if route.request.method == "POST":
            route.fetch(max_redirects=0)  # the first answer never reaches the browser
            sent.append(route.request.url)
        route.continue_()

    page.route("**/visits/new", twice)
    page.get_by_role("button", name=text("vi", "Save the visit")).click()

    expect(flash(page).filter(has_text=text("vi", "This form was already saved."))
           ).to_be_visible()
    assert page.url == household_url
    assert len(sent) == 1
    assert visits_saved() == before + 1
