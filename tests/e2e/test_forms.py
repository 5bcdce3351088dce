"""Each main form, sent with mistakes: the message stands beside its field, the typing stays."""

import re

import pytest
from playwright.sync_api import expect

from fieldapp import clock

from .conftest import text

pytestmark = pytest.mark.e2e


def expect_error_beside(page, field_id, message):
    """The message is in the field's own box, right under the control, and tied to it."""
    control = page.locator(f"#{field_id}")
    errors = page.locator(f".field:has(#{field_id}) > #{field_id}-errors")
    expect(errors).to_be_visible()
    expect(errors).to_contain_text(message)
    expect(control).to_have_attribute("aria-invalid", "true")
    expect(control).to_have_attribute("aria-describedby", f"{field_id}-errors")
    # Measured once the vendored fonts are in and the layout has settled (on a busy machine it
    # can still move between two reads): both boxes in one frame, until two frames agree.
    page.wait_for_function("document.fonts.status === 'loaded'")
    box, under = _settled_boxes(page, field_id)
    gap = under["y"] - (box["y"] + box["height"])
    assert 0 <= gap < 24, f"the message of {field_id} is {gap}px from its control"
    assert abs(under["x"] - box["x"]) < 24, f"the message of {field_id} is not under it"


_BOXES = """id => new Promise(done => requestAnimationFrame(() => {
    const box = e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y,
                                                                     height: r.height}; };
    done([box(document.getElementById(id)), box(document.getElementById(id + "-errors"))]);
}))"""


def _settled_boxes(page, field_id):
    """The control's and its message's boxes, read in one frame, once two frames agree."""
    last = page.evaluate(_BOXES, field_id)
    for _ in range(20):
        page.wait_for_timeout(50)
        now = page.evaluate(_BOXES, field_id)
        if now == last:
            break
        last = now
    return last


def expect_no_error(page, field_id):
    expect(page.locator(f"#{field_id}-errors")).to_have_count(0)


def submit(page, label):
    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.get_by_role("button", name=text("vi", label), exact=True).click()
    assert sent.value.status in (400, 401, 200), sent.value.status
    return sent.value


def test_login(page, laptop):
    page.goto("/login")
    page.locator("#username").fill("canbo")
    submit(page, "Log in")
    expect(page).to_have_url(re.compile(r"/login"))
    expect_error_beside(page, "password", text("vi", "This field is required."))
    expect_no_error(page, "username")
    expect(page.locator("#username")).to_have_value("canbo")


def test_register_a_household(officer):
    page = officer
    page.goto("/")
    page.get_by_role("link", name="Làng Sang", exact=True).click()
    page.get_by_role("link", name=text("vi", "Register a household")).click()
    page.locator("#address_note").fill("Bên kia suối")
    page.locator("#phone").fill("12345")
    page.locator("#language").select_option("hnj")
    page.locator("#full_name").fill("Lò Văn Khánh")
    page.locator("#gender").select_option("male")
    page.locator("#birth_year").fill("1890")
    page.locator("#cccd").fill("0123")
    submit(page, "Register")
    year = clock.today().year
    expect_error_beside(page, "phone", text(
        "vi", "Enter a Vietnamese phone number, e.g. 0912 345 678 or 0216 3878 123."))
    expect_error_beside(page, "birth_year", text(
        "vi", "Enter a year between %(min)s and %(max)s.", min=1900, max=year))
    expect_error_beside(page, "cccd", text("vi", "A CCCD has exactly 12 digits."))
    expect_no_error(page, "full_name")
    for field_id, value in (("address_note", "Bên kia suối"), ("phone", "12345"),
                            ("full_name", "Lò Văn Khánh"), ("birth_year", "1890"),
                            ("cccd", "0123"), ("language", "hnj"), ("gender", "male")):
        expect(page.locator(f"#{field_id}")).to_have_value(value)


def test_add_a_member(officer):
    page = officer
    page.goto("/")
    page.get_by_role("link", name="Mí Háng", exact=True).click()
    page.get_by_role("link", name="Giàng A Páo", exact=True).click()
    page.get_by_role("link", name=text("vi", "Add a member")).click()
    page.locator("#gender").select_option("female")
    page.locator("#relation").select_option("child")
    page.locator("#birth_year").fill("2999")
    page.locator("#bhyt_card_type").select_option("child_under_6")
    page.locator("#bhxh_number").fill("12345")
    submit(page, "Save")
    expect_error_beside(page, "full_name", text("vi", "This field is required."))
    expect_error_beside(page, "birth_year", text(
        "vi", "Enter a year between %(min)s and %(max)s.", min=1900, max=clock.today().year))
    expect_error_beside(page, "bhyt_expiry", text(
        "vi", "Enter the date until which the card is valid."))
    expect_error_beside(page, "bhxh_number", text("vi", "A mã số BHXH has exactly 10 digits."))
    for field_id, value in (("gender", "female"), ("relation", "child"), ("birth_year", "2999"),
                            ("bhyt_card_type", "child_under_6"), ("bhxh_number", "12345")):
        expect(page.locator(f"#{field_id}")).to_have_value(value)


def test_record_a_visit(officer):
    page = officer
    page.goto("/")
    page.get_by_role("link", name="Tu San", exact=True).click()
    page.get_by_role("link", name="Thào A Tủa", exact=True).click()
    page.get_by_role("link", name=text("vi", "Record a visit")).click()
    page.locator("#companions").fill("Chủ tịch Hội Phụ nữ xã")
    topic = page.locator("input[name=topics][value=vssid]")
    topic.check()
    outcome = page.locator(".person-outcome").filter(has_text="Mùa Thị Chò")
    outcome.locator("input[value=declined]").check()
    page.locator("#follow_up_on").fill("2001-02-03")
    submit(page, "Save the visit")
    expect_error_beside(page, "follow_up_on", text(
        "vi", "The follow-up date must come after the visit."))
    reason = outcome.locator("select")
    reason_id = reason.get_attribute("id")
    expect_error_beside(page, reason_id, text("vi", "Say why the person declined."))
    expect(page.locator("#companions")).to_have_value("Chủ tịch Hội Phụ nữ xã")
    expect(topic).to_be_checked()
    expect(outcome.locator("input[value=declined]")).to_be_checked()
    expect(page.locator("#follow_up_on")).to_have_value("2001-02-03")


def test_record_a_session(officer):
    page = officer
    page.goto("/sessions/new")
    page.get_by_role("button", name=text("vi", "Next")).click()
    page.locator("#place").fill("Sân trường tiểu học")
    page.locator("#attendees_total").fill("5")
    page.locator("#attendees_female").fill("2")
    page.locator("#attendees_male").fill("1")
    page.locator("#eth_mong").fill("5")
    page.locator("#quick-1-full_name").fill("Giàng Thị Pà")
    submit(page, "Save the session")
    expect_error_beside(page, "quick-1-birth_year", text(
        "vi", "Enter the birth year or the birth date."))
    expect(page.locator("#quick-1-full_name")).to_have_value("Giàng Thị Pà")
    expect(page.locator("#place")).to_have_value("Sân trường tiểu học")
    # Fixing that, the figures must still add up: the difference is shown where it belongs.
    page.locator("#quick-1-birth_year").fill("2001")
    submit(page, "Save the session")
    expect_error_beside(page, "attendees_gender_unknown", text(
        "vi", "Women, men and unknown add up to %(sum)d, but the total is %(total)d.",
        sum=3, total=5))
    expect_no_error(page, "eth_unknown")
    for field_id, value in (("attendees_total", "5"), ("attendees_female", "2"),
                            ("attendees_male", "1"), ("eth_mong", "5"),
                            ("quick-1-birth_year", "2001")):
        expect(page.locator(f"#{field_id}")).to_have_value(value)


def test_add_a_village(officer):
    page = officer
    page.goto("/")
    page.get_by_role("link", name="Xã Chế Tạo", exact=True).click()
    page.locator("#name").fill("mí háng")
    page.locator("#kind").select_option("thon")
    submit(page, "Add")
    expect_error_beside(page, "name", text(
        "vi", "A village named “%(name)s” already exists in this commune.", name="Mí Háng"))
    expect(page.locator("#name")).to_have_value("mí háng")
    expect(page.locator("#kind")).to_have_value("thon")


def test_new_user(admin):
    page = admin
    page.goto("/admin/users")
    page.get_by_role("link", name=text("vi", "New user")).click()
    page.locator("#username").fill("ly thi")
    page.locator("#full_name").fill("Lý Thị Dính")
    page.locator("#role").select_option("supervisor")
    page.locator("#password").fill("short")
    page.locator("#confirm").fill("shorter")
    submit(page, "Save")
    expect_error_beside(page, "username", text(
        "vi", "3 to 64 letters without diacritics, digits, dots, dashes or underscores."))
    expect_error_beside(page, "password", text("vi", "Use at least %(min)d characters.", min=10))
    expect_error_beside(page, "confirm", text("vi", "The two passwords differ."))
    expect(page.locator("#username")).to_have_value("ly thi")
    expect(page.locator("#full_name")).to_have_value("Lý Thị Dính")
    expect(page.locator("#role")).to_have_value("supervisor")
    # Passwords are never sent back to the page.
    expect(page.locator("#password")).to_have_value("")
