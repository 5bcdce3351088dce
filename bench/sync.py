"""Sync of 10,000 household records between laptops and a real central server on 127.0.0.1.

Measures the first push from a laptop, the first pull to a fresh laptop, a sync with nothing
to do and a sync of 10 edits: wall seconds, requests, and bytes each way; next to a baseline
of the same number of requests to the server's trivial /api/v1/version in the same run, and a
floor: the same records JSON-encoded, gzipped, decoded and inserted with their log entries into
SQLite in batches of 1,000, in one process without HTTP.
"""

import gzip
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from fieldapp import store
from sync.synced_tables import CLOCK_COLUMN

from .pages import emit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from syncing import Central, Laptop  # noqa: E402

RECORDS = 10_000
# Disk and scheduling on a shared machine vary from run to run: the median of a few rounds.
ROUNDS = 3
TARGETS = {"idle_requests": 1, "idle_bytes": 1024, "edits_requests": 2,
           "bulk_seconds": 1.5, "bulk_requests": 12}


def households(laptop, n):
    """n household rows, about 150 bytes of JSON each, written through the store."""
    villages = [r[0] for r in laptop.db.execute("select id from villages")]
    user = laptop.user()
    with laptop.db.atomic():
        for i in range(n):
            store.insert(laptop.db, "households", {
                "village_id": villages[i % len(villages)], "head_person_id": None,
                "address_note": f"Nhà số {i}, gần suối", "ethnicity": "mong",
                "language": "hnj", "phone": f"09{i:08d}"}, user_id=user)


def _timed(label, laptop, baseline_ms_per_request):
    started = time.perf_counter()
    result = laptop.sync()
    seconds = time.perf_counter() - started
    line = {"measure": label, "seconds": round(seconds, 3), "requests": result.requests,
            "sent": result.sent, "received": result.received, "bytes_up": result.bytes_up,
            "bytes_down": result.bytes_down,
            "baseline_seconds": round(baseline_ms_per_request * result.requests / 1000, 4)}
    line["ratio_to_baseline"] = round(seconds / max(line["baseline_seconds"], 1e-6), 1)
    emit(line)
    return line


def _floor(writer, folder):
    """Seconds to carry the writer's households as a sync would at best: each batch of 1,000
    changes JSON-encoded and gzipped as the client sends it, then decoded and inserted with
    one log entry each into a new SQLite file in one transaction, with the app's pragmas."""
    table_sql = writer.db.execute("select sql from sqlite_master where name = 'households'"
                                  ).fetchone()[0]
    log_sql = writer.db.execute("select sql from sqlite_master where name = 'sync_log'"
                                ).fetchone()[0]
    rows = [dict(r) for r in writer.db.query("select * from households order by rowid")]
    device = writer.device["device_id"]
    target = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    target.execute("PRAGMA journal_mode = WAL")
    target.execute("PRAGMA synchronous = NORMAL")
    target.execute(table_sql)
    target.execute(log_sql)
    # The changes as the laptop's log holds them: made before the clock starts.
    batches = [[{"seq": start + n + 1, "table": "households", "id": row["id"],
                 "fields": {name: [row[name], stamp, ""]
                            for name, stamp in json.loads(row[CLOCK_COLUMN]).items()}}
                for n, row in enumerate(rows[start:start + 1000])]
               for start in range(0, len(rows), 1000)]
    names = [n for n in rows[0] if n not in ("id", CLOCK_COLUMN)]
    started = time.perf_counter()
    for batch in batches:
        body = gzip.compress(json.dumps({"changes": batch}, separators=(",", ":")).encode(),
                             compresslevel=5, mtime=0)
        changes = json.loads(gzip.decompress(body))["changes"]
        target.execute("BEGIN")
        target.executemany(
            f"insert into households (id, {', '.join(names)}, {CLOCK_COLUMN}) values"
            f" (?{', ?' * len(names)}, ?)",
            [[c["id"], *(c["fields"][n][0] if n in c["fields"] else None for n in names),
              json.dumps({n: t[1] for n, t in c["fields"].items()})]
             for c in changes])
        target.executemany(
            "insert into sync_log (table_name, row_id, fields, origin) values (?, ?, ?, ?)",
            [[c["table"], c["id"], json.dumps(c["fields"], separators=(",", ":")), device]
             for c in changes])
        target.execute("COMMIT")
    seconds = time.perf_counter() - started
    target.close()
    return seconds


def _baseline(url, requests=20):
    """Milliseconds per request of a trivial route on the same server."""
    started = time.perf_counter()
    for _ in range(requests):
        with urllib.request.urlopen(url + "/api/v1/version") as response:
            response.read()
    return (time.perf_counter() - started) * 1000 / requests


def run(records=RECORDS, rounds=ROUNDS):
    """Each round on a new central server and new laptops; the summary takes the medians."""
    results = [_round(records, n + 1) for n in range(rounds)]

    def median(key):
        return statistics.median(r[key]["seconds"] for r in results)

    push, pull, idle, edits, same, per_request = (results[-1][k] for k in (
        "push", "pull", "idle", "edits", "same", "per_request"))
    summary = {
        "bench": "sync", "records": records, "rounds": rounds,
        "households_on_fresh_laptop": same,
        "push_seconds": median("push"), "push_requests": push["requests"],
        "push_seconds_each_round": [r["push"]["seconds"] for r in results],
        "push_bytes_up": push["bytes_up"], "push_bytes_down": push["bytes_down"],
        "pull_seconds": median("pull"), "pull_requests": pull["requests"],
        "pull_seconds_each_round": [r["pull"]["seconds"] for r in results],
        "pull_bytes_up": pull["bytes_up"], "pull_bytes_down": pull["bytes_down"],
        "idle_requests": idle["requests"], "idle_bytes_up": idle["bytes_up"],
        "idle_bytes_down": idle["bytes_down"], "edits_requests": edits["requests"],
        "edits_seconds": median("edits"),
        "baseline_ms_per_request": round(per_request, 2),
        "floor_seconds": round(statistics.median(r["floor"] for r in results), 3),
        "floor_seconds_each_round": [round(r["floor"], 3) for r in results],
    }
    summary["push_to_floor"] = round(summary["push_seconds"] / summary["floor_seconds"], 2)
    summary["pull_to_floor"] = round(summary["pull_seconds"] / summary["floor_seconds"], 2)
    summary["within_targets"] = (
        idle["requests"] <= TARGETS["idle_requests"]
        and idle["bytes_up"] + idle["bytes_down"] <= 2 * TARGETS["idle_bytes"]
        and max(idle["bytes_up"], idle["bytes_down"]) < TARGETS["idle_bytes"]
        and edits["requests"] <= TARGETS["edits_requests"]
        and max(summary["push_seconds"], summary["pull_seconds"]) <= TARGETS["bulk_seconds"]
        and max(push["requests"], pull["requests"]) <= TARGETS["bulk_requests"])
    emit(summary)
    return summary


def _round(records, number):
    """One central server, a laptop that pushes, a fresh one that pulls, then idle and edits."""
    emit({"round": number})
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-sync-") as folder:
        folder = Path(folder)
        central = Central(folder / "central")
        try:
            per_request = _baseline(central.url)
            emit({"measure": "baseline", "route": "/api/v1/version",
                  "ms_per_request": round(per_request, 2)})
            writer = Laptop(folder / "writer", central)
            writer.sync()
            households(writer, records)
            push = _timed(f"first push of {records} records", writer, per_request)
            floor = _floor(writer, folder)
            emit({"measure": "floor", "seconds": round(floor, 3)})
            reader = Laptop(folder / "reader", central)
            pull = _timed(f"first pull of {records} records to a fresh laptop", reader,
                          per_request)
            idle = _timed("sync with nothing to do", reader, per_request)
            ids = [r[0] for r in reader.db.execute("select id from households limit 10")]
            for n, household in enumerate(ids):
                store.update(reader.db, "households", household,
                             {"address_note": f"Sửa {n}"}, user_id=reader.user())
            edits = _timed("sync of 10 edits", reader, per_request)
            same = reader.db.execute("select count(*) from households").fetchone()[0]
            writer.close(), reader.close()
        finally:
            central.stop()
    return {"push": push, "pull": pull, "idle": idle, "edits": edits, "same": same,
            "per_request": per_request, "floor": floor}
