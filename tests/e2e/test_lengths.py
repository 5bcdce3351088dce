"""A length limit in a real browser: shown before typing ends, counted while typing, and a longer
text marked and kept, never cut, on a phone's width and a laptop's."""

import re

import pytest
from playwright.sync_api import expect

from fieldapp.db import connect

from .conftest import text

pytestmark = pytest.mark.e2e

AT_MOST = "At most %(max)d characters."
NOTE = ("Hộ nghèo, con đi làm xa, hẹn quay lại sau mùa gặt. " * 100)[:4999] + "."


def _visits_saved(laptop, household_id):
    db = connect(laptop.instance / "fieldapp.sqlite3")
    try:
        return db.execute("select count(*) from visits where household_id = ?",
                          [household_id]).fetchone()[0]
    finally:
        db.close()


def _under(page, control, hint):
    """The hint's box right under the control's, inside the screen's width."""
    box, under = control.bounding_box(), hint.bounding_box()
    width = page.viewport_size["width"]
    gap = under["y"] - (box["y"] + box["height"])
    assert 0 <= gap < 48, f"the limit is {gap}px from its field"
    assert abs(under["x"] - box["x"]) < 24
    assert under["x"] + under["width"] <= width + 1, "the limit runs off the screen"


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 768)])
def test_a_pasted_note_past_its_limit_is_counted_marked_and_kept(officer, laptop, width,
                                                                  height):
    page = officer
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/")
    page.get_by_role("link", name="Tu San", exact=True).click()
    page.get_by_role("link", name="Thào A Tủa", exact=True).click()
    household_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    before = _visits_saved(laptop, household_id)
    page.get_by_role("link", name=text("vi", "Record a visit")).click()

    notes = page.locator("#notes")
    field = page.locator(".field:has(> #notes)")
    hint = field.locator("#notes-limit")
    # Before typing ends: the limit in the page's language, and the count.
    expect(hint).to_contain_text(text("vi", AT_MOST, max=2000))
    expect(hint).to_contain_text("0 / 2000")
    notes.fill("a\nb")
    # A line break is sent as two characters (CR LF), so counted as two.
    expect(hint).to_contain_text("4 / 2000")
    expect(field).not_to_have_class(re.compile("over-limit"))

    # A paste five thousand characters long: all of it stays, counted and marked.
    notes.fill(NOTE)
    expect(notes).to_have_value(NOTE)
    expect(hint).to_contain_text("5000 / 2000")
    expect(hint).to_have_attribute("role", "alert")
    expect(field).to_have_class(re.compile("over-limit"))
    page.wait_for_function("document.fonts.status === 'loaded'")
    _under(page, notes, hint)
    page.screenshot(path=str(_shot(f"limit-over-{width}")))

    # Sent anyway: refused beside the field, in the page's language, the text kept whole.
    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.get_by_role("button", name=text("vi", "Save the visit")).click()
    assert sent.value.status == 200
    errors = page.locator(".field:has(> #notes) > #notes-errors")
    expect(errors).to_have_text(text("vi", AT_MOST, max=2000))
    expect(notes).to_have_value(NOTE)
    expect(hint).to_contain_text("5000 / 2000")
    assert _visits_saved(laptop, household_id) == before

    # Shortened to the limit, it is no longer marked.
    notes.fill(NOTE[:1999] + ".")
    expect(hint).to_contain_text("2000 / 2000")
    expect(field).not_to_have_class(re.compile("over-limit"))
    expect(hint).not_to_have_attribute("role", "alert")


def _shot(name):
    from .conftest import SCREENSHOTS
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
