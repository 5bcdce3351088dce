"""Latency of the door-to-door pages on the benchmark database, next to a trivial page."""

import json
import re
import statistics
import tempfile
import time
from urllib.parse import urlencode

import sqlite_utils

from fieldapp import create_app

from .generate import PASSWORD

WARMUPS = 5
REQUESTS = 60
# A slow page stops being sampled after this long, once it has MIN_REQUESTS samples.
BUDGET_SECONDS = 20
MIN_REQUESTS = 10
TARGET_P95_MS = 50
# The same app, session and database connection per request, and next to no work.
BASELINE = "/login"
WORKLISTS = ("never-visited", "no-bhyt", "bhyt-expiring", "no-bhxh", "follow-ups")

_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def run(db_path, requests=REQUESTS, warmups=WARMUPS):
    """Time every page as the demo officer; print one JSON line per page and a summary."""
    db = sqlite_utils.Database(str(db_path))
    try:
        picks = pick(db)
        counts = {table: db.execute(
            f"select count(*) from [{table}] where deleted_at is null").fetchone()[0]
            for table in ("households", "people", "visits")}
    finally:
        db.close()
    baseline, results = time_routes(db_path, "canbo", routes(picks), requests, warmups)
    timed = [r["p95_ms"] for r in results if r["status"] == 200]
    complete = len(timed) == len(results) and not any("warning" in r for r in results)
    summary = {
        "bench": "pages", **counts, "max_p95_ms": max(timed, default=None),
        "target_p95_ms": TARGET_P95_MS,
        "all_within_target": complete and max(timed) <= TARGET_P95_MS,
        "measures": len(results), "not_200": len(results) - len(timed),
        "baseline_median_ms": baseline["median_ms"]}
    emit(summary)
    return summary


def time_routes(db_path, username, named_routes, requests=REQUESTS, warmups=WARMUPS):
    """(baseline timing, [timing of each route]) through the app, logged in as username."""
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-") as instance:
        app = create_app({"TESTING": False, "DATABASE": str(db_path), "SECRET_KEY": "bench",
                          "WTF_CSRF_ENABLED": True}, instance_path=instance)
        client = app.test_client()
        log_in(client, username)
        baseline = measure(client, BASELINE, None, requests, warmups)
        emit({"measure": "baseline", "route": BASELINE, **baseline})
        if baseline["status"] != 200:
            raise SystemExit(f"the baseline {BASELINE} answered {baseline['status']}")
        results = []
        for name, route, expected in named_routes:
            result = compared(name, route, measure(client, route, expected, requests, warmups),
                              baseline)
            emit(result)
            results.append(result)
    return baseline, results


def compared(name, route, timing, baseline):
    """One measure's line, with its ratio to the baseline when it could be timed."""
    if timing["status"] != 200:
        return {"measure": name, "route": route, **timing}
    return {"measure": name, "route": route, "median_ms": timing["median_ms"],
            "p95_ms": timing["p95_ms"], "baseline_median_ms": baseline["median_ms"],
            "ratio_p95_to_baseline": round(timing["p95_ms"] / baseline["median_ms"], 1),
            "requests": timing["requests"], "status": 200,
            **({"warning": timing["warning"]} if "warning" in timing else {})}


def pick(db):
    """Ids for the routes (biggest village, fullest household, real numbers), names to expect."""
    def one(sql):
        return tuple(db.execute(sql).fetchone())

    village, village_name = one("""
        select v.id, v.name from villages v
         where v.id = (select village_id from households where deleted_at is null
                        group by village_id order by count(*) desc limit 1)""")
    household, head_name = one("""
        select h.id, head.full_name from households h
          join people head on head.id = h.head_person_id
         where h.deleted_at is null
         order by (select count(*) from people p where p.household_id = h.id) desc,
                  (select count(*) from visits v where v.household_id = h.id) desc
         limit 1""")
    cccd, cccd_name = one("select cccd, full_name from people where cccd is not null"
                          " and deleted_at is null order by rowid limit 1")
    phone, phone_name = one("""
        select h.phone, head.full_name from households h
          join people head on head.id = h.head_person_id
         where h.phone != '' and h.deleted_at is null order by h.rowid limit 1""")
    return {"village": village, "village_name": village_name, "household": household,
            "head_name": head_name, "cccd": cccd, "cccd_name": cccd_name, "phone": phone,
            "phone_name": phone_name}


def routes(picks):
    """(measure name, route, text the page must contain or None) for every page measured."""
    village = picks["village"]
    yield "household page", f"/households/{picks['household']}", picks["head_name"]
    yield "village list", f"/villages/{village}", picks["village_name"]
    for kind in WORKLISTS:
        days = {"days": 30} if kind == "bhyt-expiring" else {}
        yield (f"worklist {kind} (village)",
               worklist_route(kind, {**days, "village": village}), None)
    for kind in WORKLISTS:
        days = {"days": 30} if kind == "bhyt-expiring" else {}
        yield f"worklist {kind} (office)", worklist_route(kind, days), None
    yield "search name", "/search?q=nguyen+van", "Nguyễn Văn"
    yield "search cccd", f"/search?q={picks['cccd']}", picks["cccd_name"]
    yield "search phone", f"/search?q={picks['phone']}", picks["phone_name"]
    yield "search short prefix", "/search?q=gi", None


def worklist_route(kind, params):
    return f"/worklists/{kind}" + (f"?{urlencode(params)}" if params else "")


def log_in(client, username="canbo"):
    """Log in as a demo user (the officer by default) through the real form, CSRF and all."""
    page = client.get("/login").get_data(as_text=True)
    token = _TOKEN.search(page).group(1)
    response = client.post("/login", data={"csrf_token": token, "username": username,
                                           "password": PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"logging in as {username} failed with {response.status_code}")


def sampled(client, route, requests, budget=BUDGET_SECONDS, least=MIN_REQUESTS):
    """(milliseconds of each GET of the route, None), at least `least` and up to `requests`
    within `budget` seconds; ([], why) at the first answer that is not 200."""
    samples, deadline = [], time.perf_counter() + budget
    while len(samples) < requests and (len(samples) < least or time.perf_counter() < deadline):
        started = time.perf_counter()
        response = client.get(route)
        response.get_data()
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            return [], {"status": response.status_code, "error": "unexpected status"}
    return samples, None


def measure(client, route, expected, requests, warmups):
    """Median and 95th percentile in ms of requests to route, or why it could not be timed."""
    first = client.get(route)
    if first.status_code != 200:
        return {"status": first.status_code,
                "error": "not implemented yet" if first.status_code == 404
                else "unexpected status"}
    # A fast page that lost its results would be a false good number.
    missing = expected and expected not in first.get_data(as_text=True)
    for _ in range(warmups - 1):
        client.get(route)
    samples, failed = sampled(client, route, requests)
    if failed:
        return failed
    timing = {"median_ms": round(statistics.median(samples), 2),
              "p95_ms": round(statistics.quantiles(samples, n=20, method="inclusive")[18], 2),
              "requests": len(samples), "status": 200}
    if missing:
        timing["warning"] = f"page does not show {expected!r}"
    return timing


def emit(line):
    print(json.dumps(line, ensure_ascii=False), flush=True)
