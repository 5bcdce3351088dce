"""Load: many laptops syncing at once against one central server process on 127.0.0.1.

Each laptop (a real SQLite file) makes a few edits and syncs, in rounds, all laptops in their
own threads at the same time, for a bounded number of rounds and time. Prints one JSON line:
completed syncs per minute, p50 and p95 latency of a sync, and errors (which must be 0), next to
a baseline of the server's trivial /api/v1/version under the same concurrency, in the same run.
The laptops' threads share one Python process with the measuring, so latencies include waiting
for it on a small machine; the baseline is measured the same way. After the load every laptop
syncs once more and should then hold every household of the central server.
"""

import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from fieldapp import create_app, store
from fieldapp.db import connect, upgrade
from fieldapp.households import queries as households

from .pages import emit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from syncing import Central, Laptop  # noqa: E402

LAPTOPS = 50
ROUNDS = 10
EDITS = 3  # a new household (with its head) and edits to it, before each sync
SECONDS = 120  # the load stops starting syncs after this long, whatever the rounds
BASELINE_REQUESTS = 4  # per laptop's thread


def _percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _template(folder):
    """A migrated, empty laptop database, copied for every laptop (migrating 50 is slow)."""
    app = create_app({"TESTING": True}, instance_path=str(folder / "template"))
    db = connect(app.config["DATABASE"])
    upgrade(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return Path(app.config["DATABASE"])


def _laptop(folder, template, central, n):
    instance = folder / f"laptop{n:03d}"
    instance.mkdir()
    shutil.copyfile(template, instance / "fieldapp.sqlite3")
    laptop = Laptop(instance, central)
    laptop.sync()
    return laptop


def _together(count, work):
    """Run work(n) in `count` threads started at once; their results in order."""
    results, start = [None] * count, threading.Barrier(count)

    def run(n):
        start.wait()
        results[n] = work(n)
    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _baseline(url, laptops):
    """Latencies (ms) of /api/v1/version, as many threads at once as there are laptops."""
    def work(_):
        latencies = []
        for _ in range(BASELINE_REQUESTS):
            started = time.perf_counter()
            with urllib.request.urlopen(url + "/api/v1/version", timeout=60) as response:
                response.read()
            latencies.append((time.perf_counter() - started) * 1000)
        return latencies
    started = time.perf_counter()
    latencies = [ms for part in _together(laptops, work) for ms in part]
    return latencies, time.perf_counter() - started


def _edits(laptop, n):
    villages = laptop.villages
    household_id = households.register_household(
        laptop.db, villages[n % len(villages)], {"language": "hnj"},
        {"full_name": f"{laptop.instance.name} người {n}", "gender": "male",
         "birth_year": 1960 + n % 40, "bhxh_status": "none", "vssid": "unknown"},
        user_id=laptop.officer)
    for k in range(EDITS - 1):
        store.update(laptop.db, "households", household_id, {"address_note": f"Sửa {k}"},
                     user_id=laptop.officer)


def run(laptops=LAPTOPS, rounds=ROUNDS, seconds=SECONDS):
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-load-") as folder:
        folder = Path(folder)
        central = Central(folder / "central")
        machines = []
        try:
            template = _template(folder)
            machines = [_laptop(folder, template, central, n) for n in range(laptops)]
            for laptop in machines:
                laptop.villages = [r[0] for r in laptop.db.execute("select id from villages")]
                laptop.officer = laptop.user()
            baseline, baseline_seconds = _baseline(central.url, laptops)
            deadline = time.monotonic() + seconds
            errors = []

            def work(n):
                laptop, latencies = machines[n], []
                for r in range(rounds):
                    if time.monotonic() > deadline:
                        break
                    _edits(laptop, r)
                    started = time.perf_counter()
                    try:
                        laptop.sync(timeout=120)
                    except Exception as e:  # noqa: BLE001 - every failure is counted
                        errors.append({"status": getattr(e, "status", None),
                                       "reason": str(getattr(e, "reason", e))[:200]})
                        continue
                    latencies.append((time.perf_counter() - started) * 1000)
                return latencies
            started = time.perf_counter()
            latencies = [ms for part in _together(laptops, work) for ms in part]
            load_seconds = time.perf_counter() - started
            # Afterwards every laptop syncs once more: each should then hold every household.
            for laptop in machines:
                laptop.sync(timeout=120)
            central_households = {r[0] for r in central.db.execute(
                "select id from households")}
            short = sum(1 for laptop in machines if central_households - {
                r[0] for r in laptop.db.execute("select id from households")})
            server_errors = central.errors()
        finally:
            for laptop in machines:
                laptop.close()
            central.stop()
    line = {
        "bench": "sync_load", "laptops": laptops, "rounds": rounds, "edits_per_sync": EDITS,
        "syncs": len(latencies), "seconds": round(load_seconds, 1),
        "syncs_per_minute": round(len(latencies) * 60 / load_seconds, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(_percentile(latencies, 0.95), 1) if latencies else None,
        "errors": len(errors), "errors_5xx": sum(1 for e in errors if (e["status"] or 0) >= 500),
        "error_samples": errors[:5], "server_errors": len(server_errors),
        "server_error_samples": [line.strip()[:200] for line in server_errors[:5]],
        "laptops_missing_households_after_one_more_sync": short,
        "baseline": {"route": "/api/v1/version", "requests": len(baseline),
                     "requests_per_minute": round(len(baseline) * 60 / baseline_seconds, 1),
                     "p50_ms": round(statistics.median(baseline), 1),
                     "p95_ms": round(_percentile(baseline, 0.95), 1)},
    }
    line["ok"] = line["errors"] == 0 and line["server_errors"] == 0 and short == 0
    emit(line)
    return line
