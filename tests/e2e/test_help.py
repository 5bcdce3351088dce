"""The guide in the browser: each page's Help link lands on the section about it; and the
guide's screenshots, taken here from the demo laptop (`make help-screenshots`)."""

import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from fieldapp.help.guide import LANGUAGES, SCREENSHOTS, screenshot_name

from .conftest import LAPTOP_SCREEN, _page_of, choose_language, text
from .test_screens import main_pages

pytestmark = pytest.mark.e2e

STATIC = Path(__file__).resolve().parents[2] / "fieldapp" / "static"
# Screenshots are shrunk to this width and to a palette: about 40 KB each.
SHOT_WIDTH, SHOT_COLOURS = 900, 64


def open_help(page):
    """Click the header's Help link; the section it points at, after the page moved there."""
    page.locator("header a.help-link").click()
    expect(page).to_have_url(re.compile(r"/help#[\w-]+$"))
    section = page.url.rsplit("#", 1)[1]
    target = page.locator(f"section#{section}")
    expect(target).to_have_count(1)
    # The browser went to that section: it is the document's target.
    expect(page.locator(":target")).to_have_attribute("id", section)
    return section, target.locator("> h2, > h3, > h4").first


def test_the_help_link_of_the_record_a_visit_page_opens_its_section(officer):
    page = officer
    page.goto("/")
    page.get_by_role("link", name="Mí Háng", exact=True).first.click()
    page.get_by_role("link", name="Giàng A Páo", exact=True).click()
    page.get_by_role("link", name=text("vi", "Record a visit")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text("vi", "Record a visit"))

    section, heading = open_help(page)
    assert section == "record-visit"
    expect(heading).to_have_text("Ghi lần thăm hộ")
    expect(heading).to_be_visible()
    expect(heading).to_be_in_viewport()
    # The guide is the Vietnamese one, and its screenshots load from the laptop itself.
    expect(page.locator("div.guide")).to_have_attribute("lang", "vi")
    expect(page.locator("div.guide img")).to_have_count(len(SCREENSHOTS))
    page.wait_for_function("() => [...document.querySelectorAll('div.guide img')]"
                           ".every(img => img.complete && img.naturalWidth > 0)")


def test_the_help_link_of_a_worklist_opens_that_list_in_english(officer):
    page = officer
    choose_language(page, "en")
    try:
        page.goto("/worklists/never-visited")
        page.get_by_role("link", name=text("en", "People without a valid BHYT card")).first.click()
        expect(page).to_have_url(re.compile(r"/worklists/no-bhyt"))
        section, heading = open_help(page)
        assert section == "worklist-no-bhyt"
        expect(heading).to_have_text("People without a valid BHYT card")
        expect(heading).to_be_in_viewport()
        expect(page.locator("div.guide")).to_have_attribute("lang", "en")
    finally:
        choose_language(page, "vi")


def test_the_guide_opens_from_the_login_page_before_logging_in(page):
    page.goto("/login")
    section, heading = open_help(page)
    assert section == "log-in"
    expect(heading).to_be_in_viewport()


# ---- The guide's screenshots: `make help-screenshots` ---------------------------------------

@pytest.fixture
def supervisor(browser, laptop, sessions):
    yield from _page_of(browser, laptop, sessions, "giamsat")


def shrink(png):
    """A screenshot as a small PNG: SHOT_WIDTH wide, a palette of SHOT_COLOURS colours."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    height = round(image.height * SHOT_WIDTH / image.width)
    image = image.resize((SHOT_WIDTH, height), Image.Resampling.LANCZOS)
    image = image.quantize(colors=SHOT_COLOURS, method=Image.Quantize.MEDIANCUT,
                           dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


@pytest.mark.skipif(not os.environ.get("HELP_SCREENSHOTS"),
                    reason="makes the guide's screenshots: run `make help-screenshots`")
def test_the_guide_screenshots_are_taken_from_the_app(officer, supervisor, admin):
    pages = main_pages(officer)
    # (who, name, address): each screenshot as the user the guide's section is for.
    shots = [(officer, name, pages[name]) for name in
             ("home", "household", "worklists", "visit-form", "session-form", "sync")]
    shots += [(supervisor, "dashboard", "/dashboard"), (admin, "users", "/admin/users"),
              (admin, "translations", "/translations/hnj?state=draft")]
    assert sorted(name for _, name, _ in shots) == sorted(SCREENSHOTS)
    made = []
    for language in LANGUAGES:
        for page, name, address in shots:
            choose_language(page, language)
            page.set_viewport_size(LAPTOP_SCREEN)
            assert page.goto(address).status == 200, name
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            # The screen as the user sees it, down to the end of a short page's content.
            main = page.locator("main").bounding_box()
            height = min(LAPTOP_SCREEN["height"], round(main["y"] + main["height"] + 20))
            target = STATIC / screenshot_name(language, name)
            target.write_bytes(shrink(page.screenshot(
                clip={"x": 0, "y": 0, "width": LAPTOP_SCREEN["width"], "height": height})))
            made.append(target)
    for page in (officer, supervisor, admin):
        choose_language(page, "vi")
    total = sum(path.stat().st_size for path in made)
    assert total < 1_500_000, f"the guide's screenshots weigh {total} bytes"
