"""A request that pushes nothing and finds its pull bound recorded takes no merge lock and
writes nothing (issue 27, part 5): a laptop's idle sync and the later requests of a long pull
go on while another laptop's merge holds the lock, and the pull bound still never passes what
the server recorded before handing it out (sync/lineage.py)."""

import threading

from bench.sync import households
from sync import hlc, server
from fieldapp.db import connect

# On an SQLite central server alone, for the suite's time (it passes on PostgreSQL: add
# CENTRAL_STORES = ("sqlite", "postgresql") to run it there); the merge lock across processes on
# PostgreSQL is test_sync_store_contract's.


def _request(device, cursor):
    return {"protocol": 3, "now": hlc.now_ms(), "app_version": device["app_version"] or "",
            "push": {"after": device["last_seq"], "last": device["last_seq"], "changes": []},
            "pull": {"cursor": cursor}}


def _answered_while_merging(store, holder, device, cursor, wait=5, request=None):
    """The answer to a pull-only request (`request`, or one from the cursor) sent while
    `holder` holds the merge lock, or None if it waited for the lock; the lock is released
    after `wait` seconds either way, and the answer it got is returned second."""
    answers, held, release = [], threading.Event(), threading.Event()

    def hold():
        with holder.merging():
            held.set()
            release.wait(wait)

    holding = threading.Thread(target=hold)
    holding.start()
    held.wait(10)
    asking = threading.Thread(target=lambda: answers.append(
        server.handle_sync(store, device, request or _request(device, cursor))))
    asking.start()
    asking.join(wait / 2)
    quick = list(answers)
    release.set()
    holding.join(), asking.join()
    return (quick or [None])[0], answers[0]


def _reader_behind_a_writer(laptops, central, households_made):
    """(writer, reader, the central database twice: to ask and to hold the lock, the reader's
    device row) once the writer pushed households the reader has not pulled."""
    writer, reader = laptops("writer"), laptops("reader")
    households(writer, households_made)
    writer.sync()
    path = central.database_url or central.instance / "fieldapp.sqlite3"
    store, holder = connect(path), connect(path)
    return writer, reader, store, holder, \
        store.sync.find("devices", id=reader.device["device_id"])[0]


def test_pulls_within_the_bound_take_no_merge_lock(tmp_path, laptops, central):
    # The reader's first request records the bound; it then pulls below it, request by request.
    writer, reader, store, holder, device = _reader_behind_a_writer(laptops, central, 1500)
    try:
        before = device["pull_bound"]
        cursor = int(reader.db.sync.state("pull_cursor", 0))
        assert cursor == before  # caught up with its bound, and the log went on since
        # A bound that must grow is recorded under the merge lock: the request waits for it.
        quick, answer = _answered_while_merging(store.sync, holder.sync, device, cursor)
        assert quick is None
        device = store.sync.find("devices", id=device["id"])[0]
        assert device["pull_bound"] == store.sync.last_seq() > before
        assert answer["pull"]["more"] and answer["pull"]["cursor"] <= device["pull_bound"]
        # Below the bound: answered while another merge holds the lock, nothing written.
        rows = store.execute("select * from devices order by id").fetchall()
        cursor = answer["pull"]["cursor"]
        while True:
            quick, answer = _answered_while_merging(store.sync, holder.sync, device, cursor)
            assert quick is not None and quick == answer
            assert answer["pull"]["cursor"] <= device["pull_bound"]
            cursor = answer["pull"]["cursor"]
            if not answer["pull"]["more"]:
                break
        assert cursor == device["pull_bound"]
        # Nothing logged since: an idle request is answered at once as well.
        quick, answer = _answered_while_merging(store.sync, holder.sync, device, cursor)
        assert quick is not None and quick["pull"]["changes"] == []
        assert store.execute("select * from devices order by id").fetchall() == rows
    finally:
        store.close(), holder.close()
    # The laptop itself ends as the writer's office holds it.
    reader.sync()
    assert reader.db.execute("select count(*) from households").fetchone()[0] == \
        writer.db.execute("select count(*) from households").fetchone()[0]


def test_a_later_request_of_a_sync_at_its_bound_is_done_without_the_lock(laptops, central):
    """The later requests of one sync (`continuing`) stop at the bound its first request set:
    none waits behind the merges queued for the lock to move its bound on."""
    import pytest

    from sync.protocol import RequestDenied, check_sync
    writer, reader, store, holder, device = _reader_behind_a_writer(laptops, central, 30)
    try:
        cursor = int(reader.db.sync.state("pull_cursor", 0))
        assert cursor == device["pull_bound"] < store.sync.last_seq()
        request = _request(device, cursor)
        request["pull"]["continuing"] = True
        quick, _ = _answered_while_merging(store.sync, holder.sync, device, cursor,
                                           request=request)
        assert quick, "a continuing request at its bound waited for the merge lock"
        assert quick["pull"]["cursor"] == cursor and not quick["pull"]["more"]
        for hostile in (1, "yes", None, []):
            with pytest.raises(RequestDenied) as refused:
                check_sync({**request, "pull": {"cursor": cursor, "continuing": hostile}})
            assert refused.value.status == 400
    finally:
        store.close(), holder.close()
    # Its next sync (a first request) moves the bound on and brings the writer's work.
    reader.sync()
    assert reader.db.execute("select count(*) from households").fetchone()[0] == \
        writer.db.execute("select count(*) from households").fetchone()[0]
