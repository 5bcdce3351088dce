"""Latency of the dashboard and the periodic report on the benchmark database, office-wide."""

import tempfile
from datetime import date

import sqlite_utils

from fieldapp import create_app

from .pages import BASELINE, REQUESTS, WARMUPS, compared, emit, log_in, measure

TARGET_P95_MS = 300


def routes(today=None):
    """(measure name, route, text the page must contain) for every page measured."""
    today = today or date.today()
    year = f"start={today.year}-01-01&end={today.year}-12-31"
    yield "dashboard (office)", "/dashboard", "<svg"
    yield "report (office, year)", f"/reports/?{year}", 'id="summary"'


def run(db_path, requests=REQUESTS, warmups=WARMUPS):
    """Time each page as the demo supervisor (the whole office); one JSON line each, a summary."""
    db = sqlite_utils.Database(str(db_path))
    try:
        counts = {table: db.execute(
            f"select count(*) from [{table}] where deleted_at is null").fetchone()[0]
            for table in ("households", "people", "visits", "group_sessions")}
        counts["reach"] = db.execute("select count(*) from reach").fetchone()[0]
    finally:
        db.close()
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-") as instance:
        app = create_app({"TESTING": False, "DATABASE": str(db_path), "SECRET_KEY": "bench",
                          "WTF_CSRF_ENABLED": True}, instance_path=instance)
        client = app.test_client()
        log_in(client, "giamsat")
        baseline = measure(client, BASELINE, None, requests, warmups)
        emit({"measure": "baseline", "route": BASELINE, **baseline})
        if baseline["status"] != 200:
            raise SystemExit(f"the baseline {BASELINE} answered {baseline['status']}")
        results = []
        for name, route, expected in routes():
            result = compared(name, route, measure(client, route, expected, requests, warmups),
                              baseline)
            emit(result)
            results.append(result)
    timed = [r for r in results if r["status"] == 200]
    complete = len(timed) == len(results) and not any("warning" in r for r in results)
    summary = {
        "bench": "reports", **counts,
        **{f"{r['measure'].split()[0]}_{k}": r[k] for r in timed
           for k in ("median_ms", "p95_ms", "ratio_p95_to_baseline")},
        "max_p95_ms": max((r["p95_ms"] for r in timed), default=None),
        "target_p95_ms": TARGET_P95_MS,
        "all_within_target": complete and max(r["p95_ms"] for r in timed) <= TARGET_P95_MS,
        "baseline_median_ms": baseline["median_ms"]}
    emit(summary)
    return summary
