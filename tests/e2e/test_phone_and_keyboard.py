"""Every officer can use it (issue 24): on a 390×844 phone and a 1366×768 laptop, the form's first
field on the first screen, tap targets big enough, each member's controls named after them,
errors announced and linked, focus rings and control edges that can be seen, Tai Viet in the
drop-downs. Screenshots go to tests/artifacts/screenshots."""

import re

import pytest
from playwright.sync_api import expect

from fieldapp.db import connect
from helpers import demo_ids

from .conftest import LAPTOP_SCREEN, SCREENSHOTS, _logged_in, choose_language, open_page, text

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
SCREENS = {"phone": PHONE, "laptop": LAPTOP_SCREEN}


@pytest.fixture(scope="module")
def ids(laptop):
    db = connect(laptop.instance / "fieldapp.sqlite3")
    try:
        members = [name for (name,) in db.execute(
            "select full_name from people where deleted_at is null and household_id = ?"
            " order by full_name", [demo_ids(db)["household"]])]
        return {**demo_ids(db), "members": members}
    finally:
        db.close()


@pytest.fixture(params=list(SCREENS))
def screen(request):
    return request.param


@pytest.fixture
def officer_on(browser, laptop, sessions, screen):
    """The demo officer's page at this screen size, in Vietnamese."""
    page = _logged_in(browser, laptop, sessions, "canbo")
    page.set_viewport_size(SCREENS[screen])
    yield page
    page.context.close()
    assert page.script_errors == []


def keep(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"a11y-{name}.png"))


def box(locator):
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not shown"
    return found


@pytest.mark.parametrize("path", ["/households/{household}/visits/new", "/sessions/new?village={village}",
                                  "/villages/{village}/households/new"])
def test_the_first_field_is_on_the_first_screen(officer_on, screen, ids, path):
    page = officer_on
    page.goto(path.format(**ids))
    page.wait_for_function("document.fonts.status === 'loaded'")
    first = page.locator("main form[method=post] :is(input, select, textarea):not([type=hidden])")
    top = box(first.first)
    assert top["y"] + top["height"] <= SCREENS[screen]["height"], (
        f"the first field of {path} starts at {top['y']:.0f}px")
    header = box(page.locator(".site-header"))
    if screen == "phone":
        # At most two lines: the name, the changes to send, the language and menu buttons.
        assert header["height"] <= 120, f"the header takes {header['height']:.0f}px"
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
    keep(page, f"first-field-{path.split('/')[-1]}-{screen}")


def test_on_a_phone_the_menu_and_the_language_fold_into_two_buttons(officer_on, screen):
    page = officer_on
    page.goto("/")
    menu, language = page.locator(".menu-button"), page.locator(".language-button")
    worklists = page.locator(".site-header nav").get_by_role(
        "link", name=text("vi", "Worklists"))
    hmong = page.locator(".language-switcher button[value=hnj]")
    if screen == "laptop":
        expect(menu).to_be_hidden()
        expect(language).to_be_hidden()
        expect(worklists).to_be_visible()
        expect(hmong).to_be_visible()
        return
    expect(worklists).to_be_hidden()
    expect(hmong).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")
    # By keyboard: the menu opens, its links are reached in order, Escape closes it.
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(worklists).to_be_visible()
    keep(page, "menu-open-phone")
    page.keyboard.press("Tab")
    expect(page.locator(".site-header nav a").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(worklists).to_be_hidden()
    expect(menu).to_be_focused()
    # The language choice is one more button; opening it closes the menu.
    menu.click()
    language.click()
    expect(worklists).to_be_hidden()
    expect(hmong).to_be_visible()
    assert box(hmong)["height"] >= 44
    hmong.click()
    expect(page.locator("html")).to_have_attribute("lang", "hnj")
    expect(language).to_contain_text("Hmoob")
    choose_language(page, "vi")


def test_every_control_of_the_visit_form_is_big_enough_to_tap(officer_on, screen, ids):
    page = officer_on
    page.goto(f"/households/{ids['household']}/visits/new")
    page.wait_for_function("document.fonts.status === 'loaded'")
    small = page.evaluate("""() => [...document.querySelectorAll(
            'main :is(input, select, textarea, button, .button):not([type=hidden])')]
        .map(e => [e.id || e.name || e.textContent.trim(), e.getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24)
        .map(([name, r]) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}`)""")
    assert small == []
    # Each box for a person is a row of its own, at least 44 px tall, the name beside the box.
    rows = page.locator("main .choice-row")
    assert rows.count() >= len(ids["members"]) * 2
    seen = []
    for i in range(rows.count()):
        row = rows.nth(i)
        row_box, tick = box(row), box(row.locator("input"))
        words = box(row.locator("span").first)
        assert row_box["height"] >= 44, f"row {i} is {row_box['height']:.0f}px tall"
        assert tick["width"] >= 24 and tick["height"] >= 24
        # The box sits level with its own words, and no other box shares its line.
        middle = tick["y"] + tick["height"] / 2
        assert words["y"] <= middle <= words["y"] + words["height"]
        seen.append((round(row_box["x"]), round(row_box["y"]), round(row_box["height"])))
    for x, y, height in seen:
        assert not [other for other in seen if other[0] == x and other != (x, y, height)
                    and y < other[1] < y + height]
    keep(page, f"visit-form-{screen}")


def test_each_members_controls_carry_the_members_name(officer_on, ids):
    page = officer_on
    page.goto(f"/households/{ids['household']}/visits/new")
    declined = text("vi", "Declined")
    reason = text("vi", "Reason for declining")
    for name in ids["members"]:
        named = re.compile(re.escape(name))
        expect(page.get_by_role("checkbox", name=named)).to_have_count(1 + len(
            page.locator(".person-outcome").filter(has_text=name).locator("input").all()))
        expect(page.get_by_role("checkbox", name=re.compile(
            f"^{re.escape(declined)}.*{re.escape(name)}"))).to_have_count(1)
        expect(page.get_by_role("combobox", name=re.compile(
            f"^{re.escape(reason)}.*{re.escape(name)}"))).to_have_count(1)


def test_a_failed_save_is_announced_focused_and_linked(officer_on, screen, ids):
    page = officer_on
    page.goto(f"/households/{ids['household']}/visits/new")
    page.get_by_role("button", name=text("vi", "Save the visit"), exact=True).click()
    summary = page.locator(".error-summary")
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^" + re.escape(text("vi", "Error") + ":")))
    assert box(summary)["y"] < SCREENS[screen]["height"] / 2
    keep(page, f"error-summary-{screen}")
    link = summary.get_by_role("link").first
    expect(link).to_contain_text(text("vi", "Who was present"))
    link.click()
    expect(page.locator("#present-0")).to_be_focused()
    legend = box(page.locator("fieldset:has(#present-0) > legend"))
    assert 0 <= legend["y"] < SCREENS[screen]["height"]


def test_a_saved_visit_is_announced(officer_on, ids):
    page = officer_on
    page.goto(f"/households/{ids['household']}/visits/new")
    page.locator("#nobody_home").check()
    page.get_by_role("button", name=text("vi", "Save the visit"), exact=True).click()
    expect(page.locator("p.flash[role=status]").first).to_be_visible()
    expect(page).not_to_have_title(re.compile("^" + re.escape(text("vi", "Error"))))


def test_a_wrong_password_marks_the_password_invalid(browser, laptop, screen):
    page = open_page(browser, laptop.url, viewport=SCREENS[screen])
    page.goto("/login")
    page.locator("#username").fill("canbo")
    page.locator("#password").fill("not-the-password")
    page.locator("form:has(#password) button[type=submit]").click()
    expect(page.locator("#password")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#password-errors")).to_contain_text(
        text("vi", "Wrong username or password."))
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page).to_have_title(re.compile("^" + re.escape(text("vi", "Error") + ":")))
    keep(page, f"login-refused-{screen}")
    page.context.close()


# The contrast of two CSS colours (WCAG 2.2's relative luminance), and the colour behind an
# element: the first ancestor with a background that is not transparent.
CONTRAST = """([selector]) => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).slice(0, 3).map(v => v / 255).map(
      v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05); };
  const behind = e => { for (let n = e.parentElement; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      if (rgb(c).length < 4 || rgb(c)[3] > 0) return c; } return 'rgb(255, 255, 255)'; };
  const e = document.querySelector(selector);
  const style = getComputedStyle(e);
  return {ring: ratio(style.outlineColor, behind(e)), width: parseFloat(style.outlineWidth),
          edge: ratio(style.borderTopColor, behind(e)), style: style.outlineStyle};
}"""


@pytest.mark.parametrize("selector", ["#notes", "#language", "main button.primary",
                                      "#present-0", ".site-header nav a", ".brand",
                                      ".help-link", ".skip-link"])
def test_the_focus_ring_and_the_edges_of_controls_can_be_seen(officer_on, screen, ids,
                                                              selector):
    page = officer_on
    page.goto(f"/households/{ids['household']}/visits/new")
    if screen == "phone" and selector in (".site-header nav a", ".help-link"):
        page.locator(".menu-button").click()
    page.locator(selector).first.focus()
    seen = page.evaluate(CONTRAST, [selector])
    assert seen["style"] != "none" and seen["width"] >= 2
    assert seen["ring"] >= 3, f"the focus ring of {selector} is {seen['ring']:.2f}:1"
    if selector in ("#notes", "#language"):
        page.locator("h1").click()
        edge = page.evaluate(CONTRAST, [selector])["edge"]
        assert edge >= 3, f"the edge of {selector} is {edge:.2f}:1"


def test_tai_viet_in_the_drop_downs_uses_the_bundled_font(officer_on, ids):
    page = officer_on
    choose_language(page, "blt")
    try:
        page.goto(f"/households/{ids['household']}/visits/new")
        page.wait_for_function("document.fonts.status === 'loaded'")
        fonts = page.evaluate("""() => [...document.querySelectorAll('main select, main option')]
            .map(e => getComputedStyle(e).fontFamily.split(',')[0].replace(/"/g, '').trim())""")
        assert fonts and set(fonts) == {"Noto Sans Tai Viet"}
        assert page.evaluate("document.fonts.check('16px \"Noto Sans Tai Viet\"', 'ꪼꪕ ꪒꪾ')")
        # The printing form names each language in itself, Thái in Tai Viet on any page.
        choose_language(page, "vi")
        page.goto(f"/visits/{ids['visit']}")
        thai = page.locator("option[lang=blt]").first
        assert thai.evaluate("e => getComputedStyle(e).fontFamily").startswith(
            '"Noto Sans Tai Viet"')
    finally:
        choose_language(page, "vi")
