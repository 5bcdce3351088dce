"""Issue 15: a thief holding one laptop's device credentials attacks a real central server.

Every attack is a request crafted by hand with the stolen laptop's own device id and secret,
sent to a real `run.py --central` on 127.0.0.1. Each asserts the refusal (its code and reason)
and that the central server's synced tables are exactly as they were, and that the answer's pull
carries nothing of the other office.
"""

import json
import os
import re
import gzip
import secrets
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import datetime

import pytest
from werkzeug.security import generate_password_hash

from fieldapp import accounts, demo, offices, store, submissions
from fieldapp.households import queries as households
from fieldapp.places import queries as places
from fieldapp.visits import queries as visits
from helpers import rows_of
from sync import client, hlc, policy
from sync.protocol import RequestDenied, check_sync
from sync.synced_tables import SYNCED_TABLES
from conftest import start_central
from syncing import Laptop, Web, office_rows

B_PASSWORD = "mat-khau-van-phong-b-1"
# What office B holds that a laptop of office A must never see.
B_NAME, B_CCCD, B_BHXH = "Hoàng Thị Bí Mật", "001180012345", "0112233445"
# Everything the merge writes: the synced tables, the log laptops pull from, unknown fields.
WRITTEN = (*SYNCED_TABLES, "sync_log", "sync_extra")


class Thief:
    """Requests to /api/v1/sync crafted by hand with a stolen laptop's device credentials."""

    def __init__(self, central, laptop):
        self.url = central.url + client.API + "/sync"
        self.device = laptop.device
        self.device_id = laptop.device["device_id"]
        # Above anything the laptop itself ever sent: the server skips lower seqs as retries.
        self.seq = 1_000_000
        self.counter = 0

    def stamp(self, ms=None):
        self.counter += 1
        return f"{ms or hlc.now_ms():013d}.{self.counter:05d}.{self.device_id}"

    def change(self, table, row_id, /, at_ms=None, **values):
        self.seq += 1
        stamp = self.stamp(at_ms)
        return {"seq": self.seq, "table": table, "id": row_id,
                "fields": {name: [value, stamp, ""] for name, value in values.items()}}

    def push(self, *changes, cursor=0):
        message = {"protocol": 2, "app_version": "", "now": hlc.now_ms(),
                   "push": {"changes": list(changes)}, "pull": {"cursor": cursor}}
        return client._post(self.url, message, self.device)[0]


# Every attack against a central server on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")


@pytest.fixture(scope="module")
def world(tmp_path_factory, central_store, request):
    """The demo central server (office A) with a second office B holding a household, a person
    with personal numbers, a visit and an administrator; a field laptop of A that registered a
    household, person and visit; a stolen laptop of A; a laptop of B."""
    root = tmp_path_factory.mktemp("attacks")
    central = start_central(request, root / "central", central_store)
    db = central.db
    w = type("World", (), {})()
    w.central, w.db = central, db
    w.office_a = central.office_id(demo.OFFICE_NAME)
    w.start_seq = db.execute("select max(seq) from sync_log").fetchone()[0]
    commune_b = db.execute("select code from communes where province_code = 1"
                           " order by code limit 1").fetchone()[0]
    with db.atomic():
        office_b = offices.create_office(db, name="BHXH cơ sở Ba Đình", province_code=1,
                                         communes=[commune_b], user_id=None)
        w.office_b = office_b["id"]
        w.village_b = places.create_village(db, commune_b, "Tổ 7", "to_dan_pho",
                                            user_id=None)["id"]
        w.admin_b = accounts.create_user(db, username="quantri_b", full_name="Trần Văn Quản",
                                         password=B_PASSWORD, role="admin",
                                         office_id=w.office_b, user_id=None)["id"]
        w.supervisor_b = accounts.create_user(
            db, username="giamsat_b", full_name="Đỗ Thị Giám", password=B_PASSWORD,
            role="supervisor", office_id=w.office_b, user_id=None)["id"]
        w.officer_b = accounts.create_user(db, username="canbo_b", full_name="Lê Văn Bộ",
                                           password=B_PASSWORD, role="officer",
                                           office_id=w.office_b, user_id=None)["id"]
    w.household_b = households.register_household(
        db, w.village_b, {"language": "vi", "phone": "0912345678"},
        {"full_name": B_NAME, "gender": "female", "birth_year": 1980, "cccd": B_CCCD,
         "bhxh_number": B_BHXH, "bhxh_status": "none", "vssid": "unknown"},
        user_id=w.officer_b)
    w.person_b = db["households"].get(w.household_b)["head_person_id"]
    w.visit_b = visits.record_visit(db, w.household_b, officer_id=w.officer_b,
                                    visited_at=datetime(2026, 3, 2, 9), topics=["vssid"])
    # Office A's own records, made on a laptop in the field and synced.
    w.field = Laptop(root / "field", central)
    w.field.sync()
    w.village_a = w.field.db.execute("select id from villages where name = 'Mí Háng'"
                                     ).fetchone()[0]
    w.commune_a = w.field.db["villages"].get(w.village_a)["commune_code"]
    w.household_a = households.register_household(
        w.field.db, w.village_a, {"language": "hnj"},
        {"full_name": "Giàng A Páo", "gender": "male", "birth_year": 1980,
         "cccd": "001080012345", "bhxh_status": "none", "vssid": "unknown"},
        user_id=w.field.user())
    w.person_a = w.field.db["households"].get(w.household_a)["head_person_id"]
    w.visit_a = visits.record_visit(w.field.db, w.household_a, officer_id=w.field.user(),
                                    visited_at=datetime(2026, 3, 3, 10), topics=["vssid"],
                                    outcomes={w.person_a: (["vssid_installed"], None)})
    # A person whom the thief loads with unknown fields.
    w.person_extra = households.add_person(w.field.db, w.household_a, {
        "full_name": "Giàng Thị Dợ", "gender": "female", "birth_year": 1984,
        "relation": "spouse", "bhxh_status": "none", "vssid": "unknown"},
        user_id=w.field.user())["id"]
    w.field.sync()
    w.stolen = Laptop(root / "stolen", central)
    w.stolen.sync()
    w.thief = Thief(central, w.stolen)
    w.laptop_b = Laptop(root / "laptop-b", central, office_id=w.office_b)
    w.laptop_b.sync()
    w.users = {u: db.execute("select id from users where username = ?", [u]).fetchone()[0]
               for u in ("canbo", "giamsat", "quantri", "trungtam")}
    yield w
    for laptop in (w.field, w.stolen, w.laptop_b):
        laptop.close()
    central.stop()


@contextmanager
def unchanged(db):
    """Asserts that the central server's synced tables, log and unknown fields are as before."""
    before = {table: rows_of(db, table) for table in WRITTEN}
    yield
    after = {table: rows_of(db, table) for table in WRITTEN}
    assert {t for t in WRITTEN if after[t] != before[t]} == set()


def office_b_only(w):
    """Ids of the rows only office B's laptops may see."""
    seen_by_a = {r["id"] for rows in office_rows(w.db, w.office_a).values() for r in rows}
    return {r["id"] for rows in office_rows(w.db, w.office_b).values() for r in rows} - seen_by_a


def assert_refused(w, changes, code):
    """Push the changes with the stolen credentials: each refused with `code` and its reason,
    nothing changed on the central server, nothing of office B in the answer."""
    with unchanged(w.db):
        answer = w.thief.push(*changes, cursor=w.start_seq)
    got = [(r["seq"], r["id"], r["code"]) for r in answer["rejected"]]
    assert got == [(c["seq"], c["id"], code) for c in changes]
    assert all(r["reason"].startswith(policy.REASONS[code]) for r in answer["rejected"])
    assert_nothing_of_b(w, answer)
    return answer


def assert_nothing_of_b(w, answer):
    pulled = answer["pull"]["changes"]
    # The pull from before office B was made is a real one: it carries office A's records.
    assert w.household_a in {c["id"] for c in pulled}
    assert {c["id"] for c in pulled} & office_b_only(w) == set()
    text = json.dumps(answer["pull"], ensure_ascii=False)
    for secret in (B_NAME, B_CCCD, B_BHXH, w.village_b, w.household_b, w.person_b,
                   w.admin_b):
        assert secret not in text


def stamp_of(w, table, row_id, field):
    return json.loads(w.db[table].get(row_id)["sync_clock"])[field]


def web(w, username, password=None):
    browser = Web(w.central.url)
    browser.log_in(username, password or w.central.logins[username])
    return browser


def can_log_in(central, username, password):
    status, url, _ = Web(central.url).post("/login", {"username": username,
                                                      "password": password})
    return status == 200 and "/login" not in url


# ---- Users and roles never travel upward as authority -------------------------------------

def test_a_pushed_administrator_with_a_chosen_password_is_refused(world):
    w = world
    chosen = generate_password_hash("thief-password-1")
    new_id = f"thief-{secrets.token_hex(4)}"
    pushed = w.thief.change(
        "users", new_id, username="thief", full_name="Kẻ Trộm", password_hash=chosen,
        role="admin", office_id=w.office_a, locale="vi", active=1, translator=0,
        created_at="2026-03-01T00:00:00Z", updated_at="2026-03-01T00:00:00Z")
    assert_refused(w, [pushed], "central_only")
    assert not can_log_in(w.central, "thief", "thief-password-1")


def test_an_officer_promoted_by_a_device_stays_an_officer(world):
    w = world
    promoted = w.thief.change("users", w.users["canbo"], role="admin")
    assert_refused(w, [promoted], "central_only")
    assert w.db["users"].get(w.users["canbo"])["role"] == "officer"


def test_another_offices_administrator_cannot_be_moved_in_with_a_new_password(world):
    w = world
    moved = w.thief.change("users", w.admin_b, office_id=w.office_a,
                           password_hash=generate_password_hash("thief-password-2"))
    assert_refused(w, [moved], "central_only")
    assert not can_log_in(w.central, "quantri_b", "thief-password-2")
    # Moved alone, the office is refused too; the password alone, too.
    assert_refused(w, [w.thief.change("users", w.admin_b, office_id=w.office_a)],
                   "central_only")
    new_hash = generate_password_hash("thief-password-3")
    assert_refused(w, [w.thief.change("users", w.users["quantri"], password_hash=new_hash)],
                   "central_only")
    assert not can_log_in(w.central, "quantri", "thief-password-3")
    assert can_log_in(w.central, "quantri_b", B_PASSWORD)


# ---- Scope comes from the rows, never from what a device names -----------------------------

@pytest.mark.parametrize("named", ["scope_office", "scope_commune"])
def test_an_extra_scope_field_does_not_open_office_bs_records(world, named):
    w = world
    claim = w.office_a if named == "scope_office" else w.commune_a
    changes = [
        w.thief.change("households", w.household_b, address_note="bị sửa", **{named: claim}),
        w.thief.change("people", w.person_b, full_name="Bị Sửa", cccd="001080099999",
                       **{named: claim}),
        w.thief.change("visits", w.visit_b, notes="bị sửa", **{named: claim}),
    ]
    assert_refused(w, changes, "outside_office")


def test_a_new_household_in_office_bs_village_is_refused_whatever_scope_it_names(world):
    w = world
    made = w.thief.change(
        "households", f"thief-{secrets.token_hex(4)}", village_id=w.village_b, language="vi",
        address_note="", created_at="2026-03-01T00:00:00Z", updated_at="2026-03-01T00:00:00Z",
        scope_office=w.office_a, scope_commune=w.commune_a)
    assert_refused(w, [made], "outside_office")


def test_office_bs_household_and_cccd_cannot_be_rewritten(world):
    w = world
    assert_refused(w, [w.thief.change("households", w.household_b, phone="0987654321")],
                   "outside_office")
    assert_refused(w, [w.thief.change("people", w.person_b, cccd="001180054321")],
                   "outside_office")
    assert w.db["people"].get(w.person_b)["cccd"] == B_CCCD


def test_a_change_that_would_lose_the_merge_is_not_answered_with_bs_values(world):
    w = world
    stored = stamp_of(w, "people", w.person_b, "full_name")
    older = hlc.parse(stored)[0] - 60_000
    losing = w.thief.change("people", w.person_b, at_ms=older, full_name="Cũ",
                            cccd="001080011111", bhxh_number="0000000001",
                            scope_commune=w.commune_a, scope_office=w.office_a)
    assert_refused(w, [losing], "outside_office")
    assert w.db["people"].get(w.person_b)["full_name"] == B_NAME


def test_a_b_household_cannot_be_moved_into_office_a_nor_an_a_household_out(world):
    w = world
    assert_refused(w, [w.thief.change("households", w.household_b, village_id=w.village_a)],
                   "outside_office")
    assert w.db["households"].get(w.household_b)["village_id"] == w.village_b
    assert_refused(w, [w.thief.change("households", w.household_a, village_id=w.village_b)],
                   "outside_office")
    assert w.db["households"].get(w.household_a)["village_id"] == w.village_a


# ---- Shared, nation-wide rows are the central server's -------------------------------------

def test_policy_figures_are_central_only(world):
    w = world
    salary = w.db.execute("select id from policy_figures where key = 'base_salary'"
                          " order by effective_from desc").fetchone()[0]
    assert_refused(w, [w.thief.change("policy_figures", salary, value=1)], "central_only")
    new_row = w.thief.change("policy_figures", f"thief-{secrets.token_hex(4)}",
                             key="base_salary", value=1, unit="VND/month",
                             effective_from="2026-01-01", source="thief")
    assert_refused(w, [new_row], "central_only")


def test_official_scripts_cannot_be_rewritten(world):
    w = world
    script_id, text_id = w.db.execute(
        "select s.id, t.id from scripts s join script_texts t on t.script_id = s.id"
        " where s.sample = 1 order by t.revision desc limit 1").fetchone()
    assert_refused(w, [w.thief.change("script_texts", text_id, key_messages="Đừng đóng BHXH")],
                   "not_allowed")
    revision = w.db.execute("select max(revision) from script_texts where script_id = ?"
                            " and language = 'vi'", [script_id]).fetchone()[0] or 0
    new_text = w.thief.change(
        "script_texts", f"thief-{secrets.token_hex(4)}", script_id=script_id, language="vi",
        revision=revision + 1, title="Bản mới", key_messages="Đừng đóng BHXH",
        questions="[]", reviewed=1, created_by=w.users["canbo"], updated_by=w.users["canbo"],
        created_at="2026-03-01T00:00:00Z", updated_at="2026-03-01T00:00:00Z")
    assert_refused(w, [new_text], "central_only")
    assert_refused(w, [w.thief.change("scripts", script_id, sample=0)], "not_allowed")


def test_list_labels_are_central_only(world):
    w = world
    item = w.db.execute("select id from list_items order by id limit 1").fetchone()[0]
    assert_refused(w, [w.thief.change("list_items", item, label="<b>Bị sửa</b>")],
                   "central_only")


def test_a_translation_review_by_a_non_translator_is_refused(world):
    w = world
    review = w.thief.change(
        "translation_reviews", f"thief-{secrets.token_hex(4)}", language="vi",
        msgid="Log in", msgstr="<img src=x onerror=alert(1)>", reviewed=1,
        created_by=w.users["canbo"], updated_by=w.users["canbo"],
        created_at="2026-03-01T00:00:00Z", updated_at="2026-03-01T00:00:00Z")
    assert_refused(w, [review], "central_only")
    # Naming a user of another office as the reviewer is refused as well.
    by_b = w.thief.change(
        "translation_reviews", f"thief-{secrets.token_hex(4)}", language="vi",
        msgid="Log in", msgstr="Bị sửa", reviewed=1, created_by=w.admin_b,
        updated_by=w.admin_b, created_at="2026-03-01T00:00:00Z",
        updated_at="2026-03-01T00:00:00Z")
    assert_refused(w, [by_b], "other_office")


# ---- Values no form accepts ------------------------------------------------------------------

BAD_VALUES = {
    "birth_year": ("people", "person_a", {"birth_year": "abc"}),
    "birth_date": ("people", "person_a", {"birth_date": "not-a-date"}),
    "broken_json": ("visits", "visit_a", {"topics": '["vssid", '}),
    "bhyt_expiry": ("people", "person_a", {"bhyt_expiry": "9999-99-99"}),
    "cccd": ("people", "person_a", {"cccd": "12"}),
    "long_name": ("people", "person_a", {"full_name": "A" * 20_000}),
    "household_phone": ("households", "household_a", {"phone": "<script>"}),
}


def central_pages_answer(w, browser):
    """The central server's household, person and visit pages and the visit PDF answer 200."""
    statuses = {}
    for path in (f"/households/{w.household_a}", f"/people/{w.person_a}",
                 f"/visits/{w.visit_a}", f"/visits/{w.visit_a}/summary.pdf"):
        try:
            with browser.opener.open(browser.url + path, timeout=60) as response:
                statuses[path] = response.status if response.read() else None
        except urllib.error.HTTPError as e:
            statuses[path] = e.code
    assert set(statuses.values()) == {200}, statuses


@pytest.fixture(scope="module")
def central_admin(world):
    """The demo central server's administrator, logged in over HTTP."""
    return web(world, "trungtam")


@pytest.mark.parametrize("case", BAD_VALUES)
def test_a_value_no_form_accepts_is_refused_and_every_page_still_answers(world, central_admin,
                                                                         case):
    w = world
    table, row, values = BAD_VALUES[case]
    assert_refused(w, [w.thief.change(table, getattr(w, row), **values)], "invalid")
    # A new record with the bad value is refused too.
    if table == "people":
        new_person = w.thief.change("people", f"thief-{secrets.token_hex(4)}", **{
            "household_id": w.household_a, "full_name": "Mới", "name_key": "moi",
            "gender": "male", "birth_year": 1990, "relation": "child", "bhxh_status": "none",
            "vssid": "unknown", "created_at": "2026-03-01T00:00:00Z",
            "updated_at": "2026-03-01T00:00:00Z", **values})
        assert_refused(w, [new_person], "invalid")
    central_pages_answer(w, central_admin)
    w.field.sync()  # another laptop's pull still works
    assert w.field.db["people"].get(w.person_a)["full_name"] == "Giàng A Páo"


def test_megabytes_of_unknown_fields_are_refused(world, central_admin):
    w = world
    # Twenty changes of 160 kB each (the protocol takes values of up to 20,000 characters):
    # over the cap for one change, every one.
    heavy = [w.thief.change("people", w.person_a, **{
        f"future_{n}_{k}": os.urandom(10_000).hex() for k in range(8)}) for n in range(20)]
    assert sum(len(json.dumps(c)) for c in heavy) > 3_000_000
    assert_refused(w, heavy, "too_large")
    central_pages_answer(w, central_admin)
    w.field.sync()


def test_unknown_fields_are_capped_per_request(world):
    w = world
    # Each change under the cap for one change, the request far over the cap for a request.
    size = policy.EXTRA_PER_CHANGE - 200
    light = [w.thief.change("people", w.person_extra, **{f"later_{n}": "x" * size})
             for n in range(200)]
    before = w.db.execute("select coalesce(sum(length(value)), 0) from sync_extra"
                          ).fetchone()[0]
    answer = w.thief.push(*light, cursor=w.start_seq)
    refused = {r["seq"] for r in answer["rejected"]}
    assert {r["code"] for r in answer["rejected"]} == {"too_large"}
    kept = [c for c in light if c["seq"] not in refused]
    assert len(kept) * size <= policy.EXTRA_PER_REQUEST
    assert len(refused) >= len(light) - policy.EXTRA_PER_REQUEST // size
    stored = w.db.execute("select coalesce(sum(length(value)), 0) from sync_extra"
                          ).fetchone()[0] - before
    assert stored <= policy.EXTRA_PER_REQUEST
    assert_nothing_of_b(w, answer)
    w.field.sync()


def test_a_thiefs_unknown_fields_do_not_block_the_offices_edits_of_the_row(world):
    """The unknown fields accepted above travel with every later change of the row from a
    laptop: an honest edit must not be refused for carrying them."""
    w = world
    # The thief's fields are kept, within the cap for one record however many requests.
    held = w.db.execute("select count(*), sum(length(value)) from sync_extra where row_id = ?",
                        [w.person_extra]).fetchone()
    assert held[0] >= 1 and held[1] <= policy.EXTRA_PER_CHANGE
    store.update(w.field.db, "people", w.person_extra, {"full_name": "Giàng Thị Dợ (vợ)"},
                 user_id=w.field.user())
    result = w.field.sync()
    assert [(r["id"], r["code"]) for r in result.refused] == []
    assert w.db["people"].get(w.person_extra)["full_name"] == "Giàng Thị Dợ (vợ)"


# ---- Every link judged, not only the commune path (issue 21) -------------------------------

def new_like(w, table, row_id, **values):
    """A new row pushed by the thief: the values of an existing row of office A (so that every
    check of the forms passes), with `values` over them."""
    row = {k: v for k, v in w.db[table].get(row_id).items() if k not in ("id", "sync_clock")}
    return w.thief.change(table, f"thief-{secrets.token_hex(6)}",
                          **{**row, "updated_by": w.users["canbo"], **values})


@pytest.fixture(scope="module")
def session_a(world):
    """A session of office A in A's village, with A's person on its roster, synced."""
    from fieldapp.group_sessions import queries as sessions
    w = world
    session_id = sessions.record_session(
        w.field.db, commune_code=w.commune_a, village_id=w.village_a,
        held_at=datetime(2026, 3, 4, 9), format="small_group", target_group="voluntary",
        total=1, female=0, male=1, by_ethnicity={"mong": 1}, roster=[w.person_a],
        user_id=w.field.user())
    w.field.sync()
    return session_id


def test_links_to_another_offices_records_are_refused(world, session_a):
    """From a device of office A: an attendee of A's session who is B's person, an outcome on
    A's visit naming B's person, a household head from B, `present` naming B's person, A's
    session placed in a B village, and an office-A target on a B commune."""
    w = world
    attendee = w.db.execute("select id from session_attendees where session_id = ?",
                            [session_a]).fetchone()[0]
    outcome = w.db.execute("select id from visit_outcomes where visit_id = ?",
                           [w.visit_a]).fetchone()[0]
    commune_b = w.db["villages"].get(w.village_b)["commune_code"]
    links = [
        new_like(w, "session_attendees", attendee, person_id=w.person_b),
        w.thief.change("session_attendees", attendee, person_id=w.person_b,
                       updated_by=w.users["canbo"]),
        new_like(w, "visit_outcomes", outcome, person_id=w.person_b),
        w.thief.change("households", w.household_a, head_person_id=w.person_b),
        w.thief.change("visits", w.visit_a, present=json.dumps([w.person_a, w.person_b])),
        w.thief.change("group_sessions", session_a, village_id=w.village_b),
        w.thief.change("targets", f"thief-{secrets.token_hex(4)}", office_id=w.office_a,
                       commune_code=commune_b, year=2026, households=99,
                       updated_by=w.users["giamsat"], created_by=w.users["giamsat"]),
    ]
    for change in links:
        assert_refused(w, [change], "other_office")
    # So A's pages of the session, the visit and the household name nobody of B.
    page = web(w, "giamsat")
    for path in (f"/sessions/{session_a}", f"/visits/{w.visit_a}",
                 f"/households/{w.household_a}"):
        status, _, text = page.get(path)
        assert status == 200 and B_NAME not in text, path


def test_a_link_to_a_record_of_the_office_or_not_yet_held_is_taken(world, session_a):
    """The same links inside the office are taken: the rule refuses other offices, not links."""
    w = world
    answer = w.thief.push(
        w.thief.change("visits", w.visit_a, present=json.dumps([w.person_a, w.person_extra]),
                       updated_by=w.users["canbo"]), cursor=w.start_seq)
    assert answer["rejected"] == []
    assert json.loads(w.db["visits"].get(w.visit_a)["present"]) == [w.person_a,
                                                                     w.person_extra]


def test_the_written_policy_names_every_column_that_names_a_record():
    """A synced table that gains a column naming another record fails here until the policy
    says how it is judged (sync/policy.py REFERENCES, or a user column)."""
    from fieldapp.db import connect, upgrade
    from sync.synced_tables import CENTRAL_ONLY
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        db = connect(f"{folder}/x.sqlite3")
        upgrade(db)
        unnamed = []
        for table in policy.DEVICE_TABLES:
            columns = [r[1] for r in db.execute(f"pragma table_info([{table}])")]
            linked = {r[3] for r in db.execute(f"pragma foreign_key_list([{table}])")}
            naming = linked | {c for c in columns if c.endswith("_id") or c.endswith("_code")
                               or c in ("present", "facilitators", "person_ids")}
            judged = set(policy.REFERENCES.get(table, {})) | policy.USER_FIELDS | \
                policy.USER_LIST_FIELDS
            # A conflict names its record by table and id, and no device makes one.
            if table == "sync_conflicts":
                judged |= {"row_id"}
            unnamed += [f"{table}.{c}" for c in sorted(naming - judged - {"id"})]
        db.close()
    assert CENTRAL_ONLY and unnamed == []


# ---- Authors are the server's to say -------------------------------------------------------

def test_a_device_cannot_name_an_administrator_or_a_non_translator_as_a_reviews_author(world):
    w = world
    for author in (w.users["quantri"], w.users["canbo"], w.admin_b):
        review = w.thief.change("translation_reviews", f"thief-{secrets.token_hex(4)}",
                                language="hnj", msgid="Sync now", msgstr="Sib txuas tam sim no",
                                reviewed=1, created_by=author, updated_by=author)
        assert_refused(w, [review], "central_only" if author != w.admin_b else "other_office")


def test_a_reviews_text_pushed_without_its_source_is_judged_against_it(world):
    """An edit carries only the fields it changed: a review's new text is checked against its
    source's placeholders as the row stands, so one '%' cannot stop every office's pages."""
    from fieldapp.translating import queries as translating
    w = world
    translator = accounts.create_user(
        w.db, username=f"dich-{secrets.token_hex(3)}", full_name="Người Dịch",
        password="mat-khau-nguoi-dich-1", role="officer", office_id=w.office_a, user_id=None,
        translator=True)["id"]
    review = translating.save_review(w.db, "hnj", "Log in", "Nkag mus", True,
                                     user_id=translator)
    broken = w.thief.change("translation_reviews", review, msgstr="Nkag mus 100%",
                            updated_by=translator)
    assert_refused(w, [broken], "invalid")
    fine = w.thief.change("translation_reviews", review, msgstr="Nkag mus 100%%",
                          updated_by=translator)
    assert w.thief.push(fine, cursor=w.start_seq)["rejected"] == []


def test_a_user_is_renamed_from_a_laptop_only_by_themselves(world):
    w = world
    for target, author in ((w.users["quantri"], w.users["canbo"]),
                           (w.users["giamsat"], w.users["canbo"]),
                           (w.users["quantri"], w.users["quantri"])):
        renamed = w.thief.change("users", target, full_name="Bị Đổi Tên", updated_by=author)
        assert_refused(w, [renamed], "not_allowed")
    # Their own name and language, an officer changes.
    own = w.thief.change("users", w.users["canbo"], locale="hnj", updated_by=w.users["canbo"])
    assert w.thief.push(own, cursor=w.start_seq)["rejected"] == []
    assert w.db["users"].get(w.users["canbo"])["locale"] == "hnj"


def test_another_offices_draft_script_is_neither_revised_nor_removed(world):
    from fieldapp.scripts import queries as scripts
    w = world
    script_b = scripts.create_script(w.db, target_group="voluntary", topic="vssid",
                                     title="Kịch bản của B", key_messages="Nội dung",
                                     questions=[], user_id=w.officer_b)
    text_b = w.db.execute("select id from script_texts where script_id = ?",
                          [script_b]).fetchone()[0]
    assert_refused(w, [new_like(w, "script_texts", text_b, revision=9, title="Bị sửa",
                                created_by=w.users["canbo"])], "other_office")
    assert_refused(w, [w.thief.change("scripts", script_b, deleted_at="2026-03-05T00:00:00Z",
                                      updated_by=w.users["canbo"])], "other_office")


def test_an_edit_signed_with_another_devices_id_is_refused(world):
    w = world
    other_device = w.field.device["device_id"]
    forged = w.thief.change("households", w.household_a, address_note="giả mạo")
    forged["fields"] = {name: [value, hlc.make(hlc.now_ms(), 1, other_device), base]
                        for name, (value, _stamp, base) in forged["fields"].items()}
    assert_refused(w, [forged], "not_allowed")


# ---- Conflicts: forged ones refused; the central pages scoped by office ----------------------

def test_a_forged_conflict_naming_another_offices_user_is_refused(world):
    w = world
    forged = w.thief.change(
        "sync_conflicts", f"thief-{secrets.token_hex(4)}", table_name="users",
        row_id=w.admin_b, field="role", kept_value='"admin"', kept_hlc=w.thief.stamp(),
        lost_value='"officer"', lost_hlc=w.thief.stamp(), scope_office=w.office_a,
        scope_commune=w.commune_a, created_at="2026-03-01T00:00:00Z",
        updated_at="2026-03-01T00:00:00Z")
    assert_refused(w, [forged], "not_allowed")


@pytest.fixture(scope="module")
def conflicts(world):
    """One real conflict in office A and one in office B, each found by the central server's
    merge: the central server and a laptop edit a person's name without seeing each other."""
    w = world
    found = {}
    for key, laptop, person in (("a", w.field, w.person_a), ("b", w.laptop_b, w.person_b)):
        laptop.sync()
        store.update(w.db, "people", person, {"full_name": f"Trung tâm {key}"},
                     user_id=w.users["trungtam"])
        store.update(laptop.db, "people", person, {"full_name": f"Máy {key}"},
                     user_id=laptop.db.execute("select id from users limit 1").fetchone()[0])
        laptop.sync()
        found[key] = w.db.execute("select id from sync_conflicts where row_id = ?"
                                  " and resolved_at is null", [person]).fetchone()[0]
    return found


def conflict_ids(page):
    return set(re.findall(r'/conflicts/([0-9a-f-]{36})', page))


def resolve(browser, conflict_id, choice, value=""):
    return browser.post(f"/conflicts/{conflict_id}", {
        "choice": choice, "value": value, submissions.FIELD: submissions.new_key()})


def test_a_supervisor_sees_only_their_offices_conflicts(world, conflicts):
    supervisor = web(world, "giamsat")
    listed = conflict_ids(supervisor.get("/conflicts")[2])
    assert conflicts["a"] in listed
    assert conflicts["b"] not in listed
    assert supervisor.get(f"/conflicts/{conflicts['b']}")[0] in (403, 404)


def test_a_device_cannot_point_a_real_conflict_at_another_row_or_field(world, conflicts):
    w = world
    for values in ({"table_name": "users", "row_id": w.admin_b, "field": "role"},
                   {"field": "household_id"}, {"kept_value": '"admin"'},
                   {"scope_office": w.office_b}):
        assert_refused(w, [w.thief.change("sync_conflicts", conflicts["a"], **values)],
                       "not_allowed")


def test_the_central_administrator_sees_every_offices_conflicts(world, conflicts,
                                                                 central_admin):
    listed = conflict_ids(central_admin.get("/conflicts")[2])
    assert {conflicts["a"], conflicts["b"]} <= listed


def test_a_supervisor_cannot_resolve_another_offices_conflict(world, conflicts):
    w = world
    supervisor = web(w, "giamsat")
    with unchanged(w.db):
        resolve(supervisor, conflicts["b"], "new", "Bị sửa từ văn phòng A")
    assert w.db["people"].get(w.person_b)["full_name"] != "Bị sửa từ văn phòng A"


def test_resolving_writes_only_the_conflicts_field_of_its_row(world, conflicts):
    w = world
    supervisor = web(w, "giamsat")
    before = {t: rows_of(w.db, t) for t in SYNCED_TABLES if t not in ("people",
                                                                      "sync_conflicts")}
    person_before = dict(w.db["people"].get(w.person_a))
    status, _, _ = resolve(supervisor, conflicts["a"], "new", "Giàng A Páo (đã xem)")
    assert status == 200
    person = dict(w.db["people"].get(w.person_a))
    assert person["full_name"] == "Giàng A Páo (đã xem)"
    assert {k for k in person if person[k] != person_before[k]} <= {
        "full_name", "name_key", "updated_at", "updated_by", "sync_clock"}
    assert {t: rows_of(w.db, t) for t in before} == before
    assert w.db["sync_conflicts"].get(conflicts["a"])["resolved_at"]


def test_a_forged_conflict_in_the_database_cannot_change_a_role(world, central_admin):
    w = world
    # A conflict forged by a device before this version (when pushes were not judged) may
    # already be in the database: office A's scope, but naming office B's administrator's role.
    forged = store.insert(w.db, "sync_conflicts", {
        "table_name": "users", "row_id": w.admin_b, "field": "role",
        "kept_value": '"admin"', "kept_hlc": stamp_of(w, "users", w.admin_b, "role"),
        "lost_value": '"officer"', "lost_hlc": "0000000000000.00000.x",
        "scope_office": w.office_a, "scope_commune": w.commune_a}, user_id=None)
    for browser in (web(w, "giamsat"), central_admin):
        resolve(browser, forged["id"], "lost")
        assert w.db["users"].get(w.admin_b)["role"] == "admin"
        assert w.db["users"].get(w.admin_b)["office_id"] == w.office_b


# ---- Personal numbers on the central pages stay within the office --------------------------

def test_the_duplicate_warning_on_the_central_server_stays_within_the_office(world):
    w = world
    supervisor = web(w, "giamsat")
    status, url, page = supervisor.fill(f"/villages/{w.village_a}/households/new", {
        "full_name": "Người Khác", "gender": "female", "birth_year": "1980",
        "cccd": B_CCCD, "bhxh_number": B_BHXH, "language": "vi", "relation": "head"})
    # Nobody of office A has these numbers: the household is registered, no warning shown.
    assert status == 200 and "/households/" in url
    for secret in (B_NAME, "Tổ 7", w.person_b, w.household_b):
        assert secret not in page


# ---- Malformed requests: a 4xx with a reason, nothing changed --------------------------------

def raw_post(w, path, body, credentials=True):
    """(status, reason) of a gzip body posted as it is to the central server's API."""
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    if credentials:
        headers["Authorization"] = f"Device {w.thief.device_id}:{w.stolen.device['secret']}"
    request = urllib.request.Request(w.central.url + client.API + path, data=body,
                                     headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, None
    except urllib.error.HTTPError as e:
        answer = e.read()
        try:
            return e.code, json.loads(answer).get("reason")
        except ValueError:
            return e.code, None


def deep(levels):
    return gzip.compress(("[" * levels + "]" * levels).encode(), mtime=0)


def sync_body(w, seq=None, cursor=0):
    """A sync request: one change with this seq, if given; a pull from the cursor."""
    changes = []
    if seq is not None:
        changes = [w.thief.change("households", w.household_a, address_note="x")]
        changes[0]["seq"] = seq
    return gzip.compress(json.dumps({
        "protocol": 2, "app_version": "", "now": hlc.now_ms(),
        "push": {"changes": changes}, "pull": {"cursor": cursor}}).encode(), mtime=0)


# Refused by the body reader or sync.protocol.check_sync before the store is read (beyond the
# device's credentials, which the other attacks check on both stores): the same path on every
# store, so run against the SQLite central server alone; the test checks where it was refused.
@pytest.mark.central_stores("sqlite")
@pytest.mark.parametrize("case", ["deep_sync", "deep_enroll", "huge_seq", "huge_cursor"])
def test_a_malformed_request_gets_a_4xx_with_a_reason_and_changes_nothing(world, case):
    w = world
    path, body, credentials = {
        "deep_sync": ("/sync", lambda: deep(5000), True),
        "deep_enroll": ("/enroll", lambda: deep(5000), False),
        "huge_seq": ("/sync", lambda: sync_body(w, seq=2 ** 63), True),
        "huge_cursor": ("/sync", lambda: sync_body(w, cursor=2 ** 63), True),
    }[case]
    sent = body()
    with unchanged(w.db):
        status, reason = raw_post(w, path, sent, credentials)
    assert (400 <= status < 500, bool(reason)) == (True, True), (status, reason)
    if case.startswith("deep"):
        assert reason == "the body nests too deeply"
    else:
        with pytest.raises(RequestDenied, match=re.escape(reason)):
            check_sync(json.loads(gzip.decompress(sent)))


# ---- What a stolen laptop holds ---------------------------------------------------------------

def test_a_stolen_laptop_holds_its_offices_records_and_no_administrators_hash(world):
    w = world
    w.stolen.sync()
    held = w.stolen.db
    users = {r["username"]: r for r in held.query("select * from users")}
    # Its office's officers and supervisors, with their scrypt hashes for offline login.
    assert users["canbo"]["password_hash"].startswith("scrypt:")
    assert users["giamsat"]["password_hash"].startswith("scrypt:")
    # Administrators' hashes never leave the central server; other offices' users never do.
    assert users["quantri"]["password_hash"] == users["trungtam"]["password_hash"] == "!"
    assert not {"quantri_b", "giamsat_b", "canbo_b"} & users.keys()
    # Its office's records with personal numbers; nothing of office B.
    assert held["people"].get(w.person_a)["cccd"] == "001080012345"
    for table in SYNCED_TABLES:
        ids = {r[0] for r in held.execute(f"select id from [{table}]")}
        assert ids & office_b_only(w) == set(), table



def test_a_record_sent_before_its_parent_in_the_same_push_is_taken(world):
    """A laptop sends a refused record again at the end of its log, after a record made on it
    since (a person added to a household refused before): the child comes first in the push,
    and is taken once its parent is, not refused for a missing parent (found by the random
    office life of tests/test_sync_lineage.py)."""
    w = world
    household, person = (f"thief-{secrets.token_hex(4)}" for _ in range(2))
    child = w.thief.change("people", person, **{
        "household_id": household, "full_name": "Con Mới", "name_key": "con moi",
        "gender": "male", "birth_year": 2001, "relation": "child", "bhxh_status": "none",
        "vssid": "unknown", "created_at": "2026-03-01T00:00:00Z",
        "updated_at": "2026-03-01T00:00:00Z"})
    parent = w.thief.change(
        "households", household, village_id=w.village_a, language="vi", address_note="",
        created_at="2026-03-01T00:00:00Z", updated_at="2026-03-01T00:00:00Z")
    latest = w.db.execute("select max(seq) from sync_log").fetchone()[0]
    answer = w.thief.push(child, parent, cursor=latest)
    assert answer["rejected"] == []
    assert w.db["people"].get(person)["household_id"] == household
    assert w.db["households"].get(household)["village_id"] == w.village_a

