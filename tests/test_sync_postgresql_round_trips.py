"""The PostgreSQL store's statements in a merge: the merge lock asked once, no savepoint around
each write. The merges are serialized, so each round trip of one is the whole evening's."""

import tempfile
import uuid

import pytest

from fieldapp import demo
from fieldapp.db import connect
from sync import clock, hlc, server
from sync.postgresql import PostgreSQLStore
from sync.protocol import PROTOCOL


@pytest.fixture
def central(postgres_templates, postgres_server, central_demo_file):
    """(URL of a central database of the demo on PostgreSQL, its office, a village of it)."""
    db = connect(central_demo_file)
    office = db.execute("select id from offices where name = ?", [demo.OFFICE_NAME]).fetchone()[0]
    village = db.execute("""select v.id from villages v join office_communes oc
                             on oc.commune_code = v.commune_code and oc.deleted_at is null
                            where oc.office_id = ? limit 1""", [office]).fetchone()[0]
    db.close()
    url, name = postgres_templates.copy("central", central_demo_file)
    yield url, office, village
    postgres_server.drop_database(name)


def _sent(store, run):
    """What the store's connection sent while `run()` ran, as libpq traced it: the frontend's
    messages, one a line ("Query <text>", "Parse <text>", "Sync", ...)."""
    with tempfile.TemporaryFile("w+") as trace:
        store.conn.pgconn.trace(trace.fileno())
        try:
            run()
        finally:
            store.conn.pgconn.untrace()
        trace.seek(0)
        # Lines of "[time] F|B length Message ...": the frontend's, from the message on.
        return [" ".join(parts[parts.index("F") + 2:]) for parts in
                (line.rstrip("\n").split("\t") for line in trace) if "F" in parts[:2]]


def _round_trips(sent):
    """Each simple Query, and each Sync ending extended ones, waits for the server's answer."""
    return sum(m.startswith(("Query", "Sync")) for m in sent)


def _edits(device_id, households, n, after):
    """Changes editing households the server holds: merged one by one, each logged."""
    stamp = hlc.make(hlc.now_ms(), n, device_id)
    return [{"seq": after + 1 + i, "table": "households", "id": household,
             "fields": {"address_note": [f"sửa {n}.{i}", stamp, ""],
                        "updated_at": [clock.stamp(), stamp, ""]}}
            for i, household in enumerate(households)]


def _merge(url, device_id, changes, after):
    store = PostgreSQLStore.connect(url)
    try:
        message = {"protocol": PROTOCOL, "app_version": "", "now": hlc.now_ms(),
                   "push": {"after": after, "last": changes[-1]["seq"], "changes": changes},
                   "pull": {"cursor": 0}}
        device = store.find("devices", id=device_id)[0]
        answers = []
        sent = _sent(store, lambda: answers.append(
            server.handle_sync(store, device, message)))
        assert answers[0]["rejected"] == []
        return sent
    finally:
        store.close()


def test_a_merge_asks_for_its_lock_once_and_opens_no_savepoint_per_write(central):
    url, office, village = central
    store = PostgreSQLStore.connect(url)
    code = server.create_enrolment_code(store, office, user_id=None)
    device = server.enrol(store, {"protocol": PROTOCOL, "code": code,
                                  "device_name": "laptop"})["device_id"]
    households = [str(uuid.uuid4()) for _ in range(12)]
    stamp, at = hlc.make(hlc.now_ms(), 0, device), clock.stamp()
    _merge(url, device, [
        {"seq": n + 1, "table": "households", "id": household,
         "fields": {name: [value, stamp, ""] for name, value in {
             "village_id": village, "language": "hnj", "address_note": "", "phone": "",
             "created_at": at, "updated_at": at}.items()}}
        for n, household in enumerate(households)], after=0)
    store.close()

    few = _merge(url, device, _edits(device, households[:2], 1, 12), after=12)
    many = _merge(url, device, _edits(device, households, 2, 14), after=14)

    for sent in (few, many):
        # Each merge a new connection: the lock's statement is parsed each time it is sent.
        assert sum(m.startswith("Parse") and "pg_advisory_xact_lock" in m for m in sent) == 1
    savepoints = [sum(m.startswith("Query") and "SAVEPOINT" in m for m in sent)
                  for sent in (few, many)]
    assert savepoints[0] == savepoints[1]
    # Ten more changes: each row read, written, logged and noted in history, nothing else
    # per change (9 round trips a change before: a savepoint and its release, the lock again).
    assert _round_trips(many) - _round_trips(few) <= 10 * 5, many
