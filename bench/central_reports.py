"""The central server's reports across offices on a national PostgreSQL database: 1,000,000
households by default, with their people, visits, sessions, reach and log.

`python -m bench --only central-reports [--households N] [--database-url postgresql://…]`, or
`python -m bench.central_reports …`. Without a URL, a throwaway PostgreSQL (bench/postgresql.py)
holds the database for the run; with one (a superuser's, as the load sets
session_replication_role), a database already built to the same size is timed again as it is.

Built fast rather than record by record: the generated province (bench/generate.py, 20,000
households, one office over Lào Cai's 99 communes) made a central server's database with a log
of every record (bench/central_migrate.py), copied into PostgreSQL by `flask central-migrate`'s
own code, then multiplied inside PostgreSQL. Copy k of every record gets ids of its own (a UUID
made of k and the id: the same wherever an id is named, so every reference holds), an office of
its own over communes of another province (its officers copied with it), all by set-based
INSERT … SELECT of each table against the list of copies, with the tables' triggers off. The
reach rows are copied with the records they derive from; the counts are then derived once by
the dialect's rebuild_counts, and checked: equal to a rebuild, the triggers
writing the same reach rows and counts again for a sample of copied visits and sessions, the
name index finding what a scan finds.

The pages are timed as the central administrator (every office) through the app (a Flask test
client, as bench/pages.py), next to the login page as baseline in the same run; the same pages
on the SQLite central database of the generated province come after, for comparison.
"""

import argparse
import json
import statistics
import tempfile
import time

from fieldapp import create_app
from fieldapp import central_migrate as product_migrate
from fieldapp.db import connect
from fieldapp.schema import metadata

from . import central_migrate, generate, postgresql
from .__main__ import database_path
from .pages import BASELINE, compared, emit, log_in, sampled

HOUSEHOLDS = 1_000_000
BASE = 20_000  # households generated, then copied
REQUESTS = 20
BUDGET_SECONDS = 30  # a page's sampling stops after this, once it has MIN_REQUESTS
MIN_REQUESTS = 3
# Bump when the copies change, so that a database built before is built again.
VERSION = 1
USER = "quantri"  # the demo's administrator: every office, on the central server

# Records copied, parents first; the reach rows with them (the counts are derived after).
COPIED = ("offices", "users", "villages", "households", "people", "visits", "visit_outcomes",
          "group_sessions", "session_attendees", "reach", "sync_log")
# JSON arrays of ids, made the copy's ids element by element.
ID_LISTS = {("visits", "present"), ("group_sessions", "facilitators")}
COMMUNE_COLUMNS = {"commune_code", "scope_commune"}


def copied_id(column, k="c.k"):
    """The copy's id of an id: a UUID of its own, the same wherever the id is named."""
    return f"md5({k} || '/' || {column})::uuid::text"


def _is_id(table, column):
    return (column in ("id", "created_by", "updated_by", "row_id", "scope_office")
            or column.endswith("_id"))


def _copy_statement(table):
    """INSERT … SELECT writing every copy (c.k of bench_copies) of the table's base rows."""
    columns = [c.name for c in metadata.tables[table].columns
               if not (table == "sync_log" and c.name == "seq")]
    joined, where = "", "true"
    values = []
    for name in columns:
        if (table, name) in ID_LISTS:
            values.append(f"(select coalesce(json_agg({copied_id('e.value')}), '[]'::json)::text"
                          f" from jsonb_array_elements_text(t.{name}::jsonb) e(value))")
        elif name in COMMUNE_COLUMNS:
            joined = (f" left join bench_communes cm on cm.k = c.k"
                      f" and cm.old_code = t.{name}")
            values.append(f"case when t.{name} is null then null else cm.new_code end")
        elif table == "offices" and name == "name":
            values.append("c.office_name")
        elif table == "offices" and name == "province_code":
            values.append("c.province_code")
        elif table == "users" and name == "username":
            values.append("t.username || '-' || c.k")
        elif table == "users" and name == "role":
            # One administrator, the base office's; each copy's managers are supervisors.
            values.append("case t.role when 'admin' then 'supervisor' else t.role end")
        elif _is_id(table, name):
            values.append(copied_id(f"t.{name}"))
        else:
            values.append(f"t.{name}")
    if table == "offices":
        where = "t.id = c.base_office"
    elif table == "users":
        where = "t.office_id = c.base_office"
    return (f'insert into "{table}" ({", ".join(columns)})'
            f' select {", ".join(values)} from "{table}" t cross join bench_copies c{joined}'
            f" where {where}")


def _plan_copies(conn, copies):
    """bench_copies (k, office, province) and bench_communes (k, base commune -> copy's
    commune): copy k in the provinces other than the base office's, in turn, a province of
    several copies dealing its communes among them."""
    base_office, base_province = conn.execute(
        "select id, province_code from offices where deleted_at is null").fetchone()
    base_communes = [r[0] for r in conn.execute(
        "select commune_code from office_communes where office_id = %s and deleted_at is null"
        " order by commune_code", [base_office])]
    provinces = conn.execute("select code, name from provinces where code <> %s order by code",
                             [base_province]).fetchall()
    communes = {}
    for code, province in conn.execute("select code, province_code from communes order by code"):
        communes.setdefault(province, []).append(code)
    plan, mapping = [], []
    for k in range(1, copies):
        province, name = provinces[(k - 1) % len(provinces)]
        # Copies share a province's communes out in turns.
        turn = (k - 1) // len(provinces)
        turns = len(range((k - 1) % len(provinces), copies - 1, len(provinces)))
        mine = communes[province][turn::turns]
        plan.append((k, base_office, province, f"BHXH {name} {turn + 1}"))
        mapping += [(k, old, mine[i % len(mine)]) for i, old in enumerate(base_communes)]
    conn.execute("create temp table bench_copies (k integer, base_office text,"
                 " province_code integer, office_name text)")
    conn.execute("create temp table bench_communes (k integer, old_code integer,"
                 " new_code integer, primary key (k, old_code))")
    with conn.cursor() as cursor:
        cursor.executemany("insert into bench_copies values (%s, %s, %s, %s)", plan)
        cursor.executemany("insert into bench_communes values (%s, %s, %s)", mapping)
    return base_office


def multiply(url, copies, echo):
    """The base office's records copied copies - 1 times, then the counts derived once."""
    import psycopg
    from fieldapp.dialects import postgresql as dialect
    with psycopg.connect(url) as conn:
        # Triggers (the reach rows and counts, the references' checks) off: the reach rows are
        # copied with their records and the counts derived once at the end, then checked.
        conn.execute("set session_replication_role = replica")
        base_office = _plan_copies(conn, copies)
        for table in COPIED:
            started = time.perf_counter()
            rows = conn.execute(_copy_statement(table)).rowcount
            echo(f"copied {table}: {rows} rows in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        conn.execute("""
            insert into office_communes (id, created_at, updated_at, office_id, commune_code,
                                         sync_clock)
            select md5(m.k || '/' || m.new_code)::uuid::text, o.created_at, o.updated_at,
                   """ + copied_id("o.id", "m.k") + """, m.new_code, '{}'
              from (select distinct k, new_code from bench_communes) m
              join offices o on o.id = %s""", [base_office])
        conn.execute(dialect.rebuild_counts())
        echo(f"derived the reach counts in {time.perf_counter() - started:.1f} s")
        conn.execute("set session_replication_role = origin")
        conn.commit()


# Above this many households the counts are not derived a second time to compare: the load
# derived them by the same rebuild, and at 1,000,000 households a second one takes 11 minutes
# and 15 GB of disk (written, then rolled back). The triggers' sample is checked at every size.
REBUILD_CHECKED_UP_TO = 200_000


def check(url, copies, base_counts, echo):
    """The built database as its store keeps one: every table's rows copied, the reach counts
    equal to a rebuild (up to REBUILD_CHECKED_UP_TO households), the triggers deriving again
    what was copied, the name index whole."""
    import psycopg
    from fieldapp.dialects import postgresql as dialect
    found = {}
    with psycopg.connect(url) as conn:
        for table, n in base_counts.items():
            found[table] = conn.execute(f'select count(*) from "{table}"').fetchone()[0]
            assert found[table] == n * copies, (table, found[table], n * copies)
        started = time.perf_counter()
        counts = "select * from reach_counts", "select * from reach_shared"
        if found["households"] <= REBUILD_CHECKED_UP_TO:
            conn.execute("create temp table kept_counts as " + counts[0])
            conn.execute("create temp table kept_shared as " + counts[1])
            conn.execute(dialect.rebuild_counts())
            for kept, query in zip(("kept_counts", "kept_shared"), counts):
                differing = conn.execute(
                    f"select count(*) from (({query} except select * from {kept})"
                    f" union all (select * from {kept} except {query})) d").fetchone()[0]
                assert differing == 0, f"{kept}: {differing} rows differ from a rebuild"
            conn.rollback()
            echo(f"the reach counts equal a rebuild ({time.perf_counter() - started:.1f} s)")

        # The triggers, on: visits and sessions of the last copy written again in place derive
        # the same reach rows, and the counts stay as they are.
        started = time.perf_counter()
        conn.execute("create temp table kept_counts as select * from reach_counts")
        # A copy's office: its visits and sessions.
        office = """(select id from offices where id <> (select office_id from users
                     where username = 'quantri') order by name desc limit 1)"""
        communes = ("(select commune_code from office_communes where deleted_at is null"
                    f" and office_id = {office})")
        samples = {"visits": f"""select vi.id from visits vi
                                   join households h on h.id = vi.household_id
                                   join villages vl on vl.id = h.village_id
                                  where vl.commune_code in {communes} limit 200""",
                   "group_sessions": "select id from group_sessions"
                                     f" where commune_code in {communes} limit 50"}
        for table, query in samples.items():
            # Taken once: an update moves the rows, and a LIMIT would then pick others.
            conn.execute(f"create temp table sample_{table} as {query}")
            ids = f"select id from sample_{table}"
            conn.execute(f"create temp table before_{table} as select * from reach where"
                         f" source_id in ({ids})")
            touched = conn.execute(f"update {table} set notes = notes where id in ({ids})"
                                   ).rowcount
            assert touched, table
            differing = conn.execute(f"""select count(*) from (
                (select * from reach where source_id in ({ids})
                 except all select * from before_{table})
                union all (select * from before_{table} except all
                           select * from reach where source_id in ({ids}))) d""").fetchone()[0]
            assert differing == 0, f"the triggers derive other reach rows for {table}"
        differing = conn.execute("""select count(*) from (
            (select * from reach_counts except select * from kept_counts)
            union all (select * from kept_counts except select * from reach_counts)) d"""
                                 ).fetchone()[0]
        assert differing == 0, f"the triggers counted again otherwise: {differing} rows"
        conn.rollback()
        echo(f"the triggers derive the copied reach rows and counts again"
             f" ({time.perf_counter() - started:.1f} s)")

        # The name index (kept by PostgreSQL itself) finds what reading every name finds.
        conn.execute("set enable_seqscan = off")
        indexed = conn.execute(f"select count(*) from people where {dialect.NAME_INDEX}"
                               " @@ to_tsquery('simple', 'giang:*')").fetchone()[0]
        conn.execute("reset enable_seqscan")
        scanned = conn.execute("select count(*) from people"
                               " where name_key ~ '(^| )giang'").fetchone()[0]
        assert indexed == scanned > 0, (indexed, scanned)
        conn.rollback()
    return found


def build(url, households=HOUSEHOLDS, base=BASE, echo=print):
    """The database at `url` (empty, or built before to this size: kept) made the national
    one; {measure: figure} of the build."""
    import psycopg
    copies = max(1, households // base)
    meta = {"version": VERSION, "base": base, "copies": copies}
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("create table if not exists bench_meta (meta text)")
        kept = conn.execute("select meta from bench_meta").fetchone()
    if kept and json.loads(kept[0]).get("built") == meta:
        return {**json.loads(kept[0]), "reused": True}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-reports-") as folder:
        # A log of every record once, as merges leave it.
        logged = _records(generate.generate(database_path("pages", base), households=base))
        path, _counts = central_migrate.central_database(base, logged, folder)
        product_migrate.migrate(str(path), url, folder, replace=True,
                                echo=lambda line: echo(f"central-migrate: {line}"))
    copied_at = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        base_counts = {t: conn.execute(f'select count(*) from "{t}"').fetchone()[0]
                       for t in ("households", "people", "visits", "visit_outcomes",
                                 "group_sessions", "session_attendees", "reach", "sync_log")}
    if copies > 1:
        multiply(url, copies, echo)
    multiplied_at = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("vacuum analyze")
    analysed_at = time.perf_counter()
    found = check(url, copies, base_counts, echo)
    checked_at = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        size = conn.execute("select pg_database_size(current_database())").fetchone()[0]
        summary = {"built": meta, **found, "offices": conn.execute(
            "select count(*) from offices where deleted_at is null").fetchone()[0],
            "database_gb": round(size / 1e9, 2),
            "seconds": {"base_copied": round(copied_at - started),
                        "multiplied": round(multiplied_at - copied_at),
                        "vacuum_analyze": round(analysed_at - multiplied_at),
                        "checked": round(checked_at - analysed_at)}}
        conn.execute("delete from bench_meta")
        conn.execute("insert into bench_meta values (%s)", [json.dumps(summary)])
    return {**summary, "reused": False}


def _records(path):
    db = connect(path)
    try:
        return sum(db.execute(f"select count(*) from [{t}]").fetchone()[0]
                   for t in central_migrate.LOGGED)
    finally:
        db.close()


def picks(url_or_path):
    """Ids and a year for the routes: the newest day visited, an office and a province."""
    db = connect(url_or_path)
    try:
        day = db.value("select max(day) from reach")
        office, province = tuple(db.one(
            "select id, province_code from offices where deleted_at is null"
            " order by name limit 1").values())
        # The month before the newest day's: a whole month of visits.
        year, month = int(day[:4]), int(day[5:7])
        before = f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}"
        return {"year": year, "month": before, "office": office, "province": province}
    finally:
        db.close()


def routes(p):
    """(measure name, route, text the page must contain) for every page timed."""
    year = f"start={p['year']}-01-01&end={p['year']}-12-31"
    month = f"start={p['month']}-01&end={p['month']}-28"
    # Not whole months: counted over the reach rows themselves, not the counts kept ready.
    days = f"start={p['year']}-02-10&end={p['year']}-09-20"
    yield "dashboard (all offices)", "/dashboard", "<svg"
    yield "dashboard (one province)", f"/dashboard?province={p['province']}", "<svg"
    # Sessions charted: the months' figures of the sessions alone (no reach row).
    yield "dashboard (all offices, sessions charted)", "/dashboard?metric=sessions", "<svg"
    yield "report (all offices, year)", f"/reports/?{year}", 'id="summary"'
    yield "report (all offices, Feb 10 to Sep 20)", f"/reports/?{days}", 'id="summary"'
    yield "report (one office, year)", f"/reports/?office={p['office']}&{year}", 'id="summary"'
    yield ("export report (all offices, year, csv)",
           f"/reports/export?dataset=report&format=csv&{year}", None)
    yield ("export sessions (all offices, year, csv)",
           f"/reports/export?dataset=sessions&format=csv&{year}", None)
    yield ("export visits (all offices, a month, csv)",
           f"/reports/export?dataset=visits&format=csv&{month}", None)
    yield ("export visits (one office, year, csv)",
           f"/reports/export?dataset=visits&format=csv&office={p['office']}&{year}", None)
    yield ("export people (one office, csv)",
           f"/reports/export?dataset=people&format=csv&office={p['office']}&{year}", None)


def measure(client, route, expected, requests=REQUESTS):
    """Median and 95th percentile in ms of the route's answers (its first answer, checked, is
    the warm-up), or why it could not be timed."""
    started = time.perf_counter()
    first = client.get(route)
    first_ms = (time.perf_counter() - started) * 1000
    body = first.get_data()
    if first.status_code != 200:
        return {"status": first.status_code, "error": "unexpected status"}
    samples, failed = sampled(client, route, requests, BUDGET_SECONDS, MIN_REQUESTS)
    if failed:
        return failed
    timing = {"median_ms": round(statistics.median(samples), 1),
              "p95_ms": round(statistics.quantiles(samples, n=20, method="inclusive")[18], 1)
              if len(samples) > 1 else round(samples[0], 1),
              "requests": len(samples), "status": 200, "first_ms": round(first_ms, 1),
              "bytes": len(body)}
    if expected and expected not in body.decode():
        timing["warning"] = f"page does not show {expected!r}"
    return timing


def time_pages(database, store, requests=REQUESTS):
    """[timing] of the baseline then every route, on the central server's `database` (a
    postgresql:// URL or an SQLite file), as the administrator."""
    p = picks(database)
    config = {"TESTING": False, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": True, "CENTRAL": True,
              **({"DATABASE_URL": database} if store == "postgresql"
                 else {"DATABASE": str(database)})}
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-") as instance:
        app = create_app(config, instance_path=instance)
        client = app.test_client()
        log_in(client, USER)
        baseline = measure(client, BASELINE, None, requests)
        emit({"measure": "baseline", "store": store, "route": BASELINE, **baseline})
        if baseline["status"] != 200:
            raise SystemExit(f"the baseline {BASELINE} answered {baseline['status']}")
        results = []
        for name, route, expected in routes(p):
            timing = measure(client, route, expected, requests)
            result = {**compared(name, route, timing, baseline), "store": store,
                      **{k: timing[k] for k in ("first_ms", "bytes") if k in timing}}
            emit(result)
            results.append(result)
    return baseline, results


def _summary(baseline, results):
    return {"baseline_median_ms": baseline["median_ms"],
            "pages": {r["measure"]: {k: r.get(k) for k in (
                "median_ms", "p95_ms", "ratio_p95_to_baseline", "requests", "status",
                "warning") if r.get(k) is not None} for r in results}}


def run(households=HOUSEHOLDS, url=None, base=BASE, sqlite=True, requests=REQUESTS,
        keep=False):
    """Build (or reuse) the database, time the pages on it, and on SQLite's base; one JSON
    line {"bench": "central_reports", ...}."""
    server = None
    if url is None:
        server, url = postgresql.new_database(postgresql.BIG)
    try:
        started = time.perf_counter()
        built = build(url, households, base, echo=lambda line: emit({"step": line}))
        build_seconds = time.perf_counter() - started
        baseline, results = time_pages(url, "postgresql", requests)
    finally:
        if server and not keep:
            server.stop()
    line = {"bench": "central_reports", "store": "postgresql",
            **{k: built[k] for k in ("households", "people", "visits", "group_sessions",
                                     "reach", "sync_log", "offices", "database_gb")},
            "built_in_seconds": round(build_seconds), "build_steps": built["seconds"],
            "reused": built["reused"], **_summary(baseline, results)}
    if sqlite:
        # The generated province as an SQLite central server's, the same pages.
        with tempfile.TemporaryDirectory(prefix="fieldapp-bench-reports-") as folder:
            path, counts = central_migrate.central_database(base, 0, folder)
            baseline, results = time_pages(path, "sqlite", requests)
        line["sqlite"] = {"households": counts["households"], **_summary(baseline, results)}
    emit(line)
    return line


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.central_reports",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=HOUSEHOLDS)
    parser.add_argument("--base", type=int, default=BASE,
                        help="households generated, then copied (default %(default)s)")
    parser.add_argument("--database-url", help="a PostgreSQL database to build in or reuse"
                        " (default: a throwaway server's)")
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--no-sqlite", action="store_true",
                        help="leave out the same pages on the SQLite base")
    args = parser.parse_args(argv)
    run(args.households, args.database_url, args.base, not args.no_sqlite, args.requests)


if __name__ == "__main__":
    main()
