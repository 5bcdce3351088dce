"""The central server's audit trail: what is recorded, the administrator's page and its CSV."""

import csv
import io
import json

import pytest

from fieldapp import audit, store
from sync import server
from sync.protocol import PROTOCOL

from helpers import field_errors, input_value, new_client, one, parse, squash

# Run on a central server on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")

ADDRESS = "10.0.3.7"
PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}


def at_address(client, address=ADDRESS):
    """The client's requests come from this address from now on."""
    client.client.environ_base["REMOTE_ADDR"] = address
    return client


def user_id(db, username):
    return one(db, "select id from users where username = ?", [username])["id"]


def trail(db, action=None):
    """The recorded rows, oldest first, optionally of one action."""
    sql = "select * from audit_log" + (" where action = ?" if action else "") + " order by id"
    return [{**r, "detail": json.loads(r["detail"]) if r["detail"] else None}
            for r in db.query(sql, [action] if action else [])]


def last(db, action):
    rows = trail(db, action)
    assert rows, f"nothing recorded for {action}"
    return rows[-1]


@pytest.fixture
def central(central_app):
    return central_app


@pytest.fixture
def admin_client(central):
    app, _ = central
    return at_address(new_client(app, "en", "quantri"))


@pytest.fixture
def office_id(central):
    return central[1].execute("select id from offices").fetchone()[0]


# ---- What is recorded --------------------------------------------------------------------------

def test_logins_refused_and_accepted_and_logouts_are_recorded_with_the_address(central):
    app, db = central
    client = at_address(new_client(app, "en"))

    assert client.login("QuanTri ", "wrong-password").status_code == 401
    assert client.login("nobody-here", "wrong-password").status_code == 401
    assert client.login("quantri").status_code == 302
    client.logout()

    refused = trail(db, "login_failed")
    assert [(r["detail"]["username"], r["detail"]["reason"], r["user_id"], r["address"])
            for r in refused] == [("quantri", "wrong_password", None, ADDRESS),
                                  ("nobody-here", "wrong_password", None, ADDRESS)]
    login, logout = last(db, "login"), last(db, "logout")
    assert (login["user_id"], login["address"]) == (user_id(db, "quantri"), ADDRESS)
    assert (logout["user_id"], logout["address"]) == (user_id(db, "quantri"), ADDRESS)
    assert login["at"] <= logout["at"]


def test_a_login_to_a_deactivated_account_is_recorded_as_refused(central):
    app, db = central
    db.execute("update users set active = 0 where username = 'canbo'")
    assert at_address(new_client(app, "en")).login("canbo").status_code == 401
    assert last(db, "login_failed")["detail"] == {"username": "canbo", "reason": "inactive"}
    assert trail(db, "login") == []


def test_exports_of_personal_numbers_are_recorded_and_only_those(central):
    app, db = central
    supervisor = at_address(new_client(app, "en"), "10.0.9.1")
    supervisor.login("giamsat")
    officer = new_client(app, "en", "canbo")
    args = {**PERIOD, "dataset": "people", "format": "csv"}

    assert supervisor.get("/reports/export", query_string=args).status_code == 200
    assert supervisor.get("/reports/export", query_string={
        **args, "dataset": "visits", "personal": "y"}).status_code == 200
    # An officer never gets the numbers, so asking for them exports none.
    assert officer.get("/reports/export", query_string={**args, "personal": "y"}).status_code == 200
    assert trail(db, "export_personal") == []

    assert supervisor.get("/reports/export", query_string={
        **args, "format": "xlsx", "personal": "y"}).status_code == 200
    row = last(db, "export_personal")
    assert (row["user_id"], row["address"]) == (user_id(db, "giamsat"), "10.0.9.1")
    assert row["detail"] == {**args, "format": "xlsx", "personal": "y"}


def test_users_created_edited_given_a_password_and_deactivated_are_recorded(
        central, admin_client, office_id):
    app, db = central
    admin = user_id(db, "quantri")
    response = admin_client.post_form("/admin/users/new", {
        "username": "canbo2", "full_name": "Cán Bộ Hai", "role": "officer",
        "office_id": office_id, "password": "long-enough-1", "confirm": "long-enough-1"})
    assert response.status_code == 302
    new = user_id(db, "canbo2")
    created = last(db, "user_created")
    assert (created["user_id"], created["address"], created["table_name"], created["row_id"]) \
        == (admin, ADDRESS, "users", new)
    assert created["detail"] == {"role": "officer", "office_id": office_id}

    assert admin_client.post_form(f"/admin/users/{new}", {
        "full_name": "Cán Bộ Hai", "role": "supervisor", "office_id": office_id,
    }).status_code == 302
    edited = last(db, "user_edited")
    assert (edited["user_id"], edited["row_id"], edited["detail"]) == (
        admin, new, {"role": "supervisor"})

    assert admin_client.post_form(f"/admin/users/{new}/password", {
        "password": "another-one-2", "confirm": "another-one-2"}).status_code == 302
    password = last(db, "password_set")
    assert (password["user_id"], password["address"], password["row_id"]) == (admin, ADDRESS, new)
    # The trail never holds a password or its hash.
    assert "another-one-2" not in json.dumps(trail(db))
    assert store.get(db, "users", new)["password_hash"] not in json.dumps(trail(db))

    assert admin_client.post_form(f"/admin/users/{new}/active").status_code == 302
    assert admin_client.post_form(f"/admin/users/{new}/active").status_code == 302
    assert [(r["action"], r["row_id"]) for r in trail(db)
            if r["action"] in ("user_activated", "user_deactivated")] == [
        ("user_deactivated", new), ("user_activated", new)]


def test_offices_and_list_items_edited_by_the_administrator_are_recorded(
        central, admin_client, office_id):
    app, db = central
    admin = user_id(db, "quantri")
    response = admin_client.post_form("/admin/offices/new", {
        "name": "BHXH Ba Đình", "province_code": "1"})
    assert response.status_code == 302
    new_office = one(db, "select id from offices where name = 'BHXH Ba Đình'")["id"]
    created = last(db, "office_created")
    assert (created["user_id"], created["address"], created["table_name"], created["row_id"]) \
        == (admin, ADDRESS, "offices", new_office)

    office = store.get(db, "offices", office_id)
    communes = [r["commune_code"] for r in db.query(
        "select commune_code from office_communes where office_id = ? and deleted_at is null",
        [office_id])]
    assert admin_client.post_form(f"/admin/offices/{office_id}", {
        "name": office["name"], "phone": "0214 3840 123", "address": office["address"] or "",
        "communes": communes}).status_code == 302
    edited = last(db, "office_edited")
    assert (edited["user_id"], edited["address"], edited["row_id"]) == (admin, ADDRESS, office_id)
    assert edited["detail"] == {"communes": sorted(communes)}

    assert admin_client.post_form("/admin/lists/topic", {
        "code": "pension", "label": "Trợ cấp hưu trí xã hội"}).status_code == 302
    added = last(db, "list_item_added")
    assert added["detail"] == {"list": "topic", "code": "pension"}
    assert added["row_id"] == one(db, "select id from list_items where code = 'pension'")["id"]
    assert admin_client.post_form("/admin/lists/topic/pension/active").status_code == 302
    assert last(db, "list_item_deactivated")["row_id"] == added["row_id"]


def test_enrolment_codes_and_revoked_laptops_are_recorded(central, admin_client, office_id):
    app, db = central
    admin = user_id(db, "quantri")
    page = admin_client.post_form("/central/devices", {"office_id": office_id})
    assert page.status_code == 200
    code = parse(page).find("strong", class_="code").text
    made = last(db, "enrolment_code")
    assert (made["user_id"], made["address"], made["detail"]) == (
        admin, ADDRESS, {"office_id": office_id})
    # The code is a secret: the trail says that one was made, not what it is.
    assert code not in json.dumps(trail(db))

    device = server.enrol(db.sync, {"protocol": PROTOCOL, "code": code,
                               "device_name": "Laptop Mù Cang Chải"})["device_id"]
    assert admin_client.post_form(f"/central/devices/{device}/revoke").status_code == 302
    revoked = last(db, "device_revoked")
    assert (revoked["user_id"], revoked["address"], revoked["table_name"], revoked["row_id"]) \
        == (admin, ADDRESS, "devices", device)


def test_reviews_conflict_resolutions_and_targets_are_recorded(central, admin_client, office_id):
    app, db = central
    admin = user_id(db, "quantri")
    assert admin_client.post_form("/translations/hnj/string", {
        "msgid": "Log out", "msgstr": "Tawm mus", "reviewed": "y"}).status_code == 302
    reviewed = last(db, "translation_reviewed")
    assert (reviewed["user_id"], reviewed["address"], reviewed["table_name"]) == (
        admin, ADDRESS, "translation_reviews")
    assert reviewed["detail"] == {"language": "hnj", "msgid": "Log out", "reviewed": True}
    assert reviewed["row_id"] == one(db, "select id from translation_reviews")["id"]

    village = one(db, "select id from villages where name = 'Mí Háng'")["id"]
    conflict = store.insert(db, "sync_conflicts", {
        "table_name": "villages", "row_id": village, "field": "name",
        "kept_value": '"Mí Háng"', "kept_hlc": "0000000000002.00000.a",
        "lost_value": '"Mí Háng Trên"', "lost_hlc": "0000000000001.00000.b"}, user_id=None)["id"]
    assert admin_client.post_form(f"/conflicts/{conflict}", {"choice": "lost"}).status_code == 302
    resolved = last(db, "conflict_resolved")
    assert (resolved["user_id"], resolved["address"], resolved["table_name"],
            resolved["row_id"]) == (admin, ADDRESS, "villages", village)
    assert resolved["detail"] == {"conflict_id": conflict, "field": "name",
                                  "choice": "lost"}

    assert admin_client.post_form("/reports/targets?year=2026", {
        "office-households": "120"}).status_code == 302
    targets = last(db, "targets_saved")
    assert (targets["user_id"], targets["address"], targets["detail"]) == (
        admin, ADDRESS, {"office_id": office_id, "year": 2026, "month": None})


def test_a_laptop_keeps_no_trail_and_has_no_trail_page(app, db):
    client = new_client(app, "en")
    client.login("quantri", "wrong-password")
    client.login("quantri")
    client.post_form("/admin/lists/topic", {"code": "pension", "label": "Hưu trí"})
    assert trail(db) == []
    assert client.get("/central/audit/").status_code == 404
    assert client.get("/central/audit/export.csv").status_code == 404
    assert parse(client.get("/")).find("a", href="/central/audit/") is None


# ---- Changes merged from devices ------------------------------------------------------------

def test_record_merged_writes_one_row_per_change(central):
    app, db = central
    changes = [("households", f"h-{i}", ["address_note", "head_name"] if i % 2 else ["name"],
                None) for i in range(10_000)]
    audit.record_merged(db, "device-1", "10.0.5.5", changes)
    rows = list(db.query("select * from audit_log order by id"))
    assert len(rows) == 10_000
    assert {(r["action"], r["device_id"], r["address"], r["user_id"], r["table_name"])
            for r in rows} == {("merged", "device-1", "10.0.5.5", None, "households")}
    assert [r["row_id"] for r in rows] == [f"h-{i}" for i in range(10_000)]
    assert json.loads(rows[1]["detail"]) == {"fields": ["address_note", "head_name"]}
    assert json.loads(rows[2]["detail"]) == {"fields": ["name"]}
    # One moment for the whole merge.
    assert len({r["at"] for r in rows}) == 1


def test_record_merged_and_record_write_in_the_callers_transaction(central):
    app, db = central
    with pytest.raises(RuntimeError):
        with db.atomic():
            audit.record(db, "login", user_id="u-1", address="10.0.0.1")
            audit.record_merged(db, "device-1", "10.0.0.1",
                                [("villages", "v-1", ["name"], None)])
            assert db.execute("select count(*) from audit_log").fetchone()[0] == 2
            raise RuntimeError("the merge failed")
    assert db.execute("select count(*) from audit_log").fetchone()[0] == 0


# ---- The page ----------------------------------------------------------------------------------

def rows_shown(client, **args):
    response = client.get("/central/audit/", query_string=args)
    assert response.status_code == 200, response.status_code
    body = parse(response).find("tbody")
    return [[squash(td.text) for td in tr.find_all("td")] for tr in body.find_all("tr")
            if len(tr.find_all("td")) > 1]


@pytest.mark.parametrize("username, status", [("canbo", 403), ("giamsat", 403),
                                              ("quantri", 200)])
def test_only_the_central_administrator_sees_the_trail(central, username, status):
    app, db = central
    client = new_client(app, "en", username)
    assert client.get("/central/audit/").status_code == status
    assert client.get("/central/audit/export.csv").status_code == status
    nav = parse(client.get("/")).find("nav")
    assert (nav.find("a", href="/central/audit/") is not None) is (status == 200)


def test_a_stranger_is_sent_to_log_in(central):
    app, db = central
    response = app.test_client().get("/central/audit/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.fixture
def recorded(central, admin_client):
    """Rows of every kind at known times (UTC), plus a laptop of the demo office."""
    app, db = central
    # Only these rows: not the administrator's own login of a moment ago.
    db.execute("delete from audit_log")
    office = db.execute("select id from offices").fetchone()[0]
    code = server.create_enrolment_code(db.sync, office, user_id=None)
    device = server.enrol(db.sync, {"protocol": PROTOCOL, "code": code,
                               "device_name": "Laptop Chế Tạo"})["device_id"]
    admin, supervisor = user_id(db, "quantri"), user_id(db, "giamsat")
    rows = [
        ("2026-03-01T16:59:00.000+00:00", "login", dict(user_id=admin, address="10.0.3.7")),
        # 00:30 on 2 March in Vietnam.
        ("2026-03-01T17:30:00.000+00:00", "user_edited", dict(
            user_id=admin, address="10.0.3.8", table="users", row_id=supervisor,
            detail={"role": "admin"})),
        ("2026-03-05T02:00:00.000+00:00", "login", dict(user_id=supervisor,
                                                       address="192.168.1.20")),
        ("2026-03-06T02:00:00.000+00:00", "login_failed", dict(
            address="203.0.113.9", detail={"username": "giamsat", "reason": "wrong_password"})),
    ]
    for at, action, fields in rows:
        audit.record(db, action, **fields)
        db.execute("update audit_log set at = ? where id = (select max(id) from audit_log)",
                   [at])
    audit.record_merged(db, device, "10.0.5.5",
                        [("households", "h-1", ["address_note"], None)])
    db.execute("update audit_log set at = '2026-03-07T02:00:00.000+00:00'"
               " where action = 'merged'")
    return {"device": device, "supervisor": supervisor}


def test_the_trail_is_newest_first_in_vietnam_time(central, recorded, admin_client):
    rows = rows_shown(admin_client)
    assert [r[1] for r in rows] == ["Change merged from a laptop", "Login refused", "Logged in",
                                    "User edited", "Logged in"]
    assert rows[3][0] == "Mar 2, 2026, 12:30 AM"
    assert "Laptop Chế Tạo" in rows[0][2]
    assert rows[3][3] == "10.0.3.8"
    # The record named as a person would; one the server does not hold, by its table and id.
    assert rows[3][4] == "Account of Lò Thị Mai"
    # What it records in words, never as the JSON it is kept in.
    assert rows[3][5] == "Role: Administrator"
    assert rows[1][5] == "Username: giamsat Wrong username or password."


@pytest.mark.parametrize("args, actions", [
    ({"action": "login"}, ["login", "login"]),
    ({"user": "QuanTri"}, ["user_edited", "login"]),
    # A refused login is found by the username that was tried.
    ({"user": "giamsat"}, ["login_failed", "login"]),
    ({"device": "Laptop Chế Tạo"}, ["merged"]),
    ({"table": "users"}, ["user_edited"]),
    ({"address": "10.0.3."}, ["user_edited", "login"]),
    ({"address": "10.0.3.7"}, ["login"]),
    # Days are Vietnam's: 00:30 on 2 March is on the 2nd, not on 1 March (UTC).
    ({"start": "2026-03-02", "end": "2026-03-05"}, ["login", "user_edited"]),
    ({"end": "2026-03-01"}, ["login"]),
    ({"start": "2026-03-06", "action": "merged"}, ["merged"]),
    ({"end": "9999-12-31", "start": "0001-01-01", "action": "login_failed"}, ["login_failed"]),
])
def test_the_trail_filters(central, recorded, admin_client, args, actions):
    app, db = central
    labels = {"login": "Logged in", "login_failed": "Login refused", "merged":
              "Change merged from a laptop", "user_edited": "User edited"}
    assert [r[1] for r in rows_shown(admin_client, **args)] == [labels[a] for a in actions]


def test_the_trail_filters_by_record(central, recorded, admin_client):
    assert [r[1] for r in rows_shown(admin_client, row=recorded["supervisor"])] == ["User edited"]
    assert [r[1] for r in rows_shown(admin_client, row="h-1", table="households")] == [
        "Change merged from a laptop"]
    assert rows_shown(admin_client, device=recorded["device"])[0][3] == "10.0.5.5"


def test_bad_filters_are_shown_beside_their_field_and_kept(central, recorded, admin_client):
    response = admin_client.get("/central/audit/", query_string={
        "start": "2026-13-01", "user": "giamsat", "action": "no-such-action"})
    assert response.status_code == 400
    page = parse(response)
    assert field_errors(page, "start") == ["Not a valid date value."]
    assert field_errors(page, "action")
    assert input_value(page, "start") == "2026-13-01"
    assert input_value(page, "user") == "giamsat"
    response = admin_client.get("/central/audit/", query_string={
        "start": "2026-03-05", "end": "2026-03-01"})
    assert response.status_code == 400
    assert field_errors(parse(response), "end") == [
        "The end of the period must not come before its start."]
    assert admin_client.get("/central/audit/export.csv",
                            query_string={"start": "2026-13-01"}).status_code == 400


def test_the_trail_is_paginated(central, admin_client):
    app, db = central
    audit.record_merged(db, "device-1", "10.0.5.5",
                        [("people", f"p-{i:03}", ["name"], None) for i in range(150)])
    first = rows_shown(admin_client, action="merged")
    assert len(first) == audit.PAGE_SIZE
    # Records the server does not hold: their kind in words, and the id to look for.
    assert first[0][4] == "Person … p-149"
    page = parse(admin_client.get("/central/audit/", query_string={"action": "merged"}))
    following = page.find("nav", class_="pager").find_all("a")[-1].get("href")
    assert "action=merged" in following and "page=2" in following
    second = rows_shown(admin_client, action="merged", page=2)
    assert [r[4] for r in second] == [f"Person … p-{i:03}" for i in range(49, -1, -1)]
    for page_number in (10 ** 20, 2 ** 63, -5, "abc"):
        assert admin_client.get("/central/audit/", query_string={
            "page": page_number}).status_code == 200
    assert rows_shown(admin_client, page=10 ** 20) == []


# ---- The CSV export ------------------------------------------------------------------------------

def read_csv(response):
    assert response.status_code == 200
    assert response.content_type.startswith("text/csv")
    assert response.data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_the_csv_export_has_the_pages_filters(central, recorded, admin_client):
    header, *rows = read_csv(admin_client.get("/central/audit/export.csv"))
    assert header == ["Time", "Action", "Username", "Name", "Laptop", "Address", "Table",
                      "Record id", "Details"]
    assert [r[1] for r in rows] == ["merged", "login_failed", "login", "user_edited", "login"]
    edited = rows[3]
    assert edited[0] == "2026-03-02T00:30:00+07:00"
    assert edited[2:] == ["quantri", one(central[1], "select full_name from users"
                                                     " where username = 'quantri'")["full_name"],
                          "", "10.0.3.8", "users", recorded["supervisor"], '{"role": "admin"}']
    assert rows[0][4] == "Laptop Chế Tạo"
    _, *filtered = read_csv(admin_client.get("/central/audit/export.csv", query_string={
        "user": "giamsat", "start": "2026-03-06"}))
    assert [r[1] for r in filtered] == ["login_failed"]


def test_the_csv_export_is_safe_to_open_in_a_spreadsheet(central, admin_client):
    app, db = central
    for start in ("=", "+", "-", "@", "\t", "\r"):
        audit.record(db, "merged", table=f"{start}HYPERLINK(\"http://x\")", row_id="r",
                     address=f"{start}1+1")
    db.execute("update users set full_name = '=cmd|'' /C calc''!A0' where username = 'giamsat'")
    at_address(new_client(app, "en")).login("giamsat")
    _, *rows = read_csv(admin_client.get("/central/audit/export.csv"))
    login = next(r for r in rows if r[1] == "login" and r[2] == "giamsat")
    assert login[3] == "'=cmd|' /C calc'!A0"
    merged = [r for r in rows if r[1] == "merged"]
    assert {r[6][:2] for r in merged} == {"'=", "'+", "'-", "'@", "'\t", "'\r"}
    assert {r[5][:2] for r in merged} == {"'=", "'+", "'-", "'@", "'\t", "'\r"}
    # Ordinary text is left as it is.
    assert login[2] == "giamsat" and login[5] == ADDRESS


def test_the_trail_page_escapes_what_it_shows(central, admin_client):
    app, db = central
    audit.record(db, "login_failed", address="10.0.0.1",
                 detail={"username": "<script>alert(1)</script>", "reason": "wrong_password"})
    response = admin_client.get("/central/audit/")
    assert b"<script>alert(1)</script>" not in response.data
    assert "<script>alert(1)</script>" in rows_shown(admin_client)[0][5]


def test_the_trail_page_is_all_in_vietnamese(central, recorded):
    app, db = central
    client = new_client(app, "vi", "quantri")
    page = parse(client.get("/central/audit/"))
    assert page.find("h1").text == "Nhật ký kiểm tra"
    assert "Đã sửa tài khoản" in [squash(td.text) for td in page.find_all("td")]
    assert client.get("/central/audit/", query_string={"start": "2026-13-01"}).status_code == 400
    _, *rows = read_csv(client.get("/central/audit/export.csv"))
    assert rows
    missing = app.extensions["fieldapp_catalogs"].missing
    assert sorted(msgid for code, msgid in missing if code == "vi") == []


def test_every_kind_of_entry_says_what_it_records_in_words(central, admin_client, office_id):
    app, db = central
    db.execute("delete from audit_log")
    code = server.create_enrolment_code(db.sync, office_id, user_id=None)
    device = server.enrol(db.sync, {"protocol": PROTOCOL, "code": code,
                                    "device_name": "Laptop Chế Tạo"})["device_id"]
    officer = user_id(db, "canbo")
    commune = one(db, "select code, name from communes where name = 'Xã Chế Tạo'")
    for action, fields in [
        ("login_failed", dict(detail={"username": "giamsat", "reason": "inactive"})),
        ("user_created", dict(table="users", row_id=officer,
                              detail={"role": "officer", "office_id": office_id})),
        ("office_edited", dict(table="offices", row_id=office_id,
                               detail={"communes": [commune["code"]]})),
        ("list_item_added", dict(table="list_items", detail={"list": "topic", "code": "x"})),
        ("enrolment_code", dict(detail={"office_id": office_id})),
        ("device_revoked", dict(table="devices", row_id=device,
                                detail={"accounts_disabled": [officer]})),
        ("translation_reviewed", dict(table="translation_reviews", detail={
            "language": "hnj", "msgid": "Log out", "reviewed": True})),
        ("translation_reviewed", dict(table="translation_reviews", detail={
            "language": "ium", "sheet": True, "reviewed": 12, "refused": 1})),
        ("conflict_resolved", dict(table="people", row_id="p-1", detail={
            "conflict_id": "c-1", "field": "bhxh_status", "choice": "lost"})),
        ("targets_saved", dict(table="targets", detail={
            "office_id": office_id, "year": 2026, "month": 3})),
        ("export_personal", dict(detail={"dataset": "people", "format": "xlsx",
                                         "start": "2026-01-01", "end": "2026-12-31",
                                         "personal": "y", "commune": str(commune["code"])})),
        ("merged", dict(device_id=device, table="households", row_id="h-1",
                        detail={"fields": ["address_note"]})),
        ("device_split", dict(device_id=device, table="devices", row_id=device)),
        ("some_later_kind", dict(detail={"what": 1})),
    ]:
        audit.record(db, action, address=ADDRESS, **fields)
    office = one(db, "select name from offices where id = ?", [office_id])["name"]
    shown = [(r[1], r[4], r[5]) for r in reversed(rows_shown(admin_client))]
    assert shown == [
        ("Login refused", "", "Username: giamsat Account deactivated"),
        ("User created", "Account of Giàng A Dế", f"Office: {office} Role: Field officer"),
        ("Office edited", f"Office {office}", f"Communes: {commune['name']}"),
        ("List item added", "List entry …", "Topics"),
        ("Enrolment code made", "", f"Office: {office}"),
        ("Laptop revoked", "Laptop Laptop Chế Tạo", "Accounts closed with it: Giàng A Dế"),
        ("Translation reviewed", "Translation review",
         "Language: Mông English source: Log out Reviewed: Yes"),
        ("Translation reviewed", "Translation review",
         "Language: Dao From a review sheet: 12 reviewed, 1 refused"),
        ("Conflict resolved", "Person … p-1",
         "Field: Social insurance (BHXH) Keep: The other value"),
        ("Targets saved", "Targets for 03/2026", f"Office: {office} Year: 2026 Month: 3"),
        ("Exported personal numbers", "", "What: People From: Jan 1, 2026 To: Dec 31, 2026 "
         f"File type: Excel (XLSX) Include CCCD and mã số BHXH: Yes Commune: {commune['name']}"),
        ("Change merged from a laptop", "Household of … h-1", "Address note changed"),
        ("Laptop split from a shared identity", "Laptop Laptop Chế Tạo", ""),
        ("some_later_kind", "", '{"what": 1}'),
    ]
    page = parse(admin_client.get("/central/audit/"))
    # The English source a review translated is marked as English, for any reader's language.
    assert page.find("tbody").find("span", lang="en").text == "Log out"
