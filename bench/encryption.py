"""The cost of encryption at rest: the pages and a sync's push and pull on the plain database
and on the same database encrypted (SQLCipher, a raw key), in the same run, as ratios.

Pages: the same generated database, copied into SQLCipher with sqlcipher_export, each page
timed on both in turn. Sync: a central server process and laptops all plain, then all encrypted
(the central server's key from FIELDAPP_DATABASE_KEY), alternating, the median of the rounds.
Goal: every ratio within 1.15.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlite_utils

from fieldapp import create_app
from fieldapp.db import CIPHER_PAGE_SIZE, connect, key_pragma, upgrade

from . import pages
from .pages import emit
from .sync import households

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from syncing import Central  # noqa: E402

GOAL = 1.15
KEY = "5a" * 32
REQUESTS, WARMUPS = 40, 5
RECORDS, ROUNDS = 5_000, 2


def run(db_path, records=RECORDS, rounds=ROUNDS):
    """Print one JSON line per measure and a summary with every ratio; return the summary."""
    page_ratios = run_pages(db_path)
    sync_ratios = run_sync(records, rounds)
    ratios = {**page_ratios, **sync_ratios}
    summary = {"bench": "encryption", "goal_ratio": GOAL,
               "worst": max(ratios, key=ratios.get), "worst_ratio": max(ratios.values()),
               "pages_median_ratio": round(statistics.median(page_ratios.values()), 3),
               **{f"{k}_ratio": v for k, v in sync_ratios.items()},
               "all_within_goal": max(ratios.values()) <= GOAL}
    emit(summary)
    return summary


def encrypted_copy(plain, target, key=KEY):
    """`plain` exported into a SQLCipher file at `target` (as fieldapp.keys converts one)."""
    target = Path(target)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    from sqlcipher3 import dbapi2 as sqlcipher
    conn = sqlcipher.connect(str(plain), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY {key_pragma(key)}", [str(target)])
        conn.execute(f"PRAGMA encrypted.cipher_page_size = {CIPHER_PAGE_SIZE}")
        conn.execute("SELECT sqlcipher_export('encrypted')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    db = connect(target, key=key)
    db.enable_wal()
    db.close()
    return target


def run_pages(db_path):
    """{page: p95 encrypted / p95 plain} for every page of bench/pages.py."""
    encrypted = encrypted_copy(db_path, Path(db_path).with_name("pages-encrypted.sqlite3"))
    db = sqlite_utils.Database(str(db_path))
    try:
        named_routes = pages.routes(pages.pick(db))
    finally:
        db.close()
    ratios = {}
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-") as folder:
        clients = {}
        for name, path, key in (("plain", db_path, None), ("encrypted", encrypted, KEY)):
            app = create_app({"TESTING": False, "DATABASE": str(path), "DATABASE_KEY": key,
                              "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": True},
                             instance_path=os.path.join(folder, name))
            clients[name] = app.test_client()
            pages.log_in(clients[name], "canbo")
        for name, route, expected in [("baseline", pages.BASELINE, None), *named_routes]:
            # In turn, twice: the disk's and the machine's moods fall on both alike.
            timings = {"plain": [], "encrypted": []}
            for kind in ("plain", "encrypted", "plain", "encrypted"):
                timings[kind].append(pages.measure(clients[kind], route, expected,
                                                   REQUESTS // 2, WARMUPS))
            if any(t["status"] != 200 for ts in timings.values() for t in ts):
                emit({"measure": name, "route": route, "status": "not 200"})
                continue
            p95 = {k: statistics.median(t["p95_ms"] for t in ts) for k, ts in timings.items()}
            median = {k: statistics.median(t["median_ms"] for t in ts)
                      for k, ts in timings.items()}
            ratio = round(p95["encrypted"] / p95["plain"], 3)
            ratios[name] = ratio
            emit({"measure": name, "route": route, "plain_p95_ms": p95["plain"],
                  "encrypted_p95_ms": p95["encrypted"], "plain_median_ms": median["plain"],
                  "encrypted_median_ms": median["encrypted"], "ratio_p95": ratio,
                  "ratio_median": round(median["encrypted"] / median["plain"], 3)})
    return ratios


class _Laptop:
    """A laptop database (plain, or encrypted with `key`) enrolled with a central server."""

    def __init__(self, instance, central, key=None):
        from sync import client
        self.instance = Path(instance)
        self.app = create_app({"TESTING": True}, instance_path=str(self.instance))
        self.db = connect(self.app.config["DATABASE"], key=key)
        upgrade(self.db)
        self.device = client.enrol(self.db.sync, str(self.instance), central.url,
                                   central.code(), self.instance.name)

    def user(self):
        return self.db.execute("select id from users where username = 'canbo'").fetchone()[0]

    def sync(self):
        from sync import client
        return client.sync(self.db.sync, self.device, instance_path=str(self.instance))

    def close(self):
        self.db.close()


class _EncryptedCentral(Central):
    """`run.py --central` with FIELDAPP_DATABASE_KEY set: its database encrypted from the start."""

    def __init__(self, instance):
        os.environ["FIELDAPP_DATABASE_KEY"] = KEY
        try:
            super(Central, self).__init__(instance, "--central")
        finally:
            del os.environ["FIELDAPP_DATABASE_KEY"]
        self.db = connect(self.instance / "fieldapp.sqlite3", key=KEY)
        self.logins = {}


def _sync_round(kind, records):
    """Seconds of a first push of `records` households and of their first pull."""
    with tempfile.TemporaryDirectory(prefix=f"fieldapp-bench-{kind}-") as folder:
        folder = Path(folder)
        key = KEY if kind == "encrypted" else None
        central = (_EncryptedCentral if key else Central)(folder / "central")
        try:
            writer = _Laptop(folder / "writer", central, key)
            writer.sync()
            households(writer, records)
            started = time.perf_counter()
            writer.sync()
            push = time.perf_counter() - started
            reader = _Laptop(folder / "reader", central, key)
            started = time.perf_counter()
            reader.sync()
            pull = time.perf_counter() - started
            writer.close(), reader.close()
        finally:
            central.stop()
    line = {"measure": f"sync {kind}", "records": records, "push_seconds": round(push, 3),
            "pull_seconds": round(pull, 3)}
    emit(line)
    return line


def run_sync(records=RECORDS, rounds=ROUNDS):
    """{"push": ratio, "pull": ratio} of the medians, the rounds alternating plain, encrypted."""
    done = {"plain": [], "encrypted": []}
    for _ in range(rounds):
        for kind in ("plain", "encrypted"):
            done[kind].append(_sync_round(kind, records))
    ratios = {}
    for step in ("push", "pull"):
        medians = {k: statistics.median(r[f"{step}_seconds"] for r in rs)
                   for k, rs in done.items()}
        ratios[f"sync_{step}"] = round(medians["encrypted"] / medians["plain"], 3)
    return ratios
