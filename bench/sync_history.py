"""History: a laptop's sync should cost the same on a central log of 100,000 and of 5,000,000
changes.

What is real: the central server is `run.py --central` on 127.0.0.1 with the demo office, and
the laptops are real laptop databases enrolled with it, syncing with the client's own code.
Measured on each history: a sync with nothing to do, a push of 300 new households, the pull of
those 300 by an office-mate, and the same pull by a laptop far behind (its cursor from before
the whole history, with only those 300 entries visible to it after); the medians of a few
rounds, each size measured in turn, then the ratio big/small of each.

The shortcut: the history is written straight into the central database's sync_log with SQL, in
big batches, while the server is stopped (its indexes dropped and made again after, as a bulk
load does). Its entries are other offices' work, as a province's log mostly is to one laptop:
visits, outcomes, households and people spread over the country's communes, about 1 % office
accounts of 200 other offices, with field JSON and trails of realistic size; the rows they
name are not made, since no pull of the demo office reads them.
"""

import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from fieldapp.db import connect
from sync import compaction

from .pages import emit
from .sync import households

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from syncing import Central, Laptop  # noqa: E402

SIZES = (100_000, 5_000_000)
CHANGES = 300
ROUNDS = 5
FILL_BATCH = 100_000
_TABLES = ("visits", "visit_outcomes", "households", "people", "group_sessions",
           "session_attendees")


def _fields(rng, device, at):
    """Field JSON as a merged change of a few fields logs it."""
    stamp = f"{at:013d}.00000.{device}"
    return ('{"outcome":["bhyt_renewed","%s",""],'
            '"note":["Đã gặp chủ hộ, hẹn tuần sau","%s",""],'
            '"updated_at":["2026-11-0%dT08:00:00","%s",""],"updated_by":["%s","%s",""]}'
            % (stamp, stamp, rng.randrange(1, 10), stamp, device, stamp))


def fill(path, count, office_communes, seed=1):
    """Append `count` entries of other offices' work to the central log at `path`; returns the
    seconds it took."""
    rng = random.Random(seed)
    db = connect(path)
    started = time.perf_counter()
    communes = [r[0] for r in db.execute("select code from communes") if r[0]
                not in office_communes]
    offices = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(200)]
    devices = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(2000)]
    samples = [_fields(rng, d, 1795400000000 + n) for n, d in enumerate(devices[:500])]
    trail = ('{"at":"2026-11-03T08:00:00","user_id":"%s","action":"update",'
             '"changes":"{\\"outcome\\": [null, \\"bhyt_renewed\\"]}"}' % offices[0])
    indexes = [r[0] for r in db.execute(
        "select sql from sqlite_master where type = 'index' and tbl_name = 'sync_log'"
        " and sql is not null")]
    names = [r[0] for r in db.execute(
        "select name from sqlite_master where type = 'index' and tbl_name = 'sync_log'"
        " and sql is not null")]
    for name in names:
        db.execute(f"drop index [{name}]")

    # An edit names fewer fields: the note and who and when.
    updates = [sample[:1] + sample[sample.index('"note"'):] for sample in samples]
    recent = []

    def rows(n):
        # A third are new records; the rest edit a recent one again (same scope), as a
        # province's officers correct papers and visit the same households.
        for _ in range(n):
            if len(recent) < 1000 or rng.random() < 0.3:
                office = rng.random() < 0.01
                row = (rng.choice(_TABLES) if not office else "users",
                       str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                       None if office else rng.choice(communes),
                       rng.choice(offices) if office else None)
                recent.append(row)
                if len(recent) > 20_000:
                    del recent[:10_000]
                fields = samples[rng.randrange(len(samples))]
            else:
                row = recent[rng.randrange(len(recent))]
                fields = updates[rng.randrange(len(updates))]
            yield (row[0], row[1], fields, rng.choice(devices), row[2], row[3], 1, trail)

    for start in range(0, count, FILL_BATCH):
        with db.conn:
            db.conn.executemany(
                "insert into sync_log (table_name, row_id, fields, origin, scope_commune,"
                " scope_office, origin_has_it, trail) values (?, ?, ?, ?, ?, ?, ?, ?)",
                rows(min(FILL_BATCH, count - start)))
    for sql in indexes:
        db.execute(sql)
    db.execute("analyze")
    db.close()
    return time.perf_counter() - started


def _timed(laptop):
    started = time.perf_counter()
    progress = laptop.sync(timeout=600)
    return time.perf_counter() - started, progress


class _History:
    """A central server on a log of `size` entries, its laptops, and the times measured."""

    def __init__(self, size, folder, rounds):
        central = Central(folder / "central")
        self.port, self.path = central.port, central.instance / "fieldapp.sqlite3"
        try:
            self.pusher = Laptop(folder / "pusher", central)
            self.puller = Laptop(folder / "puller", central)
            self.behind = [Laptop(folder / f"behind-{n}", central) for n in range(rounds)]
            for laptop in self.laptops():
                laptop.sync()
            communes = {r[0] for r in central.db.execute(
                "select commune_code from office_communes")}
        finally:
            central.stop()
        self.fill_seconds = fill(self.path, size, communes)
        self.times = {"idle": [], "push": [], "pull": [], "far_behind_pull": []}

    def laptops(self):
        return (self.pusher, self.puller, *self.behind)

    def start(self):
        self.central = Central(self.path.parent, port=self.port)
        self.logged = self.central.db.execute("select count(*) from sync_log").fetchone()[0]
        # Both laptops take the history's end as their position once (none of it is theirs).
        for laptop in (self.pusher, self.puller):
            laptop.sync(timeout=600)

    def round(self, number):
        # A few milliseconds each: several, so the median holds against the machine's noise.
        self.times["idle"] += [_timed(self.puller)[0] for _ in range(5)]
        households(self.pusher, CHANGES)
        seconds, progress = _timed(self.pusher)
        assert progress.sent == CHANGES, progress.sent
        self.times["push"].append(seconds)
        seconds, progress = _timed(self.puller)
        assert progress.received == CHANGES, progress.received
        self.times["pull"].append(seconds)
        if number == 0:
            # Each far-behind laptop pulls these same 300, from before the whole history.
            for laptop in self.behind:
                seconds, progress = _timed(laptop)
                assert progress.received == CHANGES, progress.received
                self.times["far_behind_pull"].append(seconds)

    def finish(self):
        """Stop the server, compact the log once, and return the figures."""
        for laptop in self.laptops():
            laptop.close()
        self.central.stop()
        line = {"measure": "history", "logged_changes": self.logged,
                "fill_seconds": round(self.fill_seconds, 1),
                **{f"{name}_seconds": round(statistics.median(values), 4)
                   for name, values in self.times.items()},
                **{f"{name}_best_seconds": round(min(values), 4)
                   for name, values in self.times.items()},
                **{f"{name}_each": [round(v, 4) for v in values]
                   for name, values in self.times.items() if name != "idle"},
                **_compacted(self.path)}
        emit(line)
        return line


def _compacted(path):
    """The log's entries and bytes before and after one walk of sync.compaction over it."""
    db = connect(path)
    size = "select count(*), sum(length(fields) + coalesce(length(trail), 0)) from sync_log"
    entries, size_before = db.execute(size).fetchone()
    started = time.perf_counter()
    read, deleted, emptied = compaction.compact(db.sync, limit=20_000)
    seconds = time.perf_counter() - started
    left, size_after = db.execute(size).fetchone()
    db.close()
    return {"log_entries_before": entries, "log_entries_after": left,
            "log_entries_emptied": emptied, "log_mb_before": round(size_before / 2**20, 1),
            "log_mb_after": round(size_after / 2**20, 1), "compaction_seconds": round(seconds, 1)}


def run(sizes=SIZES, rounds=ROUNDS):
    """Each history size on its own central server, measured in turn round by round (so the
    machine's load falls on both alike); the summary gives big/small ratios."""
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-history-") as folder:
        histories = [_History(size, Path(folder) / str(size), rounds) for size in sizes]
        try:
            for history in histories:
                history.start()
            for number in range(rounds):
                for history in histories:
                    history.round(number)
        finally:
            results = [history.finish() for history in histories]
    small, big = results[0], results[-1]
    summary = {"bench": "history", "sizes": list(sizes), "changes": CHANGES, "rounds": rounds,
               **{f"{name}_ratio": round(big[f"{name}_seconds"] / small[f"{name}_seconds"], 2)
                  for name in ("idle", "push", "pull", "far_behind_pull")},
               # The fastest of each: what the machine's noise leaves out.
               **{f"{name}_best_ratio": round(big[f"{name}_best_seconds"]
                                              / small[f"{name}_best_seconds"], 2)
                  for name in ("idle", "push", "pull", "far_behind_pull")}}
    emit(summary)
    return summary
