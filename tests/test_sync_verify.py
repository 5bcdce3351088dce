"""Issue 20: after a sync, can the central server be shown to hold every record of a laptop?

A real central server process (`run.py --central`, demo office) and laptops enrolled with it:
the laptop sends a fingerprint of every record it holds to POST /api/v1/verify and keeps the
answer for its Sync page (sync/verify.py).
"""

import gzip
import json
import re
import urllib.error
import urllib.request

import pytest

from fieldapp import accounts, demo, store
from fieldapp.households import queries as households
from fieldapp.places import queries as places
from fieldapp.reports.counting import METRICS
from fieldapp.reports.targets import save_target
from helpers import new_client, parse, rows_of, squash
from sync import client, verify
from sync.synced_tables import SYNCED_TABLES
from syncing import free_port, second_office

# On an SQLite central server alone, for the suite's time: the check reads the store through
# find() and the office's communes as a pull does, both run on PostgreSQL by the sync tests (this
# module passes there: add CENTRAL_STORES = ("sqlite", "postgresql") to run it).

# Everything a check could write to on the central server, were it not read-only.
WRITTEN = (*SYNCED_TABLES, "sync_log", "sync_extra", "devices", "device_refusals",
           "enrolment_codes")
B_NAME = "Hoàng Thị Bí Mật"


@pytest.fixture(scope="module")
def office_b(central):
    """A second office on the central server, with a village, a household and a target: none
    of it any laptop of the demo office may learn of."""
    db = central.db
    with db.atomic():
        office, commune = second_office(db)
        village = places.create_village(db, commune, "Tổ 7", "to_dan_pho", user_id=None)["id"]
        officer = accounts.create_user(db, username="canbo_verify_b", full_name="Lê Văn Bộ",
                                       password="mat-khau-van-phong-b-1", role="officer",
                                       office_id=office, user_id=None)["id"]
    household = households.register_household(
        db, village, {"language": "vi"},
        {"full_name": B_NAME, "gender": "female", "birth_year": 1980, "bhxh_status": "none",
         "vssid": "unknown"}, user_id=officer)
    save_target(db, office, None, 2026, None, {METRICS[0]: 40}, user_id=officer)
    target = db.execute("select id from targets where office_id = ?", [office]).fetchone()[0]
    return {"office": office, "village": village, "household": household, "target": target}


def register(laptop, name):
    village = laptop.db.execute("select id from villages where name = 'Mí Háng'").fetchone()[0]
    household = households.register_household(
        laptop.db, village, {"language": "hnj"},
        {"full_name": name, "gender": "male", "birth_year": 1980, "bhxh_status": "none",
         "vssid": "unknown"}, user_id=laptop.user())
    return household, laptop.db["households"].get(household)["head_person_id"]


def held_rows(laptop):
    """(table, id) of every row the laptop holds in the tables the check covers."""
    return {(table, r[0]) for table in verify.TABLES
            for r in laptop.db.execute(f"select id from [{table}]")}


def not_held(result):
    return {(t, i): how for t, i, how in result["not_held"]}


def post(central, body, device=None, headers=None):
    """A hand-made request to /api/v1/verify: (status, answer)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    sent = {"Content-Type": "application/json"}
    if device:
        sent["Authorization"] = f"Device {device['device_id']}:{device['secret']}"
    request = urllib.request.Request(central.url + client.API + "/verify", data=data,
                                     headers={**sent, **(headers or {})}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def central_rows(central):
    return {table: rows_of(central.db, table) for table in WRITTEN}


# ---- The engine against a real central server ------------------------------------------

def test_after_a_sync_the_central_server_holds_every_record_as_the_laptop_does(central,
                                                                                laptops):
    a = laptops("a")
    household, person = register(a, "Giàng A Páo")
    households.add_person(a.db, household, {"full_name": "Giàng Thị Dợ", "gender": "female",
                                            "birth_year": 1984, "relation": "spouse",
                                            "bhxh_status": "none", "vssid": "unknown"},
                          user_id=a.user())
    a.sync()
    result = verify.check(a.db.sync, a.device)
    # Every record of the covered tables is named once, and the central server holds each.
    assert {(t, i) for t, i, _ in verify.fingerprints(a.db.sync)} == held_rows(a)
    assert result["records"] == len(held_rows(a)) > 3
    assert ("households", household) in held_rows(a) and ("people", person) in held_rows(a)
    assert (result["same"], result["different"], result["missing"]) == (result["records"], 0, 0)
    assert result["not_held"] == []
    # Kept for the Sync page.
    assert verify.last_check(a.db.sync) == result
    assert not verify.changed_since(a.db.sync, result)


def test_an_unsynced_edit_is_different_and_an_unsynced_record_missing_until_a_sync(central,
                                                                                   laptops):
    a = laptops("a")
    household, person = register(a, "Sùng A Tủa")
    a.sync()
    store.update(a.db, "people", person, {"full_name": "Sùng A Tủa (sửa)"}, user_id=a.user())
    new_household, new_person = register(a, "Vàng Thị Mai")
    result = verify.check(a.db.sync, a.device)
    assert not_held(result) == {("people", person): "different",
                                ("households", new_household): "missing",
                                ("people", new_person): "missing"}
    assert (result["different"], result["missing"]) == (1, 2)
    assert result["same"] == result["records"] - 3
    a.sync()
    assert verify.check(a.db.sync, a.device)["not_held"] == []


def test_a_record_the_central_server_lost_is_missing(central, laptops):
    a = laptops("a")
    household, _ = register(a, "Thào A Lử")
    spouse = households.add_person(a.db, household, {
        "full_name": "Thào Thị Ly", "gender": "female", "birth_year": 1990,
        "relation": "spouse", "bhxh_status": "none", "vssid": "unknown"},
        user_id=a.user())["id"]
    a.sync()
    assert verify.check(a.db.sync, a.device)["not_held"] == []
    # A loss on the central server (a restore from an older backup, say).
    with central.db.atomic():
        central.db.execute("delete from people where id = ?", [spouse])
    result = verify.check(a.db.sync, a.device)
    assert not_held(result) == {("people", spouse): "missing"}
    assert result["same"] == result["records"] - 1


def test_the_check_is_batched_and_adds_up(central, laptops, monkeypatch):
    a = laptops("a")
    register(a, "Lù A Sử")
    a.sync()
    _, unsent = register(a, "Lù Thị Sa")
    asked = []
    real = verify._post

    def counting(url, message, *args, **kwargs):
        asked.append(len(message["records"]))
        return real(url, message, *args, **kwargs)
    monkeypatch.setattr(verify, "BATCH", 4)
    monkeypatch.setattr(verify, "_post", counting)
    result = verify.check(a.db.sync, a.device)
    total = len(held_rows(a))
    assert sum(asked) == total and max(asked) == 4 and len(asked) == -(-total // 4)
    assert result["records"] == total and result["same"] == total - 2
    assert ("people", unsent) in not_held(result)


def test_another_offices_records_are_missing_and_the_answer_tells_nothing_of_them(
        central, laptops, office_b):
    a = laptops("a")
    office_a = central.office_id(demo.OFFICE_NAME)
    save_target(a.db, office_a, None, 2026, None, {METRICS[0]: 12}, user_id=a.user())
    a.sync()
    own_target = a.db.execute("select id from targets where office_id = ?",
                              [office_a]).fetchone()[0]
    own_village = a.db.execute("select id from villages where name = 'Mí Háng'").fetchone()[0]
    script = a.db.execute("select id from scripts limit 1").fetchone()[0]
    b_person = central.db["households"].get(office_b["household"])["head_person_id"]

    def exact(table, row_id):
        """The fingerprint of the row as the central server holds it."""
        return verify.fingerprint(central.db[table].get(row_id))
    b_rows = [("villages", office_b["village"]), ("households", office_b["household"]),
              ("people", b_person), ("targets", office_b["target"])]
    records = ([[t, i, exact(t, i)] for t, i in b_rows]
               + [["households", office_b["household"] + "-x", "0123456789abcdef"],
                  ["villages", office_b["village"], "0123456789abcdef"],
                  ["targets", own_target, exact("targets", own_target)],
                  ["villages", own_village, exact("villages", own_village)],
                  ["scripts", script, exact("scripts", script)]])
    # The same record named with its exact and with a wrong fingerprint is sent apart.
    before = central_rows(central)
    status, answer = post(central, {"protocol": 2, "records": records[:5]}, a.device)
    assert status == 200
    assert answer == {"protocol": answer["protocol"], "records": 5, "same": 0,
                      "different": [], "missing": [r[:2] for r in records[:5]]}
    status, answer = post(central, {"protocol": 2, "records": records[5:]}, a.device)
    assert status == 200
    # Another office's village, even with a wrong fingerprint, is missing, not "different"; the
    # office's own target and village and a shared script are held the same.
    assert answer["missing"] == [records[5][:2]]
    assert (answer["same"], answer["different"]) == (3, [])
    text = json.dumps(answer, ensure_ascii=False)
    for secret in (B_NAME, office_b["office"], "Tổ 7"):
        assert secret not in text
    assert central_rows(central) == before
    # A laptop of office B is answered about them.
    status, answer = post(central, {"protocol": 2, "records": records[:4]},
                          _enrolled(central, office_b["office"]))
    assert status == 200 and answer["same"] == 4


def _enrolled(central, office_id):
    """Device credentials of a new laptop of an office, enrolled over the API."""
    from fieldapp import __version__
    answer, _, _ = client._post(central.url + client.API + "/enroll", {
        "protocol": 2, "app_version": __version__, "code": central.code(office_id),
        "device_name": "b"})
    return answer


BAD_BODIES = [
    ([], "not a JSON object"),
    ({"records": []}, "protocol"),
    ({"protocol": 2}, "'records' must be a list"),
    ({"protocol": 2, "records": {"villages": "x"}}, "'records' must be a list"),
    ({"protocol": 2, "records": [["villages", "a-1"]]}, "record 1 is not"),
    ({"protocol": 2, "records": [["villages", "a-1", "0123456789abcdef", 1]]}, "record 1 is not"),
    ({"protocol": 2, "records": ["villages"]}, "record 1 is not"),
    ({"protocol": 2, "records": [["users", "a-1", "0123456789abcdef"]]}, "table"),
    ({"protocol": 2, "records": [["offices", "a-1", "0123456789abcdef"]]}, "table"),
    ({"protocol": 2, "records": [["sync_log", "a-1", "0123456789abcdef"]]}, "table"),
    ({"protocol": 2, "records": [[None, "a-1", "0123456789abcdef"]]}, "table"),
    ({"protocol": 2, "records": [["villages", "a 1", "0123456789abcdef"]]}, "record id"),
    ({"protocol": 2, "records": [["villages", "x" * 65, "0123456789abcdef"]]}, "record id"),
    ({"protocol": 2, "records": [["villages", 7, "0123456789abcdef"]]}, "record id"),
    ({"protocol": 2, "records": [["villages", "a-1", "0123456789ABCDEF"]]}, "fingerprint"),
    ({"protocol": 2, "records": [["villages", "a-1", "0123456789abcde"]]}, "fingerprint"),
    ({"protocol": 2, "records": [["villages", "a-1", 123]]}, "fingerprint"),
    ({"protocol": 2, "records": [["villages", "a-1", "0123456789abcdef"],
                                 ["villages", "a-1", "fedcba9876543210"]]},
     "record 2 names a record named before"),
    ({"protocol": 2, "records": [["villages", "a-1", "0123456789abcdef"]], "app_version": 3},
     "app_version"),
    ({"protocol": 99, "records": []}, "newer"),
]


@pytest.mark.central_stores("sqlite")  # refused by check_verify before the store is read
@pytest.mark.parametrize("body, reason", BAD_BODIES)
def test_a_malformed_check_is_refused_with_a_reason_and_changes_nothing(central, laptops,
                                                                        body, reason):
    a = laptops("a")
    before = central_rows(central)
    status, answer = post(central, body, a.device)
    assert status == 400
    assert reason in answer["reason"]
    assert central_rows(central) == before


# Refused by authenticate (the same on every store: the sync tests run it on both) or by
# check_verify, before the store is read.
@pytest.mark.central_stores("sqlite")
def test_a_check_needs_device_credentials_and_a_sane_body(central, laptops):
    a = laptops("a")
    body = {"protocol": 2, "records": []}
    before = central_rows(central)
    assert post(central, body)[0] == 401
    assert post(central, body, {**a.device, "secret": "not-it"})[0] == 401
    assert post(central, b"{nope", a.device)[0] == 400
    assert post(central, b"not gzip", a.device, {"Content-Encoding": "gzip"})[0] == 400
    assert post(central, body, a.device, {"Content-Type": "text/plain"})[0] == 415
    too_many = gzip.compress(json.dumps({"protocol": 2, "records": [0] * (
        verify.MAX_RECORDS + 1)}).encode())
    status, answer = post(central, too_many, a.device, {"Content-Encoding": "gzip"})
    assert status == 413 and "200000" in answer["reason"]
    status, answer = post(central, body, a.device)
    assert status == 200
    assert {k: v for k, v in answer.items() if k != "protocol"} == {
        "records": 0, "same": 0, "different": [], "missing": []}
    assert central_rows(central) == before
    # Not served by a laptop.
    laptop_api = a.app.test_client().post(client.API + "/verify", json=body)
    assert laptop_api.status_code == 404


# ---- The Sync page ------------------------------------------------------------------------

def _verify_section(browser):
    return parse(browser.get("/sync")).find("section", id="verify")


# The laptop's Sync page: the central server's part is the checks above, on both stores.
@pytest.mark.central_stores("sqlite")
def test_the_sync_page_says_in_words_whether_the_central_server_holds_every_record(
        central, laptops):
    a = laptops("a")
    a.sync()
    supervisor = new_client(a.app, "en")
    supervisor.login("giamsat", central.logins["giamsat"])
    section = _verify_section(supervisor)
    assert section.find(id="verify-result") is None
    form = section.find("form")
    assert form.get("action") == "/sync/verify" and form.find("input", name="csrf_token")
    assert squash(form.find("button").text) == \
        "Check that the central server holds every record"
    # Without the form's CSRF token nothing is checked.
    assert supervisor.post("/sync/verify").status_code == 400
    assert verify.last_check(a.db.sync) is None

    response = supervisor.post_form("/sync/verify")
    assert response.status_code == 302 and response.location.endswith("/sync#verify")
    total = len(held_rows(a))
    section = _verify_section(supervisor)
    result = squash(section.find(id="verify-result").text)
    assert re.fullmatch(rf"The central server holds all {total} records of this laptop as they"
                        r" are here \(checked at .+\)\.", result), result
    assert section.find("table") is None and section.find(id="verify-stale") is None

    # Unsynced work, checked by an officer: named in words, linked, and "sync first".
    household, person = register(a, "Giàng A Páo")
    officer = new_client(a.app, "en")
    officer.login("canbo", central.logins["canbo"])
    assert officer.post_form("/sync/verify").status_code == 302
    section = _verify_section(officer)
    result = squash(section.find(id="verify-result").text)
    assert result.startswith(f"2 of {total + 2} records are not on the central server as they"
                             " are here: sync first (checked at ")
    rows = [[squash(td.text) for td in tr.find_all("td")]
            for tr in section.find("table").find("tbody").find_all("tr")]
    assert sorted(rows) == [["Household of Giàng A Páo", "Not there"],
                            ["Person Giàng A Páo", "Not there"]]
    links = {squash(link.text): link.get("href") for link in section.find_all("a")}
    assert links == {"Household of Giàng A Páo": f"/households/{household}",
                     "Person Giàng A Páo": f"/people/{person}"}
    assert section.find(id="verify-stale") is None
    # A later edit here makes the answer stale, and the page says so.
    store.update(a.db, "people", person, {"full_name": "Giàng A Páo (sửa)"}, user_id=a.user())
    assert "check again before wiping it" in squash(
        _verify_section(officer).find(id="verify-stale").text)

    # Offline: the friendly sentence, in the check's place; the last answer stays.
    saved = (a.instance / client.DEVICE_FILE).read_text()
    offline = {**json.loads(saved), "central_url": f"http://127.0.0.1:{free_port()}"}
    (a.instance / client.DEVICE_FILE).write_text(json.dumps(offline))
    try:
        kept = verify.last_check(a.db.sync)
        assert officer.post_form("/sync/verify").status_code == 302
        section = _verify_section(officer)
        assert squash(section.find(id="verify-error").text).startswith(
            "The central server cannot be reached. Your changes are safe on this laptop")
        assert verify.last_check(a.db.sync) == kept
        assert squash(section.find(id="verify-result").text) == result
        # Said once: not again at the next visit of the page.
        assert _verify_section(officer).find(id="verify-error") is None
    finally:
        (a.instance / client.DEVICE_FILE).write_text(saved)

    # After a sync, all held; shown in the user's language.
    a.sync()
    vietnamese = new_client(a.app, "vi")
    vietnamese.login("giamsat", central.logins["giamsat"])
    assert vietnamese.post_form("/sync/verify").status_code == 302
    result = squash(_verify_section(vietnamese).find(id="verify-result").text)
    assert result.startswith(f"Máy chủ trung tâm có đủ cả {total + 2} bản ghi của máy này,"
                             " đúng như trên máy này (kiểm tra lúc "), result


def test_only_an_enrolled_laptop_offers_the_check(client):
    client.login("giamsat")
    page = parse(client.get("/sync"))
    assert page.find("section", id="verify") is None
    assert client.post_form("/sync/verify").status_code == 400
