"""Screenshots of the main pages, small screens, and forms done with the keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS, choose_language, text

pytestmark = pytest.mark.e2e

LOCALES = ("vi", "hnj")  # Vietnamese and one minority language (Mông, a draft)
SCREENS = {"1366x768": {"width": 1366, "height": 768},
           "1024x600": {"width": 1024, "height": 600}}


def main_pages(page):
    """{name: path} of the pages an officer works in, found by following the app's links."""
    page.goto("/")
    page.get_by_role("link", name="Mí Háng", exact=True).first.click()
    village = page.url
    page.get_by_role("link", name="Giàng A Páo", exact=True).click()
    household = page.url
    page.get_by_role("link", name=text("vi", "Record a visit")).click()
    visit_form = page.url
    page.goto(village)
    page.get_by_role("link", name=text("vi", "Record a session")).click()
    session_form = page.url
    return {"home": "/", "village": village, "household": household, "visit-form": visit_form,
            "worklists": "/worklists/never-visited", "worklist-no-bhyt": "/worklists/no-bhyt",
            "sessions": "/sessions/", "session-form": session_form, "sync": "/sync",
            "scripts": "/scripts/"}


def test_screenshots_of_the_main_pages_in_vietnamese_and_mong(officer):
    page = officer
    pages = main_pages(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    for locale in LOCALES:
        choose_language(page, locale)
        for name, path in pages.items():
            response = page.goto(path)
            assert response.status == 200, (locale, name)
            expect(page.locator("html")).to_have_attribute("lang", locale)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            shot = SCREENSHOTS / f"{locale}-{name}.png"
            page.screenshot(path=shot, full_page=True)
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    choose_language(page, "vi")
    assert len(list(SCREENSHOTS.glob("*.png"))) == len(LOCALES) * len(pages)


# Typed without spaces (a stuck space bar), and a link pasted as the address.
UNBROKEN_NAME = "NguyễnThịMinhKhaiHoàngPhươngThảoNguyênLâmĐồngBảoLộcDiLinhĐứcTrọng"
LINK = "https://maps.example.vn/place/ban-lang-sang-xa-che-tao-lao-cai/@21.7345678,104.1234567,17z"


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_main_pages_need_no_horizontal_scrolling_at_1366x768_and_1024x600(admin):
    page = admin
    pages = main_pages(page)
    # Content that does not wrap by itself: a name without spaces, a long link.
    page.goto("/")
    page.get_by_role("link", name="Làng Sang", exact=True).click()
    page.get_by_role("link", name=text("vi", "Register a household")).click()
    page.locator("#address_note").fill(LINK)
    page.locator("#full_name").fill(UNBROKEN_NAME)
    page.locator("#gender").select_option("female")
    page.locator("#birth_year").fill("1990")
    page.get_by_role("button", name=text("vi", "Register")).click()
    expect(page.locator("p.flash")).to_have_count(1)
    pages.update({"long-household": page.url, "search": "/search?q=nguyen",
                  "village-long": page.locator(".breadcrumb a").nth(1).get_attribute("href"),
                  "worklist-no-bhxh": "/worklists/no-bhxh", "users": "/admin/users",
                  "offices": "/admin/offices", "lists": "/admin/lists/topic",
                  "translations": "/translations/", "dashboard": "/dashboard",
                  "report": "/reports/", "targets": "/reports/targets"})
    too_wide = []
    for locale in LOCALES:
        choose_language(page, locale)
        for name, path in pages.items():
            assert page.goto(path).status == 200, (locale, name)
            for screen, size in SCREENS.items():
                page.set_viewport_size(size)
                if not fits(page):
                    too_wide.append((locale, screen, name, page.evaluate(
                        "document.documentElement.scrollWidth")))
    choose_language(page, "vi")
    assert too_wide == []


# The focused element draws a ring of at least 2px (a date field's calendar button: the field).
FOCUS_SHOWN = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName, id: e.id, outline: [s.outlineStyle, s.outlineWidth],
          visible: e !== document.body && s.outlineStyle !== "none"
                   && parseFloat(s.outlineWidth) >= 2};
}"""


class Keyboard:
    """Moves through a page with Tab, types, ticks with Space and submits with Enter."""

    def __init__(self, page):
        self.page = page
        self.stops = 0

    def tab_to(self, selector, limit=120):
        """Tab until this element has the focus; every stop on the way must show it."""
        target = self.page.locator(selector)
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            self.stops += 1
            focus = self.page.evaluate(FOCUS_SHOWN)
            assert focus["visible"], f"no visible focus on {focus['tag']}#{focus['id']}: {focus}"
            if target.evaluate("e => e === document.activeElement"):
                return target
        raise AssertionError(f"Tab never reached {selector}")

    def type_into(self, selector, value):
        self.tab_to(selector)
        self.page.keyboard.type(value)

    def choose(self, selector, value):
        """Pick an option of a closed select with the arrow keys."""
        select = self.tab_to(selector)
        values = select.evaluate("s => [...s.options].map(o => o.value)")
        steps = values.index(value) - values.index(select.input_value())
        for _ in range(abs(steps)):
            self.page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        expect(select).to_have_value(value)

    def tick(self, selector):
        box = self.tab_to(selector)
        self.page.keyboard.press("Space")
        expect(box).to_be_checked()

    def press(self, selector, key="Enter"):
        """Activate a link or button with the keyboard, and wait for the page it opens."""
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press(key)


def test_log_in_register_a_household_and_record_a_visit_with_the_keyboard_alone(page, laptop):
    keys = Keyboard(page)
    page.goto("/login")
    # The username has the focus from the start.
    expect(page.locator("#username")).to_be_focused()
    page.keyboard.type("canbo")
    keys.type_into("#password", laptop.logins["canbo"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/$"))
    choose_language(page, "vi")  # canbo's language from earlier tests, if any

    keys.press("a:text-is('Tà Chí Lừ')")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tà Chí Lừ")
    keys.press(f"main a:text-is('{text('vi', 'Register a household')}')")
    keys.type_into("#address_note", "Nhà sàn đầu dốc")
    keys.type_into("#phone", "0912 000 111")
    keys.choose("#language", "hnj")
    keys.type_into("#full_name", "Thào A Sểnh")
    keys.choose("#gender", "male")
    keys.type_into("#birth_year", "1982")
    keys.press(f"main button:text-is('{text('vi', 'Register')}')", "Space")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("vi", "Household of %(name)s", name="Thào A Sểnh"))
    expect(page.locator(".facts")).to_contain_text("0912000111")

    keys.press(f"main a:text-is('{text('vi', 'Add a member')}')")
    keys.type_into("#full_name", "Giàng Thị Mai")
    keys.choose("#gender", "female")
    keys.choose("#relation", "spouse")
    keys.type_into("#birth_year", "1986")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # from the last field typed in, as people do
    expect(page.locator("p.flash")).to_have_text(
        text("vi", "%(name)s added to the household.", name="Giàng Thị Mai"))

    keys.press(f"main a.primary:text-is('{text('vi', 'Record a visit')}')")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("vi", "Record a visit"))
    keys.choose("#language", "hnj")
    keys.tick("input[name=present] >> nth=0")
    keys.tick("input[name=present] >> nth=1")
    keys.tick("input[name=topics][value=vssid]")
    mai = page.locator(".person-outcome").filter(has_text="Giàng Thị Mai")
    outcome_name = mai.locator("input[value=vssid_installed]").get_attribute("name")
    keys.tick(f"input[name={outcome_name}][value=vssid_installed]")
    keys.press(f"main button:text-is('{text('vi', 'Save the visit')}')")
    expect(page.locator("p.flash")).to_have_text(text("vi", "Visit saved."))
    members = page.locator("table").first.locator("tbody tr")
    expect(members.filter(has_text="Giàng Thị Mai")).to_contain_text(text("vi", "Installed"))
    assert keys.stops > 20


def test_the_first_tab_offers_a_jump_past_the_header(officer):
    page = officer
    page.goto("/worklists/never-visited")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text(text("vi", "Skip to the page content"))
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["width"] > 0  # on screen while it has the focus
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_attribute("id", "content")
    page.keyboard.press("Tab")
    # The next stop is inside the page content, not the header's navigation.
    assert page.evaluate("document.activeElement.closest('main') !== null")
