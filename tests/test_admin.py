"""Administration: offices and the communes they cover, user accounts."""

from urllib.parse import urlsplit

import pytest
from werkzeug.security import check_password_hash

from fieldapp import demo, offices, store

from conftest import LOCALES, PASSWORD
from helpers import (catalog_text, demo_ids, field_errors, flashes, input_value, new_client,
                     one, parse, snapshot, squash)

# Run on a central server on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")


def commune_code(db, province_code, name):
    return one(db, "select code from communes where province_code = ? and name = ?",
               [province_code, name])["code"]


def live_communes(db, office_id):
    return set(offices.commune_codes(db, office_id))


@pytest.fixture
def admin_client(app):
    return new_client(app, "en", "quantri")


@pytest.fixture
def ids(db):
    return demo_ids(db)


def test_admin_creates_an_office_then_chooses_its_communes(app, db, admin_client):
    response = admin_client.post_form("/admin/offices/new", {
        "name": " BHXH Ba Đình ", "province_code": "1", "phone": "024 3823 1234",
        "address": "Số 1 phố Đội Cấn"})

    assert response.status_code == 302
    office = one(db, "select * from offices where name = 'BHXH Ba Đình'")
    assert urlsplit(response.headers["Location"]).path == f"/admin/offices/{office['id']}"
    assert (office["province_code"], office["phone"]) == (1, "024 3823 1234")
    assert office["created_by"] == demo_ids(db)["admin"]
    assert live_communes(db, office["id"]) == set()

    page = parse(admin_client.get(f"/admin/offices/{office['id']}"))
    boxes = page.find_all("input", type="checkbox", name="communes")
    hanoi = {r["code"] for r in db.query("select code from communes where province_code = 1")}
    assert {int(b.get("value")) for b in boxes} == hanoi
    assert not [b for b in boxes if "checked" in b.attrs]

    ba_dinh = commune_code(db, 1, "Phường Ba Đình")
    cau_giay = commune_code(db, 1, "Phường Cầu Giấy")
    response = admin_client.post_form(f"/admin/offices/{office['id']}", {
        "name": "BHXH Ba Đình", "phone": "024 3823 1234", "address": "Số 1 phố Đội Cấn",
        "communes": [str(ba_dinh), str(cau_giay)]})

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/offices"
    assert live_communes(db, office["id"]) == {ba_dinh, cau_giay}
    listing = parse(admin_client.get("/admin/offices"))
    assert flashes(listing) == ["Office saved."]
    row = next(tr for tr in listing.find_all("tr") if "BHXH Ba Đình" in tr.text)
    assert [squash(td.text) for td in row.find_all("td")][1:] == ["Thành phố Hà Nội", "2", "0"]
    page = parse(admin_client.get(f"/admin/offices/{office['id']}"))
    checked = {int(b.get("value")) for b in page.find_all("input", name="communes")
               if "checked" in b.attrs}
    assert checked == {ba_dinh, cau_giay}


@pytest.mark.parametrize("locale", LOCALES)
def test_an_office_needs_a_name_and_a_province(app, db, locale):
    client = new_client(app, locale, "quantri")
    before = snapshot(db)
    response = client.post_form("/admin/offices/new", {"name": "", "province_code": "",
                                                       "phone": "12"})
    assert response.status_code == 200
    page = parse(response)
    assert field_errors(page, "name") == [catalog_text(app, locale, "This field is required.")]
    assert field_errors(page, "province_code")
    assert field_errors(page, "phone") == [
        catalog_text(app, locale, "Enter a phone number of 8 to 20 digits.")]
    assert snapshot(db) == before


@pytest.mark.parametrize("locale", LOCALES)
def test_a_commune_of_another_office_is_refused_and_nothing_changes(app, db, ids, locale,
                                                                     create_office):
    """All or nothing: the free commune and the new name are not saved either."""
    client = new_client(app, locale, "quantri")
    free = commune_code(db, 15, "Xã Văn Chấn")
    taken = commune_code(db, 15, "Xã Mù Cang Chải")
    office = create_office("BHXH Văn Chấn", 15)
    before = snapshot(db)

    response = client.post_form(f"/admin/offices/{office['id']}", {
        "name": "BHXH Văn Chấn mới", "communes": [str(free), str(taken)]})

    assert response.status_code == 200
    errors = field_errors(parse(response), "communes")
    assert errors == [catalog_text(
        app, locale, "Already covered by another office: %(communes)s.",
        communes=f"Xã Mù Cang Chải ({demo.OFFICE_NAME})")]
    assert snapshot(db) == before
    assert store.get(db, "offices", office["id"])["name"] == "BHXH Văn Chấn"
    assert live_communes(db, office["id"]) == set()
    assert taken in live_communes(db, ids["office"])


def test_unticking_a_commune_soft_deletes_its_link(app, db, ids, admin_client):
    demo_office = store.get(db, "offices", ids["office"])
    codes = live_communes(db, ids["office"])
    dropped = commune_code(db, 15, "Xã Khao Mang")
    link = one(db, "select id from office_communes where commune_code = ?", [dropped])
    form = {"name": demo_office["name"], "phone": demo_office["phone"],
            "address": demo_office["address"]}

    response = admin_client.post_form(f"/admin/offices/{ids['office']}", {
        **form, "communes": [str(c) for c in codes - {dropped}]})

    assert response.status_code == 302
    assert live_communes(db, ids["office"]) == codes - {dropped}
    unlinked = store.get(db, "office_communes", link["id"], include_deleted=True)
    assert unlinked["deleted_at"] is not None
    assert unlinked["updated_by"] == ids["admin"]
    # Ticked again: a new link, the old one stays deleted for sync.
    admin_client.post_form(f"/admin/offices/{ids['office']}",
                           {**form, "communes": [str(c) for c in codes]})
    assert live_communes(db, ids["office"]) == codes
    assert db.execute("select count(*) from office_communes where commune_code = ?",
                      [dropped]).fetchone()[0] == 2


def test_a_commune_freed_by_one_office_can_go_to_another(app, db, ids, admin_client,
                                                          create_office):
    moved = commune_code(db, 15, "Xã Trạm Tấu")
    offices.update_office(db, ids["office"], name=demo.OFFICE_NAME, province_code=15,
                          phone="", address="",
                          communes=live_communes(db, ids["office"]) - {moved}, user_id=None)
    office = create_office("BHXH Trạm Tấu", 15)
    response = admin_client.post_form(f"/admin/offices/{office['id']}", {
        "name": "BHXH Trạm Tấu", "communes": [str(moved)]})
    assert response.status_code == 302
    assert live_communes(db, office["id"]) == {moved}


def test_a_commune_outside_the_province_is_refused(app, db, ids, admin_client):
    """A tampered form gets a message beside the communes, not a server error."""
    before = snapshot(db)
    form = {"name": demo.OFFICE_NAME,
            "communes": [str(commune_code(db, 1, "Phường Ba Đình"))]}
    response = admin_client.post_form(f"/admin/offices/{ids['office']}", form)
    assert response.status_code == 200
    assert field_errors(parse(response), "communes")
    assert snapshot(db) == before


NEW_USER = {"username": "Moi.Vao", "full_name": " Vừ A Sáng ", "role": "officer",
            "password": "new-password-1", "confirm": "new-password-1"}


def test_admin_adds_a_user_who_can_then_log_in(app, db, ids, admin_client):
    response = admin_client.post_form("/admin/users/new", {**NEW_USER, "office_id": ids["office"]})

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/users"
    user = one(db, "select * from users where username = 'moi.vao'")
    assert (user["full_name"], user["role"], user["office_id"], user["active"]) == (
        "Vừ A Sáng", "officer", ids["office"], 1)
    assert user["password_hash"].startswith("scrypt:")
    assert "new-password-1" not in user["password_hash"]
    assert check_password_hash(user["password_hash"], "new-password-1")
    assert user["created_by"] == ids["admin"]
    listing = parse(admin_client.get("/admin/users"))
    assert flashes(listing) == ["User added."]
    assert "Vừ A Sáng" in listing.find("table").text
    assert new_client(app, None, "moi.vao", "new-password-1").get("/").status_code == 200


@pytest.mark.parametrize("locale", LOCALES)
def test_a_taken_username_is_refused_beside_the_field(app, db, ids, locale):
    client = new_client(app, locale, "quantri")
    before = snapshot(db)
    response = client.post_form("/admin/users/new", {
        **NEW_USER, "username": "CanBo", "office_id": ids["office"]})
    assert response.status_code == 200
    page = parse(response)
    assert field_errors(page, "username") == [
        catalog_text(app, locale, "This username is already taken.")]
    assert input_value(page, "username") == "CanBo"
    assert snapshot(db) == before


@pytest.mark.parametrize("locale", LOCALES)
def test_a_short_or_unconfirmed_password_is_refused_and_the_typing_kept(app, db, ids, locale):
    client = new_client(app, locale, "quantri")
    before = snapshot(db)
    for form, field, msgid, variables in (
            ({"password": "short", "confirm": "short"}, "password",
             "Use at least %(min)d characters.", {"min": 10}),
            ({"password": "new-password-1", "confirm": "new-password-2"}, "confirm",
             "The two passwords differ.", {})):
        response = client.post_form("/admin/users/new",
                                    {**NEW_USER, **form, "office_id": ids["office"]})
        assert response.status_code == 200
        page = parse(response)
        assert field_errors(page, field) == [catalog_text(app, locale, msgid, **variables)]
        assert input_value(page, "username") == "Moi.Vao"
        assert input_value(page, "full_name") == " Vừ A Sáng "
        # Passwords are never sent back to the browser.
        assert not input_value(page, "password") and not input_value(page, "confirm")
    assert snapshot(db) == before


# (password, the message beside the field): one for each rule of accounts.password_weakness.
WEAK_PASSWORDS = [
    ("ngan-qua1", ("Use at least %(min)d characters.", {"min": 10})),
    ("motmatkhaudai", ("Mix letters with digits or signs: not only letters, not only digits.", {})),
    ("Mậtkhẩumớiđây", ("Mix letters with digits or signs: not only letters, not only digits.", {})),
    ("0912345678", ("Mix letters with digits or signs: not only letters, not only digits.", {})),
    ("Moi.Vao-2026", ("Do not use the username or the person's name.", {})),
    ("vu a sang 1990", ("Do not use the username or the person's name.", {})),
    ("password-1", ("This password is among the most common ones. Choose another.", {})),
    ("Baseball2024!", ("This password is among the most common ones. Choose another.", {})),
    ("matkhau123456", ("This password is among the most common ones. Choose another.", {})),
]


@pytest.mark.parametrize("password, message", WEAK_PASSWORDS)
def test_a_weak_password_for_a_new_user_is_refused_beside_the_field(app, db, ids, password,
                                                                     message):
    client = new_client(app, "vi", "quantri")
    before = snapshot(db)
    response = client.post_form("/admin/users/new", {
        **NEW_USER, "password": password, "confirm": password, "office_id": ids["office"]})
    assert response.status_code == 200
    page = parse(response)
    msgid, variables = message
    assert field_errors(page, "password") == [catalog_text(app, "vi", msgid, **variables)]
    assert input_value(page, "username") == "Moi.Vao"
    assert not input_value(page, "password")
    assert snapshot(db) == before


@pytest.mark.parametrize("locale", LOCALES)
def test_a_new_password_may_not_be_the_accounts_own_name(app, db, ids, locale):
    """The password form knows whose password it sets: Giàng A Dế, username canbo."""
    client = new_client(app, locale, "quantri")
    before = snapshot(db)
    for password in ("canbo-12345", "GiangADe-2026", "Giàng A Dế 1990"):
        response = client.post_form(f"/admin/users/{ids['officer']}/password",
                                    {"password": password, "confirm": password})
        assert response.status_code == 400
        assert field_errors(parse(response), "password") == [catalog_text(
            app, locale, "Do not use the username or the person's name.")], password
    assert snapshot(db) == before
    # Another person's name is no clue to this account.
    response = client.post_form(f"/admin/users/{ids['officer']}/password",
                                {"password": "Lo-Thi-Mai-2026", "confirm": "Lo-Thi-Mai-2026"})
    assert response.status_code == 302


def test_passwords_that_mix_kinds_and_are_nobodys_name_are_accepted(app, db, ids, admin_client):
    for number, password in enumerate(("Núi-cao-2026", "ruong bac thang 7", "ban-mu-cang-chai")):
        response = admin_client.post_form("/admin/users/new", {
            **NEW_USER, "username": f"moi{number}", "password": password, "confirm": password,
            "office_id": ids["office"]})
        assert response.status_code == 302, password
        assert new_client(app).login(f"moi{number}", password).status_code == 302


def test_a_username_with_spaces_or_diacritics_is_refused(app, db, ids, admin_client):
    before = snapshot(db)
    for username in ("a b", "vừ", "ab", "x" * 65):
        response = admin_client.post_form("/admin/users/new", {
            **NEW_USER, "username": username, "office_id": ids["office"]})
        assert field_errors(parse(response), "username") == [
            "3 to 64 letters without diacritics, digits, dots, dashes or underscores."], username
    assert snapshot(db) == before


def test_admin_edits_a_users_role_and_office(app, db, ids, admin_client, create_office):
    hanoi = commune_code(db, 1, "Phường Ba Đình")
    other = create_office("BHXH Ba Đình", 1, communes=[hanoi])
    page = parse(admin_client.get(f"/admin/users/{ids['officer']}"))
    assert input_value(page, "full_name") == "Giàng A Dế"
    assert page.find("input", name="username") is None

    response = admin_client.post_form(f"/admin/users/{ids['officer']}", {
        "full_name": "Giàng A Dế", "role": "supervisor", "office_id": other["id"]})

    assert response.status_code == 302
    user = store.get(db, "users", ids["officer"])
    assert (user["role"], user["office_id"], user["username"]) == (
        "supervisor", other["id"], "canbo")
    assert user["updated_by"] == ids["admin"]
    # Scope follows the office at once.
    home = new_client(app, None, "canbo").get("/").get_data(as_text=True)
    assert "Phường Ba Đình" in home and "Xã Chế Tạo" not in home


def test_admin_resets_a_password(app, db, ids, admin_client):
    response = admin_client.post_form(f"/admin/users/{ids['officer']}/password", {
        "password": "brand-new-pass", "confirm": "brand-new-pass"})

    assert response.status_code == 302
    assert flashes(parse(admin_client.get("/admin/users"))) == [
        "Password changed for Giàng A Dế."]
    assert new_client(app).login("canbo", PASSWORD).status_code == 401
    assert new_client(app).login("canbo", "brand-new-pass").status_code == 302
    assert "brand-new-pass" not in str(snapshot(db))


@pytest.mark.parametrize("locale", LOCALES)
def test_a_bad_new_password_is_refused_beside_the_field(app, db, ids, locale):
    client = new_client(app, locale, "quantri")
    before = snapshot(db)
    response = client.post_form(f"/admin/users/{ids['officer']}/password", {
        "password": "short", "confirm": "other"})
    assert response.status_code == 400
    page = parse(response)
    assert field_errors(page, "password") == [
        catalog_text(app, locale, "Use at least %(min)d characters.", min=10)]
    assert field_errors(page, "confirm") == [
        catalog_text(app, locale, "The two passwords differ.")]
    assert snapshot(db) == before
    assert new_client(app).login("canbo", PASSWORD).status_code == 302


def test_admin_deactivates_and_reactivates_a_user(app, db, ids, admin_client):
    officer = new_client(app, None, "canbo")

    response = admin_client.post_form(f"/admin/users/{ids['officer']}/active")

    assert response.status_code == 302
    assert store.get(db, "users", ids["officer"])["active"] == 0
    listing = parse(admin_client.get("/admin/users"))
    assert flashes(listing) == ["Giàng A Dế can no longer log in."]
    row = next(tr for tr in listing.find("tbody").find_all("tr") if "Giàng A Dế" in tr.text)
    assert "inactive" in row.get("class", "")
    assert officer.get("/").status_code == 302
    assert new_client(app).login("canbo").status_code == 401

    admin_client.post_form(f"/admin/users/{ids['officer']}/active")

    assert store.get(db, "users", ids["officer"])["active"] == 1
    assert flashes(parse(admin_client.get("/admin/users"))) == ["Giàng A Dế can log in again."]
    assert new_client(app).login("canbo").status_code == 302


def test_admin_cannot_deactivate_themselves(app, db, ids, admin_client):
    before = snapshot(db)
    response = admin_client.post_form(f"/admin/users/{ids['admin']}/active")
    assert response.status_code == 302
    assert flashes(parse(admin_client.get("/admin/users"))) == [
        "You cannot deactivate your own account."]
    assert snapshot(db) == before
    assert admin_client.get("/admin/users").status_code == 200


@pytest.mark.parametrize("locale", LOCALES)
def test_admin_cannot_drop_their_own_admin_role(app, db, ids, locale):
    client = new_client(app, locale, "quantri")
    before = snapshot(db)
    response = client.post_form(f"/admin/users/{ids['admin']}", {
        "full_name": "Nguyễn Văn Hùng", "role": "officer", "office_id": ids["office"]})
    assert response.status_code == 200
    assert field_errors(parse(response), "role") == [
        catalog_text(app, locale, "You cannot remove your own administrator role.")]
    assert snapshot(db) == before


def test_admin_can_rename_themselves(app, db, ids, admin_client):
    response = admin_client.post_form(f"/admin/users/{ids['admin']}", {
        "full_name": "Nguyễn Văn Hùng Mới", "role": "admin", "office_id": ids["office"]})
    assert response.status_code == 302
    assert store.get(db, "users", ids["admin"])["full_name"] == "Nguyễn Văn Hùng Mới"


def test_the_user_list_filters_by_office(app, db, ids, admin_client, create_office,
                                        create_user):
    other = create_office("BHXH Ba Đình", 1)
    create_user("hanoi", full_name="Trần Văn Hà", office_id=other["id"])

    def names(query):
        page = parse(admin_client.get("/admin/users", query_string=query))
        return {squash(tr.find("td").text) for tr in page.find("tbody").find_all("tr")}

    assert names({}) == {"Giàng A Dế", "Lò Thị Mai", "Nguyễn Văn Hùng", "Trần Văn Hà"}
    assert names({"office": other["id"]}) == {"Trần Văn Hà"}
    assert names({"office": ids["office"]}) == {"Giàng A Dế", "Lò Thị Mai", "Nguyễn Văn Hùng"}


def test_unknown_office_or_user_answers_404(admin_client):
    assert admin_client.get("/admin/offices/no-such-office").status_code == 404
    assert admin_client.get("/admin/users/no-such-user").status_code == 404
    assert admin_client.post_form("/admin/users/no-such-user/active").status_code == 404


# ---- An enrolled laptop: offices, users and lists are the central server's ---------------------

MANAGED = "Managed on the central server: ask the central administrator."

# (form address, what would be accepted on a laptop not enrolled)
CENTRAL_FORMS = {
    "office new": ("/admin/offices/new", {"name": "BHXH Hà Nội", "province_code": "1"}),
    "office edit": ("/admin/offices/{office}", {"name": "Đổi tên", "communes": []}),
    "user new": ("/admin/users/new", {
        "username": "moi", "full_name": "Người Mới", "role": "officer", "office_id": "{office}",
        "password": "Núi-cao-2026", "confirm": "Núi-cao-2026"}),
    "user edit": ("/admin/users/{officer}", {
        "full_name": "Tên Mới", "role": "admin", "office_id": "{office}"}),
    "user password": ("/admin/users/{officer}/password", {
        "password": "Núi-cao-2026", "confirm": "Núi-cao-2026"}),
    "user active": ("/admin/users/{officer}/active", {}),
    "list add": ("/admin/lists/topic", {"code": "moi", "label": "Chủ đề mới"}),
    "list active": ("/admin/lists/topic/{topic}/active", {}),
}

CENTRAL_PAGES = ["/admin/offices", "/admin/offices/new", "/admin/offices/{office}",
                 "/admin/users", "/admin/users/new", "/admin/users/{officer}",
                 "/admin/lists/topic"]


@pytest.fixture
def enrolled(db, ids):
    """This laptop enrolled with the central server, for the demo office."""
    from sync import capture
    db.sync.set_state("enrolled_office", ids["office"])
    return {**ids, "topic": db.execute("select code from list_items where list = 'topic'"
                                       " and active = 1").fetchone()[0]}


def filled(text, ids):
    return text.format(**ids)


@pytest.mark.parametrize("name", CENTRAL_FORMS)
@pytest.mark.parametrize("locale", LOCALES)
def test_an_enrolled_laptop_refuses_to_write_central_records(app, db, enrolled, name, locale):
    client = new_client(app, locale, "quantri")
    path, form = CENTRAL_FORMS[name]
    form = {k: (filled(v, enrolled) if isinstance(v, str) else v) for k, v in form.items()}
    before = snapshot(db)
    submitted = db.execute("select count(*) from form_submissions").fetchone()[0]

    response = client.post_form(filled(path, enrolled), form)

    assert response.status_code == 403
    assert squash(parse(response).find("main").text).count(catalog_text(app, locale, MANAGED)) == 1
    assert snapshot(db) == before
    assert db.execute("select count(*) from form_submissions").fetchone()[0] == submitted
    # The officer's sessions were not ended by a refused password either.
    assert new_client(app).login("canbo").status_code == 302


@pytest.mark.parametrize("path", CENTRAL_PAGES)
@pytest.mark.parametrize("locale", LOCALES)
def test_an_enrolled_laptop_shows_central_records_read_only(app, enrolled, path, locale):
    client = new_client(app, locale, "quantri")
    response = client.get(filled(path, enrolled))
    assert response.status_code == 200
    page = parse(response)
    main = page.find("main")
    notes = [squash(p.text) for p in main.find_all("p", role="note")]
    assert catalog_text(app, locale, MANAGED) in notes
    # No form here writes: the header's language and logout forms are outside <main>.
    assert [f for f in main.find_all("form") if f.get("method") == "post"
            and not f.find_all("fieldset", disabled="")] == []
    assert main.find("a", href="/admin/users/new") is None
    assert main.find("a", href="/admin/offices/new") is None


def test_the_pages_show_what_the_central_server_holds(app, db, enrolled):
    client = new_client(app, "en", "quantri")
    page = parse(client.get(f"/admin/users/{enrolled['officer']}"))
    form = page.find("main").find("form")
    assert form.find("fieldset", disabled="") is not None
    assert input_value(form, "full_name") == "Giàng A Dế"
    assert form.find("button", type="submit") is None
    # No password form on an enrolled laptop.
    assert page.find("input", name="password") is None
    users = parse(client.get("/admin/users")).find("tbody")
    assert "Giàng A Dế" in users.text and "Lò Thị Mai" in users.text


@pytest.mark.parametrize("locale", LOCALES)
def test_on_an_enrolled_laptop_a_user_still_chooses_their_language(app, db, enrolled, locale):
    client = new_client(app, None, "canbo")
    response = client.set_language(locale)
    assert response.status_code == 302
    assert one(db, "select locale from users where username = 'canbo'")["locale"] == locale
    assert parse(client.get("/")).find("html").get("lang") == locale


def test_a_laptop_not_enrolled_shows_no_note(app, admin_client):
    for path in ("/admin/offices", "/admin/users", "/admin/lists/topic"):
        page = parse(admin_client.get(path))
        assert MANAGED not in squash(page.find("main").text)


def test_the_central_server_writes_its_own_records(central_app):
    app, database = central_app
    client = new_client(app, "en", "quantri")
    page = parse(client.get("/admin/users"))
    assert MANAGED not in squash(page.find("main").text)
    office = demo_ids(database)["office"]
    response = client.post_form("/admin/users/new", {**NEW_USER, "office_id": office})
    assert response.status_code == 302
    assert one(database, "select role from users where username = 'moi.vao'")["role"] == "officer"
