"""The sync engine alone, in one process, with no HTTP: what its store costs.

10,000 new household records made on a laptop are merged by the central server in pushes of a
batch each, served to a second laptop in pulls of a batch each, and applied there by a fresh
database. Each is timed on its own, next to a baseline in the same run: the same rows written
into a fresh database in one `executemany`, the floor of any way of storing them. Prints one
JSON line per round and one with the medians.
"""

import json
import statistics
import tempfile
import time
from pathlib import Path

from fieldapp import demo, store
from fieldapp.db import connect, upgrade
from sync import client, inbox, pages, server
from sync.protocol import PROTOCOL

from .pages import emit

RECORDS = 10_000
ROUNDS = 5


def _request(push=(), cursor=0):
    push = list(push)
    after = push[0]["seq"] - 1 if push else 0
    return {"protocol": PROTOCOL, "app_version": "", "now": int(time.time() * 1000),
            "push": {"after": after, "last": push[-1]["seq"] if push else after,
                     "changes": push}, "pull": {"cursor": cursor}}


def _device(central, office):
    code = server.create_enrolment_code(central.sync, office, user_id=None)
    enrolled = server.enrol(central.sync, {"protocol": PROTOCOL, "code": code,
                                           "device_name": "bench"})
    return central.sync.find("devices", id=enrolled["device_id"])[0]


def _round(folder):
    central = connect(folder / "central.sqlite3")
    upgrade(central, central=True)
    demo.seed_demo(central, password="bench-password-1")
    office, village = central.execute("""
        select oc.office_id, v.id from villages v
          join office_communes oc on oc.commune_code = v.commune_code limit 1""").fetchone()
    maker, taker = _device(central, office), _device(central, office)
    laptop = connect(folder / "laptop.sqlite3")
    upgrade(laptop)
    laptop.sync.set_state("device_id", maker["id"])
    # The village is the central server's: the laptop only needs its records to name it.
    laptop.execute("PRAGMA foreign_keys = OFF")
    with laptop.atomic():
        for n in range(RECORDS):
            store.insert(laptop, "households", {"village_id": village, "language": "hnj",
                                                "address_note": f"Nhà số {n} gần suối",
                                                "phone": ""}, user_id=None)
    timed = {"merge": 0.0, "serve_pull": 0.0, "apply": 0.0}
    # The maker pulls to the end first, untimed: it is timed merging, not pulling (a pull
    # position it was never handed would be a central server gone back in time).
    cursor, more = 0, True
    while more:
        pulled = server.handle_sync(central.sync, maker, _request(cursor=cursor))["pull"]
        cursor, more = pulled["cursor"], pulled["more"]
    pushed = 0
    while batch := client._outgoing(laptop.sync, pushed):
        changes = [{"seq": seq, "table": table, "id": row_id, "fields": json.loads(fields)}
                   for seq, table, row_id, fields, _again in batch]
        started = time.perf_counter()
        answer = server.handle_sync(central.sync, maker, _request(changes, cursor))
        timed["merge"] += time.perf_counter() - started
        assert "recover" not in answer and answer["rejected"] == [], answer["rejected"][:3]
        pushed, cursor = answer["ack_seq"], answer["pull"]["cursor"]
    fresh = connect(folder / "fresh.sqlite3")
    upgrade(fresh)
    fresh.execute("PRAGMA foreign_keys = OFF")
    cursor, more = 0, True
    while more:
        started = time.perf_counter()
        pull = server.handle_sync(central.sync, taker, _request(cursor=cursor))["pull"]
        timed["serve_pull"] += time.perf_counter() - started
        started = time.perf_counter()
        with fresh.atomic():
            inbox.receive(fresh.sync, pages.decode(pull, taker["id"]), 0)
        timed["apply"] += time.perf_counter() - started
        cursor, more = pull["cursor"], pull["more"]
    held = fresh.execute("select count(*) from households").fetchone()[0]
    assert held == RECORDS, held
    rows = laptop.execute("select * from households").fetchall()
    for db in (central, laptop, fresh):
        db.close()
    return timed, _baseline(folder, rows)


def _baseline(folder, rows):
    """Seconds to write the same rows into a fresh database at once."""
    db = connect(folder / "baseline.sqlite3")
    upgrade(db)
    db.execute("PRAGMA foreign_keys = OFF")
    marks = ",".join("?" * len(rows[0]))
    started = time.perf_counter()
    with db.atomic():
        db.conn.executemany(f"insert into households values ({marks})", rows)
    seconds = time.perf_counter() - started
    db.close()
    return seconds


def run(rounds=ROUNDS):
    results = []
    for n in range(rounds):
        with tempfile.TemporaryDirectory(prefix="fieldapp-bench-engine-") as folder:
            timed, baseline = _round(Path(folder))
        line = {"round": n + 1, "records": RECORDS, "baseline_seconds": round(baseline, 4),
                **{f"{k}_seconds": round(v, 3) for k, v in timed.items()},
                **{f"{k}_ratio": round(v / baseline, 1) for k, v in timed.items()}}
        emit(line)
        results.append(line)
    summary = {"bench": "sync_engine", "records": RECORDS, "rounds": rounds}
    for key in ("baseline_seconds", "merge_seconds", "serve_pull_seconds", "apply_seconds",
                "merge_ratio", "serve_pull_ratio", "apply_ratio"):
        summary[key] = statistics.median(r[key] for r in results)
    emit(summary)
    return summary
