"""The suite's own PostgreSQL (tests/postgres.py): started once, a fresh database per test."""

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
