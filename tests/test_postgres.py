"""The suite's own PostgreSQL (tests/postgres.py): started once, a fresh database per test."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import postgres


def test_each_test_gets_a_fresh_database_of_its_own(postgres_server, postgres_database):
    import psycopg
    with psycopg.connect(postgres_database, autocommit=True) as conn:
        conn.execute("create table kept (n integer)")
        conn.execute("insert into kept values (1)")
        tables = conn.execute("select count(*) from pg_tables where schemaname = 'public'"
                              ).fetchone()[0]
    assert tables == 1
    # A second one is empty beside it.
    other = postgres_server.create_database()
    with postgres_server.connect(other) as conn:
        assert conn.execute("select count(*) from pg_tables where schemaname = 'public'"
                            ).fetchone()[0] == 0
    postgres_server.drop_database(other)


def test_the_server_answers_on_127_0_0_1_with_nothing_synced_to_disk(postgres_server):
    import psycopg
    with psycopg.connect(postgres_server.url(tcp=True)) as conn:
        assert {name: conn.execute(f"show {name}").fetchone()[0] for name in (
            "fsync", "synchronous_commit", "full_page_writes")} == dict.fromkeys(
                ("fsync", "synchronous_commit", "full_page_writes"), "off")
        assert conn.info.host == "127.0.0.1"


def test_without_postgresql_the_tests_fail_saying_why_and_what_to_install(monkeypatch):
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    monkeypatch.setattr(postgres.glob, "glob", lambda pattern: [])
    with pytest.raises(pytest.fail.Exception, match=r"no initdb on PATH.*apt-get install"
                       r" postgresql.*FIELDAPP_POSTGRES=optional"):
        postgres.started({})
    # Optional: the same words, as a skip.
    with pytest.raises(pytest.skip.Exception, match="no initdb on PATH"):
        postgres.started({"FIELDAPP_POSTGRES": "optional"})


def test_debians_binaries_are_found_off_path(monkeypatch):
    """Debian's package puts initdb in /usr/lib/postgresql/N/bin, not on PATH: the newest."""
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    monkeypatch.setattr(postgres.glob, "glob", lambda pattern: [
        "/usr/lib/postgresql/15/bin/initdb", "/usr/lib/postgresql/9.6/bin/initdb"])
    assert str(postgres.binaries()) == "/usr/lib/postgresql/15/bin"


def test_a_server_ends_with_the_test_process_that_started_it(tmp_path):
    """Killed by a timeout, a test session leaves no server running, and the next one removes
    the folder it left."""
    script = tmp_path / "start.py"
    script.write_text("import sys, time\nimport postgres\nserver = postgres.start()\n"
                      "print(server.folder, flush=True)\ntime.sleep(120)\n")
    session = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)})
    folder = Path(session.stdout.readline().strip())
    pid = int((folder / "data" / "postmaster.pid").read_text().split()[0])
    session.kill()
    session.wait()
    deadline = time.monotonic() + 30
    while (folder / "data" / "postmaster.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not (folder / "data" / "postmaster.pid").exists()
    assert _ended(pid)
    postgres.sweep(older_than=0, folders=[folder])
    assert not folder.exists()


def _ended(pid):
    """Gone, or a zombie waiting for an init that does not reap (as in some containers)."""
    try:
        return "\nState:\tZ" in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
