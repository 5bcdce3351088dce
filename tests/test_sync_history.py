"""The central log read by scope: a pull's cost follows what the device may see, not the log's
length (issue 27, part 4; `python -m bench --only history` measures it)."""

import random

from fieldapp.db import connect, upgrade
from sync.sqlite.store import _visible


def _log(db, count, seed=1):
    """A log of many offices' entries: communes, offices' accounts, shared lists, some the
    device's own."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        kind = rng.random()
        commune = rng.choice([10, 11, 12, 13, 14]) if kind < 0.7 else None
        office = rng.choice(["o1", "o2"]) if 0.7 <= kind < 0.9 else None
        if kind >= 0.995:
            commune, office = 11, "o1"  # both: seen once, by its commune's range
        origin = rng.choice(["d1", "d2"])
        rows.append(("visits", f"r{n}", "{}", origin, commune, office, rng.choice([0, 1]), None))
    with db.conn:
        db.conn.executemany(
            "insert into sync_log (table_name, row_id, fields, origin, scope_commune,"
            " scope_office, origin_has_it, trail) values (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _by_one_scan(db, after, upto, communes, office, device, limit):
    marks = ",".join("?" * len(communes)) or "null"
    return db.execute(f"""
        select seq, table_name, row_id, fields, trail from sync_log not indexed
         where seq > ? and seq <= ?
           and ((scope_commune is null and scope_office is null)
                or scope_commune in ({marks}) or scope_office = ?)
           and not (origin = ? and origin_has_it = 1)
         order by seq limit ?""", [after, upto, *sorted(communes), office, device, limit]
                      ).fetchall()


def test_a_pull_reads_what_one_scan_would(tmp_path):
    db = connect(tmp_path / "central.sqlite3")
    upgrade(db)
    _log(db, 5000)
    last = db.sync.last_seq()
    for communes, office, device in (({10, 11}, "o1", "d1"), (set(), "o2", "d2"),
                                     ({12, 13, 14}, "o3", "d1")):
        for after, upto, limit in ((0, last, 1001), (0, last, 7), (1200, 3100, 50),
                                   (last - 10, last, 1001), (last, last, 1001)):
            assert db.sync.log_visible(after, upto, communes, office, device, limit) == \
                _by_one_scan(db, after, upto, communes, office, device, limit)


def test_a_pull_searches_one_index_range_per_scope(tmp_path):
    """Never a scan of the log, nor its seq range alone: each scope's index, from the cursor."""
    db = connect(tmp_path / "central.sqlite3")
    upgrade(db)
    _log(db, 2000)
    db.execute("analyze")
    sql, params = _visible([10, 11], "o1", 5, 1500, "d1", 1001)
    plan = [row[3] for row in db.execute("explain query plan " + sql, params)]
    reads = [step for step in plan if "sync_log" in step]
    assert reads == [
        "SEARCH sync_log USING INDEX idx_sync_log_shared (seq>? AND seq<?)",
        "SEARCH sync_log USING INDEX idx_sync_log_commune (scope_commune=? AND seq>? AND seq<?)",
        "SEARCH sync_log USING INDEX idx_sync_log_commune (scope_commune=? AND seq>? AND seq<?)",
        "SEARCH sync_log USING INDEX idx_sync_log_office (scope_office=? AND seq>? AND seq<?)"]
    # Merged as read, in seq order: nothing sorted, so the limit stops the reading.
    assert "MERGE (UNION ALL)" in plan and not [step for step in plan if "B-TREE" in step]
