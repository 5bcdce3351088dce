"""Sync tried the way a province uses it (issue 14): real installs made by the README's commands,
demo laptops, moves, many laptops at once, a pull racing a push, kill -9, wrong clocks under
libfaketime, refusals whose answer was lost. Every server and most laptops are real processes on
127.0.0.1; the tests assert what the fixed product must do.

Sizes are modest so that the whole suite stays within CI's limit; FIELDAPP_LONG_SYNC=1 runs the
long variants (more laptops, rounds and records).

On an SQLite central server alone, for the suite's time: on PostgreSQL, writers racing a pull are
test_sync_store_contract's (real processes on one database), a request sent again while it merges
and a refusal are test_sync's; the rest here is laptops' processes, their clocks and the README's
install.
"""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import date

import pytest

from fieldapp import demo, store
from fieldapp.db import connect
from fieldapp.households import queries as households
from fieldapp.i18n import TRANSLATIONS_DIR, Catalogs
from sync import capture, client
from syncing import (CENTRAL_ADMIN, LOCAL_ADMIN, OFFICE, ROOT, Central, CuttingProxy, Laptop,
                     Server, Web, doubled_communes, enrolment_code, flask, header_unsynced,
                     real_install, skewed)
from test_sync import converge, register

LONG = bool(os.environ.get("FIELDAPP_LONG_SYNC"))

_catalogs = Catalogs(TRANSLATIONS_DIR)


def shown(message, locale="vi"):
    """What a page in this language shows for a source string."""
    return _catalogs.gettext(locale, message)


# ---- Real installs, made and used as the README tells, over HTTP.

def enrol_and_sync(web, central_url, code, name="Máy của Hùng"):
    """Enrol on the Sync page, press Sync now and follow /sync/progress to the end."""
    status, url, page = web.post("/sync/enrol", {"central_url": central_url, "code": code,
                                                 "device_name": name})
    assert status == 200 and url.endswith("/sync"), page
    return sync_now(web)


def sync_now(web, timeout=120):
    status, _, page = web.post("/sync/now", {})
    assert status == 200, page
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = web.json("/sync/progress")
        if not progress["running"]:
            return progress
        time.sleep(0.2)
    pytest.fail("the sync did not finish")


def register_by_form(web, village_id, name, **person):
    """Register a household and its head on the register page; the household's id."""
    status, url, page = web.fill(f"/villages/{village_id}/households/new", {
        "full_name": name, "gender": "male", "birth_year": "1979", "language": "hnj",
        "bhxh_status": "none", "vssid": "not_installed", **person})
    assert status == 200 and "/households/" in url, page
    return url.rstrip("/").rsplit("/", 1)[1]


def visit_by_form(web, household_id, person_id, outcome="vssid_installed"):
    """Record a visit with one outcome for the person on the visit form."""
    key = person_id.replace("-", "")
    status, url, page = web.fill(f"/households/{household_id}/visits/new", {
        "present": person_id, f"outcome_{key}": outcome, "topics": "vssid"})
    assert status == 200 and url.endswith(f"/households/{household_id}"), page


def test_the_readme_real_install_path_end_to_end(tmp_path):
    """A laptop and a central server made by the README's commands; the laptop's administrator
    enrols it on the Sync page, registers a household and records a visit through the forms,
    and presses Sync now: the central server holds all of it, and nothing is left behind."""
    central = real_install(tmp_path / "central", "--central", admin=CENTRAL_ADMIN)
    laptop = real_install(tmp_path / "laptop")
    try:
        code = enrolment_code(central, CENTRAL_ADMIN[0], CENTRAL_ADMIN[2], OFFICE)
        web = Web(laptop.url)
        web.log_in(LOCAL_ADMIN[0], LOCAL_ADMIN[2])
        # The office has no village yet: the administrator adds one, as the app asks.
        status, _, page = web.fill(f"/communes/{laptop.communes[0]}", {"name": "Mí Háng"})
        assert status == 200, page
        laptop_db = connect(laptop.instance / "fieldapp.sqlite3")
        central_db = connect(central.instance / "fieldapp.sqlite3")
        village_id = laptop_db.execute("select id from villages where name = 'Mí Háng'"
                                       ).fetchone()[0]
        # Hùng made the village, and accounts are made on the central server only: refused,
        # naming him, until its administrator adds him (README, Connecting laptops).
        status, _, page = web.post("/sync/enrol", {"central_url": central.url, "code": code,
                                                   "device_name": "Máy của Hùng"})
        assert status == 400 and LOCAL_ADMIN[0] in page
        assert not (laptop.instance / "device.json").exists()
        made = flask(central.instance, "create-user", "--username", LOCAL_ADMIN[0],
                     "--full-name", LOCAL_ADMIN[1], "--role", "officer", "--office", OFFICE,
                     "--password", "doi-bien-phong-72")
        assert made.returncode == 0, made.stdout
        progress = enrol_and_sync(web, central.url, code)
        assert progress["error"] is None, progress["error"]
        household_id = register_by_form(web, village_id, "Giàng A Páo")
        person_id = laptop_db.execute("select head_person_id from households where id = ?",
                                      [household_id]).fetchone()[0]
        visit_by_form(web, household_id, person_id)
        visit_id = laptop_db.execute("select id from visits where household_id = ?",
                                     [household_id]).fetchone()[0]
        progress = sync_now(web)
        assert progress["error"] is None, progress["error"]

        assert central_db.execute("select count(*) from households where id = ?",
                                  [household_id]).fetchone()[0] == 1
        assert central_db.execute("select vssid from people where id = ?",
                                  [person_id]).fetchone()[0] == "installed"
        assert central_db.execute("select count(*) from visits where id = ?",
                                  [visit_id]).fetchone()[0] == 1, \
            laptop_db.execute("select table_name, reason from sync_refused").fetchall()
        # The laptop's administrator is the central account of that username.
        central_office = central_db.execute("select id from offices where name = ?"
                                            " and deleted_at is null", [OFFICE]).fetchall()
        assert len(central_office) == 1
        assert central_db.execute("select office_id from users where username = ?",
                                  [LOCAL_ADMIN[0]]).fetchall() == [tuple(central_office[0])]
        page = web.get("/sync")[2]
        assert shown("Records the central server refused") not in page
        assert header_unsynced(page) == 0 and progress["unsynced"] == 0
        for db in (laptop_db, central_db):
            assert doubled_communes(db) == []
            assert db.execute("select count(*) from offices where deleted_at is null"
                              " and name = ?", [OFFICE]).fetchone()[0] == 1
        assert not central.errors() and not laptop.errors()
    finally:
        laptop.stop()
        central.stop()


def _counts(web):
    """Row counts of the worklists and the visits export, as the officer's pages show them."""
    counts = {}
    for kind in ("never-visited", "no-bhyt", "no-bhxh", "bhyt-expiring", "follow-ups"):
        page = web.get(f"/worklists/{kind}")[2]
        tbody = re.search(r"<tbody>(.*?)</tbody>", page, re.S)
        counts[kind] = tbody.group(1).count("<tr") if tbody else 0
    export = web.get(f"/reports/export?dataset=visits&format=csv&start=2000-01-01"
                     f"&end={date.today().isoformat()}")[2]
    counts["visits"] = len([line for line in export.splitlines() if line.strip()]) - 1
    return counts


def test_demo_laptop_and_demo_central_first_sync_doubles_nothing(tmp_path):
    """`make run` and `make central`, enrol, sync: each commune and village once, ten live
    office_communes rows on each side, worklists and visit counts as before."""
    central = Server(tmp_path / "central", "--central")
    laptop = Server(tmp_path / "laptop")
    try:
        central_logins = demo.read_logins(central.instance)
        laptop_logins = demo.read_logins(laptop.instance)
        code = enrolment_code(central, "trungtam", central_logins["trungtam"], demo.OFFICE_NAME)
        officer = Web(laptop.url)
        officer.log_in("canbo", laptop_logins["canbo"])
        before = _counts(officer)
        assert before["visits"] > 0
        web = Web(laptop.url)
        web.log_in("quantri", laptop_logins["quantri"])
        progress = enrol_and_sync(web, central.url, code)
        assert progress["error"] is None, progress["error"]
        assert progress["unsynced"] == 0
        # Users are the central server's: the laptop's demo accounts now take its password.
        officer = Web(laptop.url)
        officer.log_in("canbo", central_logins["canbo"])
        home = officer.get("/")[2]
        communes = re.findall(r'href="/communes/(\d+)"', home)
        villages = re.findall(r'href="/villages/([0-9a-f-]+)"', home)
        assert len(communes) == len(set(communes)) == len(demo.COMMUNES)
        assert len(villages) == len(set(villages)) == sum(map(len, demo.VILLAGES.values()))
        assert _counts(officer) == before
        laptop_db = connect(laptop.instance / "fieldapp.sqlite3")
        central_db = connect(central.instance / "fieldapp.sqlite3")
        for db in (laptop_db, central_db):
            assert db.execute("select count(*) from office_communes where deleted_at is null"
                              ).fetchone()[0] == len(demo.COMMUNES)
            assert doubled_communes(db) == []
        assert shown("Records the central server refused") not in web.get("/sync")[2]
        assert not central.errors()
        # The demo central server seeds the demo office with the laptop's users, with its own
        # password: the demo officer can log in there too.
        assert {"canbo", "giamsat", "quantri", "trungtam"} <= set(central_logins)
        Web(central.url).log_in("canbo", central_logins["canbo"])
    finally:
        laptop.stop()
        central.stop()


# ---- A real central server process; laptops as databases in temporary folders.

def sync_until_idle(laptop, most=10):
    """Sync until a sync sends and receives nothing; the number of syncs it took."""
    for n in range(1, most + 1):
        result = laptop.sync()
        if result.sent == result.received == 0:
            return n
    pytest.fail(f"{laptop.instance.name} still receives after {most} syncs")


def unsaved(laptop):
    """What the laptop lists as received but not saved, or refused."""
    return laptop.db.execute("select table_name, row_id, reason from sync_refused union all"
                             " select table_name, row_id, reason from sync_inbox").fetchall()


def test_a_person_moved_into_a_household_made_after_them_reaches_a_fresh_laptop(tmp_path):
    # A central server of its own: the record a fresh laptop cannot take would trouble the
    # tests that follow.
    central = Central(tmp_path / "central")
    a = Laptop(tmp_path / "a", central)
    a.sync()
    first, person = register(a, "Giàng A Páo")
    second, _ = register(a, "Sùng A Chư")
    households.move_person(a.db, person, second, "spouse", user_id=a.user())
    a.sync()
    fresh = Laptop(tmp_path / "fresh", central)
    try:
        fresh.sync()
        sync_until_idle(fresh)
        held = fresh.db.execute("select * from people where id = ?", [person]).fetchone()
        assert held is not None, unsaved(fresh)
        columns = [d[0] for d in fresh.db.execute("select * from people limit 0").description]
        expected = central.db.execute(f"select {', '.join(columns)} from people where id = ?",
                                      [person]).fetchone()
        assert dict(zip(columns, held)) == dict(zip(columns, expected))
        assert dict(zip(columns, held))["household_id"] == second
        assert unsaved(fresh) == []
        assert capture.unsynced_count(fresh.db.sync) == 0
        converge(central, a, fresh)
    finally:
        fresh.close()
        a.close()
        central.stop()


def test_many_laptops_syncing_at_once_get_no_5xx_and_converge(central, laptops):
    """8 laptops (15 with FIELDAPP_LONG_SYNC) edit and sync in loops at the same time."""
    machines = [laptops(f"l{n}") for n in range(15 if LONG else 8)]
    rounds = 12 if LONG else 5
    failures, start = [], threading.Barrier(len(machines))

    def work(laptop):
        start.wait()
        mine = []
        for n in range(rounds):
            try:
                mine.append(register(laptop, f"{laptop.instance.name} người {n}", 1950 + n)[0])
                if mine:
                    store.update(laptop.db, "households", mine[0], {"address_note": f"vòng {n}"},
                                 user_id=laptop.user())
                laptop.sync(timeout=60)
            except client.SyncError as e:
                failures.append((laptop.instance.name, e.status, e.reason))
            except Exception as e:  # noqa: BLE001 - any failure of a worker is the test's
                failures.append((laptop.instance.name, None, repr(e)))

    threads = [threading.Thread(target=work, args=(m,)) for m in machines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [f for f in failures if f[1] is None or f[1] >= 500] == []
    assert central.errors() == []
    data = converge(central, *machines)
    ids = [h["id"] for h in data["households"]]
    assert len(ids) == len(set(ids))
    assert len([p for p in data["people"] if " người " in p["full_name"]]) == \
        len(machines) * rounds


def test_a_pull_racing_other_laptops_pushes_misses_nothing(central, laptops):
    """Four laptops push many small syncs of new rows while two others pull in a loop; once
    all stop and each reader syncs until idle, it holds every row."""
    writers = [laptops(f"w{n}") for n in range(4)]
    readers = [laptops("r1"), laptops("r2")]
    villages = [r[0] for r in readers[0].db.execute("select id from villages")]
    made, done = [], threading.Event()
    syncs = 60 if LONG else 25

    def push(laptop):
        for n in range(syncs):
            with laptop.db.atomic():
                for k in range(5):
                    made.append(store.insert(laptop.db, "households", {
                        "village_id": villages[(n + k) % len(villages)],
                        "address_note": f"{laptop.instance.name} {n}.{k}", "language": "hnj"},
                        user_id=laptop.user())["id"])
            laptop.sync()

    def pull(reader):
        while not done.is_set():
            reader.sync()

    pulling = [threading.Thread(target=pull, args=(r,)) for r in readers]
    pushing = [threading.Thread(target=push, args=(w,)) for w in writers]
    for t in pulling + pushing:
        t.start()
    for t in pushing:
        t.join()
    done.set()
    for t in pulling:
        t.join()
    for reader in readers:
        sync_until_idle(reader)
        held = {r[0] for r in reader.db.execute("select id from households")}
        missing = [row_id for row_id in made if row_id not in held]
        assert missing == [], \
            f"{len(missing)} of {len(made)} rows never reached {reader.instance.name}"
    assert central.errors() == []


def _bulk(laptop, n):
    """n new households on the laptop, in one transaction; their ids."""
    villages = [r[0] for r in laptop.db.execute("select id from villages")]
    with laptop.db.atomic():
        return [store.insert(laptop.db, "households", {
            "village_id": villages[i % len(villages)], "address_note": f"Nhà {i}",
            "language": "hnj"}, user_id=laptop.user())["id"] for i in range(n)]


def _each_once(db, ids):
    """The ids that are not held exactly once."""
    counts = dict(db.execute(
        "select id, count(*) from households group by id").fetchall())
    return [i for i in ids if counts.get(i) != 1]


def test_kill_9_of_the_central_server_mid_push(tmp_path):
    central = Central(tmp_path / "central")
    laptop = Laptop(tmp_path / "laptop", central)
    try:
        laptop.sync()
        made = _bulk(laptop, 6000 if LONG else 3000)
        merged = threading.Event()
        outcome = []

        def on_progress(progress):
            if progress.step == "applying":
                merged.set()  # the server has merged a batch and is merging the next

        def push():
            try:
                outcome.append(client.sync(laptop.db.sync, laptop.device, on_progress=on_progress,
                                           timeout=30))
            except client.SyncError as e:
                outcome.append(e)
        pushing = threading.Thread(target=push)
        pushing.start()
        assert merged.wait(60)
        central.kill()
        pushing.join()
        assert isinstance(outcome[0], client.SyncError), "the push ended before the kill"
        restarted = Server(central.instance, "--central", port=central.port)
        try:
            sync_until_idle(laptop)
            fresh = Laptop(tmp_path / "fresh", central)
            fresh.sync()
            assert _each_once(central.db, made) == []
            assert _each_once(laptop.db, made) == [] and _each_once(fresh.db, made) == []
            assert capture.unsynced_count(laptop.db.sync) == 0
            converge(central, laptop, fresh)
            fresh.close()
            assert restarted.errors() == []
        finally:
            restarted.stop()
    finally:
        laptop.close()
        central.db.close()


def test_kill_9_of_a_laptop_process_mid_push(central, tmp_path):
    laptop = Laptop(tmp_path / "laptop", central)
    laptop.sync()
    made = _bulk(laptop, 6000 if LONG else 3000)
    device = laptop.device["device_id"]
    laptop.close()
    command = ["flask", "--app", "fieldapp", "sync"]
    syncing = subprocess.Popen(
        [sys.executable, "-m", *command], cwd=ROOT,
        env={**os.environ, "FIELDAPP_INSTANCE": str(laptop.instance)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    # Killed once the central server has merged part of the push, not all of it.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        merged = central.db.execute("select last_seq from devices where id = ?",
                                    [device]).fetchone()[0] or 0
        if merged > 0:
            break
        time.sleep(0.01)
    syncing.send_signal(signal.SIGKILL)
    syncing.wait()
    assert syncing.returncode == -signal.SIGKILL, "the sync ended before the kill"
    again = flask(laptop.instance, "sync")
    assert again.returncode == 0, again.stdout
    laptop = Laptop.__new__(Laptop)
    laptop.instance = tmp_path / "laptop"
    laptop.db = connect(laptop.instance / "fieldapp.sqlite3")
    laptop.device = client.load_device(laptop.instance)
    fresh = Laptop(tmp_path / "fresh", central)
    try:
        fresh.sync()
        for db in (central.db, laptop.db, fresh.db):
            assert _each_once(db, made) == []
        assert capture.unsynced_count(laptop.db.sync) == 0
        converge(central, laptop, fresh)
    finally:
        fresh.close()
        laptop.close()


# ---- Wrong clocks: laptop servers run five years ahead and behind under libfaketime.

FIVE_YEARS_DAYS = 5 * 365
DAY_MS = 24 * 3600 * 1000


def _skewed_laptop(tmp_path, central, name, days):
    """A laptop enrolled and synced with real time, then served under faketime `days` off;
    its officer logged in over HTTP."""
    laptop = Laptop(tmp_path / name, central)
    laptop.sync()
    laptop.close()
    started = Server(laptop.instance, wrapper=skewed(days))
    started.days = days
    started.web = Web(started.url)
    started.web.log_in("canbo", central.logins["canbo"])
    return started


def _offset(server):
    db = connect(server.instance / "fieldapp.sqlite3")
    try:
        row = db.execute("select value from sync_state where key = 'clock_offset_ms'"
                         ).fetchone()
        return int(row[0]) if row else 0
    finally:
        db.close()


def _processes_naming(text):
    """Pids of the running processes whose command line holds the text."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if entry.isdigit() and text.encode() in f.read():
                    found.append(int(entry))
        except OSError:
            continue
    return found


def test_a_server_under_faketime_stops_whole(central, tmp_path):
    """faketime forks the server and passes no signal on: stopping it must leave nothing
    running (the five-years test left two servers behind every run)."""
    laptop = _skewed_laptop(tmp_path, central, "stopped", FIVE_YEARS_DAYS)
    assert len(_processes_naming(str(laptop.instance))) >= 1
    laptop.stop()
    deadline = time.monotonic() + 10
    while _processes_naming(str(laptop.instance)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_naming(str(laptop.instance)) == []


def test_clock_skew_of_five_years_under_faketime(central, laptops, tmp_path):
    honest = laptops("honest")
    _, person = register(honest, "Vàng A Lử")
    honest.sync()
    ahead = _skewed_laptop(tmp_path, central, "ahead", FIVE_YEARS_DAYS)
    behind = _skewed_laptop(tmp_path, central, "behind", -FIVE_YEARS_DAYS)
    offsets = {ahead.days: [], behind.days: []}  # the stored correction after each sync

    def edit(laptop, label, look_first):
        """The officer edits the person's name on the laptop's page (after syncing to see the
        latest, if `look_first`), then syncs; the name the central server then holds."""
        if look_first:
            assert sync_now(laptop.web)["error"] is None
            offsets[laptop.days].append(_offset(laptop))
        name = f"Vàng A Lử ({label})"
        status, url, page = laptop.web.fill(f"/people/{person}", {"full_name": name})
        assert status == 200 and "/households/" in url, page
        progress = sync_now(laptop.web)
        assert progress["error"] is None, progress["error"]
        assert header_unsynced(laptop.web.get("/sync")[2]) == 0
        offsets[laptop.days].append(_offset(laptop))
        return name, central.db.execute("select full_name from people where id = ?",
                                        [person]).fetchone()[0]

    try:
        for n in range(8 if LONG else 3):
            # Later in real time, made without seeing the other's edit: the later one wins.
            for turn, laptop in enumerate((ahead, behind, ahead)):
                # A new name each time: the same name again on a laptop would be no edit.
                made, held = edit(laptop, f"{laptop.days:+d} ngày, vòng {n}.{turn}",
                                  look_first=False)
                assert held == made, offsets
            # Made after seeing the other's edit: it wins, whichever clock made it.
            for laptop in (behind, ahead):
                made, held = edit(laptop, f"{laptop.days:+d} ngày, đã xem, vòng {n}",
                                  look_first=True)
                assert held == made, offsets
        # An honest laptop's edit made after all of them wins too, and all converge.
        time.sleep(0.05)
        honest.sync()
        store.update(honest.db, "people", person, {"full_name": "Vàng A Lử (honest)"},
                     user_id=honest.user())
        honest.sync()
        for laptop in (ahead, behind):
            assert sync_now(laptop.web)["error"] is None
        assert central.db.execute("select full_name from people where id = ?",
                                  [person]).fetchone()[0] == "Vàng A Lử (honest)"
        # The stored correction converges to the true offset and stays there.
        for days, seen in offsets.items():
            true = -days * DAY_MS
            assert all(abs(o - true) < 5000 for o in seen), (days, seen)
            assert max(seen) - min(seen) < 5000, (days, seen)
        assert central.errors() == []
        for laptop in (ahead, behind):
            assert laptop.errors() == []
            db = connect(laptop.instance / "fieldapp.sqlite3")
            assert db.execute("select full_name from people where id = ?",
                              [person]).fetchone()[0] == "Vàng A Lử (honest)"
            db.close()
    finally:
        ahead.stop()
        behind.stop()


# ---- Refusals are never silent, retries never get a 500.

def test_a_refusal_whose_answer_was_lost_is_still_listed_and_counted(central, laptops):
    from fieldapp import offices
    from conftest import FormClient
    other_commune = central.db.execute(
        "select code from communes where province_code = 1 order by code limit 1 offset 2"
    ).fetchone()[0]
    offices.create_office(central.db, name="BHXH cơ sở Tây Hồ", province_code=1,
                          communes=[other_commune], user_id=None)
    a = laptops("a")
    refused = store.insert(a.db, "villages", {"commune_code": other_commune, "name": "Bản Lén",
                                              "name_key": "ban len", "kind": "ban"},
                           user_id=a.user())
    proxy = CuttingProxy(central.port)
    proxy.lose_answers = 1
    with pytest.raises(client.SyncError):
        a.sync(f"http://127.0.0.1:{proxy.port}", timeout=10)
    proxy.close()
    a.sync()  # the retry: its answer arrives
    assert central.db.execute("select count(*) from villages where id = ?",
                              [refused["id"]]).fetchone()[0] == 0
    assert a.db.execute("select count(*) from sync_refused where row_id = ?",
                        [refused["id"]]).fetchone()[0] >= 1
    assert capture.unsynced_count(a.db.sync) >= 1
    officer = FormClient(a.app.test_client())
    officer.login("canbo", central.logins["canbo"])
    page = officer.get("/sync").get_data(as_text=True)
    assert shown("Records the central server refused") in page
    assert header_unsynced(page) >= 1
    # Syncing again changes nothing: it is listed and counted until resolved.
    a.sync()
    assert capture.unsynced_count(a.db.sync) >= 1


def test_immediate_duplicate_retries_while_the_first_is_merged_never_get_500(central, laptops):
    b = laptops("b")
    made = _bulk(b, client.BATCH)
    outgoing = client._outgoing(b.db.sync, int(b.db.sync.state("pushed_seq", 0)))
    message = {"protocol": client.PROTOCOL, "app_version": "", "now": int(time.time() * 1000),
               "push": {"after": outgoing[0][0] - 1, "last": outgoing[-1][0],
                        "changes": outgoing},
               "pull": {"cursor": int(b.db.sync.state("pull_cursor", 0))}}
    url = b.device["central_url"] + client.API + "/sync"
    answers, start = [], threading.Barrier(8)

    def send(delay):
        start.wait()
        time.sleep(delay)  # the first is being merged when the others arrive
        try:
            answers.append(client._post(url, message, b.device, timeout=60)[0]["ack_seq"])
        except client.SyncError as e:
            answers.append((e.status, e.reason))
    threads = [threading.Thread(target=send, args=(0.02 * n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [outgoing[-1][0]] * 8
    sync_until_idle(b)
    assert _each_once(central.db, made) == []
    assert central.errors() == []
