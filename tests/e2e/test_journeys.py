"""The officer's day in Chromium: logging in, languages, households, visits, sessions."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from fieldapp import clock

from .conftest import log_in, ntext, text

pytestmark = pytest.mark.e2e


def nav(page, message, locale="vi"):
    return page.get_by_role("navigation", name=text(locale, "Main")).get_by_role(
        "link", name=text(locale, message), exact=True)


def test_log_in_then_switch_to_mong_and_back(page, laptop):
    page.goto("/worklists/never-visited")
    expect(page).to_have_url(re.compile(r"/login\?next=/worklists/never-visited"))
    log_in(page, "canbo", laptop.logins["canbo"])
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("vi", "Households never visited"))
    expect(page.locator(".user-name")).to_have_text("Giàng A Dế")

    page.get_by_role("button", name="Hmoob", exact=True).click()
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "hnj")
    assert text("hnj", "Worklists") != text("vi", "Worklists")
    expect(nav(page, "Worklists", "hnj")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("hnj", "Households never visited"))
    expect(page.get_by_role("button", name="Hmoob", exact=True)).to_have_attribute(
        "aria-current", "true")
    # Mông is a draft translation: the page says so.
    expect(page.locator(".draft-notice")).to_be_visible()

    # The choice follows the officer to other pages and to the next login.
    nav(page, "Sessions", "hnj").click()
    expect(html).to_have_attribute("lang", "hnj")
    page.get_by_role("button", name=text("hnj", "Log out")).click()
    expect(page).to_have_url(re.compile(r"/login"))
    expect(html).to_have_attribute("lang", "hnj")
    page.locator("#username").fill("canbo")
    page.locator("#password").fill(laptop.logins["canbo"])
    page.get_by_role("button", name=text("hnj", "Log in")).click()
    expect(html).to_have_attribute("lang", "hnj")

    page.get_by_role("button", name="Tiếng Việt", exact=True).click()
    expect(html).to_have_attribute("lang", "vi")
    expect(nav(page, "Worklists")).to_be_visible()
    expect(page.locator(".draft-notice")).to_have_count(0)


def flash(page):
    return page.locator("p.flash[role=status]")


def fieldset(page, legend):
    """The checkbox group (or fieldset) whose legend is exactly this text."""
    return page.locator("fieldset").filter(
        has=page.locator(":scope > legend", has_text=re.compile(rf"^\s*{re.escape(legend)}\s*$")))


def worklist_names(page, kind, village_id):
    """The names in the first column of a worklist, filtered to one village."""
    page.goto(f"/worklists/{kind}?village={village_id}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page.locator("table.worklist tbody tr td:first-child").all_inner_texts()


def open_village(page, name):
    page.goto("/")
    page.get_by_role("link", name=name, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    return page.url.rstrip("/").rsplit("/", 1)[-1]


HEAD, SPOUSE, SON = "Vàng A Lầu", "Sùng Thị Dợ", "Vàng A Chính"


def test_register_a_household_of_three_and_a_visit_changes_the_worklists(officer):
    page = officer
    village_id = open_village(page, "Tu San")
    page.get_by_role("link", name=text("vi", "Register a household")).click()
    page.locator("#address_note").fill("Nhà cuối bản, gần cầu treo")
    page.locator("#phone").fill("0987 654 321")
    page.locator("#ethnicity").select_option("mong")
    page.locator("#language").select_option("hnj")
    page.locator("#full_name").fill(HEAD)
    page.locator("#gender").select_option("male")
    page.locator("#birth_year").fill("1975")
    page.get_by_role("button", name=text("vi", "Register")).click()
    expect(flash(page)).to_have_text(text("vi", "Household registered. Now add the other "
                                              "members."))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("vi", "Household of %(name)s", name=HEAD))
    household_url = page.url

    for name, gender, relation, born in ((SPOUSE, "female", "spouse", "1978"),
                                         (SON, "male", "child", "2004")):
        page.get_by_role("link", name=text("vi", "Add a member")).click()
        page.locator("#full_name").fill(name)
        page.locator("#gender").select_option(gender)
        page.locator("#relation").select_option(relation)
        page.locator("#birth_year").fill(born)
        page.get_by_role("button", name=text("vi", "Save")).click()
        expect(flash(page)).to_have_text(text("vi", "%(name)s added to the household.",
                                              name=name))
    members = page.locator("table").first.locator("tbody tr")
    expect(members).to_have_count(3)
    expect(members.locator("td:first-child")).to_have_text([HEAD, SPOUSE, SON])

    # Before the visit: never visited, nobody with a card, nobody insured.
    assert HEAD in worklist_names(page, "never-visited", village_id)
    assert {HEAD, SPOUSE, SON} <= set(worklist_names(page, "no-bhyt", village_id))
    assert {HEAD, SPOUSE, SON} <= set(worklist_names(page, "no-bhxh", village_id))
    assert HEAD not in worklist_names(page, "follow-ups", village_id)

    page.goto(household_url)
    page.get_by_role("link", name=text("vi", "Record a visit")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text("vi", "Record a visit"))
    page.locator("#language").select_option("hnj")
    page.locator("#companions").fill("Trưởng bản Thào A Dình")
    present = fieldset(page, text("vi", "Who was present"))
    present.get_by_label(HEAD, exact=True).check()
    present.get_by_label(SPOUSE, exact=True).check()
    topics = fieldset(page, text("vi", "Topics discussed"))
    topics.locator("input[value=household_bhyt]").check()
    topics.locator("input[value=voluntary_bhxh]").check()
    # Outcomes for two of the three: the head bought household BHYT and installed VssID,
    # his wife registered for voluntary BHXH.
    fieldset(page, HEAD).locator("input[value=household_bhyt]").check()
    fieldset(page, HEAD).locator("input[value=vssid_installed]").check()
    fieldset(page, SPOUSE).locator("input[value=voluntary_bhxh]").check()
    page.locator("#follow_up_on").fill(clock.today().isoformat())
    page.get_by_role("button", name=text("vi", "Save the visit")).click()
    expect(flash(page)).to_have_text(text("vi", "Visit saved."))
    assert page.url == household_url
    visits = page.locator("table").nth(1).locator("tbody tr")
    expect(visits).to_have_count(1)
    expect(visits.locator("td").nth(3)).to_have_text(
        ntext("vi", "%(num)d outcome", "%(num)d outcomes", 3))
    head_row = members.filter(has=page.get_by_role("link", name=HEAD, exact=True))
    expect(head_row).to_contain_text(text("vi", "Installed"))

    # The visit took the household off one list, and the two people off theirs.
    assert HEAD not in worklist_names(page, "never-visited", village_id)
    no_card = set(worklist_names(page, "no-bhyt", village_id))
    assert HEAD not in no_card and {SPOUSE, SON} <= no_card
    uninsured = set(worklist_names(page, "no-bhxh", village_id))
    assert SPOUSE not in uninsured and {HEAD, SON} <= uninsured
    assert HEAD in worklist_names(page, "follow-ups", village_id)


def test_record_a_small_group_session_with_a_roster_and_a_quick_added_attendee(officer):
    page = officer
    nav(page, "Sessions").click()
    page.get_by_role("link", name=text("vi", "Record a session")).click()
    page.get_by_label(text("vi", "Village where the session was held")).select_option(
        label="Mí Háng")
    page.get_by_role("button", name=text("vi", "Next")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mí Háng")

    page.locator("#place").fill("Nhà văn hóa bản Mí Háng")
    page.locator("#format").select_option("small_group")
    page.locator("#target_group").select_option("voluntary")
    fieldset(page, text("vi", "Topics")).locator("input[value=voluntary_bhxh]").check()
    fieldset(page, text("vi", "Languages used")).locator("input[value=hnj]").check()
    # The officer recording the session is ticked as a facilitator already.
    expect(fieldset(page, text("vi", "Facilitators (staff)")).get_by_label("Giàng A Dế")) \
        .to_be_checked()
    page.locator("#attendees_total").fill("4")
    page.locator("#attendees_female").fill("2")
    page.locator("#attendees_male").fill("2")
    page.locator("#eth_mong").fill("4")
    roster = fieldset(page, text("vi", "Attendees from the registry"))
    roster.get_by_label("Giàng A Páo (1979)").check()
    roster.get_by_label("Sùng Thị Mỷ (1983)").check()
    roster.get_by_label("Hờ A Chứ (1990)").check()
    page.locator("#quick-0-full_name").fill("Hầu Thị Súa")
    page.locator("#quick-0-gender").select_option("female")
    page.locator("#quick-0-birth_year").fill("1996")
    page.get_by_role("button", name=text("vi", "Save the session")).click()

    expect(flash(page)).to_have_text(text("vi", "Session saved."))
    attendees = page.locator("form[action$='/outcomes'] tbody tr td:first-child")
    expect(attendees).to_have_count(4)
    for name in ("Giàng A Páo (1979)", "Sùng Thị Mỷ (1983)", "Hờ A Chứ (1990)",
                 "Hầu Thị Súa (1996)"):
        expect(attendees.filter(has_text=name)).to_have_count(1)
    expect(page.locator(".facts")).to_contain_text("Nhà văn hóa bản Mí Háng")

    # The quick-added attendee is in the registry now: head of a new household of Mí Háng.
    page.get_by_role("link", name="Hầu Thị Súa", exact=True).click()
    expect(page.locator("#full_name")).to_have_value("Hầu Thị Súa")
    page.locator(".breadcrumb a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("vi", "Household of %(name)s", name="Hầu Thị Súa"))
    expect(page.locator(".breadcrumb")).to_contain_text("Mí Háng")

    # And the month's list counts the session.
    nav(page, "Sessions").click()
    rows = page.locator("tbody tr").filter(has_text="Nhà văn hóa bản Mí Háng").filter(
        has=page.locator("td.num", has_text=re.compile(r"^\s*4\s*$")))
    expect(rows).to_have_count(1)


def print_pdf(page, button):
    """Click a print button: the PDF opens in a new tab; return its response and its bytes."""
    with page.context.expect_event("response", lambda r: ".pdf" in r.url) as opened, \
            page.expect_popup() as tab:
        page.get_by_role("button", name=button).click()
    response = opened.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    # The tab shows the PDF in Chromium's viewer; the same request, with the officer's cookie,
    # gives its bytes.
    fetched = page.request.get(response.url)
    assert fetched.status == 200 and fetched.headers["content-type"] == "application/pdf"
    body = fetched.body()
    assert body.startswith(b"%PDF-")
    tab.value.close()
    return PdfReader(io.BytesIO(body))


def test_print_the_visit_summary_and_the_session_attendance_sheet(officer):
    page = officer
    page.goto("/")
    page.get_by_role("link", name="Mí Háng", exact=True).first.click()
    page.get_by_role("link", name="Giàng A Páo", exact=True).click()
    page.locator("table").nth(1).locator("tbody a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        text("vi", "Visit of %(date)s", date="").strip())
    page.locator("form.print-choice #size").select_option("A4")
    summary = print_pdf(page, text("vi", "Print the summary (PDF)"))
    assert len(summary.pages) == 1
    width, height = (float(x) for x in summary.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points, as chosen
    words = summary.pages[0].extract_text()
    assert "Giàng A Páo" in words and "Giàng A Tráng" in words

    # The demo's session, five days ago: this month's list or the one before.
    nav(page, "Sessions").click()
    page.wait_for_load_state()
    demo_session = page.locator("tbody tr").filter(
        has=page.locator("td.num", has_text=re.compile(r"^\s*12\s*$")))
    if not demo_session.count():
        page.locator("nav.pager a").first.click()
    demo_session.locator("a").click()
    expect(page.locator(".facts")).to_contain_text("Nhà văn hóa bản Mí Háng")
    sheet = print_pdf(page, text("vi", "Summary and attendance sheet (PDF)"))
    words = "".join(p.extract_text() for p in sheet.pages)
    assert text("vi", "Attendance sheet") in words
    for name in ("Giàng A Páo", "Sùng Thị Mỷ", "Hờ A Chứ"):
        assert name in words
