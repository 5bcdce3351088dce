"""The benchmarks' PostgreSQL paths run, tiny: the central reports on a database multiplied inside
PostgreSQL, and the load with the central server on PostgreSQL."""

import json

import pytest

from bench import central_migrate, central_reports, sync_load
from fieldapp.db import connect
from fieldapp.schema import metadata

import postgres
from postgres import assert_counts_kept

BASE = 40


@pytest.fixture
def small_outputs(tmp_path, monkeypatch):
    """The generated databases in the test's folder, not bench/out."""
    def database_path(name, households):
        return tmp_path / f"{name}-{households}.sqlite3"
    monkeypatch.setattr(central_migrate, "database_path", database_path)
    monkeypatch.setattr(central_reports, "database_path", database_path)
    # One timed request a page: the test checks the pages answer, not their speed.
    monkeypatch.setattr(central_reports, "MIN_REQUESTS", 1)


def _broken_references(db):
    """(table, column) of the copied tables' references naming no row."""
    broken = []
    for name in central_reports.COPIED:
        for key in metadata.tables[name].foreign_keys:
            column, target = key.parent.name, key.column
            if db.value(f'select count(*) from "{name}" t where t.{column} is not null and not'
                        f' exists (select 1 from "{target.table.name}" p'
                        f" where p.{target.name} = t.{column})"):
                broken.append((name, column))
    return broken


def test_the_central_reports_are_timed_on_a_database_multiplied_in_postgresql(
        postgres_database, small_outputs, capsys):
    line = central_reports.run(3 * BASE, url=postgres_database, base=BASE, sqlite=False,
                               requests=1)

    printed = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert printed == line and line["bench"] == "central_reports"
    assert (line["households"], line["offices"], line["reused"]) == (3 * BASE, 3, False)
    assert set(line["pages"]) == {name for name, _route, _text in central_reports.routes(
        central_reports.picks(postgres_database))}
    # Every page answered with what it must show (no warning), next to the baseline.
    assert all(page["status"] == 200 and "warning" not in page and page["p95_ms"] > 0
               for page in line["pages"].values()), line["pages"]
    db = postgres.tested(connect(postgres_database))
    try:
        for table in ("households", "people", "visits", "group_sessions", "reach"):
            assert db.value(f"select count(*) from {table}") == line[table] > 0
        # Each copy's records are its own, in its own office's communes.
        assert db.value("select count(distinct id) from people") == line["people"]
        assert db.value("""select count(*) from office_communes
                            group by commune_code order by 1 desc limit 1""") == 1
        assert _broken_references(db) == []
        # The counts the triggers keep equal those rebuilt from reach, and the triggers are on:
        # a visit removed takes its reach rows and counts with it.
        assert_counts_kept(db)
        visit = db.value("select source_id from reach where kind = 'visit' order by 1 limit 1")
        before = db.value("select sum(n) from reach_counts where kind = 'visits'")
        db.execute("update visits set deleted_at = '2026-12-05T10:00' where id = ?", [visit])
        assert db.value("select count(*) from reach where source_id = ?", [visit]) == 0
        assert db.value("select sum(n) from reach_counts where kind = 'visits'") < before
        assert_counts_kept(db)
    finally:
        db.close()

    # Built once: a second run times the same database again.
    again = central_reports.build(postgres_database, 3 * BASE, BASE)
    assert again["reused"] is True


def test_the_load_benchmark_runs_its_central_server_on_postgresql(postgres_database, capsys):
    line = sync_load.run(laptops=4, office_size=2, window=1, database_url=postgres_database)

    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == line
    assert line["store"] == "postgresql"
    assert line["errors"] == {} and line["completed"] == 4
    assert line["households_merged"] == line["households_expected"] > 0
    db = postgres.tested(connect(postgres_database))
    try:
        # Everything the evening merged is in PostgreSQL: each office's history and every day.
        assert db.value("select count(*) from households") == (
            2 * sync_load.HISTORY + line["households_merged"])
        assert db.value("select count(*) from devices") == 2 * 3 + 1  # laptops, templates, alone
        assert_counts_kept(db)
    finally:
        db.close()
