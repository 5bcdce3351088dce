"""fieldapp.store, the one writer of synced tables, and a scan that keeps it the only one."""

import re
import time
import uuid

import pytest

from fieldapp import store
from sync.synced_tables import SYNC_COLUMNS, SYNCED_TABLES

from helpers import ROOT, demo_ids


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


# ---- Nothing but the store writes a synced table -------------------------------------------

_TABLES = "|".join(re.escape(t) for t in SYNCED_TABLES)
_WRITE_METHODS = (r"(?:insert|insert_all|update|upsert|upsert_all|delete|delete_where"
                  r"|drop|transform|add_column)")
_SQL_TABLE = rf"""[\[`"']?(?:(?:{_TABLES})\b|\{{[^}}]*\}})"""
_OFFENCES = [
    # db["villages"].insert(...), database.table("users").update(...)
    re.compile(rf"""(?:\[|\.table\()\s*["'](?:{_TABLES})["']\s*[\])]\s*\.\s*{_WRITE_METHODS}\b"""),
    # db[table].update(...): a table chosen at run time could be any of them.
    re.compile(
        rf"""\b\w*(?:db|database|conn)\s*\[\s*(?!["'])[^\]]+\]\s*\.\s*{_WRITE_METHODS}\b"""),
    # SQL text, including f-strings naming the table at run time.
    re.compile(rf"\b(?:insert|replace)\s+(?:or\s+\w+\s+)?into\s+{_SQL_TABLE}", re.I),
    re.compile(rf"\bupdate\s+(?:or\s+\w+\s+)?{_SQL_TABLE}", re.I),
    re.compile(rf"\bdelete\s+from\s+{_SQL_TABLE}", re.I),
    # The sync engine's store: store.update("villages", ...), store.insert(table, ...); the
    # app's store module takes the database first (store.insert(db, "villages", ...)).
    re.compile(rf"""\b(?:store|sync)\s*\.\s*(?:insert|update|delete)\(\s*"""
               rf"""(?!db\b|database\b|get_db\(|["'](?!(?:{_TABLES})["']))"""),
]


def offending_lines(source):
    """Lines of Python source that write a synced table without the store."""
    return [line.strip() for line in source.splitlines()
            if any(p.search(line) for p in _OFFENCES)]


def _scanned_files():
    files = [p for folder in ("fieldapp", "forms", "sync") for p in (ROOT / folder).rglob("*.py")]
    # The store writes what users do; sync/merge.py writes what arrives from other devices, and
    # sync/enrolment.py re-homes what a laptop made before it was enrolled; both through the
    # sync store, whose SQLite implementation carries out the writes they ask for;
    # sync/handover.py drops the records of a commune a laptop's office handed over, and
    # sync/lineage.py takes the offices' communes as a restored central server holds them.
    # Migration steps seed rows before any store exists.
    allowed = {ROOT / "fieldapp" / "store.py", ROOT / "sync" / "merge.py",
               ROOT / "sync" / "enrolment.py", ROOT / "sync" / "handover.py",
               ROOT / "sync" / "lineage.py",
               ROOT / "sync" / "sqlite" / "store.py"}
    steps = ROOT / "fieldapp" / "migrations"
    return sorted(p for p in files if p not in allowed and steps not in p.parents)


@pytest.mark.parametrize("line", [
    'db["villages"].insert({"name": "x"})',
    "database['users'].update(user_id, {'active': 0})",
    'db[ "offices" ] . upsert(row, pk="id")',
    'db["office_communes"].delete_where("office_id = ?", [oid])',
    'get_db().table("villages").insert(row)',
    "db[table].update(row_id, changes)",
    "g.db[name].insert_all(rows)",
    'db.execute("insert into villages (id, name) values (?, ?)", [i, n])',
    'db.execute("INSERT OR REPLACE INTO [users] (id) VALUES (?)", [i])',
    "db.execute('update users set active = 0 where id = ?', [i])",
    'db.execute("UPDATE  offices SET name = ?", [n])',
    'db.execute("delete from offices where id = ?", [i])',
    'db.execute(f"delete from [{table}] where id = ?", [i])',
    'sql = "replace into office_communes values (?)"',
    'store.update("villages", {"name": n}, id=i)',
    "store.insert(table, [row])",
    'db.sync.delete( "users", id=old)',
    "self.store.update(table, values, id=row_id)",
])
def test_the_scan_catches_writes_that_bypass_the_store(line):
    assert offending_lines(f"def f(db):\n    {line}\n") == [line]


@pytest.mark.parametrize("line", [
    'store.insert(db, "villages", values, user_id=uid)',
    'store.update(db, "users", uid, {"active": 0}, user_id=me)',
    'db["provinces"].upsert_all(provinces, pk="code")',
    'db.execute("insert into login_failures (username) values (?)", [u])',
    'db.execute("delete from login_failures where username = ?", [u])',
    "select * from villages where commune_code = ?",
    "def update_user(db, target_id, *, full_name, role, office_id, user_id):",
    'row.update(created_at=stamp, updated_at=stamp)',
    'store.update("sync_inbox", {"reason": why}, table_name=t, row_id=i)',
    'store.insert("devices", [device])',
    'store.delete(db, "households", household_id, user_id=uid)',
])
def test_the_scan_lets_reads_and_local_tables_through(line):
    assert offending_lines(f"def f(db):\n    {line}\n") == []


def test_only_the_store_writes_synced_tables():
    """No module other than store.py (and the migrations) writes a synced table directly."""
    files = _scanned_files()
    assert ROOT / "fieldapp" / "auth" / "views.py" in files
    found = {str(p.relative_to(ROOT)): offending_lines(p.read_text(encoding="utf-8"))
             for p in files}
    assert {path: lines for path, lines in found.items() if lines} == {}
