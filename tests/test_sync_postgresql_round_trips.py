"""The PostgreSQL store's round trips in a merge: the merge lock asked once, no savepoint around
each write, the writes sent with the next read. The merges are serialized, so each round trip
of one is the whole evening's."""

import tempfile
import uuid

import psycopg
import pytest

from fieldapp import demo
from fieldapp.db import connect
from sync import clock, hlc, server
from sync.postgresql import PostgreSQLStore
from sync.protocol import PROTOCOL
from sync.store import Broken


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


def test_a_merge_asks_for_its_lock_once_and_sends_its_writes_with_its_reads(central):
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
    # Ten more changes, no more round trips: the rows they change are read at once, and
    # their writes go with the merge's next read (each was a round trip, its row read; 9 a
    # change before: the row read, written, logged, noted in history, each alone, the lock
    # asked again, a savepoint and its release).
    assert _round_trips(many) == _round_trips(few), many


def test_writes_sent_later_in_a_merge_keep_their_order_and_their_errors_in_their_part(central):
    """Inside a merge the writes wait for the next statement that needs an answer: a read sees
    them, a broken one is its attempt's error, and a part undone sends none of its own."""
    url, _office, _village = central
    store = PostgreSQLStore.connect(url)
    try:
        with store.merging():
            store.set_state("queued", "1")
            assert store.state("queued") == "1"  # read after the write, in the same trip
            with pytest.raises(Broken):
                with store.attempt():
                    store.set_state("undone", "yes")
                    store.insert("sync_state", [{"key": "queued", "value": "twice"}])
            with pytest.raises(Broken):
                with store.attempt():
                    store.update("devices", {"last_seq": "not a number"}, id="none")
            with pytest.raises(RuntimeError):
                with store.attempt():
                    store.set_state("undone", "too")
                    raise RuntimeError("the merge of this change failed")
            with store.attempt():
                store.set_state("after", "yes")
        assert {r["key"]: r["value"] for r in store.find("sync_state", key=[
            "queued", "undone", "after"])} == {"queued": "1", "after": "yes"}

        # A broken write outside any attempt ends the merge, which leaves nothing.
        with pytest.raises(psycopg.IntegrityError):
            with store.merging():
                store.set_state("lost", "yes")
                store.insert("sync_state", [{"key": "queued", "value": "twice"}])
        assert store.state("lost") is None and not store.in_transaction
    finally:
        store.close()


def test_a_pushed_change_that_breaks_a_column_is_refused_alone(central):
    """Its error comes back at the end of its part, not at its own statement: still refused,
    alone, and the rest of the push merged."""
    url, office, village = central
    store = PostgreSQLStore.connect(url)
    try:
        code = server.create_enrolment_code(store, office, user_id=None)
        device = server.enrol(store, {"protocol": PROTOCOL, "code": code,
                                      "device_name": "laptop"})["device_id"]
        stamp, at = hlc.make(hlc.now_ms(), 0, device), clock.stamp()
        household = str(uuid.uuid4())
        people = [str(uuid.uuid4()) for _ in range(3)]

        def person(n, person_id, year):
            return {"seq": n + 2, "table": "people", "id": person_id, "fields": {
                name: [value, stamp, ""] for name, value in {
                    "household_id": household, "full_name": f"Giàng A {n}",
                    "name_key": f"giang a {n}", "gender": "male", "birth_year": year,
                    "relation": "child", "created_at": at, "updated_at": at}.items()}}
        changes = [{"seq": 1, "table": "households", "id": household, "fields": {
            name: [value, stamp, ""] for name, value in {
                "village_id": village, "language": "hnj", "address_note": "", "phone": "",
                "created_at": at, "updated_at": at}.items()}},
            person(0, people[0], 1990), person(1, people[1], "năm chín mươi"),
            person(2, people[2], 1995)]
        answer = server.handle_sync(store, store.find("devices", id=device)[0], {
            "protocol": PROTOCOL, "app_version": "", "now": hlc.now_ms(),
            "push": {"after": 0, "last": 4, "changes": changes}, "pull": {"cursor": 0}})
        assert [(r["seq"], r["code"]) for r in answer["rejected"]] == [(3, "incomplete")]
        assert answer["ack_seq"] == 4
        assert {r["id"] for r in store.find("people", household_id=household)} == {
            people[0], people[2]}
        assert store.count("sync_log", row_id=people[1]) == 0
        assert store.count("sync_log", row_id=people[2]) == 1
    finally:
        store.close()


def test_rows_made_earlier_in_a_push_are_not_read_again_for_their_commune(central):
    """A row hanging from one the same push made (a household in a new village) takes its
    commune from the merge, not from a read: merged one by one (the push also edits a row the
    server holds), more such rows cost no more round trips."""
    url, office, village = central
    store = PostgreSQLStore.connect(url)
    code = server.create_enrolment_code(store, office, user_id=None)
    device = server.enrol(store, {"protocol": PROTOCOL, "code": code,
                                  "device_name": "laptop"})["device_id"]
    commune = store.find("villages", id=village)[0]["commune_code"]
    held = str(uuid.uuid4())
    stamp, at = hlc.make(hlc.now_ms(), 0, device), clock.stamp()
    household = {"language": "hnj", "address_note": "", "phone": "", "created_at": at,
                 "updated_at": at}
    _merge(url, device, [{"seq": 1, "table": "households", "id": held, "fields": {
        name: [value, stamp, ""] for name, value in {**household, "village_id": village}.items()}}],
        after=0)
    store.close()

    def push(n, after):
        stamp = hlc.make(hlc.now_ms(), n, device)
        changes = _edits(device, [held], n, after)
        for i in range(n):
            made = str(uuid.uuid4())
            changes += [
                {"table": "villages", "id": made, "fields": {
                    name: [value, stamp, ""] for name, value in {
                        "commune_code": commune, "name": f"Bản Mới {after}.{i}",
                        "name_key": f"ban moi {after} {i}", "kind": "ban", "created_at": at,
                        "updated_at": at}.items()}},
                {"table": "households", "id": str(uuid.uuid4()), "fields": {
                    name: [value, stamp, ""] for name, value in {
                        **household, "village_id": made}.items()}}]
        for seq, change in enumerate(changes, after + 1):
            change["seq"] = seq
        return _merge(url, device, changes, after), after + len(changes)

    few, after = push(1, 1)
    many, _ = push(8, after)
    assert _round_trips(many) == _round_trips(few), many


def test_rows_inserted_together_go_in_one_statement_each_thousand(central, monkeypatch):
    """One statement for many rows, not one each: a trigger per statement then runs once for
    them (revision 0010). The log's seqs follow the rows' order; a key given twice to be
    replaced keeps the later row, as one row after another would."""
    from sync.postgresql import store as pg_store
    url, office, village = central
    monkeypatch.setattr(pg_store, "ROWS_PER_INSERT", 4)
    store = PostgreSQLStore.connect(url)
    try:
        entries = [("households", f"h{n}", "{}", "laptop", None, None, 0, None)
                   for n in range(10)]
        sent = _sent(store, lambda: store.append_log(entries))
        inserts = [m for m in sent if m.startswith("Parse") and "insert into" in m]
        # Parsed as each statement is sent (psycopg prepares only a query run five times).
        assert [m.count("), (") + 1 for m in inserts] == [4, 4, 2], inserts
        assert [r["row_id"] for r in store.find("sync_log", order_by=["seq"])][-10:] == [
            f"h{n}" for n in range(10)]

        store.insert("device_pushes", [["d", 1, "a"], ["d", 2, "b"], ["d", 1, "c"]],
                     replace=True, names=("device_id", "seq", "digest"))
        assert {(r["seq"], r["digest"]) for r in store.find("device_pushes", device_id="d")} \
            == {(1, "c"), (2, "b")}
    finally:
        store.close()
