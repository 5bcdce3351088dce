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


from test_sync_store import open_store, store, upgraded_file  # noqa: E402,F401 (fixtures)


def test_each_store_reads_a_pull_and_the_log_by_row_alike(store):
    rng = random.Random(3)
    entries = []
    for n in range(600):
        kind = rng.random()
        scope = ((rng.choice([10, 11, 12]), None) if kind < 0.6 else
                 (None, rng.choice(["o1", "o2"])) if kind < 0.85 else (None, None))
        entries.append(["visits", f"r{rng.randrange(80):02d}", "{}", rng.choice(["d1", "d2"]),
                        *scope, rng.choice([0, 1]), None])
    store.append_log(entries)
    logged = [(n + 1, *entry) for n, entry in enumerate(entries)]

    def visible(after, upto, communes, office, device, limit):
        return [(seq, table, row, fields, trail)
                for seq, table, row, fields, origin, commune, off, has_it, trail in logged
                if after < seq <= upto and not (origin == device and has_it)
                and ((commune is None and off is None) or commune in communes
                     or off == office)][:limit]

    for args in (((0, 600, {10, 11}, "o1", "d1", 1001)), (0, 600, set(), "o2", "d2", 9),
                 (250, 400, {12}, "o3", "d1", 1001)):
        assert [tuple(r) for r in store.log_visible(*args)] == visible(*args)
    by_row = sorted(((seq, table, row, fields, commune, office, trail)
                     for seq, table, row, fields, _origin, commune, office, _has_it, trail
                     in logged), key=lambda e: (e[1], e[2], e[0]))
    after, batches = None, 0
    while batch := store.log_by_row(after, 70):
        # From the first row after the last batch's last one, by row then seq.
        assert [tuple(r) for r in batch] == [
            e for e in by_row if after is None or (e[1], e[2]) > after][:70]
        after, batches = tuple(batch[-1][1:3]), batches + 1
    assert batches > 5

