"""fieldapp.store, the one writer of synced tables, and an authorizer that sees no other."""

import re
import sqlite3
import sys
import time
import uuid
from pathlib import Path
from typing import NamedTuple

import pytest

from fieldapp import store
from fieldapp.db import connect, upgrade
from sync.sqlite import SQLiteStore
from sync.synced_tables import SYNC_COLUMNS, SYNCED_TABLES

from helpers import ROOT, demo_ids, new_client


@pytest.fixture
def commune(db):
    return demo_ids(db)["commune"]


def _village(db, commune, name="Pá Hu", user_id="u-1"):
    return store.insert(db, "villages", {"commune_code": commune, "name": name,
                                         "name_key": name.lower(), "kind": "ban"},
                        user_id=user_id)


def test_insert_fills_the_sync_columns(db, commune):
    """A new row gets a uuid4 text id, equal created/updated stamps and the writing user."""
    row = _village(db, commune, user_id="user-a")

    stored = store.get(db, "villages", row["id"])
    assert stored == row
    assert uuid.UUID(stored["id"]).version == 4
    assert str(uuid.UUID(stored["id"])) == stored["id"]
    assert stored["created_at"] == stored["updated_at"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", stored["created_at"])
    assert stored["created_by"] == stored["updated_by"] == "user-a"
    assert stored["deleted_at"] is None


def test_insert_ids_are_unique(db, commune):
    """Ids are generated per row, never reused."""
    ids = {_village(db, commune, name=f"Bản {i}")["id"] for i in range(5)}
    assert len(ids) == 5


def test_update_writes_only_changed_fields_and_bumps_updated_at(db, commune):
    """Unchanged values are left alone; updated_at/updated_by move, created_* stay."""
    row = _village(db, commune, user_id="user-a")
    time.sleep(0.002)

    changed = store.update(db, "villages", row["id"],
                           {"name": "Pá Hu Mới", "kind": "ban"}, user_id="user-b")

    assert changed == {"name": "Pá Hu Mới"}
    stored = store.get(db, "villages", row["id"])
    assert stored["name"] == "Pá Hu Mới"
    assert stored["kind"] == "ban"
    assert stored["updated_at"] > row["updated_at"]
    assert stored["updated_by"] == "user-b"
    assert (stored["created_at"], stored["created_by"]) == (row["created_at"], "user-a")


def test_update_without_a_change_writes_nothing(db, commune):
    """Same values: {} comes back and the row keeps its updated_at and updated_by."""
    row = _village(db, commune, user_id="user-a")
    time.sleep(0.002)

    assert store.update(db, "villages", row["id"], {"name": "Pá Hu", "kind": "ban"},
                        user_id="user-b") == {}

    assert store.get(db, "villages", row["id"]) == row


def test_soft_delete_keeps_the_row(db, commune):
    """A deleted row stays, with deleted_at set, and reads as missing unless asked for."""
    row = _village(db, commune)
    time.sleep(0.002)

    store.soft_delete(db, "villages", row["id"], user_id="user-b")

    with pytest.raises(store.NotFound):
        store.get(db, "villages", row["id"])
    deleted = store.get(db, "villages", row["id"], include_deleted=True)
    assert deleted["deleted_at"] is not None
    assert deleted["updated_at"] == deleted["deleted_at"] > row["updated_at"]
    assert deleted["updated_by"] == "user-b"
    assert deleted["name"] == "Pá Hu"


def test_a_deleted_row_cannot_be_updated_or_deleted_again(db, commune):
    """Writes go to live rows only."""
    row = _village(db, commune)
    store.soft_delete(db, "villages", row["id"], user_id=None)
    with pytest.raises(store.NotFound):
        store.update(db, "villages", row["id"], {"name": "Khác"}, user_id=None)
    with pytest.raises(store.NotFound):
        store.soft_delete(db, "villages", row["id"], user_id=None)


def test_get_of_an_unknown_id_raises_not_found(db):
    with pytest.raises(store.NotFound):
        store.get(db, "villages", str(uuid.uuid4()), include_deleted=True)


@pytest.mark.parametrize("column", [c for c in SYNC_COLUMNS if c != "id"])
def test_sync_columns_cannot_be_written_by_callers(db, commune, column):
    """created_*, updated_* and deleted_at belong to the store, on insert and on update."""
    row = _village(db, commune)
    values = {"commune_code": commune, "name": "X", "name_key": "x", "kind": "ban"}
    with pytest.raises(ValueError):
        store.insert(db, "villages", {**values, column: "forged"}, user_id=None)
    with pytest.raises(ValueError):
        store.update(db, "villages", row["id"], {column: "forged"}, user_id=None)
    assert store.get(db, "villages", row["id"]) == row


def test_the_id_cannot_change(db, commune):
    row = _village(db, commune)
    with pytest.raises(ValueError):
        store.update(db, "villages", row["id"], {"id": str(uuid.uuid4())}, user_id=None)
    assert store.get(db, "villages", row["id"]) == row


@pytest.mark.parametrize("table", ["provinces", "communes", "login_failures", "no_such_table"])
def test_tables_that_do_not_sync_are_refused(db, table):
    """The store writes synced tables only; anything else is a programming error."""
    before = db[table].count if db[table].exists() else None
    with pytest.raises(ValueError):
        store.insert(db, table, {"name": "x"}, user_id=None)
    with pytest.raises(ValueError):
        store.update(db, table, "1", {"name": "x"}, user_id=None)
    with pytest.raises(ValueError):
        store.soft_delete(db, table, "1", user_id=None)
    with pytest.raises(ValueError):
        store.get(db, table, "1")
    assert (db[table].count if db[table].exists() else None) == before


# ---- Nothing but the engine's store writes a synced table, its history or the log ----------

# What a sync carries and what it records: the synced rows, their history and the change log.
WATCHED = {*SYNCED_TABLES, "history", "sync_log"}
_WRITES = {sqlite3.SQLITE_INSERT: "insert", sqlite3.SQLITE_UPDATE: "update",
           sqlite3.SQLITE_DELETE: "delete"}
# The engine store's write calls (sync.store.Store): a statement prepared while one of these is
# running is the store's. Its private _execute is not one: a caller reaching for it is caught.
_STORE_WRITES = {getattr(SQLiteStore, name).__code__ for name in (
    "insert", "update", "delete", "append_log", "forget_logged", "set_state",
    "remember_pushes", "keep_extra", "note_refused", "park")}
_STEPS = (ROOT / "fieldapp" / "migrations", ROOT / "sync" / "sqlite")


def _in_a_step(code):
    path = Path(code.co_filename)
    return path.name.startswith("step_") and path.parent in _STEPS


class Write(NamedTuple):
    action: str
    table: str
    trigger: str | None
    by_store: bool
    by_step: bool


class WriteWatch:
    """Each write SQLite prepares on connections opened meanwhile, and who asked for it."""

    # SQLite asks the authorizer while it prepares a statement, in the caller's thread: the
    # Python frames above the callback are those of the code that sent the statement. A trigger
    # is compiled into the statement that fires it, so its writes are asked about then, with
    # the trigger named; FTS5 prepares the writes to its own shadow tables when a trigger's
    # insert runs, which is still inside the call that fired it.

    def __init__(self, monkeypatch):
        self.writes = []
        opened = sqlite3.connect

        def connect(*args, **kwargs):
            # No statement cache: SQLite asks the authorizer when it prepares a statement, and
            # a cached one prepared inside the store could be run again from outside unseen.
            conn = opened(*args, **{**kwargs, "cached_statements": 0})
            conn.set_authorizer(self._authorize)
            return conn
        monkeypatch.setattr(sqlite3, "connect", connect)

    def _authorize(self, action, table, column, schema, trigger):
        if action in _WRITES:
            codes = []
            frame = sys._getframe(1)
            while frame is not None:
                codes.append(frame.f_code)
                frame = frame.f_back
            self.writes.append(Write(
                _WRITES[action], table, trigger, any(c in _STORE_WRITES for c in codes),
                any(_in_a_step(c) for c in codes)))
        return sqlite3.SQLITE_OK

    def watched(self):
        return [w for w in self.writes if w.table in WATCHED]


def test_the_watch_sees_writes_from_outside_the_store(app, commune, monkeypatch):
    """A write through sqlite-utils or raw SQL is caught; one through db.sync is the store's."""
    watch = WriteWatch(monkeypatch)
    database = connect(app.config["DATABASE"])
    try:
        row = _village(database, commune)
        database["villages"].update(row["id"], {"name": "Khác"})
        database.execute("delete from history where row_id = ?", [row["id"]])
        database.sync._execute("delete from sync_log where row_id = ?", [row["id"]])
        database.sync.update("villages", {"kind": "ban"}, id=row["id"])
    finally:
        database.close()
    outside = {(w.action, w.table) for w in watch.watched() if not w.by_store}
    assert outside == {("update", "villages"), ("delete", "history"), ("delete", "sync_log")}
    assert {w.table for w in watch.watched() if w.by_store} == {"villages", "history",
                                                                "sync_log"}


def test_only_the_engine_store_writes_synced_tables_their_history_and_the_log(
        app, db, monkeypatch):
    """Forms of every kind through the test client: every watched write is the engine store's."""
    mi_hang = db.execute("select id from villages where name = 'Mí Háng'").fetchone()[0]
    watch = WriteWatch(monkeypatch)
    officer = new_client(app, username="canbo")
    me = db.execute("select id from users where username = 'canbo'").fetchone()[0]

    def sent(client, url, data=None):
        response = client.post_form(url, {"form_key": uuid.uuid4().hex, **(data or {})})
        assert response.status_code == 302, url
        return response.headers["Location"]

    home = sent(officer, f"/villages/{mi_hang}/households/new", {
        "full_name": "Giàng A Páo", "gender": "male", "birth_year": "1980",
        "ethnicity": "mong", "language": "hnj", "bhxh_status": "none", "vssid": "unknown"})
    home_id = home.rsplit("/", 1)[1]
    sent(officer, f"/households/{home_id}/people/new", {
        "full_name": "Sùng Thị Mỷ", "gender": "female", "birth_year": "1984",
        "relation": "spouse", "bhxh_status": "none", "vssid": "unknown"})
    my = db.execute("select id from people where full_name = 'Sùng Thị Mỷ'"
                    " and household_id = ?", [home_id]).fetchone()[0]
    sent(officer, f"/people/{my}", {
        "full_name": "Sùng Thị Mỷ", "gender": "female", "birth_year": "1985",
        "relation": "spouse", "bhxh_status": "none", "vssid": "installed"})
    sent(officer, f"/households/{home_id}/visits/new", {
        "visited_at": "2026-11-20T09:30", "language": "hnj", "topics": ["vssid"],
        "present": [my], f"outcome_{my.replace('-', '')}": ["vssid_installed"]})
    visit_id = db.execute("select id from visits where household_id = ?",
                          [home_id]).fetchone()[0]
    sent(officer, f"/visits/{visit_id}", {"topics": ["vssid", "household_bhyt"],
                                          "notes": "Đã gọi lại", "follow_up_on": ""})
    sent(officer, f"/sessions/new?village={mi_hang}", {
        "held_at": "2026-11-21T14:00", "place": "Nhà văn hóa bản", "format": "small_group",
        "target_group": "voluntary", "topics": ["vssid"], "languages": ["hnj"],
        "facilitators": [me], "attendees_total": "2", "attendees_female": "1",
        "attendees_male": "1", "eth_mong": "2", "roster": [my]})
    session_id = db.execute("select session_id from session_attendees where person_id = ?",
                            [my]).fetchone()[0]
    sent(officer, f"/sessions/{session_id}/outcomes", {f"outcome_{my}": ["household_bhyt"]})
    sent(officer, f"/visits/{visit_id}/remove", {"reason": "Nhập nhầm"})
    sent(officer, f"/visits/{visit_id}/restore")
    sent(officer, f"/households/{home_id}/remove", {"reason": "Nhập hai lần"})
    sent(officer, f"/households/{home_id}/restore")
    admin = new_client(app, username="quantri")
    sent(admin, "/translations/hnj/string", {"msgid": "Log out", "msgstr": "Tawm mus",
                                             "reviewed": "y"})
    officer.logout()

    assert [w for w in watch.watched() if not w.by_store] == []
    assert {w.table for w in watch.watched()} == {
        "households", "people", "visits", "visit_outcomes", "group_sessions",
        "session_attendees", "translation_reviews", "history", "sync_log"}
    triggered = {(w.table, w.trigger) for w in watch.writes if w.trigger}
    assert {table for table, _ in triggered} >= {"reach", "reach_months", "people_fts"}
    # The reach counts and the search index follow the store's writes, and write nothing a
    # sync carries.
    assert not {table for table, _ in triggered} & WATCHED
    assert all(w.by_store for w in watch.writes if w.trigger)


def test_outside_the_store_only_migration_steps_write_synced_tables(tmp_path, monkeypatch):
    """Upgrading an empty database writes watched tables from migration steps or the store only."""
    # Released steps seed lists, scripts and policy figures before any store exists, and are
    # frozen: they stay the one other writer, and only on the way to the current schema.
    watch = WriteWatch(monkeypatch)
    database = connect(tmp_path / "empty.sqlite3")
    try:
        upgrade(database)
    finally:
        database.close()
    assert [w for w in watch.watched() if not (w.by_store or w.by_step)] == []
    assert any(w.by_step and not w.by_store for w in watch.watched())
