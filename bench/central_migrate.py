"""How long `flask central-migrate` takes: a central database of the generated province (20,000
households by default) with 200,000 log entries, copied into PostgreSQL and compared.

`python -m bench.central_migrate [--households N] [--log N] [--to postgresql://…]`; without
--to, a throwaway server of tests/postgres.py (fsync off, as the tests run it).
"""

import argparse
import json
import shutil
import time
from pathlib import Path

from fieldapp import central_migrate
from fieldapp.db import connect, upgrade

from . import generate, postgresql
from .__main__ import database_path

LOGGED = ("households", "people", "visits", "visit_outcomes", "group_sessions",
          "session_attendees", "villages")


def central_database(households, log_entries, folder):
    """The generated database made a central server's, with `log_entries` entries in its log
    (each a record's fields with their stamps, as a merge logs them)."""
    source = generate.generate(database_path("pages", households), households=households)
    path = Path(folder) / "central.sqlite3"
    shutil.copyfile(source, path)
    db = connect(path)
    db.execute("drop table if exists bench_meta")
    upgrade(db, central=True)
    have = db.execute("select count(*) from sync_log").fetchone()[0]
    entries = []
    # Round after round, as records edited again are logged again, until there are enough.
    while have + len(entries) < log_entries:
        for table, row in ((t, r) for t in LOGGED for r in db.query(f"select * from [{t}]")):
            if have + len(entries) >= log_entries:
                break
            stamp = row.get("updated_at") or ""
            fields = {k: [v, stamp, ""] for k, v in row.items()
                      if k not in ("id", "sync_clock")}
            entries.append((table, row["id"], json.dumps(fields, ensure_ascii=False),
                            "bench", row.get("commune_code")))
    with db.atomic():
        db.conn.executemany("insert into sync_log (table_name, row_id, fields, origin,"
                            " scope_commune) values (?, ?, ?, ?, ?)", entries)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: db.execute(f"select count(*) from [{t}]").fetchone()[0]
              for t in ("households", "people", "visits", "sync_log")}
    db.close()
    return path, counts


def run(households=20_000, log_entries=200_000, url=None):
    import tempfile
    server = None
    if url is None:
        server, url = postgresql.new_database()
    try:
        with tempfile.TemporaryDirectory() as folder:
            path, counts = central_database(households, log_entries, folder)
            size = path.stat().st_size
            lines = []
            started = time.perf_counter()
            compared = central_migrate.migrate(
                str(path), url, folder, echo=lambda line: lines.append(
                    (round(time.perf_counter() - started, 2), line)))
            seconds = time.perf_counter() - started
    finally:
        if server:
            server.stop()
    result = {"bench": "central_migrate", **counts, "sqlite_mb": round(size / 1e6, 1),
              "rows": sum(c.postgresql_rows for c in compared), "seconds": round(seconds, 1),
              "steps": lines}
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.central_migrate",
                                     description=__doc__)
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--log", type=int, default=200_000, help="log entries")
    parser.add_argument("--to", help="an empty PostgreSQL database (default: a throwaway one)")
    args = parser.parse_args(argv)
    run(args.households, args.log, args.to)


if __name__ == "__main__":
    main()
