"""An office's ordinary events that send a database back in time, with real processes: a laptop
restored from yesterday's copy, the central server restored from a backup, a laptop imaged onto a
second machine, a commune handed to another office. Each ends with every laptop, the central
server and a fresh laptop holding the same rows, and nothing an officer saved missing."""

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp import accounts, offices, store
from fieldapp.households import queries as households
from sync import capture, handover
from helpers import new_client, parse
from syncing import (Central, Laptop, Web, backup, copy_instance, put_back, reopened,
                     restart_from, office_rows)
from test_sync import LAPTOP, OPERATION, PICK, _operate, converge, register

# The central server of this module runs on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")


def live(db, table="households"):
    return {r[0] for r in db.execute(f'select id from "{table}" where deleted_at is null')}


def register_in(laptop, village_id, name):
    """A household with its head, registered in a village given by id."""
    household = households.register_household(
        laptop.db, village_id, {"language": "hnj"},
        {"full_name": name, "gender": "female", "birth_year": 1985, "bhxh_status": "none",
         "vssid": "unknown"}, user_id=laptop.user())
    return household, laptop.db["households"].get(household)["head_person_id"]


def repairs_shown(laptop, central, locale="vi", login=None):
    """The Sync page's list of what syncs repaired, as the office's supervisor reads it."""
    browser = new_client(laptop.app, locale)
    browser.login(*(login or ("giamsat", central.logins["giamsat"])))
    section = parse(browser.get("/sync")).find("section", id="repairs")
    return section.text if section is not None else ""


def devices(central):
    return {r[0]: r[1] for r in central.db.execute("select id, split_from from devices")}


def kinds(laptop):
    return [n["kind"] for n in handover.notices(laptop.db.sync)]


def everyone_holds(central, laptops, tmp_path, households_made, deleted=()):
    """Converge, then a fresh laptop too: all identical, every household made is live
    everywhere and every deleted one is deleted everywhere."""
    converge(central, *laptops)
    fresh = Laptop(tmp_path / "fresh", central)
    try:
        data = converge(central, *laptops, fresh)
        for machine in (central, *laptops, fresh):
            held = live(machine.db)
            assert households_made <= held, machine
            assert not (set(deleted) & held), machine
            assert capture.unsynced_count(machine.db.sync) == 0
        return data
    finally:
        fresh.close()


def test_a_laptop_restored_from_yesterdays_copy_loses_nothing(central, laptops, tmp_path):
    a, b = laptops("a"), laptops("b")
    before = {register(a, f"Hộ trước {n}")[0] for n in range(3)}
    a.sync()
    # The README's backup: a copy of the instance folder, taken yesterday.
    yesterday = copy_instance(a.instance, tmp_path / "yesterday")
    after_copy = {register(a, f"Hộ sau bản sao {n}")[0] for n in range(6)}
    gone = sorted(before)[0]
    store.soft_delete(a.db, "households", gone, user_id=a.user())
    a.sync()
    old_device = a.device["device_id"]
    # The disk fails: the copy is put back, and the officer works on.
    a = put_back(a, yesterday)
    try:
        assert gone in live(a.db) and not after_copy & live(a.db)
        today = {register(a, f"Hộ hôm nay {n}")[0] for n in range(5)}
        # Never 0 while a record of this laptop is not on the central server.
        assert capture.unsynced_count(a.db.sync) >= 5
        result = a.sync()
        assert result.repairs == ["split"]
        assert a.device["device_id"] != old_device
        assert devices(central)[a.device["device_id"]] == old_device
        assert "split" in kinds(a)
        assert "dùng chung danh tính với một máy khác" in repairs_shown(a, central)
        web = Web(central.url)
        web.log_in("quantri", central.logins["quantri"])
        assert "Được tách lúc" in web.get("/central/devices")[2]
        # It got back its own households synced after the copy, and the deletion.
        assert after_copy <= live(a.db) and gone not in live(a.db)
        assert today <= live(central.db)
        everyone_holds(central, [a, b], tmp_path, before - {gone} | after_copy | today, [gone])
    finally:
        a.close()


def test_a_laptop_imaged_onto_a_second_machine_is_told_apart(central, laptops, tmp_path):
    a = laptops("a")
    household, _ = register(a, "Hộ chung")
    a.sync()
    twin = reopened(copy_instance(a.instance, tmp_path / "twin"))
    try:
        assert twin.device == {k: v for k, v in a.device.items() if k != "rehomed"} or \
            twin.device["device_id"] == a.device["device_id"]
        mine = {register(a, f"Hộ máy một {n}")[0] for n in range(3)}
        theirs = {register(twin, f"Hộ máy hai {n}")[0] for n in range(4)}
        # The same phone edited on both machines.
        store.update(a.db, "households", household, {"phone": "0912345678"}, user_id=a.user())
        store.update(twin.db, "households", household, {"phone": "0387654321"},
                     user_id=twin.user())
        first = a.sync()
        assert first.repairs == []
        second = twin.sync()
        assert second.repairs == ["split"]
        assert twin.device["device_id"] != a.device["device_id"]
        assert devices(central)[twin.device["device_id"]] == a.device["device_id"]
        # The copy's work reached the central server under its new identity, and it received
        # the original's.
        assert theirs <= live(central.db) and mine <= live(twin.db)
        conflicts = central.db.execute(
            "select kept_value, lost_value from sync_conflicts where row_id = ? and field = ?",
            [household, "phone"]).fetchall()
        assert len(conflicts) == 1
        assert {json.loads(v) for v in conflicts[0]} == {"0912345678", "0387654321"}
        everyone_holds(central, [a, twin], tmp_path, mine | theirs | {household})
        # Both keep syncing as two laptops.
        later = register(a, "Hộ sau cùng")[0]
        a.sync()
        twin.sync()
        assert later in live(twin.db)
        assert [r.repairs for r in (a.sync(), twin.sync())] == [[], []]
    finally:
        twin.close()


def test_a_retried_batch_is_merged_once_and_a_reused_number_is_never_skipped(central,
                                                                             laptops):
    """Known by what they are: the same changes sent again change nothing; other changes under
    the same numbers (a v2 laptop restored, which cannot be split) are merged."""
    from sync import client, hlc
    a = laptops("a")
    made = [register(a, f"Hộ {n}")[0] for n in range(3)]
    outgoing = client._outgoing(a.db.sync, int(a.db.sync.state("pushed_seq", 0)))
    url = a.device["central_url"] + client.API + "/sync"

    def push(changes, protocol=2):
        message = {"protocol": protocol, "app_version": "", "now": hlc.now_ms(),
                   "push": {"changes": changes}, "pull": {"cursor": 0}}
        return client._post(url, message, a.device)[0]

    logged = "select count(*) from sync_log"
    assert push(outgoing)["ack_seq"] == outgoing[-1][0]
    merged = central.db.execute(logged).fetchone()[0]
    assert push(outgoing)["ack_seq"] == outgoing[-1][0]
    assert central.db.execute(logged).fetchone()[0] == merged
    assert live(central.db) >= set(made)
    # New work under numbers already used: merged, not skipped as a retry.
    reused = []
    for seq, *_ in outgoing[:2]:
        household = households.register_household(
            a.db, a.db.execute("select id from villages limit 1").fetchone()[0],
            {"language": "vi"}, {"full_name": f"Mới {seq}", "gender": "male",
                                 "birth_year": 1990, "bhxh_status": "none", "vssid": "unknown"},
            user_id=a.user())
        entry = a.db.execute("select table_name, row_id, fields from sync_log"
                             " where row_id = ?", [household]).fetchone()
        reused.append({"seq": seq, "table": entry[0], "id": entry[1],
                       "fields": json.loads(entry[2])})
    push(reused)
    assert {c["id"] for c in reused} <= live(central.db)


# On SQLite alone, as Office below: the backup put back is the server's file.
def test_the_central_server_restored_from_a_backup_gets_back_what_laptops_hold(tmp_path):
    central = Central(tmp_path / "central")
    machines = []
    try:
        a = Laptop(tmp_path / "a", central)
        b = Laptop(tmp_path / "b", central)
        machines += [a, b]
        for laptop in machines:
            laptop.sync()
        kept = {register(a, "Hộ có trong bản sao")[0]}
        a.sync()
        b.sync()
        backup(central.instance / "fieldapp.sqlite3", tmp_path / "central-yesterday.sqlite3")
        # The day the backup does not hold.
        lost_day = {register(a, f"Hộ của A {n}")[0] for n in range(4)}
        lost_day |= {register(b, f"Hộ của B {n}")[0] for n in range(4)}
        edited = sorted(kept)[0]
        store.update(a.db, "households", edited, {"address_note": "Cạnh suối"},
                     user_id=a.user())
        for laptop in (a, b, a):
            laptop.sync()
        assert lost_day <= live(central.db)
        # The central server's disk fails; yesterday's backup is put back.
        central = restart_from(central, tmp_path / "central-yesterday.sqlite3")
        assert not lost_day & live(central.db)
        assert all(capture.unsynced_count(m.db.sync) == 0 for m in machines)
        # Both laptops work on, then sync: the server gets back the lost day from them.
        a_today = register(a, "Hộ mới của A")[0]
        b_today = register(b, "Hộ mới của B")[0]
        assert b.sync().repairs == ["resend"]
        assert a.sync().repairs == ["resend"]
        assert "central_restored" in kinds(a)
        assert "restored from a backup" in repairs_shown(a, central, "en")
        assert lost_day | {a_today, b_today} <= live(central.db)
        assert central.db.execute("select address_note from households where id = ?",
                                  [edited]).fetchone()[0] == "Cạnh suối"
        everyone_holds(central, machines, tmp_path, kept | lost_day | {a_today, b_today})
    finally:
        for laptop in machines:
            laptop.close()
        central.stop()


def test_a_commune_handed_to_another_office_changes_hands_whole(central, laptops, tmp_path):
    office_a = central.office_id()
    moved, stays = [r[0] for r in central.db.execute(
        "select distinct oc.commune_code from office_communes oc"
        " join villages v on v.commune_code = oc.commune_code and v.deleted_at is null"
        " where oc.office_id = ? and oc.deleted_at is null order by oc.commune_code",
        [office_a])][:2]
    moved_village, stays_village = (central.db.execute(
        "select id from villages where commune_code = ? and deleted_at is null order by id"
        " limit 1", [code]).fetchone()[0] for code in (moved, stays))
    other_commune = central.db.execute(
        "select code from communes where province_code = 1 order by code limit 1 offset 7"
    ).fetchone()[0]
    with central.db.atomic():
        office_b = offices.create_office(central.db, name="BHXH cơ sở nhận xã",
                                         province_code=1, communes=[other_commune],
                                         user_id=None)["id"]
        accounts.create_user(central.db, username="giamsat-b", full_name="Giám sát B",
                             password="mat-khau-giam-sat-b", role="supervisor",
                             office_id=office_b, user_id=None)
    a = laptops("a")
    b = laptops("b", office_id=office_b)
    cccd = "001190012345"
    handed, person = register_in(a, moved_village, "Người xã chuyển")
    store.update(a.db, "people", person, {"cccd": cccd}, user_id=a.user())
    kept_home = register_in(a, stays_village, "Người xã ở lại")[0]
    a.sync()
    # Work on the commune's records not synced yet when the commune changes hands.
    store.update(a.db, "households", handed, {"address_note": "Trước khi chuyển"},
                 user_id=a.user())
    late = register_in(a, moved_village, "Hộ ghi trước khi chuyển")[0]
    offices.move_commune(central.db, moved, office_b, user_id=None)
    in_moved = sum(
        list(a.db.sync.communes_of(table, [r[0] for r in a.db.execute(
            f"select id from [{table}]")]).values()).count(moved)
        for table in ("villages", "households", "people", "visits", "visit_outcomes",
                      "group_sessions", "session_attendees"))

    a.sync()
    # Nothing of the old office's unsynced work is lost: the central server took it.
    assert central.db.execute("select address_note from households where id = ?",
                              [handed]).fetchone()[0] == "Trước khi chuyển"
    assert late in live(central.db)
    # The old office's laptop dropped the commune's records, personal numbers and all.
    assert not {handed, late} & live(a.db) and kept_home in live(a.db)
    for table, column in (("people", "cccd"), ("history", "changes"), ("sync_log", "fields")):
        assert a.db.execute(f"select count(*) from [{table}] where [{column}] like ?",
                            [f"%{cccd}%"]).fetchone()[0] == 0, table
    assert "commune_lost" in kinds(a)
    assert f"was handed to another office: its {in_moved} records" in repairs_shown(
        a, central, "en")
    # The new office's laptop receives all of them at its next sync.
    b.sync()
    assert {handed, late} <= live(b.db)
    assert b.db.execute("select cccd from people where id = ?", [person]).fetchone()[0] == cccd
    assert "commune_gained" in kinds(b)
    assert "now belongs to this office" in repairs_shown(
        b, central, "en", ("giamsat-b", "mat-khau-giam-sat-b"))
    # Only that commune: the records of the commune the old office keeps stay its own.
    assert b.db.execute("select count(*) from households where id = ?",
                        [kept_home]).fetchone()[0] == 0
    for office, machines in ((office_a, [a]), (office_b, [b])):
        expected = office_rows(central.db, office)
        fresh = Laptop(tmp_path / f"fresh-{office}", central, office_id=office)
        try:
            fresh.sync()
            for machine in (*machines, fresh):
                machine.sync()
                assert office_rows(machine.db, office) == expected, (office, machine.instance)
        finally:
            fresh.close()


# Random office life with the events above mixed in: the same officers' work as
# test_sync.test_random_work_on_three_laptops..., plus taking a copy of a laptop's folder,
# putting it back, imaging one laptop onto another, backing up and restoring the central
# server, and handing a commune to another office and back.
EVENT = st.one_of(
    OPERATION,
    st.tuples(st.just("copy laptop"), LAPTOP),
    st.tuples(st.just("restore laptop"), LAPTOP),
    st.tuples(st.just("image laptop"), LAPTOP, LAPTOP),
    st.just(("back up central",)),
    st.just(("restore central",)),
    st.tuples(st.just("move commune"), PICK),
    st.just(("move communes back",)),
)
# Three examples by default (each starts a central server and three laptops: several seconds),
# which keeps the suite in CI's time; the README's Tests section gives the full run.
# HYPOTHESIS_SYNC_EXAMPLES=100 make test PYTEST_ARGS="-k random_office_life" runs a long search.
LIFE_RUNS = int(os.environ.get("HYPOTHESIS_SYNC_EXAMPLES", "3"))


class Office:
    """A central server of its own, three laptops and the copies taken of them. On SQLite alone:
    its backups and restores copy the server's file (a PostgreSQL server's are pg_dump's); the
    random work of test_sync runs on both stores."""

    def __init__(self, folder):
        self.folder = folder
        self.central = Central(folder / "central")
        self.laptops = [Laptop(folder / f"laptop{n}", self.central) for n in range(3)]
        self.copies, self.central_backup, self.made = {}, None, 0
        self.office = self.central.office_id()
        with self.central.db.atomic():
            other = self.central.db.execute(
                "select code from communes where province_code = 1 order by code limit 1"
            ).fetchone()[0]
            self.other_office = offices.create_office(
                self.central.db, name="Văn phòng khác", province_code=1, communes=[other],
                user_id=None)["id"]
        self.home = set(offices.commune_codes(self.central.db, self.office))
        # Every household a sync reported sent: the central server must keep each one.
        self.saved = set()

    def sync(self, n):
        laptop = self.laptops[n]
        laptop.sync()
        self.saved |= {r[0] for r in laptop.db.execute("select id from households")}

    def event(self, event, counter):
        kind = event[0]
        if kind == "sync":
            self.sync(event[1])
        elif kind in ("copy laptop", "restore laptop", "image laptop"):
            self.laptop_event(event)
        elif kind == "back up central":
            self.central_backup = self.folder / f"central-{counter}.sqlite3"
            backup(self.central.instance / "fieldapp.sqlite3", self.central_backup)
        elif kind == "restore central" and self.central_backup:
            self.restore_central()
        elif kind == "move commune":
            communes = sorted(offices.commune_codes(self.central.db, self.office))
            if len(communes) > 1:
                offices.move_commune(self.central.db, communes[event[1] % len(communes)],
                                     self.other_office, user_id=None)
        elif kind == "move communes back":
            for code in sorted(self.home):
                offices.move_commune(self.central.db, code, self.office, user_id=None)
        elif kind not in ("back up central", "restore central"):
            _operate(self.laptops[event[1]], event, counter)

    def laptop_event(self, event):
        kind, n = event[0], event[1]
        if kind == "copy laptop":
            self.copies[n] = copy_instance(self.laptops[n].instance,
                                           self.folder / f"copy{n}-{len(self.copies)}")
            return
        source = self.copies.get(n) if kind == "restore laptop" else self.laptops[n].instance
        target = n if kind == "restore laptop" else event[2]
        if source is None or (kind == "image laptop" and target == n):
            return
        # The machine's disk is replaced: what it had not synced is gone with it.
        image = copy_instance(source, self.folder / f"image-{self.made}")
        self.made += 1
        self.laptops[target].close()
        self.laptops[target] = reopened(image)

    def restore_central(self):
        self.central = restart_from(self.central, self.central_backup)

    def close(self):
        for laptop in self.laptops:
            laptop.close()
        self.central.stop()


@settings(max_examples=LIFE_RUNS, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(events=st.lists(EVENT, min_size=4, max_size=30))
def test_random_office_life_with_restores_copies_and_moves_loses_nothing(events):
    """Whatever happened, once the communes are home and every laptop has synced: each laptop,
    the central server and a fresh laptop hold the same rows, and every household a laptop
    had synced is still on the central server (a restored server got it back)."""
    with tempfile.TemporaryDirectory() as folder:
        office = Office(Path(folder))
        try:
            for n in range(3):
                office.sync(n)
            for counter, event in enumerate(events):
                office.event(event, counter)
            office.event(("move communes back",), len(events))
            converge(office.central, *office.laptops)
            assert office.saved <= {r[0] for r in office.central.db.execute(
                "select id from households")}, "a synced household is missing"
            everyone_holds(office.central, office.laptops, Path(folder), set())
        finally:
            office.close()


def test_stolen_credentials_cannot_mint_identities_that_outlive_a_revocation(central, laptops):
    """A thief can make the server split the device (a stale request is all it takes), but only
    a few times, and revoking the laptop revokes every identity split from it; the supervisor
    sees each split in the audit trail."""
    from sync import client, hlc, lineage
    a = laptops("a")
    register(a, "Hộ bị lấy cắp")
    a.sync()
    url = a.device["central_url"] + client.API + "/sync"
    stale = {"protocol": 3, "app_version": "", "now": hlc.now_ms(),
             "push": {"after": 0, "last": 0, "changes": []}, "pull": {"cursor": 0}}
    splits = []
    for _ in range(lineage.MAX_SPLITS):
        answer = client._post(url, stale, a.device)[0]
        assert answer["recover"]["kind"] == "split" and answer["pull"]["changes"] == []
        splits.append({**a.device, "device_id": answer["recover"]["device_id"],
                       "secret": answer["recover"]["secret"]})
    with pytest.raises(client.SyncError) as refused:
        client._post(url, stale, a.device)
    assert refused.value.status == 403 and "too many times" in refused.value.reason
    assert central.db.execute(
        "select count(*) from audit_log where action = 'device_split' and device_id = ?",
        [a.device["device_id"]]).fetchone()[0] == lineage.MAX_SPLITS
    # A split identity syncs (it holds nothing the server lacks)...
    fresh = {**stale, "push": {"after": 0, "last": 0, "changes": []}}
    assert "recover" not in client._post(url, fresh, splits[0])[0]
    # ...until the laptop it came from is revoked.
    from sync import server
    server.revoke(central.db.sync, a.device["device_id"])
    for device in (a.device, *splits):
        with pytest.raises(client.SyncError) as revoked:
            client._post(url, fresh, device)
        assert revoked.value.status == 403
