"""Log compaction (sync/compaction.py): entries a later entry of the same row and scope
superseded go, and every laptop still ends as the central server holds its office, with the
same history: one enrolled after, one restored from an older copy, one far behind."""

import json

from fieldapp import store
from sync import compaction
from syncing import Laptop, copy_instance, flask, put_back
from test_sync import converge, register

FIELDS = json.dumps


def _entry(seq, fields, scope=(10, None), trail=None, row="r1"):
    return (seq, "people", row, FIELDS({f: [1, "s", ""] for f in fields}), *scope, trail)


def test_an_entry_goes_only_when_later_ones_of_its_row_and_scope_name_all_its_fields():
    entries = [
        _entry(1, ["a", "b", "c"], trail='{"action":"insert"}'),  # c is never named again
        _entry(2, ["a"]),                        # a again in 4: deleted
        _entry(3, ["b"], trail='{"action":"update"}'),  # b again in 4: kept for its trail
        _entry(4, ["a", "b"]),
        _entry(5, ["a"], scope=(11, None)),      # another scope: what 6 names is not enough
        _entry(6, ["a", "c"], scope=(12, None)),
        _entry(7, ["a"], row="r2"),              # another row
        _entry(8, ["a", "d"], row="r3"), _entry(9, ["a"], row="r3"), _entry(10, ["d"], row="r3"),
    ]
    entries.sort(key=lambda e: (e[2], e[0]))
    assert compaction.superseded(entries) == ([2, 8], [3])
    # Emptied already: nothing more to do.
    assert compaction.superseded([_entry(1, [], trail="{}"), _entry(2, ["a"])]) == ([], [])


def _history(db, ids):
    return sorted(tuple(r) for r in db.execute(
        "select table_name, row_id, at, user_id, action, changes from history"
        f" where row_id in ({','.join('?' * len(ids))})", ids))


def test_laptops_after_compaction_end_as_the_central_server(central, laptops, tmp_path):
    writer, behind, restored = laptops("writer"), laptops("behind"), laptops("restored")
    made = [register(writer, f"Hộ nén {n}") for n in range(4)]
    writer.sync(), restored.sync()
    yesterday = copy_instance(restored.instance, tmp_path / "yesterday")
    # Papers corrected again and again: each edit supersedes the one before.
    for round_ in range(3):
        for household, person in made:
            store.update(writer.db, "households", household,
                         {"address_note": f"Sửa lần {round_}", "phone": f"09{round_}1234567"},
                         user_id=writer.user())
            store.update(restored.db, "people", person, {"full_name": f"Tên sửa {round_}"},
                         user_id=restored.user())
        writer.sync(), restored.sync()
    entries = central.db.execute("select count(*) from sync_log").fetchone()[0]
    done = flask(central.instance, "compact-log")
    assert done.returncode == 0, done.stdout
    left = central.db.execute("select count(*) from sync_log").fetchone()[0]
    emptied = central.db.execute("select count(*) from sync_log where fields = '{}'"
                                 ).fetchone()[0]
    assert f"log entries: {entries} before, {left} after" in done.stdout
    assert emptied >= 2 * len(made) * 2  # the first two rounds' edits of each row, at least
    # Again: nothing more to compact.
    assert "0 deleted, 0 kept for their history only" in flask(central.instance,
                                                               "compact-log").stdout

    identity = restored.device["device_id"]
    restored = put_back(restored, yesterday)
    fresh = Laptop(tmp_path / "fresh", central)
    try:
        converge(central, writer, behind, restored, fresh)
        assert restored.device["device_id"] != identity  # it went back in time: split
        rows = [row for pair in made for row in pair]
        for laptop in (behind, restored, fresh):
            assert _history(laptop.db, rows) == _history(central.db, rows), laptop.instance.name
    finally:
        restored.close(), fresh.close()


def test_compaction_runs_after_merges_at_most_every_few_minutes(central, laptops):
    writer = laptops("writer")
    household, _ = register(writer, "Hộ chờ nén")
    writer.sync()
    for n in range(2):
        store.update(writer.db, "households", household, {"address_note": f"Sửa {n}"},
                     user_id=writer.user())
        writer.sync()
    # The first merge on this server compacted a batch; the later ones, within the minutes,
    # did not.
    at = central.db.sync.state("log_compacted_at")
    assert at is not None
    central.db.execute("update sync_state set value = '2000-01-01T00:00:00.000+00:00'"
                       " where key = 'log_compacted_at'")
    store.update(writer.db, "households", household, {"address_note": "Sửa cuối"},
                 user_id=writer.user())
    writer.sync()
    assert central.db.sync.state("log_compacted_at") > at
    entries = central.db.execute(
        "select fields from sync_log where row_id = ? order by seq", [household]).fetchall()
    assert entries[-1][0] != "{}" and "{}" in [e[0] for e in entries[1:-1]]
