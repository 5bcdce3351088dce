"""Merges of several server processes take turns on the database file, however long one takes."""

import multiprocessing
import threading

from fieldapp.db import connect, upgrade

# fork: the children need no import of the test module, and the parent holds no connection then.
PROCESSES = multiprocessing.get_context("fork")


def _hold(path, entered, leave):
    db = connect(path)
    with db.sync.merging():
        db.sync.set_state("merged_first", "holder")
        entered.set()
        leave.wait(30)
    db.close()


def test_a_merge_waits_for_another_process_past_sqlites_busy_timeout(tmp_path):
    """A gunicorn worker's merge waits for another worker's long merge instead of failing with
    "database is locked" once SQLite's busy timeout has passed."""
    path = tmp_path / "central.sqlite3"
    db = connect(path)
    upgrade(db, central=True)
    db.close()
    entered, leave = PROCESSES.Event(), PROCESSES.Event()
    holder = PROCESSES.Process(target=_hold, args=(path, entered, leave))
    holder.start()
    try:
        assert entered.wait(30)
        db = connect(path)
        db.execute("pragma busy_timeout = 100")  # far shorter than the other merge
        threading.Timer(1.0, leave.set).start()
        with db.sync.merging():
            first = db.sync.state("merged_first")
            db.sync.set_state("merged_second", "waiter")
        assert first == "holder"  # it began once the other had committed
        assert (db.sync.state("merged_first"), db.sync.state("merged_second")) == (
            "holder", "waiter")
        db.close()
    finally:
        leave.set()
        holder.join(30)
    assert holder.exitcode == 0
