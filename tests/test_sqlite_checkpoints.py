"""A merge on SQLite commits without copying the write-ahead log into the file: a thread of its
own does that once the log is past SQLite's checkpoint size (sync/sqlite/store.py)."""

import os
import shutil
import sqlite3
import threading

import pytest

from fieldapp.db import connect, upgrade
from sync.sqlite import store as sqlite_store

PAGES = 50  # the connection's checkpoint size in pages: a merge below writes several times it


@pytest.fixture
def central(tmp_path):
    db = connect(tmp_path / "central.sqlite3")
    upgrade(db, central=True)
    db.execute("pragma wal_checkpoint(TRUNCATE)")  # the schema in the file itself
    db.execute(f"pragma wal_autocheckpoint = {PAGES}")
    yield db
    db.close()


def merge_history(db, rows, text="x" * 2000):
    """A merge writing that many history rows (about half a page each)."""
    with db.sync.merging():
        db.sync.insert("history", [{"table_name": "people", "row_id": f"p-{i}", "at": "",
                                    "user_id": None, "action": "update", "changes": text}
                                   for i in range(rows)])


def in_file_alone(db, tmp_path):
    """The history rows the database file holds without its write-ahead log."""
    copy = tmp_path / "file-alone.sqlite3"
    shutil.copyfile(tmp_path / "central.sqlite3", copy)
    with sqlite3.connect(copy) as alone:
        return alone.execute("select count(*) from history where row_id like 'p-%'"
                             ).fetchone()[0]


def checkpointer(tmp_path):
    return sqlite_store._CHECKPOINTERS[(os.getpid(), str(tmp_path / "central.sqlite3"))]


def wait_for_checkpoint(tmp_path):
    running = checkpointer(tmp_path).running
    assert running.acquire(timeout=30)
    running.release()


def test_a_merge_commits_without_a_checkpoint_and_one_follows_beside(central, tmp_path,
                                                                     monkeypatch):
    started = threading.Event()
    held = threading.Event()
    real = sqlite_store._Checkpoints._checkpoint

    def checkpoint_when_let(self):
        started.set()
        held.wait(30)
        real(self)
    monkeypatch.setattr(sqlite_store._Checkpoints, "_checkpoint", checkpoint_when_let)
    merge_history(central, 400)
    assert started.wait(30)
    # Committed, readable, and still only in the log: the merge did not copy it.
    assert central.execute("select count(*) from history where row_id like 'p-%'"
                           ).fetchone()[0] == 400
    assert in_file_alone(central, tmp_path) == 0
    held.set()
    wait_for_checkpoint(tmp_path)
    assert in_file_alone(central, tmp_path) == 400
    # The connection's own setting is back after the merge.
    assert central.execute("pragma wal_autocheckpoint").fetchone()[0] == PAGES


def test_a_small_merge_leaves_the_log_to_grow(central, tmp_path):
    merge_history(central, 1, text="x")
    assert not checkpointer(tmp_path).running.locked()
    assert in_file_alone(central, tmp_path) == 0


def test_the_log_stays_near_its_checkpoint_size_over_many_merges(central, tmp_path):
    limit = PAGES * central.execute("pragma page_size").fetchone()[0]
    sizes = []
    for _ in range(30):
        merge_history(central, 100)
        wait_for_checkpoint(tmp_path)
        sizes.append((tmp_path / "central.sqlite3-wal").stat().st_size)
    # Each merge writes past the limit once; the log starts again from its beginning after
    # each checkpoint and is cut back to the limit, rather than growing with every merge.
    assert max(sizes) < 4 * limit, sizes
    assert central.execute("select count(*) from history where row_id like 'p-%'"
                           ).fetchone()[0] == 3000


def test_a_merge_that_fails_restores_the_setting_and_writes_nothing(central, tmp_path):
    with pytest.raises(RuntimeError):
        with central.sync.merging():
            central.sync.insert("history", [{"table_name": "people", "row_id": "p-x", "at": "",
                                             "user_id": None, "action": "update",
                                             "changes": "{}"}])
            raise RuntimeError("the merge failed")
    assert central.execute("pragma wal_autocheckpoint").fetchone()[0] == PAGES
    assert central.execute("select count(*) from history where row_id = 'p-x'"
                           ).fetchone()[0] == 0
