"""The store's contract (sync/store.py) held by real processes writing one real database: an
SQLite file, and a PostgreSQL database of the suite's own server."""

import multiprocessing
import shutil
import threading
import time
import uuid

import pytest

from fieldapp import demo
from fieldapp.db import connect
from sync import clock, hlc, pages, server
from sync.postgresql import MERGE_LOCK, PostgreSQLStore
from sync.protocol import PROTOCOL
from sync.store import Broken

WRITERS = 4
BATCHES = 6
PER_BATCH = 25
# fork: the children need no import of the test module, and the parent holds no connection.
PROCESSES = multiprocessing.get_context("fork")


class Opener:
    """Opens a store on one database, a new connection each time (picklable for fork)."""

    def __init__(self, kind, where):
        self.kind, self.where = kind, where

    def __call__(self):
        if self.kind == "sqlite":
            return connect(self.where).sync
        return PostgreSQLStore.connect(self.where)


def close(store):
    (store.db if hasattr(store, "db") else store).close()


@pytest.fixture(scope="session")
def central_demo(central_demo_file):
    """The demo's database made a central server's, once: (path, office id, a village of it)."""
    path = central_demo_file
    db = connect(path)
    office = db.execute("select id from offices where name = ?", [demo.OFFICE_NAME]).fetchone()[0]
    village = db.execute("""select v.id from villages v join office_communes oc
                             on oc.commune_code = v.commune_code and oc.deleted_at is null
                            where oc.office_id = ? limit 1""", [office]).fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    close(db)
    return path, office, village


@pytest.fixture(params=["sqlite", "postgresql"])
def central(request, tmp_path, central_demo):
    """(opener of stores, office id, a village of the office) on a central server's database
    of the demo, SQLite's or PostgreSQL's."""
    path, office, village = central_demo
    if request.param == "sqlite":
        shutil.copyfile(path, tmp_path / "central.sqlite3")
        yield Opener("sqlite", tmp_path / "central.sqlite3"), office, village
        return
    url, name = request.getfixturevalue("postgres_templates").copy("central", path)
    yield Opener("postgresql", url), office, village
    request.getfixturevalue("postgres_server").drop_database(name)


def _enrol(open_store, office, count):
    store = open_store()
    devices = []
    for n in range(count):
        code = server.create_enrolment_code(store, office, user_id=None)
        devices.append(server.enrol(store, {"protocol": PROTOCOL, "code": code,
                                            "device_name": f"laptop {n}"})["device_id"])
    close(store)
    return devices


def _request(changes=(), cursor=0, after=0):
    changes = list(changes)
    return {"protocol": PROTOCOL, "app_version": "", "now": hlc.now_ms(),
            "push": {"after": after, "last": changes[-1]["seq"] if changes else after,
                     "changes": changes}, "pull": {"cursor": cursor}}


def _households(device_id, village, first_seq, count):
    stamp = hlc.make(hlc.now_ms(), 0, device_id)
    at = clock.stamp()
    return [{"seq": first_seq + n, "table": "households", "id": str(uuid.uuid4()),
             "fields": {name: [value, stamp, ""] for name, value in {
                 "village_id": village, "language": "hnj", "address_note": f"nhà {n}",
                 "phone": "", "created_at": at, "updated_at": at}.items()}}
            for n in range(count)]


def _sync(store, device_id, message):
    return server.handle_sync(store, store.find("devices", id=device_id)[0], message)


def _caught_up(open_store, device_id):
    """The device's cursor once it has pulled everything there is (a cursor the server never
    handed it would be taken for a server gone back in time)."""
    db = open_store()
    cursor, more = 0, True
    while more:
        pulled = _sync(db, device_id, _request(cursor=cursor))["pull"]
        cursor, more = pulled["cursor"], pulled["more"]
    close(db)
    return cursor


def _write(open_store, device_id, cursor, village, start, made):
    """A laptop pushing its batches one after another, as fast as the server takes them."""
    db = open_store()
    start.wait()
    for batch in range(BATCHES):
        changes = _households(device_id, village, batch * PER_BATCH + 1, PER_BATCH)
        answer = _sync(db, device_id, _request(changes, cursor, after=batch * PER_BATCH))
        assert answer["rejected"] == [] and "recover" not in answer, answer
        made.extend([c["id"] for c in changes])
        cursor = answer["pull"]["cursor"]
    close(db)


def _pull(open_store, device_id, cursor, start, done, seen):
    """A laptop pulling while the others push: every id it was handed, in order."""
    db = open_store()
    start.wait()
    while True:
        finished = done.is_set()
        pulled = _sync(db, device_id, _request(cursor=cursor))["pull"]
        seen.extend([c["id"] for c in pages.decode(pulled) if c["table"] == "households"])
        cursor = pulled["cursor"]
        if finished and not pulled["more"]:
            break
    close(db)


def test_a_pull_beside_concurrent_writer_processes_sees_every_change_once(central):
    open_store, office, village = central
    *writers, puller = _enrol(open_store, office, WRITERS + 1)
    with PROCESSES.Manager() as manager:
        made, seen = manager.list(), manager.list()
        start, done = PROCESSES.Event(), PROCESSES.Event()
        reader = PROCESSES.Process(target=_pull, args=(
            open_store, puller, _caught_up(open_store, puller), start, done, seen))
        pushing = [PROCESSES.Process(target=_write, args=(
            open_store, d, _caught_up(open_store, d), village, start, made)) for d in writers]
        for process in (reader, *pushing):
            process.start()
        start.set()
        for process in pushing:
            process.join(120)
        done.set()
        reader.join(120)
        assert [p.exitcode for p in (*pushing, reader)] == [0] * (WRITERS + 1)
        made, seen = list(made), list(seen)
    assert len(made) == WRITERS * BATCHES * PER_BATCH
    assert len(seen) == len(set(seen)) and set(seen) == set(made)


def _send(open_store, device_id, message, start, answers):
    db = open_store()
    start.wait()
    answers.append(_sync(db, device_id, message)["ack_seq"])
    close(db)


def test_one_request_sent_by_several_processes_at_once_merges_once(central):
    open_store, office, village = central
    (device,) = _enrol(open_store, office, 1)
    changes = _households(device, village, 1, PER_BATCH)
    message = _request(changes, _caught_up(open_store, device))
    with PROCESSES.Manager() as manager:
        answers, start = manager.list(), PROCESSES.Event()
        senders = [PROCESSES.Process(target=_send, args=(
            open_store, device, message, start, answers)) for _ in range(3)]
        for process in senders:
            process.start()
        start.set()
        for process in senders:
            process.join(120)
        assert [p.exitcode for p in senders] == [0, 0, 0]
        assert list(answers) == [PER_BATCH] * 3
    db = open_store()
    logged = db.count("sync_log", origin=device)
    close(db)
    assert logged == PER_BATCH


def _hold(open_store, entered, leave, times):
    db = open_store()
    with db.merging():
        times.append(("held", time.monotonic()))
        entered.set()
        leave.wait(30)
        time.sleep(0.3)
        times.append(("left", time.monotonic()))
    close(db)


def test_the_merge_lock_holds_across_processes(central):
    open_store = central[0]
    with PROCESSES.Manager() as manager:
        times, entered, leave = manager.list(), PROCESSES.Event(), PROCESSES.Event()
        holder = PROCESSES.Process(target=_hold, args=(open_store, entered, leave, times))
        holder.start()
        assert entered.wait(30)
        db = open_store()
        leave.set()
        with db.merging():
            times.append(("second", time.monotonic()))
        close(db)
        holder.join(30)
        assert holder.exitcode == 0
        when = dict(times)
    assert when["second"] >= when["left"]


def test_a_merge_begins_its_own_transaction(central):
    db = central[0]()
    with db.atomic(), pytest.raises(RuntimeError):
        with db.merging():
            pass
    close(db)


def test_a_broken_write_is_the_stores_error_and_undoes_only_itself(central):
    db = central[0]()
    with db.merging():
        db.set_state("contract", "kept")
        with pytest.raises(Broken):
            with db.attempt():
                db.set_state("contract", "undone")
                db.insert("sync_state", [{"key": "contract", "value": "twice"}])
    assert db.state("contract") == "kept"
    close(db)


def test_deferred_references_are_checked_at_commit(central):
    open_store, office, village = central
    db = open_store()
    child = {"id": str(uuid.uuid4()), "household_id": "h-later", "full_name": "Giàng A Páo",
             "name_key": "giang a pao", "gender": "male", "birth_year": 1990, "relation": "head",
             "created_at": clock.stamp(), "updated_at": clock.stamp()}
    with db.merging():
        db.defer_references()
        # The child first, its parent after: as a laptop re-homing records writes them.
        db.insert("people", [child])
        db.insert("households", [{"id": "h-later", "village_id": village,
                                  "created_at": clock.stamp(), "updated_at": clock.stamp()}])
    assert db.count("people", id=child["id"]) == 1
    with pytest.raises(Exception):
        with db.merging():
            db.defer_references()
            db.insert("people", [{**child, "id": str(uuid.uuid4()),
                                       "household_id": "h-never"}])
    assert db.count("people", household_id="h-never") == 0
    with db.merging():  # nothing left open: a merge may begin
        pass
    close(db)


def _entry(row_id):
    return ["villages", row_id, "{}", "laptop", None, None, 0, None]


def test_a_change_committed_late_never_falls_below_a_cursor_handed_out(central):
    """Two writers try to commit their log entries out of order: the one that drew the lower
    seq still open, the other done first. The second waits for the first, so a reader moving
    its cursor to the last seq it sees never passes over the first."""
    open_store = central[0]
    first, second, reader = open_store(), open_store(), open_store()
    cursor = reader.last_seq()
    committed = threading.Event()

    def append_second():
        second.append_log([_entry("second")])
        committed.set()

    with first.atomic():
        first.append_log([_entry("first")])
        late = threading.Thread(target=append_second)
        late.start()
        if open_store.kind == "postgresql":
            assert _waiting_for_the_merge_lock(reader)
        # The second writer would commit now, with the higher seq, if it could.
        assert not committed.wait(0.5)
        seen = reader.log_after(cursor, None)
        assert seen == []
    late.join(30)
    assert committed.is_set()
    seen = reader.log_after(cursor, None)
    assert [row_id for _, _, row_id, _, _ in seen] == ["first", "second"]
    assert seen[0][0] < seen[1][0]
    for store in (first, second, reader):
        close(store)


def _waiting_for_the_merge_lock(store, seconds=20):
    """Whether a connection comes to wait for the merge lock (PostgreSQL's lock table)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if store.conn.execute("select count(*) from pg_locks where locktype = 'advisory'"
                              " and objid = %s and not granted", [MERGE_LOCK]).fetchone()[0]:
            return True
        time.sleep(0.02)
    return False


# PostgreSQL only: SQLite has one writer at a time, so there is no such order to break.
@pytest.mark.parametrize("central", ["postgresql"], indirect=True)
def test_without_the_merge_lock_a_late_commit_would_be_skipped(central):
    """The hazard the store's lock removes, shown with two plain PostgreSQL connections: a
    sequence hands out seqs before commit, so the higher one can commit first, a reader's
    cursor passes it, and the lower one, committed after, is never pulled."""
    open_store = central[0]
    assert open_store.kind == "postgresql"
    import psycopg
    insert = ("insert into sync_log (table_name, row_id, fields, origin)"
              " values ('villages', %s, '{}', 'laptop') returning seq")
    with psycopg.connect(open_store.where) as early, \
            psycopg.connect(open_store.where, autocommit=True) as other:
        cursor = other.execute("select coalesce(max(seq), 0) from sync_log").fetchone()[0]
        low = early.execute(insert, ["early"]).fetchone()[0]  # left uncommitted
        high = other.execute(insert, ["late"]).fetchone()[0]
        assert low < high
        cursor = max([cursor, *(seq for seq, in other.execute(
            "select seq from sync_log where seq > %s", [cursor]))])
        early.commit()
        assert cursor == high and low < cursor  # committed, and below the cursor: skipped
