"""The store's contract (sync/store.py) held by real processes writing one real SQLite file."""

import multiprocessing
import shutil
import time
import uuid

import pytest

from fieldapp import demo
from fieldapp.db import connect, upgrade
from sync import clock, hlc, server
from sync.protocol import PROTOCOL
from sync.store import Broken

WRITERS = 4
BATCHES = 6
PER_BATCH = 25
# fork: the children need no import of the test module, and the parent holds no connection.
PROCESSES = multiprocessing.get_context("fork")


@pytest.fixture
def central_file(tmp_path, seeded_database):
    """(path, office id, a village of the office) of a central database file of the demo."""
    path = tmp_path / "central.sqlite3"
    shutil.copyfile(seeded_database, path)
    db = connect(path)
    upgrade(db, central=True)
    office = db.execute("select id from offices where name = ?", [demo.OFFICE_NAME]).fetchone()[0]
    village = db.execute("""select v.id from villages v join office_communes oc
                             on oc.commune_code = v.commune_code and oc.deleted_at is null
                            where oc.office_id = ? limit 1""", [office]).fetchone()[0]
    db.close()
    return path, office, village


def _enrol(path, office, count):
    db = connect(path)
    devices = []
    for n in range(count):
        code = server.create_enrolment_code(db.sync, office, user_id=None)
        devices.append(server.enrol(db.sync, {"protocol": PROTOCOL, "code": code,
                                              "device_name": f"laptop {n}"})["device_id"])
    db.close()
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


def _sync(db, device_id, message):
    return server.handle_sync(db.sync, db.sync.find("devices", id=device_id)[0], message)


def _caught_up(path, device_id):
    """The device's cursor once it has pulled everything there is (a cursor the server never
    handed it would be taken for a server gone back in time)."""
    db = connect(path)
    cursor, more = 0, True
    while more:
        pulled = _sync(db, device_id, _request(cursor=cursor))["pull"]
        cursor, more = pulled["cursor"], pulled["more"]
    db.close()
    return cursor


def _write(path, device_id, cursor, village, start, made):
    """A laptop pushing its batches one after another, as fast as the server takes them."""
    db = connect(path)
    start.wait()
    for batch in range(BATCHES):
        changes = _households(device_id, village, batch * PER_BATCH + 1, PER_BATCH)
        answer = _sync(db, device_id, _request(changes, cursor, after=batch * PER_BATCH))
        assert answer["rejected"] == [] and "recover" not in answer, answer
        made.extend([c["id"] for c in changes])
        cursor = answer["pull"]["cursor"]
    db.close()


def _pull(path, device_id, cursor, start, done, seen):
    """A laptop pulling while the others push: every id it was handed, in order."""
    db = connect(path)
    start.wait()
    while True:
        finished = done.is_set()
        pulled = _sync(db, device_id, _request(cursor=cursor))["pull"]
        seen.extend([c["id"] for c in pulled["changes"] if c["table"] == "households"])
        cursor = pulled["cursor"]
        if finished and not pulled["more"]:
            break
    db.close()


def test_a_pull_beside_concurrent_writer_processes_sees_every_change_once(central_file):
    path, office, village = central_file
    *writers, puller = _enrol(path, office, WRITERS + 1)
    with PROCESSES.Manager() as manager:
        made, seen = manager.list(), manager.list()
        start, done = PROCESSES.Event(), PROCESSES.Event()
        reader = PROCESSES.Process(target=_pull, args=(
            path, puller, _caught_up(path, puller), start, done, seen))
        pushing = [PROCESSES.Process(target=_write, args=(
            path, d, _caught_up(path, d), village, start, made)) for d in writers]
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


def _send(path, device_id, message, start, answers):
    db = connect(path)
    start.wait()
    answers.append(_sync(db, device_id, message)["ack_seq"])
    db.close()


def test_one_request_sent_by_several_processes_at_once_merges_once(central_file):
    path, office, village = central_file
    (device,) = _enrol(path, office, 1)
    changes = _households(device, village, 1, PER_BATCH)
    message = _request(changes, _caught_up(path, device))
    with PROCESSES.Manager() as manager:
        answers, start = manager.list(), PROCESSES.Event()
        senders = [PROCESSES.Process(target=_send, args=(path, device, message, start, answers))
                   for _ in range(3)]
        for process in senders:
            process.start()
        start.set()
        for process in senders:
            process.join(120)
        assert [p.exitcode for p in senders] == [0, 0, 0]
        assert list(answers) == [PER_BATCH] * 3
    db = connect(path)
    logged = db.execute("select count(*) from sync_log where origin = ?", [device]).fetchone()[0]
    db.close()
    assert logged == PER_BATCH


def _hold(path, entered, leave, times):
    db = connect(path)
    with db.sync.merging():
        times.append(("held", time.monotonic()))
        entered.set()
        leave.wait(30)
        time.sleep(0.3)
        times.append(("left", time.monotonic()))
    db.close()


def test_the_merge_lock_holds_across_processes(central_file):
    path = central_file[0]
    with PROCESSES.Manager() as manager:
        times, entered, leave = manager.list(), PROCESSES.Event(), PROCESSES.Event()
        holder = PROCESSES.Process(target=_hold, args=(path, entered, leave, times))
        holder.start()
        assert entered.wait(30)
        db = connect(path)
        leave.set()
        with db.sync.merging():
            times.append(("second", time.monotonic()))
        db.close()
        holder.join(30)
        assert holder.exitcode == 0
        when = dict(times)
    assert when["second"] >= when["left"]


def test_a_merge_begins_its_own_transaction(central_file):
    db = connect(central_file[0])
    with db.atomic(), pytest.raises(RuntimeError):
        with db.sync.merging():
            pass
    db.close()


def test_a_broken_write_is_the_stores_error_and_undoes_only_itself(central_file):
    db = connect(central_file[0])
    with db.sync.merging():
        db.sync.set_state("contract", "kept")
        with pytest.raises(Broken):
            with db.sync.attempt():
                db.sync.set_state("contract", "undone")
                db.sync.insert("sync_state", [{"key": "contract", "value": "twice"}])
    assert db.sync.state("contract") == "kept"
    db.close()


def test_deferred_references_are_checked_at_commit(central_file):
    path, office, village = central_file
    db = connect(path)
    child = {"id": str(uuid.uuid4()), "household_id": "h-later", "full_name": "Giàng A Páo",
             "name_key": "giang a pao", "gender": "male", "birth_year": 1990, "relation": "head",
             "created_at": clock.stamp(), "updated_at": clock.stamp()}
    with db.sync.merging():
        db.sync.defer_references()
        # The child first, its parent after: as a laptop re-homing records writes them.
        db.sync.insert("people", [child])
        db.sync.insert("households", [{"id": "h-later", "village_id": village,
                                       "created_at": clock.stamp(),
                                       "updated_at": clock.stamp()}])
    assert db.sync.count("people", id=child["id"]) == 1
    with pytest.raises(Exception):
        with db.sync.merging():
            db.sync.defer_references()
            db.sync.insert("people", [{**child, "id": str(uuid.uuid4()),
                                       "household_id": "h-never"}])
    assert db.sync.count("people", household_id="h-never") == 0
    assert not db.conn.in_transaction
    db.close()
