"""Attacks on, and awkward office events around, the lineage repairs (split, resend) and the
handover of a commune to another office; with real processes, as test_sync_lineage.py does.

Each test states what it does and checks the end state of every database involved."""

import json
import time

import pytest

from fieldapp import accounts, offices, store
from fieldapp.group_sessions import queries as sessions
from fieldapp.households import queries as households
from sync import capture, client, hlc, inbox, lineage, server
from syncing import (Central, CuttingProxy, Laptop, backup, copy_instance, put_back, reopened,
                     restart_from, office_rows)
from test_sync import register, village
from test_sync_field import _bulk

# Run on a central server on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")

CCCD_OF_B = "001190054321"


# Helpers


def url_of(device):
    return device["central_url"] + client.API + "/sync"


def post(device, message):
    """A protocol request sent by hand with a device's credentials; the answer."""
    return client._post(url_of(device), message, device)[0]


def request(after, last, changes=(), cursor=0, protocol=3):
    return {"protocol": protocol, "app_version": "", "now": hlc.now_ms(),
            "push": {"after": after, "last": last, "changes": list(changes)},
            "pull": {"cursor": cursor}}


def state(laptop, key, default=0):
    return int(laptop.db.sync.state(key, default))


def other_office(central, name, username, commune_offset=11):
    """A second office (one commune of another province) with a supervisor; (office, user)."""
    commune = central.db.execute(
        "select code from communes where province_code = 1 order by code limit 1 offset ?",
        [commune_offset]).fetchone()[0]
    with central.db.atomic():
        office = offices.create_office(central.db, name=name, province_code=1,
                                       communes=[commune], user_id=None)["id"]
        user = accounts.create_user(central.db, username=username, full_name=name,
                                    password="mat-khau-" + username, role="supervisor",
                                    office_id=office, user_id=None)
    return office, (user["id"] if isinstance(user, dict) else user)


def commune_of(central, village_name):
    return central.db.execute("select commune_code from villages where name = ?",
                              [village_name]).fetchone()[0]


def with_cccd(laptop, person, cccd):
    store.update(laptop.db, "people", person, {"cccd": cccd}, user_id=laptop.user())


def holds_text(db, text):
    """The tables of a database where some row holds `text` (a personal number)."""
    found = []
    for (table,) in db.execute("select name from sqlite_master where type = 'table'"
                               " and name not like '%fts%'"):
        columns = [r[1] for r in db.execute(f"pragma table_info([{table}])")]
        where = " or ".join(f"cast([{c}] as text) like ?" for c in columns)
        if db.execute(f"select count(*) from [{table}] where {where}",
                      [f"%{text}%"] * len(columns)).fetchone()[0]:
            found.append(table)
    return found


def live(db):
    return {r[0] for r in db.execute("select id from households where deleted_at is null")}


def kinds_of(laptop):
    """What the Sync page tells of the commune changes (gained, lost)."""
    from sync import handover
    return [n["kind"] for n in handover.notices(laptop.db.sync)
            if n["kind"].startswith("commune")]


@pytest.fixture
def own_central(tmp_path):
    """A central server of the test's own, for tests that move communes or restore it."""
    made = [Central(tmp_path / "own-central")]
    yield made
    made[-1].stop()


# Stolen credentials


def test_identities_split_from_a_split_are_bounded_too(central, laptops):
    """MAX_SPLITS bounds the identities split from one device, but each identity split from it
    may be split again: a stale request (a log that ends one change earlier) is all it takes,
    with nothing written. Stolen credentials must not mint identities without end."""
    a = laptops("a")
    for n in range(6):
        register(a, f"Hộ bị lấy cắp {n}")
    a.sync()
    root = a.device["device_id"]
    merged = central.db.execute("select last_seq from devices where id = ?",
                                [root]).fetchone()[0]
    assert merged > lineage.MAX_SPLITS + 2
    device, minted = a.device, []
    for ends in range(merged - 1, 0, -1):
        try:
            answer = post(device, request(ends, ends))
        except client.SyncError as refused:
            assert refused.status == 403
            break
        if "recover" not in answer:
            # A new identity's first request places it; the next stale one splits it again.
            continue
        assert answer["recover"]["kind"] == "split"
        device = {**device, "device_id": answer["recover"]["device_id"],
                  "secret": answer["recover"]["secret"]}
        minted.append(device)
    # Every minted identity still traces back to the stolen one, and dies with it...
    server.revoke(central.db.sync, root)
    for one in minted:
        with pytest.raises(client.SyncError) as revoked:
            post(one, request(0, 0))
        assert revoked.value.status == 403
    # ...but there should never have been more than MAX_SPLITS of them.
    descendants = central.db.execute("""
        with recursive tree(id) as (select id from devices where split_from = ?
            union all select d.id from devices d join tree on d.split_from = tree.id)
        select count(*) from tree""", [root]).fetchone()[0]
    assert descendants <= lineage.MAX_SPLITS, f"{descendants} identities minted from one"


def _written(db):
    """What a request may not change when it is refused or answered with a repair."""
    counts = {t: db.execute(f'select count(*) from "{t}"').fetchone()[0]
              for t in ("sync_log", "households", "people", "device_pushes", "device_refusals",
                        "sync_conflicts", "sync_extra")}
    counts["devices"] = db.execute("select id, last_seq, pull_bound, revoked_at from devices"
                                   " order by id").fetchall()
    return counts


def test_hostile_positions_get_a_reason_or_a_repair_and_change_nothing(central, laptops):
    """Requests with a stolen laptop's valid credentials and odd push/pull positions: each is
    refused with a 4xx and a reason, or answered with a repair (no merge, no pull); none
    writes a record or a log entry, and the server logs no error."""
    from sync.protocol import MAX_INTEGER
    a = laptops("a")
    household, _ = register(a, "Hộ bị tấn công")
    a.sync()
    me = a.device["device_id"]
    merged = central.db.execute("select last_seq from devices where id = ?",
                                [me]).fetchone()[0]
    change = {"seq": merged + 1, "table": "households", "id": household,
              "fields": {"address_note": ["kẻ trộm", hlc.make(hlc.now_ms(), 0, me), ""]}}
    refused = {
        "negative cursor": request(merged, merged, cursor=-1),
        "negative after": request(-1, merged),
        "after past last": request(merged, merged - 1),
        "after true": {**request(merged, merged), "push": {"after": True, "last": merged,
                                                            "changes": []}},
        "after 1.0": {**request(merged, merged), "push": {"after": 1.0, "last": merged,
                                                           "changes": []}},
        "after beyond 64 bits": request(MAX_INTEGER + 1, MAX_INTEGER + 1),
        "no push in protocol 3": {**request(merged, merged), "push": None},
        "a change at or before after": request(merged + 1, merged + 1, [change]),
        "a change beyond last": request(merged, merged, [change]),
    }
    repaired = {
        "after beyond what was merged": (request(MAX_INTEGER, MAX_INTEGER), "resend"),
        "a cursor beyond the log": (request(merged, merged, cursor=MAX_INTEGER), "resend"),
        "changes after a position never merged": (
            request(merged + 5, merged + 6, [{**change, "seq": merged + 6}]), "resend"),
    }
    for name, message in refused.items():
        before = _written(central.db)
        with pytest.raises(client.SyncError) as answered:
            post(a.device, message)
        assert 400 <= answered.value.status < 500 and answered.value.reason, name
        assert _written(central.db) == before, name
    for name, (message, kind) in repaired.items():
        before = _written(central.db)
        answer = post(a.device, message)
        assert answer["recover"]["kind"] == kind, name
        assert answer["pull"]["changes"] == [] and answer["rejected"] == [], name
        assert _written(central.db) == before, name
    assert central.db.execute("select address_note from households where id = ?",
                              [household]).fetchone()[0] != "kẻ trộm"
    assert central.errors() == []
    # The laptop itself syncs on, unrepaired: nothing of the above stuck to its identity.
    assert a.sync().repairs == []


def _handed_commune(central, a, office_b):
    """A household with a person in Lao Chải (handed to office B) and one in Mí Háng (kept),
    made and synced on laptop `a`; then Lao Chải is handed to B. (kept household, person,
    the move's wall time in ms)."""
    kept, _ = register(a, "Hộ ở lại", village_name="Mí Háng")
    _, person = register(a, "Người xã chuyển", village_name="Lao Chải")
    a.sync()
    offices.move_commune(central.db, commune_of(central, "Lao Chải"), office_b, user_id=None)
    link = central.db.execute(
        "select sync_clock from office_communes where commune_code = ? and deleted_at is not"
        " null", [commune_of(central, "Lao Chải")]).fetchone()[0]
    return kept, person, hlc.wall(json.loads(link)["deleted_at"])


def test_the_handover_window_does_not_let_stolen_credentials_take_and_read_a_person(
        own_central, tmp_path):
    """For 30 days after a move the old office's laptops may send work done before the move.
    A thief with the old office's credentials uses that window (a backdated stamp) to move a
    person of the handed commune into a household of a commune the office keeps, and with an
    old stamp on their CCCD gets the new office's current CCCD back in the pull."""
    central = own_central[0]
    office_b, user_b = other_office(central, "BHXH cơ sở nhận xã (kẻ trộm)", "giamsat-tb")
    a = Laptop(tmp_path / "a", central)
    try:
        a.sync()
        kept, person, moved_ms = _handed_commune(central, a, office_b)
        # After the move the new office's officer enters the person's CCCD.
        store.update(central.db, "people", person, {"cccd": CCCD_OF_B}, user_id=user_b)
        original_household = central.db.execute(
            "select household_id from people where id = ?", [person]).fetchone()[0]
        clock = json.loads(central.db.execute("select sync_clock from people where id = ?",
                                              [person]).fetchone()[0])
        me = a.device["device_id"]
        backdated = hlc.make(moved_ms - 1, 0, me)
        assert backdated > clock["household_id"]
        seq = state(a, "pushed_seq") + 1
        change = {"seq": seq, "table": "people", "id": person, "fields": {
            "household_id": [kept, backdated, clock["household_id"]],
            "cccd": ["001190011111", hlc.make(1, 0, me), ""]}}
        answer = post(a.device, request(seq - 1, seq, [change],
                                        cursor=state(a, "pull_cursor")))
        pulled = json.dumps(answer["pull"]["changes"])
        # The person stays in the new office's commune, and its CCCD never reaches the thief.
        assert CCCD_OF_B not in pulled
        assert central.db.execute("select household_id, cccd from people where id = ?",
                                  [person]).fetchone() == (original_household, CCCD_OF_B)
        assert [r["id"] for r in answer["rejected"]] == [person]
    finally:
        a.close()


# A commune that changes office


def test_a_person_who_moved_into_the_handed_commune_goes_whole_to_the_new_office_only(
        own_central, tmp_path):
    """A person registered in Mí Háng, with their CCCD, is moved (an ordinary move within the
    office) into a household of Lao Chải; then Lao Chải is handed to office B, whose officer
    enters the person's CCCD anew. Office B's laptop, gaining the commune, must receive the
    person whole; a new laptop of the old office (or stolen credentials pulling from 0) must
    not receive them, nor their new CCCD, at all."""
    central = own_central[0]
    office_a = central.office_id()
    office_b, user_b = other_office(central, "BHXH cơ sở nhận người chuyển", "giamsat-nc")
    a = Laptop(tmp_path / "a", central)
    b = Laptop(tmp_path / "b", central, office_id=office_b)
    machines = [a, b]
    try:
        a.sync()
        b.sync()
        _, person = register(a, "Người chuyển xã", village_name="Mí Háng")
        with_cccd(a, person, "001190012345")
        destination, _ = register(a, "Hộ ở Lao Chải", village_name="Lao Chải")
        households.move_person(a.db, person, destination, "other", user_id=a.user())
        a.sync()
        offices.move_commune(central.db, commune_of(central, "Lao Chải"), office_b,
                             user_id=None)
        store.update(central.db, "people", person, {"cccd": CCCD_OF_B}, user_id=user_b)
        a.sync()
        fresh_a = Laptop(tmp_path / "fresh-a", central, office_id=office_a)
        machines.append(fresh_a)
        for laptop in (b, fresh_a, b, fresh_a):
            laptop.sync()
        # The new office's laptop holds the person as the central server does.
        assert b.db.execute("select household_id, cccd from people where id = ?",
                            [person]).fetchone() == (destination, CCCD_OF_B)
        assert inbox.waiting(b.db.sync) == [] and capture.unsynced_count(b.db.sync) == 0
        assert office_rows(b.db, office_b)["people"] == office_rows(central.db, office_b)["people"]
        # The old office's laptops hold nothing of them, and no laptop waits for ever.
        for laptop in (a, fresh_a):
            assert holds_text(laptop.db, CCCD_OF_B) == [], laptop.instance.name
            assert laptop.db.execute("select count(*) from people where id = ?",
                                     [person]).fetchone()[0] == 0
            assert capture.unsynced_count(laptop.db.sync) == 0, laptop.instance.name
    finally:
        for laptop in machines:
            laptop.close()


def test_the_new_office_receives_the_visits_the_old_office_made_in_the_commune(
        own_central, tmp_path):
    """Office A's officer visited a household of Lao Chải (with an outcome); Lao Chải is handed
    to office B. B's laptop, which already holds B's office, gains the commune at its next
    sync: it must receive the household's visits and outcomes like its other records, not
    keep them waiting for ever (the visit names an officer of another office)."""
    from datetime import datetime
    from fieldapp.visits import queries as visits
    central = own_central[0]
    office_b, _ = other_office(central, "BHXH cơ sở nhận lượt thăm", "giamsat-lt")
    a = Laptop(tmp_path / "a", central)
    b = Laptop(tmp_path / "b", central, office_id=office_b)
    machines = [a, b]
    try:
        for laptop in machines:
            laptop.sync()
        handed, person = register(a, "Hộ được thăm", village_name="Lao Chải")
        visit = visits.record_visit(a.db, handed, officer_id=a.user(),
                                    visited_at=datetime(2026, 11, 20, 9), topics=["vssid"],
                                    outcomes={person: (["vssid_installed"], None)})
        a.sync()
        offices.move_commune(central.db, commune_of(central, "Lao Chải"), office_b,
                             user_id=None)
        a.sync()
        b.sync()
        b.sync()
        assert b.db.execute("select count(*) from households where id = ?",
                            [handed]).fetchone()[0] == 1
        waiting = [(w["table_name"], w["reason"]) for w in inbox.waiting(b.db.sync)]
        assert waiting == [], waiting
        assert b.db.execute("select count(*) from visits where id = ?",
                            [visit]).fetchone()[0] == 1
        assert capture.unsynced_count(b.db.sync) == 0
        expected = office_rows(central.db, office_b)
        assert {t: office_rows(b.db, office_b)[t] for t in ("visits", "visit_outcomes")} == \
            {t: expected[t] for t in ("visits", "visit_outcomes")}
    finally:
        for laptop in machines:
            laptop.close()


def test_a_session_attendee_does_not_keep_a_handed_person_on_the_old_office_laptop(
        own_central, tmp_path):
    """A session held in Mí Háng (kept) whose roster names a person who then moved to Lao
    Chải; Lao Chải is handed to office B. The old office's laptop must not keep that person
    (their CCCD, their household's phone) for ever, and a new laptop of the old office must
    not wait for ever for a person it may not have."""
    from datetime import datetime
    central = own_central[0]
    office_a = central.office_id()
    office_b, _ = other_office(central, "BHXH cơ sở nhận người dự họp", "giamsat-dh")
    a = Laptop(tmp_path / "a", central)
    machines = [a]
    try:
        a.sync()
        _, person = register(a, "Người dự họp", village_name="Mí Háng")
        with_cccd(a, person, "001190077777")
        mi_hang = village(a, "Mí Háng")
        sessions.record_session(
            a.db, commune_code=commune_of(central, "Mí Háng"), village_id=mi_hang,
            held_at=datetime(2026, 11, 20, 14), format="small_group", target_group="voluntary",
            total=1, male=1, by_ethnicity={"mong": 1}, roster=[person], user_id=a.user())
        destination, _ = register(a, "Hộ mới ở Lao Chải", village_name="Lao Chải")
        store.update(a.db, "households", destination, {"phone": "0912000111"},
                     user_id=a.user())
        households.move_person(a.db, person, destination, "other", user_id=a.user())
        a.sync()
        offices.move_commune(central.db, commune_of(central, "Lao Chải"), office_b,
                             user_id=None)
        a.sync()
        a.sync()
        fresh_a = Laptop(tmp_path / "fresh-a", central, office_id=office_a)
        machines.append(fresh_a)
        fresh_a.sync()
        for laptop in (a, fresh_a):
            name = laptop.instance.name
            assert holds_text(laptop.db, "001190077777") == [], name
            assert holds_text(laptop.db, "0912000111") == [], name
            assert capture.unsynced_count(laptop.db.sync) == 0, name
        assert json.loads(a.db.sync.state("communes_leaving", "[]")) == []
    finally:
        for laptop in machines:
            laptop.close()


def test_a_central_server_restored_to_before_a_commune_move_is_followed_by_both_offices(
        own_central, tmp_path):
    """The central server is restored from a backup taken before Lao Chải was handed to office
    B: on the restored server it is office A's again. After both offices' laptops sync (each is
    told to send everything again), A's laptop must hold Lao Chải's records again, as a new
    laptop of A does, and B's laptop must no longer hold them (their CCCDs), nor list them as
    refused for ever."""
    central = own_central[0]
    office_a = central.office_id()
    office_b, _ = other_office(central, "BHXH cơ sở nhận xã rồi mất", "giamsat-rm")
    a = Laptop(tmp_path / "a", central)
    b = Laptop(tmp_path / "b", central, office_id=office_b)
    machines = [a, b]
    try:
        for laptop in machines:
            laptop.sync()
        handed, person = register(a, "Người Lao Chải", village_name="Lao Chải")
        with_cccd(a, person, "001190066666")
        a.sync()
        backup(central.instance / "fieldapp.sqlite3", tmp_path / "before-move.sqlite3")
        offices.move_commune(central.db, commune_of(central, "Lao Chải"), office_b,
                             user_id=None)
        a.sync()
        b.sync()
        assert handed not in {r[0] for r in a.db.execute("select id from households")}
        assert b.db.execute("select cccd from people where id = ?",
                            [person]).fetchone() == ("001190066666",)
        central = own_central[0] = restart_from(central, tmp_path / "before-move.sqlite3")
        assert commune_of(central, "Lao Chải") in offices.commune_codes(central.db, office_a)
        for laptop in (a, b, a, b):
            laptop.sync()
        fresh = Laptop(tmp_path / "fresh-a", central, office_id=office_a)
        machines.append(fresh)
        fresh.sync()
        expected = office_rows(central.db, office_a)
        assert office_rows(fresh.db, office_a)["people"] == expected["people"]
        assert office_rows(a.db, office_a)["households"] == expected["households"], \
            "office A's laptop never gets its commune back"
        assert holds_text(b.db, "001190066666") == [], "office B's laptop keeps the commune"
        assert capture.unsynced_count(b.db.sync) == 0
    finally:
        for laptop in machines:
            laptop.close()


def test_a_commune_moved_away_and_back_before_the_laptops_sync_stays_whole(own_central,
                                                                          tmp_path):
    """Lao Chải is handed to office B by mistake and handed back before any laptop syncs, while
    office A's laptop holds unsynced work there: A's laptop keeps every record of it and its
    work reaches the central server; B's laptop never holds any."""
    central = own_central[0]
    office_a = central.office_id()
    office_b, _ = other_office(central, "BHXH cơ sở nhận nhầm", "giamsat-nn")
    a = Laptop(tmp_path / "a", central)
    b = Laptop(tmp_path / "b", central, office_id=office_b)
    machines = [a, b]
    try:
        for laptop in machines:
            laptop.sync()
        handed, person = register(a, "Hộ suýt chuyển", village_name="Lao Chải")
        with_cccd(a, person, "001190088888")
        a.sync()
        late = register(a, "Hộ ghi khi xã đang chuyển", village_name="Lao Chải")[0]
        code = commune_of(central, "Lao Chải")
        offices.move_commune(central.db, code, office_b, user_id=None)
        offices.move_commune(central.db, code, office_a, user_id=None)
        for laptop in (a, b, a, b):
            laptop.sync()
        assert {handed, late} <= live(a.db) and {handed, late} <= live(central.db)
        assert holds_text(b.db, "001190088888") == []
        assert kinds_of(a) == [] and kinds_of(b) == []
        assert office_rows(a.db, office_a) == office_rows(central.db, office_a)
        assert office_rows(b.db, office_b) == office_rows(central.db, office_b)
    finally:
        for laptop in machines:
            laptop.close()


def test_a_record_refused_in_a_handed_commune_stays_until_discarded_then_goes(own_central,
                                                                              tmp_path):
    """Office A's officer registers a household in Lao Chải after it was handed to office B,
    before the laptop heard of it: the central server refuses it. The laptop drops the rest of
    the commune, keeps the refused household (listed, counted) and, once the supervisor
    discards it, drops it too with its personal numbers."""
    from sync import refused
    central = own_central[0]
    office_b, _ = other_office(central, "BHXH cơ sở nhận xã bị từ chối", "giamsat-tc")
    a = Laptop(tmp_path / "a", central)
    try:
        a.sync()
        handed, _ = register(a, "Hộ đã đồng bộ", village_name="Lao Chải")
        a.sync()
        offices.move_commune(central.db, commune_of(central, "Lao Chải"), office_b,
                             user_id=None)
        # Made after the move (the laptop has not heard of it): not the office's to make. A
        # millisecond later at least, since one made in the move's millisecond counts as before.
        time.sleep(0.002)
        late, person = register(a, "Hộ ghi sau khi chuyển", village_name="Lao Chải")
        with_cccd(a, person, "001190099999")
        result = a.sync()
        assert late in {r["id"] for r in result.refused}
        assert late not in live(central.db)
        assert handed not in live(a.db) and late in live(a.db)
        assert capture.unsynced_count(a.db.sync) > 0
        for row in list(refused.listed(a.db.sync)):
            refused.discard(a.db.sync, row["table_name"], row["row_id"])
        a.sync()
        assert holds_text(a.db, "001190099999") == []
        assert a.db.execute("select count(*) from villages where commune_code = ?",
                            [commune_of(central, "Lao Chải")]).fetchone()[0] == 0
        assert capture.unsynced_count(a.db.sync) == 0
        assert json.loads(a.db.sync.state("communes_leaving", "[]")) == []
    finally:
        a.close()


def test_a_record_made_in_the_very_millisecond_of_a_handover_is_taken(own_central, tmp_path,
                                                                      monkeypatch):
    """Which came first cannot be told when the household and the handover share their
    millisecond: the record counts as made while the commune was the office's, and the central
    server takes it, so that nothing made then is lost."""
    from sync import clock
    central = own_central[0]
    office_b, _ = other_office(central, "BHXH cơ sở nhận xã cùng lúc", "giamsat-cl")
    a = Laptop(tmp_path / "a", central)
    try:
        a.sync()
        register(a, "Hộ đã đồng bộ", village_name="Lao Chải")
        a.sync()
        same = clock.now_ms() + 5
        monkeypatch.setattr(clock, "now_ms", lambda: same)
        offices.move_commune(central.db, commune_of(central, "Lao Chải"), office_b,
                             user_id=None)
        tied, _ = register(a, "Hộ ghi cùng lúc chuyển xã", village_name="Lao Chải")
        monkeypatch.undo()
        result = a.sync()
        assert tied not in {r["id"] for r in result.refused}
        assert tied in live(central.db) and tied not in live(a.db)
    finally:
        a.close()


# The central server restored from a backup


def test_a_laptop_enrolled_before_the_backup_and_first_synced_after_it_misses_nothing(
        own_central, tmp_path):
    """Monday: laptop b is enrolled; the nightly backup is taken before b ever syncs. Tuesday:
    laptop a registers households, b syncs and pulls them; then the central server is restored
    from Monday's backup. a sends everything again, and the central office registers new
    households. b must receive all of them: its pull position came from the lost day, which
    the restored server never handed it."""
    central = own_central[0]
    a = Laptop(tmp_path / "a", central)
    machines = [a]
    try:
        a.sync()
        b = Laptop(tmp_path / "b", central)  # enrolled, not synced yet
        machines.append(b)
        backup(central.instance / "fieldapp.sqlite3", tmp_path / "monday.sqlite3")
        lost_day = {register(a, f"Hộ ngày mất {n}")[0] for n in range(6)}
        a.sync()
        b.sync()
        assert lost_day <= {r[0] for r in b.db.execute("select id from households")}
        central = own_central[0] = restart_from(central, tmp_path / "monday.sqlite3")
        # The central office re-enters the day's paper forms before any laptop syncs.
        officer = central.db.execute("select id from users where username = 'canbo'"
                                     ).fetchone()[0]
        village_id = central.db.execute("select id from villages where name = 'Mí Háng'"
                                        ).fetchone()[0]
        entered = {households.register_household(
            central.db, village_id, {"language": "hnj"},
            {"full_name": f"Hộ nhập ở trung tâm {n}", "gender": "female", "birth_year": 1970,
             "bhxh_status": "none", "vssid": "unknown"}, user_id=officer) for n in range(4)}
        assert a.sync().repairs == ["resend"]
        b.sync()
        b.sync()
        held = {r[0] for r in b.db.execute("select id from households")}
        assert lost_day | entered <= {r[0] for r in central.db.execute(
            "select id from households")}
        assert entered <= held, f"{len(entered - held)} of {len(entered)} households missed"
        assert office_rows(b.db, central.office_id()) == office_rows(central.db, central.office_id())
    finally:
        for laptop in machines:
            laptop.close()


def test_a_central_restore_to_before_a_split_loses_nothing_the_split_laptop_holds(
        own_central, tmp_path):
    """The office's one laptop: a copy of its folder is taken; the nightly backup of the
    central server is taken; the laptop registers a household and syncs; its disk fails and
    the copy is put back (split at its sync, it gets the household back and registers
    another); then the central server's disk fails and the backup is put back. The restored
    server does not know the split identity, so the laptop is enrolled again, as the guide
    says: every household it holds must then be on the central server."""
    central = own_central[0]
    a = Laptop(tmp_path / "a", central)
    try:
        a.sync()
        copy = copy_instance(a.instance, tmp_path / "copy")
        backup(central.instance / "fieldapp.sqlite3", tmp_path / "nightly.sqlite3")
        before_disk_failure = register(a, "Hộ trước khi hỏng đĩa")[0]
        a.sync()
        a = put_back(a, copy)
        assert a.sync().repairs == ["split"]
        assert before_disk_failure in live(a.db)
        after_restore = register(a, "Hộ sau khi phục hồi")[0]
        a.sync()
        central = own_central[0] = restart_from(central, tmp_path / "nightly.sqlite3")
        with pytest.raises(client.SyncError) as unknown:
            a.sync()
        assert unknown.value.kind == "not_enrolled"
        a.device = client.enrol(a.db.sync, str(a.instance), central.url, central.code(), "a")
        a.sync()
        a.sync()
        assert {before_disk_failure, after_restore} <= live(a.db)
        assert after_restore in live(central.db)
        assert before_disk_failure in live(central.db), \
            "a household only this laptop holds is not sent after it is enrolled again"
    finally:
        a.close()


# A laptop restored from a copy


def conflicts_on(db, row_id):
    return db.execute("select field, kept_value, lost_value from sync_conflicts"
                      " where row_id = ?", [row_id]).fetchall()


def test_a_copy_taken_with_more_than_a_batch_unsynced_raises_no_conflict_with_itself(
        central, laptops, tmp_path):
    """The copy is taken while 1,500 changes wait to be sent, the last an edit of a phone.
    The laptop syncs them all, then the officer corrects that phone again and syncs. The disk
    fails and the copy is put back: everything the copy holds was merged from this very laptop,
    so putting it back must neither raise a conflict of the laptop with itself nor log its old
    work again as another device's."""
    a = laptops("a")
    household, _ = register(a, "Hộ sửa số điện thoại")
    a.sync()
    _bulk(a, 1500)
    store.update(a.db, "households", household, {"phone": "0912345678"}, user_id=a.user())
    copy = copy_instance(a.instance, tmp_path / "copy")
    a.sync()
    store.update(a.db, "households", household, {"phone": "0387654321"}, user_id=a.user())
    a.sync()
    old_device = a.device["device_id"]
    logged = central.db.execute("select count(*) from sync_log").fetchone()[0]
    restored = put_back(a, copy)
    try:
        restored.sync()
        restored.sync()
        for db in (central.db, restored.db):
            assert db.execute("select phone from households where id = ?",
                              [household]).fetchone() == ("0387654321",)
        assert conflicts_on(central.db, household) == [], "a conflict of a laptop with itself"
        relogged = central.db.execute(
            "select count(*) from sync_log where seq > ? and origin != ?",
            [logged, old_device]).fetchone()[0]
        assert relogged < 10, f"{relogged} changes merged long ago logged again"
    finally:
        restored.close()


def test_a_laptop_that_stops_right_after_saving_its_new_identity_keeps_twins_apart(
        central, laptops, tmp_path, monkeypatch):
    """A laptop imaged onto a second machine; the same phone edited on both. The twin is split
    at its sync, saves its new credentials (device.json) first, and the power goes before it
    restamps its log. Started again it syncs as the new device: its edits must then be its own
    (stamped as the new device), so that the phone edited on both machines is a conflict, as
    between any two laptops, and not silently one machine's value."""
    a = laptops("a")
    household, _ = register(a, "Hộ máy sinh đôi")
    a.sync()
    twin = reopened(copy_instance(a.instance, tmp_path / "twin"))
    try:
        store.update(a.db, "households", household, {"phone": "0912345678"}, user_id=a.user())
        # Not in the same millisecond (see the test below for what that does).
        time.sleep(0.01)
        store.update(twin.db, "households", household, {"phone": "0387654321"},
                     user_id=twin.user())
        a.sync()

        def power_cut(*args, **kwargs):
            raise KeyboardInterrupt("the power went")
        monkeypatch.setattr(lineage, "take_new_identity", power_cut)
        with pytest.raises(KeyboardInterrupt):
            twin.sync()
        monkeypatch.undo()
        twin.close()
        twin = reopened(twin.instance)
        twin.sync()
        a.sync()
        later = register(twin, "Hộ sau khi tách")[0]
        twin.sync()
        # The twin stamps as the identity it syncs as...
        assert twin.db.sync.state("device_id") == twin.device["device_id"]
        stamps = json.loads(twin.db.execute("select sync_clock from households where id = ?",
                                            [later]).fetchone()[0])
        assert {hlc.device(s) for s in stamps.values()} == {twin.device["device_id"]}
        # ...and the phone edited on both machines is a conflict for the supervisor.
        phones = {json.loads(v) for c in conflicts_on(central.db, household) for v in c[1:]}
        assert phones == {"0912345678", "0387654321"}
    finally:
        twin.close()


def sync_losing(laptop, proxy, monkeypatch, after_repair=False):
    """A sync through the relay that loses one answer once the server has done the work: the
    first one, or (after_repair) the first one after the laptop made a repair the server
    asked for. True if the sync failed; the laptop then syncs as device.json says, as the app
    does when it starts again."""
    if after_repair:
        repair = client._recover

        def then_lose(*args, **kwargs):
            done = repair(*args, **kwargs)
            proxy.lose_answers = 1
            return done
        monkeypatch.setattr(client, "_recover", then_lose)
    else:
        proxy.lose_answers = 1
    try:
        laptop.sync(url=f"http://127.0.0.1:{proxy.port}", timeout=5)
    except client.SyncError:
        return True
    finally:
        proxy.lose_answers = 0
        monkeypatch.undo()
        laptop.device = {**client.load_device(str(laptop.instance)),
                         "central_url": laptop.device["central_url"]}
    return False


def test_answers_lost_around_the_split_of_a_restored_copy_lose_nothing(central, laptops,
                                                                        tmp_path, monkeypatch):
    """A laptop restored from its copy loses the answer that splits it, then the answer to its
    first push as the new device, then syncs: nothing is lost or doubled, one identity is used
    and the server's log holds each of the copy's new households once."""
    proxy = CuttingProxy(central.port)
    a, b = laptops("a"), laptops("b")
    try:
        before = {register(a, f"Hộ trước bản sao {n}")[0] for n in range(3)}
        copy = copy_instance(a.instance, tmp_path / "copy")
        a.sync()
        synced_after = {register(a, f"Hộ sau bản sao {n}")[0] for n in range(3)}
        a.sync()
        root = a.device["device_id"]
        a = put_back(a, copy)
        today = {register(a, f"Hộ hôm nay {n}")[0] for n in range(4)}
        assert sync_losing(a, proxy, monkeypatch)  # the split's answer is lost
        # Split again, then the answer to the first push as the new device is lost.
        assert sync_losing(a, proxy, monkeypatch, after_repair=True)
        assert a.device["device_id"] != root
        result = a.sync()
        assert result.repairs == []
        made = before | synced_after | today
        converge_all = [a, b]
        for _ in range(2):
            for laptop in converge_all:
                laptop.sync()
        for machine in (central, a, b):
            assert made <= live(machine.db), machine
            assert capture.unsynced_count(machine.db.sync) == 0
        assert office_rows(a.db, central.office_id()) == office_rows(central.db, central.office_id())
        assert office_rows(b.db, central.office_id()) == office_rows(central.db, central.office_id())
        for household in today:
            assert central.db.execute(
                "select count(*) from sync_log where row_id = ? and origin != 'central'",
                [household]).fetchone()[0] <= 2
        assert central.db.execute("select count(*) from devices where split_from = ?",
                                  [root]).fetchone()[0] == 2
    finally:
        a.close()
        proxy.close()


def test_answers_lost_around_the_resend_after_a_central_restore_lose_nothing(tmp_path,
                                                                            monkeypatch):
    """The central server restored from a backup; the laptop loses the answer asking it to send
    everything again, then the answer to its first push after the repair: it gets the lost
    day back to the server all the same, once."""
    central = Central(tmp_path / "central")
    proxy = CuttingProxy(central.port)
    machines = []
    try:
        a, b = Laptop(tmp_path / "a", central), Laptop(tmp_path / "b", central)
        machines += [a, b]
        for laptop in machines:
            laptop.sync()
        backup(central.instance / "fieldapp.sqlite3", tmp_path / "yesterday.sqlite3")
        lost_day = {register(a, f"Hộ ngày mất {n}")[0] for n in range(4)}
        gone = register(b, "Hộ bị xoá")[0]
        b.sync()
        a.sync()
        store.soft_delete(a.db, "households", gone, user_id=a.user())
        a.sync()
        b.sync()
        proxy.close()
        central = restart_from(central, tmp_path / "yesterday.sqlite3")
        proxy = CuttingProxy(central.port)
        assert sync_losing(a, proxy, monkeypatch)
        assert sync_losing(a, proxy, monkeypatch, after_repair=True)
        a.sync()
        b.sync()
        for _ in range(2):
            for laptop in machines:
                laptop.sync()
        for machine in (central, a, b):
            assert lost_day <= live(machine.db) and gone not in live(machine.db), machine
            assert capture.unsynced_count(machine.db.sync) == 0
        for laptop in machines:
            assert office_rows(laptop.db, central.office_id()) == office_rows(
                central.db, central.office_id())
    finally:
        for laptop in machines:
            laptop.close()
        proxy.close()
        central.stop()


@pytest.mark.xfail(strict=True, reason="known defect: a conflict the central server found on the"
                   " day a restore took from it is not found again (records sent again whole are"
                   " never conflicts, and a conflict a device sends is refused); see the"
                   " closing note of issue 20")
def test_a_conflict_found_on_the_lost_day_is_held_once_everywhere_after_a_central_restore(
        own_central, tmp_path):
    """Two laptops change the same phone; the central server records the conflict and both
    laptops pull it; then the central server is restored from the morning's backup. Once both
    have synced, the central server, both laptops and a new laptop hold the same conflicts
    (the losing value kept for the supervisor, once), and no laptop lists a conflict the
    central server does not know."""
    central = own_central[0]
    a = Laptop(tmp_path / "a", central)
    b = Laptop(tmp_path / "b", central)
    machines = [a, b]
    try:
        for laptop in machines:
            laptop.sync()
        household, _ = register(a, "Hộ hai số điện thoại")
        a.sync()
        b.sync()
        backup(central.instance / "fieldapp.sqlite3", tmp_path / "morning.sqlite3")
        store.update(a.db, "households", household, {"phone": "0912345678"}, user_id=a.user())
        time.sleep(0.01)  # b's edit is the later one
        store.update(b.db, "households", household, {"phone": "0387654321"}, user_id=b.user())
        a.sync()
        b.sync()
        a.sync()
        assert len(conflicts_on(a.db, household)) == 1
        central = own_central[0] = restart_from(central, tmp_path / "morning.sqlite3")
        for laptop in (a, b, a, b):
            laptop.sync()
        fresh = Laptop(tmp_path / "fresh", central)
        machines.append(fresh)
        fresh.sync()
        held = conflicts_on(central.db, household)
        assert len(held) == 1
        assert {json.loads(v) for v in held[0][1:]} == {"0912345678", "0387654321"}
        for laptop in machines:
            assert sorted(conflicts_on(laptop.db, household)) == sorted(held), \
                laptop.instance.name
            assert office_rows(laptop.db, central.office_id()) == office_rows(
                central.db, central.office_id()), laptop.instance.name
    finally:
        for laptop in machines:
            laptop.close()


def test_twins_whose_edits_share_a_stamp_are_still_told_apart(central, laptops, tmp_path):
    """A laptop whose clock is a minute behind the central server's (within the two minutes
    that are not corrected) has just synced: its clock has seen the server's later stamps, so
    its next edits are stamped with that moment and a counter. Imaged onto a second machine
    now, both machines stamp their first edit alike, at the same log position. Each changes
    the same phone differently: the two changes differ (their values), so the second machine
    must be split and the two values meet as a conflict, not be taken for a retry of one
    change and one value dropped in silence."""
    a = laptops("a")
    household, _ = register(a, "Hộ đồng hồ chậm")
    a.sync()
    # Its clock runs a minute behind the central server's (an error under two minutes is not
    # corrected), and its last pull showed it a stamp the central server made just now.
    a.db.sync.set_state("clock_offset_ms", -60_000)
    a.db.sync.clock = None
    capture.observe(a.db.sync, [hlc.make(hlc.now_ms(), 0, capture.CENTRAL_DEVICE)])
    twin = reopened(copy_instance(a.instance, tmp_path / "twin"))
    try:
        store.update(a.db, "households", household, {"phone": "0912345678"}, user_id=a.user())
        store.update(twin.db, "households", household, {"phone": "0387654321"},
                     user_id=twin.user())
        a.sync()
        repairs = twin.sync().repairs
        twin.sync()
        a.sync()
        held = [m.db.execute("select phone from households where id = ?",
                             [household]).fetchone()[0] for m in (central, a, twin)]
        assert len(set(held)) == 1, f"the machines disagree for ever: {held}"
        phones = {json.loads(v) for c in conflicts_on(central.db, household) for v in c[1:]}
        assert phones == {"0912345678", "0387654321"}, \
            f"one machine's phone dropped without a conflict (repairs: {repairs})"
        assert repairs == ["split"]
    finally:
        twin.close()


# Lost answers


def test_a_lost_answer_to_a_batch_sent_while_unknown_fields_arrived_is_a_retry(central,
                                                                              laptops):
    """Laptop b (a newer app) adds a field this version does not know to a household. Laptop a
    pushes two batches, the second carrying an edit of that household and sent while the first
    answer (bringing b's field) is applied; the second answer is lost. Sent again, the batch is
    a retry of the same changes: the laptop must not be split from its own identity."""
    proxy = CuttingProxy(central.port)
    a, b = laptops("a"), laptops("b")
    try:
        household, _ = register(a, "Hộ có trường mới")
        a.sync()
        b.sync()
        stamp = capture.stamp(b.db.sync)
        capture.log(b.db.sync, "households", household,
                    {"gps_point": ["21.8,104.1", stamp, ""]}, capture.device_id(b.db.sync))
        b.sync()
        _bulk(a, 1000)
        store.update(a.db, "households", household, {"address_note": "Cạnh suối"},
                     user_id=a.user())
        sent = []

        def lose_the_second_answer(progress):
            if progress.step == "sending":
                sent.append(1)
                if len(sent) == 2:
                    proxy.lose_answers = 1
        device = {**a.device, "central_url": f"http://127.0.0.1:{proxy.port}"}
        with pytest.raises(client.SyncError):
            client.sync(a.db.sync, device, on_progress=lose_the_second_answer, timeout=5,
                        instance_path=str(a.instance))
        assert a.db.execute("select count(*) from sync_extra where row_id = ?",
                            [household]).fetchone()[0] == 1
        result = a.sync()
        assert result.repairs == [], "a laptop split from itself after a lost answer"
        assert central.db.execute("select count(*) from devices where split_from = ?",
                                  [a.device["device_id"]]).fetchone()[0] == 0
    finally:
        proxy.close()
