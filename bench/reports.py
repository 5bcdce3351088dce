"""Latency of the dashboard and the periodic report on the benchmark database, office-wide."""

from datetime import date

import sqlite_utils

from .pages import REQUESTS, WARMUPS, emit, time_routes

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
    baseline, results = time_routes(db_path, "giamsat", routes(), requests, warmups)
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
