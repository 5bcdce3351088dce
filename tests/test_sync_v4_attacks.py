"""Protocol 4's pages, the pulls that take no merge lock and log compaction, attacked from a
laptop of office A holding valid credentials, against a real central server process (two
workers, pages of a few entries so that windows of the log mix both offices' seqs) on SQLite and
on PostgreSQL: crafted cursors, versions and fields never bring a row or a secret of office B
nor anything refused; a malformed request is answered 4xx with a reason and changes nothing;
values that look like SQL placeholders round-trip exactly."""

import gzip
import json
import os
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp import accounts, demo, offices, store
from fieldapp.db import connect
from fieldapp.households import queries as households
from fieldapp.places import queries as places
from fieldapp.visits import queries as visits
from helpers import rows_of
from sync import capture, client, compaction, erasure, hlc, pages, policy
from sync.protocol import RequestDenied, check_sync
from sync.synced_tables import SYNCED_TABLES
from conftest import start_central
from syncing import Laptop, Web, copy_instance, office_rows, reopened
from test_log_compaction import _history
from test_pull_pages import differing
from test_sync import OPERATION, _operate, register

CENTRAL_STORES = ("sqlite", "postgresql")
PAGE = 8
B_PASSWORD = "mat-khau-van-phong-b-1"
B_NAME, B_CCCD, B_BHXH = "Hoàng Thị Bí Mật", "001180054321", "0119988776"
A_CCCD = "001080077777"


def all_tables(db):
    """Every table of the central database, on either store."""
    try:
        return [r[0] for r in db.execute("select name from sqlite_master where type = 'table'"
                                         " and name not like 'sqlite_%'")]
    except Exception:  # PostgreSQL: no sqlite_master
        return [r[0] for r in db.execute("select table_name from information_schema.tables"
                                         " where table_schema = 'public'")]


def whole(db):
    """Every row of every table: the whole central database."""
    return {table: rows_of(db, table) for table in all_tables(db)}


def synced(db):
    return {table: rows_of(db, table) for table in (*SYNCED_TABLES, "sync_log", "sync_extra")}


class Device:
    """Requests to /api/v1/sync crafted by hand with a laptop's own credentials."""

    def __init__(self, central, laptop):
        self.url = central.url + client.API + "/sync"
        self.laptop = laptop

    def post(self, message, raw=None):
        """(status, answer JSON, the answer's text as it came, decompressed)."""
        d = self.laptop.device
        body = raw if raw is not None else json.dumps(message).encode()
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json", "Accept-Encoding": "gzip",
            "Authorization": f"Device {d['device_id']}:{d['secret']}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                data, status = response.read(), response.status
                packed = response.headers.get("Content-Encoding") == "gzip"
        except urllib.error.HTTPError as e:
            data, status = e.read(), e.code
            packed = e.headers.get("Content-Encoding") == "gzip"
        text = (gzip.decompress(data) if packed else data).decode()
        return status, json.loads(text), text

    def pull(self, cursor, protocol=4, **extra):
        pushed = int(self.laptop.db.sync.state("pushed_seq", 0))
        message = {"protocol": protocol, "app_version": "", "now": hlc.now_ms(),
                   "push": {"after": pushed, "last": pushed, "changes": []},
                   "pull": {"cursor": cursor, **extra}}
        return self.post(message)


@pytest.fixture(scope="module")
def world(tmp_path_factory, central_store, request):
    """A central server with pages of PAGE entries: the demo office A and an office B whose
    household, person (CCCD, mã số BHXH) and officer were made between office A's pushes, so
    that pages hold both offices' entries; a field laptop of A, a hostile one of A, one of B."""
    root = tmp_path_factory.mktemp("v4attacks")
    patch = pytest.MonkeyPatch()
    patch.setenv("FIELDAPP_PULL_PAGE", str(PAGE))
    try:
        central = start_central(request, root / "central", central_store)
    finally:
        patch.undo()
    db = central.db
    w = type("World", (), {})()
    w.central, w.db, w.store = central, db, central_store
    w.office_a = central.office_id(demo.OFFICE_NAME)
    w.field = Laptop(root / "field", central)
    w.field.sync()
    commune_b = db.execute("select code from communes where province_code = 1"
                           " order by code limit 1").fetchone()[0]
    with db.atomic():
        w.office_b = offices.create_office(db, name="BHXH cơ sở Ba Đình", province_code=1,
                                           communes=[commune_b], user_id=None)["id"]
        w.village_b = places.create_village(db, commune_b, "Tổ 9", "to_dan_pho",
                                            user_id=None)["id"]
        w.officer_b = accounts.create_user(db, username="canbo_b", full_name="Lê Văn Bộ",
                                           password=B_PASSWORD, role="officer",
                                           office_id=w.office_b, user_id=None)["id"]
    w.hash_b = db.execute("select password_hash from users where id = ?",
                          [w.officer_b]).fetchone()[0]
    w.b_households, w.a_households = [], []
    for n in range(3):
        # Office A's work and office B's interleaved in the log.
        w.a_households.append(register(w.field, f"Hộ A {n}")[0])
        w.field.sync()
        household = households.register_household(
            db, w.village_b, {"language": "vi", "phone": "0912345678"},
            {"full_name": f"{B_NAME} {n}", "gender": "female", "birth_year": 1980,
             "cccd": f"{B_CCCD[:-1]}{n}", "bhxh_number": f"{B_BHXH[:-1]}{n}",
             "bhxh_status": "none", "vssid": "unknown"}, user_id=w.officer_b)
        w.b_households.append(household)
        visits.record_visit(db, household, officer_id=w.officer_b,
                            visited_at=datetime(2026, 3, 2, 9), topics=["vssid"])
    person_a = w.field.db["households"].get(w.a_households[0])["head_person_id"]
    households.update_person(w.field.db, person_a, {"cccd": A_CCCD}, user_id=w.field.user())
    w.field.sync()
    w.hostile = Laptop(root / "hostile", central)
    w.hostile.sync()
    w.device = Device(central, w.hostile)
    w.laptop_b = Laptop(root / "laptop-b", central, office_id=w.office_b)
    w.laptop_b.sync()
    w.hostile.sync()  # its bound: the log's end
    yield w
    for laptop in (w.field, w.hostile, w.laptop_b):
        laptop.close()
    errors = central.errors()
    central.stop()
    assert errors == []


def b_only(w):
    """Ids of the rows only office B's laptops may see."""
    seen_by_a = {r["id"] for rows in office_rows(w.db, w.office_a).values() for r in rows}
    return {r["id"] for rows in office_rows(w.db, w.office_b).values() for r in rows} - seen_by_a


def secrets_of_b(w):
    return [B_NAME, B_CCCD[:-1], B_BHXH[:-1], w.hash_b, w.village_b, w.officer_b,
            *w.b_households]


def assert_nothing_of_b(w, answer, text, hidden):
    for secret in secrets_of_b(w):
        assert secret not in text, secret
    pull = answer["pull"]
    changes = pages.decode(pull, w.hostile.device["device_id"], mine=True)
    assert {c["id"] for c in changes} & hidden == set()


def cursors(w):
    """Every cursor across the part of the log where both offices' entries mix, and each page
    boundary (and either side of it) of the whole log."""
    last = w.db.execute("select max(seq) from sync_log").fetchone()[0]
    first_b = w.db.execute("select min(seq) from sync_log where scope_office = ?",
                           [w.office_b]).fetchone()[0]
    mixed = range(max(0, first_b - 2 * PAGE), last + 1)
    edges = {k * PAGE + d for k in range(last // PAGE + 1) for d in (-1, 0, 1)}
    return sorted({c for c in (*mixed, *edges) if 0 <= c <= last})


@pytest.mark.parametrize("protocol,mine", [(4, False), (4, True), (3, True), (2, False)])
def test_no_cursor_of_any_version_brings_anything_of_office_b(world, protocol, mine):
    """Cursors mid-page, on page boundaries, on office B's seqs: each answer, every page of it,
    holds nothing of B, and the synced tables stay as they were."""
    w = world
    hidden = b_only(w)
    assert hidden >= set(w.b_households)
    before = synced(w.db)
    seen_a = set()
    for cursor in cursors(w):
        status, answer, text = w.device.pull(cursor, protocol, **({"mine": True} if mine
                                                                  else {}))
        assert status == 200, (cursor, answer)
        assert "recover" not in answer, cursor
        assert_nothing_of_b(w, answer, text, hidden)
        seen_a |= {c["id"] for c in pages.decode(answer["pull"], mine=True)}
    assert set(w.a_households) <= seen_a
    assert synced(w.db) == before


def test_cursors_past_the_bound_get_a_repair_and_nothing_else(world):
    w = world
    hidden = b_only(w)
    bound = w.db.execute("select pull_bound from devices where id = ?",
                         [w.hostile.device["device_id"]]).fetchone()[0]
    before = synced(w.db)
    for cursor in (bound + 1, bound + PAGE, (bound // PAGE + 1) * PAGE, 2**62, 2**63 - 1):
        for protocol in (3, 4):
            status, answer, text = w.device.pull(cursor, protocol, mine=True)
            assert status == 200, answer
            assert answer["recover"]["kind"] == "resend"
            assert answer["recover"]["cursor"] <= bound
            assert answer["pull"].get("changes") == [] and "pages" not in answer["pull"]
            assert_nothing_of_b(w, answer, text, hidden)
    assert synced(w.db) == before


def hostile_bodies(w):
    pushed = int(w.hostile.db.sync.state("pushed_seq", 0))
    base = {"app_version": "", "now": hlc.now_ms(),
            "push": {"after": pushed, "last": pushed, "changes": []}, "pull": {"cursor": 0}}
    return {
        "protocol 4.0": {**base, "protocol": 4.0},
        "protocol '4'": {**base, "protocol": "4"},
        "protocol 5": {**base, "protocol": 5},
        "protocol 4 without after/last": {**base, "protocol": 4, "push": {"changes": []}},
        "protocol 4, after past last": {**base, "protocol": 4,
                                        "push": {"after": pushed + 1, "last": pushed,
                                                 "changes": []}},
        "mine 1": {**base, "protocol": 4, "pull": {"cursor": 0, "mine": 1}},
        "mine null": {**base, "protocol": 4, "pull": {"cursor": 0, "mine": None}},
        "cursor -8": {**base, "protocol": 4, "pull": {"cursor": -PAGE}},
        "cursor 8.0": {**base, "protocol": 4, "pull": {"cursor": float(PAGE)}},
        "cursor 2**63": {**base, "protocol": 4, "pull": {"cursor": 2**63}},
        "cursor as text": {**base, "protocol": 4, "pull": {"cursor": str(PAGE)}},
        "pull a list": {**base, "protocol": 4, "pull": [PAGE]},
        "now in the year 2300": {**base, "protocol": 4, "now": 10**13},
        "a page pushed as a change": {**base, "protocol": 4, "push": {
            "after": pushed, "last": pushed + 1, "changes": [
                {"seq": pushed + 1, "table": "households", "id": w.b_households[0],
                 "pages": [{"devices": [], "shapes": [], "changes": []}]}]}},
    }


# Refused by sync.protocol.check_sync, before the store is read (beyond the device's
# credentials, which every other test here checks on both stores): the same path on every
# store, so run against the SQLite central server alone; the test checks check_sync refuses it.
@pytest.mark.central_stores("sqlite")
@pytest.mark.parametrize("case", ["protocol 4.0", "protocol '4'", "protocol 5",
                                  "protocol 4 without after/last", "protocol 4, after past last",
                                  "mine 1", "mine null", "cursor -8", "cursor 8.0",
                                  "cursor 2**63", "cursor as text", "pull a list",
                                  "now in the year 2300", "a page pushed as a change"])
def test_a_malformed_request_is_refused_with_a_reason_and_changes_nothing(world, case):
    w = world
    before = whole(w.db)
    body = hostile_bodies(w)[case]
    status, answer, text = w.device.post(body)
    assert 400 <= status < 500 and answer.get("reason"), (status, answer)
    assert "pull" not in answer
    with pytest.raises(RequestDenied) as refused:
        check_sync(json.loads(json.dumps(body)))
    assert (refused.value.status, refused.value.reason) == (status, answer["reason"])
    after = whole(w.db)
    assert [t for t in before if before[t] != after[t]] == []


def test_a_refused_push_between_pages_leaves_office_mates_as_the_central_server(world,
                                                                                 tmp_path):
    """A device's changes refused (office B's household, a record of B's village) after the
    office's pages were encoded on both workers: a fresh laptop of A and the field laptop end as
    the central server holds office A, holding nothing of B."""
    w = world
    for _ in range(4):  # both workers encode the office's pages
        w.device.pull(0)
    device_id = w.hostile.device["device_id"]
    pushed = int(w.hostile.db.sync.state("pushed_seq", 0))
    stamp = hlc.make(hlc.now_ms(), 0, device_id)
    last_seq = w.db.execute("select max(seq) from sync_log").fetchone()[0]
    changes = [
        {"seq": pushed + 1, "table": "households", "id": w.b_households[0],
         "fields": {"address_note": ["chuyển sang A", stamp, ""]}},
        {"seq": pushed + 2, "table": "households", "id": "thief-in-b",
         "fields": {"village_id": [w.village_b, stamp, ""], "language": ["vi", stamp, ""],
                    "address_note": ["", stamp, ""],
                    "created_at": ["2026-03-01T00:00:00Z", stamp, ""],
                    "updated_at": ["2026-03-01T00:00:00Z", stamp, ""]}}]
    before = synced(w.db)
    status, answer, text = w.device.post({
        "protocol": 4, "app_version": "", "now": hlc.now_ms(),
        "push": {"after": pushed, "last": pushed + 2, "changes": changes},
        "pull": {"cursor": last_seq}})
    assert status == 200, answer
    assert {r["id"] for r in answer["rejected"]} == {w.b_households[0], "thief-in-b"}
    assert synced(w.db) == before
    w.hostile.db.sync.set_state("pushed_seq", pushed + 2)  # as the laptop records the ack
    fresh = Laptop(tmp_path / "fresh", w.central)
    try:
        fresh.sync()
        w.field.sync()
        expected = office_rows(w.db, w.office_a)
        assert office_rows(fresh.db, w.office_a) == expected
        assert office_rows(w.field.db, w.office_a) == expected
        for laptop in (fresh, w.field):
            held = {r[0] for table in SYNCED_TABLES
                    for r in laptop.db.execute(f'select id from "{table}"')}
            assert held & b_only(w) == set()
    finally:
        fresh.close()


# Values that a placeholder binding on the client could take for SQL.
HOSTILE_TEXTS = ["?", "? or 1=1 --", "%s", "%%s", "%(cccd)s", "%(x)s %s ?", ":name",
                 ":commune is null or 1=1", "O'Brien \"x\" \\ \\' \\\\", "<b>đậm</b>&amp;",
                 "100%", "a?b%sc:d", "$1 $$x$$", "-- ;drop table people;"]

# Those of them a placeholder binding could take for its own, and markup.
FORM_TEXTS = ["? or 1=1 --", "%(x)s %s ?", ":commune is null or 1=1",
              "O'Brien \"x\" \\ \\' \\\\", "<b>đậm</b>&amp;", "100%"]


def test_values_like_placeholders_round_trip_exactly(world, tmp_path):
    """Names and notes made of placeholders, quotes and backslashes, pushed by one laptop of A
    and pulled by another in pages: every value exactly as typed, on both and centrally."""
    w = world
    made = []
    for n, text in enumerate(HOSTILE_TEXTS):
        household, person = register(w.field, f"{text} {n}")
        store.update(w.field.db, "households", household, {"address_note": text},
                     user_id=w.field.user())
        households.update_person(w.field.db, person, {"full_name": text},
                                 user_id=w.field.user())
        made.append((household, person, text))
    w.field.sync()
    reader = Laptop(tmp_path / "reader", w.central)
    try:
        reader.sync()
        for household, person, text in made:
            for db in (w.db, w.field.db, reader.db):
                assert db.execute("select address_note from households where id = ?",
                                  [household]).fetchone()[0] == text
                assert db.execute("select full_name from people where id = ?",
                                  [person]).fetchone()[0] == text
        expected = office_rows(w.db, w.office_a)
        assert office_rows(reader.db, w.office_a) == expected
    finally:
        reader.close()


def test_values_like_placeholders_typed_in_central_forms_reach_the_laptops_exactly(world):
    """The central administrator types the same values in a household's and a person's forms:
    stored, shown escaped and pulled by the field laptop exactly as typed."""
    w = world
    browser = Web(w.central.url)
    browser.log_in("trungtam", w.central.logins["trungtam"])
    household = w.a_households[1]
    person = w.db.execute("select head_person_id from households where id = ?",
                          [household]).fetchone()[0]
    for n, text in enumerate(FORM_TEXTS):
        status, url, page = browser.fill(f"/households/{household}/edit",
                                         {"address_note": text})
        assert status == 200 and "/edit" not in url, (text, page[:300])
        name = f"{text} Giàng {n}"
        status, url, page = browser.fill(f"/people/{person}", {"full_name": name})
        assert status == 200 and f"/people/{person}" not in url, (text, page[:300])
        assert "<b>đậm</b>" not in page
        w.field.sync()
        for db in (w.db, w.field.db):
            assert db.execute("select address_note from households where id = ?",
                              [household]).fetchone()[0] == text
            assert db.execute("select full_name from people where id = ?",
                              [person]).fetchone()[0] == name
    assert browser.get(f"/households/{household}")[0] == 200
    # A NUL, which PostgreSQL cannot hold: the form says so, nothing is written, no error.
    before = synced(w.db)
    status, url, page = browser.fill(f"/households/{household}/edit",
                                     {"address_note": "gần\x00trường"})
    assert status == 200 and url.endswith("/edit")
    assert synced(w.db) == before


def test_a_household_moved_into_office_bs_commune_leaves_office_as_pages(world, tmp_path):
    """Office A's pages cached on both workers, then the central server moves an A household
    into office B's village and B writes its CCCD: no laptop of A, old or new, protocol 3 or
    4, receives the number; office A's laptops end as the central server holds office A."""
    w = world
    household = register(w.field, "Hộ chuyển sang B")[0]
    w.field.sync()
    person = w.db.execute("select head_person_id from households where id = ?",
                          [household]).fetchone()[0]
    for _ in range(4):
        w.device.pull(0)
    store.update(w.db, "households", household, {"village_id": w.village_b}, user_id=None)
    moved_cccd = "001080099999"
    households.update_person(w.db, person, {"cccd": moved_cccd}, user_id=w.officer_b)
    old = Laptop(tmp_path / "old", w.central)
    try:
        old_protocol = client.PROTOCOL
        client.PROTOCOL = 3
        try:
            old.sync()
        finally:
            client.PROTOCOL = old_protocol
        for cursor in (0, PAGE, 2 * PAGE):
            for protocol in (3, 4):
                status, answer, text = w.device.pull(cursor, protocol, mine=True)
                assert status == 200 and moved_cccd not in text
        fresh = Laptop(tmp_path / "fresh", w.central)
        try:
            fresh.sync()
            w.field.sync()
            for laptop in (old, fresh, w.field):
                assert laptop.db.execute("select count(*) from people where cccd = ?",
                                         [moved_cccd]).fetchone()[0] == 0
            # The field laptop keeps its copy of the household as it was (sync-protocol.md: the
            # office that held it no longer sees it), so only these two are compared whole.
            for laptop in (old, fresh):
                held, expected = office_rows(laptop.db, w.office_a), office_rows(w.db, w.office_a)
                assert held == expected, (laptop.instance.name, differing(held, expected))
        finally:
            fresh.close()
    finally:
        old.close()
        # The household goes back to office A's village, for the tests after.
        store.update(w.db, "households", household,
                     {"village_id": w.field.db.execute("select village_id from households"
                                                       " where id = ?", [w.a_households[0]]
                                                       ).fetchone()[0]}, user_id=None)


def test_pulls_racing_pushes_on_both_workers_skip_nothing(world, tmp_path):
    """Two laptops register and edit households and sync in a loop while two others do
    nothing but sync (pulls without the merge lock, pages being encoded on both workers): once
    all have synced again, each holds office A as the central server does, nothing waiting."""
    w = world
    writers = [Laptop(tmp_path / f"writer{n}", w.central) for n in range(2)]
    readers = [Laptop(tmp_path / f"reader{n}", w.central) for n in range(2)]
    machines = writers + readers
    stop, failures = threading.Event(), []
    try:
        for laptop in machines:
            laptop.sync()

        def write(n, laptop):
            try:
                for round_ in range(6):
                    household, person = register(laptop, f"Hộ đua {n}.{round_}")
                    store.update(laptop.db, "households", household,
                                 {"address_note": f"sửa {round_}"}, user_id=laptop.user())
                    laptop.sync()
            except Exception as e:  # noqa: BLE001 (reported below)
                failures.append(repr(e))

        def read(laptop):
            try:
                while not stop.is_set():
                    laptop.sync()
            except Exception as e:  # noqa: BLE001
                failures.append(repr(e))

        threads = [threading.Thread(target=write, args=(n, laptop))
                   for n, laptop in enumerate(writers)]
        pulling = [threading.Thread(target=read, args=(laptop,)) for laptop in readers]
        for thread in threads + pulling:
            thread.start()
        for thread in threads:
            thread.join(120)
        stop.set()
        for thread in pulling:
            thread.join(60)
        assert failures == []
        for _ in range(2):
            for laptop in machines:
                laptop.sync()
        expected = office_rows(w.db, w.office_a)
        for laptop in machines:
            held = office_rows(laptop.db, w.office_a)
            assert held == expected, (laptop.instance.name, differing(held, expected))
            assert laptop.db.execute("select count(*) from sync_inbox").fetchone()[0] == 0
    finally:
        stop.set()
        for laptop in machines:
            laptop.close()


def test_a_laptop_imaged_onto_a_second_machine_after_compaction_with_pages_cached(world,
                                                                                  tmp_path):
    """A laptop copied onto a second machine; the first edits and syncs, the log is compacted,
    office A's pages are cached on both workers; the copy edits the same records and syncs
    (split from the identity): both, and a laptop enrolled after, end as the central server
    holds office A; the one enrolled after with the central server's history of the records."""
    w = world
    first = Laptop(tmp_path / "first", w.central)
    machines = [first]
    try:
        first.sync()
        made = [register(first, f"Hộ nhân bản {n}") for n in range(3)]
        first.sync()
        copy = reopened(copy_instance(first.instance, tmp_path / "copy"))
        machines.append(copy)
        for round_ in range(2):
            for household, person in made:
                store.update(first.db, "households", household,
                             {"address_note": f"máy một {round_}"}, user_id=first.user())
            first.sync()
        compaction.compact(w.db.sync)
        for _ in range(4):
            w.device.pull(0)
        for household, person in made:
            households.update_person(copy.db, person, {"full_name": "Tên máy hai"},
                                     user_id=copy.user())
            store.update(copy.db, "households", household, {"phone": "0987654321"},
                         user_id=copy.user())
        identity = copy.device["device_id"]
        copy.sync()
        assert copy.device["device_id"] != identity
        machines.append(Laptop(tmp_path / "after", w.central))
        for _ in range(2):
            for laptop in machines:
                laptop.sync()
        expected = office_rows(w.db, w.office_a)
        rows = [row for pair in made for row in pair]
        for laptop in machines:
            held = office_rows(laptop.db, w.office_a)
            assert held == expected, (laptop.instance.name, differing(held, expected))
        # The laptop that made the records keeps its own insert entries, which name their first
        # values where the central server's trail names none (sync.trail.entry): compared on
        # the laptop enrolled after.
        assert _history(machines[-1].db, rows) == _history(w.db, rows)
    finally:
        for laptop in machines:
            laptop.close()


# HYPOTHESIS_V4_EXAMPLES=30 runs a longer search (30 passed on SQLite, 8 on PostgreSQL).
RUNS = int(os.environ.get("HYPOTHESIS_V4_EXAMPLES", "2"))


@settings(max_examples=RUNS, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(operations=st.lists(st.one_of(OPERATION, st.tuples(st.just("compact"))),
                           min_size=4, max_size=18))
def test_random_work_compacted_at_random_moments_then_a_fresh_laptop(world, operations):
    """Two laptops work and sync at random while the central log is compacted at random
    moments (pages cached on both workers meanwhile); then a fresh laptop: all end as the
    central server holds office A, with nothing waiting in an inbox."""
    w = world
    with tempfile.TemporaryDirectory() as folder:
        machines = [Laptop(Path(folder) / f"laptop{n}", w.central) for n in range(2)]
        try:
            for laptop in machines:
                laptop.sync()
            for counter, operation in enumerate(operations):
                if operation[0] == "compact":
                    compaction.compact(w.db.sync)
                    w.device.pull(0)
                else:
                    _operate(machines[operation[1] % 2], operation, counter)
            for _ in range(2):
                for laptop in machines:
                    laptop.sync()
            compaction.compact(w.db.sync)
            machines.append(Laptop(Path(folder) / "fresh", w.central))
            machines[-1].sync()
            expected = office_rows(w.db, w.office_a)
            for laptop in machines:
                held = office_rows(laptop.db, w.office_a)
                assert held == expected, (laptop.instance.name, differing(held, expected))
                assert laptop.db.execute("select count(*) from sync_inbox").fetchone()[0] == 0
        finally:
            for laptop in machines:
                laptop.close()


def test_a_hash_withdrawn_is_never_served_again_from_a_cached_page(world, tmp_path):
    """sync-protocol.md, What a stolen laptop exposes: never the hash of an administrator, of a
    disabled account or of another office's user. Three officers' hashes cached in office A's
    pages on both workers; one disabled, one made administrator, one moved to office B: a laptop
    enrolled after (or stolen credentials) pulling from 0 receives none of the three."""
    w = world
    made = {}
    for change in ("disabled", "administrator", "moved"):
        user = accounts.create_user(w.db, username=f"tamthoi_{change}", full_name="Vừ A Tạm",
                                    password="mat-khau-tam-1", role="officer",
                                    office_id=w.office_a, user_id=None)["id"]
        made[change] = (user, w.db.execute("select password_hash from users where id = ?",
                                           [user]).fetchone()[0])
    for n in range(2):  # the pages holding the accounts close
        register(w.field, f"Hộ sau {n}")
    w.field.sync()
    w.hostile.sync()
    texts = [w.device.pull(0)[2] for _ in range(4)]
    assert all(hash_ in text for _, hash_ in made.values() for text in texts)
    accounts.set_active(w.db, made["disabled"][0], False, user_id=None)
    accounts.update_user(w.db, made["administrator"][0], full_name="Vừ A Tạm", role="admin",
                         office_id=w.office_a, user_id=None)
    accounts.update_user(w.db, made["moved"][0], full_name="Vừ A Tạm", role="officer",
                         office_id=w.office_b, user_id=None)
    late = Laptop(tmp_path / "late", w.central)
    try:
        late.sync()
        for user, _ in made.values():
            assert late.db.execute("select password_hash from users where id = ?",
                                   [user]).fetchone()[0] == policy.WITHHELD_HASH
        late_device = Device(w.central, late)
        for _ in range(4):
            cursor = 0
            while True:
                status, answer, text = late_device.pull(cursor)
                assert status == 200
                assert [c for c, (_, hash_) in made.items() if hash_ in text] == []
                cursor = answer["pull"]["cursor"]
                if not answer["pull"]["more"]:
                    break
    finally:
        late.close()


# Five years ahead, monotonic clocks too: syncing.skewed leaves them real, and under it
# gunicorn's arbiter fails to sleep (EINVAL from libfaketime 0.9.10).
AHEAD = ["faketime", "-f", "+1825d"]


def _gone(pid_file):
    """Wait for a killed server's process to be gone, then drop the pid file its SIGKILL left
    behind (gunicorn refuses to start beside one naming a live process)."""
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text().strip() or 0)
    deadline = time.monotonic() + 15
    while pid and time.monotonic() < deadline:
        try:
            if open(f"/proc/{pid}/stat").read().split()[2] == "Z":
                break
        except OSError:
            break
        time.sleep(0.1)
    pid_file.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def clock_put_right(tmp_path_factory):
    """A central server run five years ahead while a laptop enrolled and pushed (its last
    compaction and the laptop's last sight recorded in 2031), then started on the right clock:
    (central, its database, the laptop, a household of the laptop)."""
    from sync import server
    from syncing import Central, Server
    root = tmp_path_factory.mktemp("clock")
    instance = root / "central"
    made = Central(instance)
    port, office = made.port, made.office_id()
    made.stop()
    ahead = Server(instance, "--central", port=port, wrapper=AHEAD)
    db = connect(instance / "fieldapp.sqlite3")
    laptop = central = None
    try:
        def code(office_id=None):
            made = server.create_enrolment_code(db.sync, office, user_id=None)
            # Made on this process's real clock: valid for the server's too.
            db.execute("update enrolment_codes set expires_at = '2099-01-01T00:00:00Z'")
            return made
        laptop = Laptop(root / "laptop", type("Ahead", (), {"url": ahead.url, "code": code}))
        laptop.sync()
        household, _ = register(laptop, "Hộ đồng hồ")
        laptop.sync()
        future = str(time.gmtime().tm_year + 5)
        assert db.sync.state("log_compacted_at")[:4] == future
        assert db.execute("select last_seen_at from devices").fetchone()[0][:4] == future
        assert ahead.errors() == []
        ahead.stop()
        _gone(instance / "central.pid")
        central = Central(instance)
        laptop.device = {**laptop.device, "central_url": central.url}
        yield central, db, laptop, household
        assert central.errors() == []
    finally:
        ahead.stop()
        if central:
            central.stop()
        if laptop:
            laptop.close()
        db.close()


def test_an_idle_sync_records_when_the_laptop_was_seen_once_the_clock_is_put_right(
        clock_put_right):
    """A request that pushes nothing skipped the merge lock while its last sight, recorded in
    2031, was 'under a minute old' (the difference negative): the Laptops page said it was last
    seen in five years until it next pushed."""
    central, db, laptop, _ = clock_put_right
    # Before the compaction test's pushes, which record it under the lock.
    assert db.execute("select last_seen_at from devices").fetchone()[0][:4] \
        == str(time.gmtime().tm_year + 5)
    laptop.sync()
    laptop.sync()
    assert db.execute("select last_seen_at from devices").fetchone()[0][:4] \
        == str(time.gmtime().tm_year)


def test_compaction_after_merges_runs_again_once_the_servers_clock_is_put_right(
        clock_put_right):
    """sync.compaction.after_merge read the time since a compaction recorded in the future as
    under a minute: no batch ran after merges for five years."""
    central, db, laptop, household = clock_put_right
    for n in range(2):
        store.update(laptop.db, "households", household, {"address_note": f"lần {n}"},
                     user_id=laptop.user())
        laptop.sync()
    assert db.sync.state("log_compacted_at")[:4] == str(time.gmtime().tm_year)


@pytest.fixture(scope="module")
def pg_central(tmp_path_factory, request):
    central = start_central(request, tmp_path_factory.mktemp("pg") / "central", "postgresql")
    yield central
    central.stop()


def _race(central, laptop, on_central, paused, go, failures):
    """Run the central write until it pauses where the race lies, then the laptop's sync until
    it waits for a lock (or ends), then let both finish; failures gathered in `failures`."""
    def on_laptop():
        try:
            laptop.sync(timeout=30)
        except Exception as e:  # noqa: BLE001 (the failure is the finding)
            failures.append(("laptop sync", repr(e)))

    first = threading.Thread(target=on_central)
    first.start()
    assert paused.wait(20)
    second = threading.Thread(target=on_laptop)
    second.start()
    watcher = connect(central.database_url)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and second.is_alive() and not watcher.execute(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
            ).fetchone()[0]:
        time.sleep(0.05)
    go.set()
    first.join(60), second.join(60)
    watcher.close()


@pytest.mark.parametrize("kind", ["edit", "erasure"])
def test_a_central_write_while_a_laptops_push_merges(pg_central, tmp_path, monkeypatch, kind):
    """On PostgreSQL a write made on the central server (a form's edit, an erasure through
    removals) writes sync_state (the clock's hlc_last; an erasure the pages' generation first)
    before its log entry takes the merge lock; a laptop's push, merged under the lock, then
    writes the same rows (capture.observe; an erasure's pages.invalidate): each waits for the
    other, PostgreSQL ends one as a deadlock, and the laptop's sync is answered 500. Both must
    end done (the central write is paused where the race lies, in this process, which runs the
    same functions a web worker does)."""
    central = pg_central
    laptop = Laptop(tmp_path / "laptop", central)
    try:
        laptop.sync()
        made = []
        for n, cccd in enumerate(("001080011111", "001080022222")):
            household, person = register(laptop, f"Người xoá {n}")
            households.update_person(laptop.db, person, {"cccd": cccd}, user_id=laptop.user())
            made.append((household, person))
        laptop.sync()
        (here_household, here), (there_household, there) = made
        if kind == "erasure":
            store.erase_numbers_with(laptop.db, "people", there, user_id=laptop.user())
            erasure.settle(laptop.db.sync)
        else:
            store.update(laptop.db, "households", there_household,
                         {"address_note": "sửa trên máy"}, user_id=laptop.user())
        generation = int(central.db.sync.state(pages.GENERATION, 0) or 0)

        mine = connect(central.database_url)
        paused, go, failures = threading.Event(), threading.Event(), []
        module, name = (erasure, "erase") if kind == "erasure" else (capture, "stamp")
        real = getattr(module, name)

        def pausing(store_, *args, **kwargs):
            done = real(store_, *args, **kwargs)
            if store_ is mine.sync and not paused.is_set():
                paused.set()
                go.wait(20)
            return done
        monkeypatch.setattr(module, name, pausing)

        def on_central():
            try:
                if kind == "erasure":
                    store.erase_numbers_with(mine, "people", here, user_id=None)
                else:
                    store.update(mine, "households", here_household,
                                 {"address_note": "sửa ở trung tâm"}, user_id=None)
            except Exception as e:  # noqa: BLE001 (the failure is the finding)
                failures.append(("central write", repr(e)))

        _race(central, laptop, on_central, paused, go, failures)
        mine.close()
        assert failures == [], [line for line in central.output if "Deadlock" in line
                                 or "waits for" in line]
        if kind == "erasure":
            for person in (here, there):
                assert central.db.execute("select cccd from people where id = ?",
                                          [person]).fetchone()[0] is None
            assert int(central.db.sync.state(pages.GENERATION, 0)) >= generation + 2
        else:
            notes = dict(central.db.execute(
                "select id, address_note from households where id in (?, ?)",
                [here_household, there_household]).fetchall())
            assert notes == {here_household: "sửa ở trung tâm",
                             there_household: "sửa trên máy"}
        assert central.errors() == []
    finally:
        laptop.close()


def test_the_same_person_erased_on_the_central_server_and_on_a_laptop_at_once(
        pg_central, tmp_path, monkeypatch):
    """On PostgreSQL the central server's erasure scrubs the person's log entries and history
    (row locks) before it takes the merge lock (pages.invalidate's sync_state write, the first
    to take it); a laptop's pushed erasure of the same person, merged under the lock, scrubs the
    same entries: each waits for the other, and PostgreSQL ended one as a deadlock (the
    central write paused before it moves the generation, where the row locks were taken)."""
    central = pg_central
    laptop = Laptop(tmp_path / "laptop", central)
    try:
        laptop.sync()
        _, person = register(laptop, "Người xoá hai nơi")
        households.update_person(laptop.db, person, {"cccd": "001080033333"},
                                 user_id=laptop.user())
        laptop.sync()
        store.erase_numbers_with(laptop.db, "people", person, user_id=laptop.user())
        erasure.settle(laptop.db.sync)

        mine = connect(central.database_url)
        paused, go, failures = threading.Event(), threading.Event(), []
        real = pages.invalidate

        def pausing(store_):
            if store_ is mine.sync and not paused.is_set():
                paused.set()
                go.wait(20)
            return real(store_)
        monkeypatch.setattr(pages, "invalidate", pausing)

        def on_central():
            try:
                store.erase_numbers_with(mine, "people", person, user_id=None)
            except Exception as e:  # noqa: BLE001 (the failure is the finding)
                failures.append(("central erasure", repr(e)))

        _race(central, laptop, on_central, paused, go, failures)
        mine.close()
        assert failures == [], [line for line in central.output if "Deadlock" in line
                                 or "waits for" in line]
        assert central.db.execute("select cccd from people where id = ?",
                                  [person]).fetchone()[0] is None
    finally:
        laptop.close()
