"""Backups that restore: copies of the live database taken through SQLite's online backup API,
checked, described in a sidecar, rotated; and a restore that refuses what does not belong here.

A backup is `<instance>/backups/fieldapp-<UTC stamp>-<reason>.sqlite3` (mode 0600, its folder
0700) with `.json` beside it: office, device, app version, migrations, reason, time. It is
opened with the app's key (`db.key_of`), so it is encrypted when the database is. It is made
`daily` (the first request of a UTC day), `before-upgrade` (db.upgrade, migrations pending),
`before-restore`, or by hand (`manual`, or `usb` to a folder given). The newest BACKUPS_KEPT
automatic ones are kept; backups made by hand stay until deleted.

`restore` runs from the command line with the app stopped (see docs/backups.md): the app opens
a connection per request, and one opened on the old file just before the swap would write there.
"""

import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app, has_app_context

from sync import clock, erasure, pages
from sync.sqlite.store import pages_folder_of

from . import __version__
from .db import connect, key_of, migration_sets

FOLDER = "backups"
AUTOMATIC = ("daily", "before-upgrade", "before-restore")
BY_HAND = ("manual", "usb")
# How long a restore waits for the app's last request to let go of the database.
SETTLE_WAIT_MS = 1000
NAME = re.compile(r"^fieldapp-(\d{8}T\d{9}Z)-([a-z-]+)\.sqlite3$")
# Where removable drives are mounted on the laptops (Debian, Ubuntu): /media/USER/LABEL and
# /run/media/USER/LABEL.
DRIVE_PATTERNS = ("/media/*/*", "/run/media/*/*")


class Refused(Exception):
    """A backup or a restore that was not made; the message says why, and nothing changed."""


@dataclass
class Backup:
    path: Path
    reason: str
    created_at: str
    size: int
    facts: dict


def folder_of(app):
    """The instance's own backups folder."""
    return Path(app.instance_path) / FOLDER


def back_up(app, folder=None, reason="manual"):
    """A checked copy of the app's database in `folder` (the instance's backups by default);
    the automatic ones beyond BACKUPS_KEPT are then removed. Returns the Backup."""
    made = back_up_file(app.config["DATABASE"], folder or folder_of(app), reason, key_of(app))
    if reason in AUTOMATIC:
        rotate(folder or folder_of(app), app.config["BACKUPS_KEPT"])
    return made


def back_up_file(database, folder, reason, key=None):
    """Copy the database file at `database` into `folder` through the online backup API, while
    others write; check the copy and describe it in its sidecar."""
    folder = Path(folder)
    _private_folder(folder)
    path = _new_file(folder, reason)
    try:
        source = connect(database, key=key)
        try:
            copy = connect(path, key=key)
            try:
                # One step: the copy is the database as one transaction left it, whatever is
                # written meanwhile (a stepped copy restarts at every write).
                source.conn.backup(copy.conn)
                # One self-contained file, readable from a read-only drive.
                copy.execute("PRAGMA journal_mode = DELETE")
                _check(copy)
                facts = database_facts(copy)
            finally:
                copy.close()
        finally:
            source.close()
        _fsync(path)
    except BaseException:
        for leftover in (path, Path(f"{path}-journal"), Path(f"{path}-wal")):
            leftover.unlink(missing_ok=True)
        raise
    created_at = clock.stamp()
    sidecar = {"reason": reason, "created_at": created_at, "app_version": __version__, **facts}
    _write_private(path.with_suffix(".json"), json.dumps(sidecar, indent=1, ensure_ascii=False))
    _fsync_folder(folder)
    return Backup(path, reason, created_at, path.stat().st_size, facts)


def database_facts(db):
    """Whose database this is: office, device, whether central, and its migrations."""
    state = {}
    if db["sync_state"].exists():
        state = dict(db.execute("select key, value from sync_state where key in"
                                " ('device_id', 'enrolled_office')").fetchall())
    migrations = []
    if db["_sqlite_migrations"].exists():
        migrations = [f"{s}/{n}" for s, n in db.execute(
            "select migration_set, name from _sqlite_migrations order by rowid")]
    offices = db.value("select count(*) from offices") if db["offices"].exists() else 0
    return {"office_id": state.get("enrolled_office"), "device_id": state.get("device_id"),
            "central": state.get("device_id") == "central", "offices": offices,
            "migrations": migrations}


def backups(folder):
    """The backups in a folder, newest first."""
    found = []
    for path in Path(folder).glob("fieldapp-*.sqlite3"):
        match = NAME.match(path.name)
        if not match:
            continue
        try:
            sidecar = json.loads(path.with_suffix(".json").read_text())
        except (OSError, ValueError):
            sidecar = {}
        made = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S%fZ").replace(tzinfo=timezone.utc)
        found.append(Backup(path, match.group(2), sidecar.get("created_at") or clock.stamp(made),
                            path.stat().st_size, sidecar))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def erase_in_backups(app, erased):
    """Erase the records [(table, row id)] in every backup in the instance's folder, so that
    no copy kept here holds numbers erased since it was made (decree 13/2023/NĐ-CP). Copies
    carried away (a USB drive) are out of reach: docs/backups.md says so."""
    key = key_of(app)
    for path in sorted(folder_of(app).glob("*.sqlite3")):
        with path.open("rb") as f:
            plain = f.read(16) == b"SQLite format 3\x00"
        if not plain and key is None:
            continue  # an encrypted copy on a laptop not yet opened: erased at the next one
        copy = connect(path, key=None if plain else key)
        try:
            with copy.atomic():
                erasure.erase_copy(copy.sync, erased)
            copy.sync.checkpoint()
        finally:
            copy.close()


def _erase_in_this_apps_backups(erased):
    if has_app_context():
        erase_in_backups(current_app, erased)


erasure.SETTLED.append(_erase_in_this_apps_backups)


def rotate(folder, kept):
    """Remove the automatic backups beyond the newest `kept`; those made by hand stay."""
    automatic = [b for b in backups(folder) if b.reason in AUTOMATIC]
    for old in automatic[kept:]:
        old.path.unlink(missing_ok=True)
        old.path.with_suffix(".json").unlink(missing_ok=True)


def daily(app):
    """The day's backup, if no process of this install has made it yet: a marker file made
    with O_EXCL names the one that does. Returns the Backup, or None."""
    folder = folder_of(app)
    _private_folder(folder)
    day = clock.utcnow().strftime("%Y%m%d")
    marker = folder / f".daily-{day}"
    try:
        os.close(os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return None
    try:
        made = back_up(app, reason="daily")
    except BaseException:
        marker.unlink(missing_ok=True)  # another request tries again
        raise
    for old in folder.glob(".daily-*"):
        if old != marker:
            old.unlink(missing_ok=True)
    return made


def before_upgrade(db, pending):
    """db.upgrade's backup of a database that holds data, before its pending migrations, beside
    the database; with the app's key and BACKUPS_KEPT when there is an app."""
    from flask import current_app, has_app_context
    if not pending or not db["_sqlite_migrations"].exists():
        return None  # a new database: nothing to lose
    key, kept = None, 14
    if has_app_context():
        key, kept = key_of(current_app), current_app.config.get("BACKUPS_KEPT", kept)
    path = Path(db.execute("PRAGMA database_list").fetchone()[2])
    # An upgrade goes ahead only with its backup made: a failure here stops it.
    made = back_up_file(path, path.parent / FOLDER, "before-upgrade", key)
    rotate(path.parent / FOLDER, kept)
    return made


@dataclass
class Restored:
    kept: Path  # the database as it was before, as a backup
    notes: list  # what the user should know, in words


def restore(app, path):
    """Put the backup at `path` in place of the app's database, with the app stopped: check it
    first (a fieldapp database, whole, of this office, of migrations this app knows), back up
    the current database, then swap the files. Raises Refused with nothing replaced."""
    source = Path(path)
    if not source.is_file():
        raise Refused(f"{source} is not a file")
    database = Path(app.config["DATABASE"])
    key = key_of(app)
    temp = database.with_name(f".restoring-{os.getpid()}-{database.name}")
    try:
        _copy_private(source, temp)
        notes = _checked(app, temp, key)
        _settle(database, key)  # in use: refused before anything is written
        kept = _keep_current(app, database, key)
        _swap(database, temp, key)
        # A central server's pages of the log it replaced would be served for the other
        # changes the restored database logs at the same seqs.
        pages.clear_shared(pages_folder_of(str(database)))
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm"),
                         Path(f"{temp}-journal")):
            leftover.unlink(missing_ok=True)
    return Restored(kept, notes)


def _checked(app, candidate, key):
    """Refuse a candidate that is not a whole fieldapp database of this install's office;
    the notes to tell the user otherwise."""
    try:
        db = connect(candidate, key=key)
    except Exception as e:  # the driver's own error, or WrongKey: neither is a database here
        raise Refused(f"not a fieldapp database ({e})") from None
    try:
        try:
            facts = database_facts(db)
            result = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
        except db.conn.DatabaseError as e:
            if "malformed" in str(e):
                raise Refused(f"the backup is damaged ({e})") from None
            raise Refused(f"not a fieldapp database, or not readable with this install's key"
                          f" ({e})") from None
        if not any(m.startswith("fieldapp/") for m in facts["migrations"]):
            raise Refused("not a fieldapp database: it has no fieldapp migrations")
        if result != ["ok"]:
            raise Refused("the backup is damaged (integrity check: "
                          + "; ".join(result[:3]) + ")")
        known = {f"{steps.name}/{m.name}" for steps in migration_sets()
                 for m in steps._migrations}
        unknown = [m for m in facts["migrations"] if m not in known]
        if unknown:
            raise Refused("the backup was made by a newer fieldapp (migrations "
                          + ", ".join(unknown) + "): update this app first")
        # Back in WAL mode, as the live database runs.
        db.execute("PRAGMA journal_mode = WAL")
    finally:
        db.close()
    return _belongs(app, facts)


def _belongs(app, backup):
    """Refuse a backup of another office or kind of install; notes for a backup of another
    laptop of this office."""
    from sync import client
    if app.config["CENTRAL"] or backup["central"]:
        if not (app.config["CENTRAL"] and backup["central"]):
            raise Refused("a central server's backup restores only on a central server, and a"
                          " laptop's only on a laptop")
        return []
    device = client.load_device(app.instance_path)
    current = _current_facts(app)
    office = (device or {}).get("office_id") or (current or {}).get("office_id")
    mine = (device or {}).get("device_id") or (current or {}).get("device_id")
    if office is None and not (current or {}).get("offices"):
        return ["this install held no office: the backup's office is now this laptop's"]
    if backup["office_id"] != office:
        raise Refused(f"the backup is of another office ({backup['office_id'] or 'none'};"
                      f" this laptop's is {office or 'none'})")
    if office is None and backup["device_id"] != mine:
        raise Refused("the backup is of another laptop that was never enrolled")
    if backup["device_id"] != mine:
        return [f"the backup is of another laptop of this office, or of this one before a sync"
                f" split it ({backup['device_id']}): at its next sync this laptop is told apart"
                " and syncs as a new laptop"]
    return []


def _current_facts(app):
    try:
        db = connect(app.config["DATABASE"], key=key_of(app))
        try:
            return database_facts(db)
        finally:
            db.close()
    except Exception:
        return None  # a damaged or missing database: what restoring is for


def _keep_current(app, database, key):
    """A backup of the database about to be replaced; the file's bytes when it cannot be read
    (a damaged database is what it is). None when there is none."""
    if not database.exists():
        return None
    try:
        return back_up(app, reason="before-restore").path
    except Exception:
        folder = folder_of(app)
        _private_folder(folder)
        path = _new_file(folder, "damaged")
        for suffix in ("", "-wal"):
            if Path(f"{database}{suffix}").exists():
                _copy_private(Path(f"{database}{suffix}"), Path(f"{path}{suffix}"))
        return path


def _swap(database, restored, key):
    """Replace the database file by `restored` (in the same folder, fsynced): the old one's
    write-ahead log emptied into it first, so none is left to be replayed into the new one."""
    _settle(database, key)
    _fsync(restored)
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.replace(restored, database)
    _fsync_folder(database.parent)


def _settle(database, key):
    """Move the write-ahead log into the database file and empty it; Refused if another
    connection holds the database (the app is running)."""
    if not database.exists():
        return
    try:
        current = connect(database, key=key)
    except Exception:
        return  # a damaged database: no connection of the app's can use it either
    busy = 0
    try:
        current.execute(f"PRAGMA busy_timeout = {SETTLE_WAIT_MS}")
        busy = current.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        # In WAL mode every open connection, idle or not, keeps this lock from being taken.
        current.execute("PRAGMA locking_mode = EXCLUSIVE")
        current.execute("BEGIN EXCLUSIVE")
        current.execute("select count(*) from sqlite_master").fetchone()
        current.execute("COMMIT")
    except current.conn.OperationalError as e:
        busy = busy if "locked" not in str(e) and "busy" not in str(e) else 1
    except Exception:
        busy = 0  # damaged beyond a checkpoint: kept as its bytes, then replaced
    finally:
        current.close()
    wal = Path(f"{database}-wal")
    if busy or (wal.exists() and wal.stat().st_size):
        raise Refused("the database is in use: stop fieldapp (and its sync), then restore")


def usb_folders():
    """Writable folders of mounted removable drives, for "Back up to a USB drive"."""
    import glob
    return [p for pattern in DRIVE_PATTERNS for p in sorted(glob.glob(pattern))
            if os.path.isdir(p) and os.access(p, os.W_OK)]


def _new_file(folder, reason):
    """A new empty file for a backup, 0600, named by the time to the millisecond."""
    while True:
        now = clock.utcnow()
        name = f"fieldapp-{now:%Y%m%dT%H%M%S}{now.microsecond // 1000:03d}Z-{reason}.sqlite3"
        try:
            os.close(os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            return folder / name
        except FileExistsError:
            time.sleep(0.001)


def _private_folder(folder):
    folder.mkdir(parents=True, exist_ok=True)
    try:
        folder.chmod(0o700)
    except OSError:
        pass  # a drive without Unix modes (FAT, exFAT)


def _write_private(path, text):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())


def _copy_private(source, target):
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, open(source, "rb") as f:
        shutil.copyfileobj(f, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


def _check(copy):
    result = [r[0] for r in copy.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        raise Refused("the copy failed its integrity check: " + "; ".join(result[:3]))


def _fsync(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder):
    try:
        _fsync(folder)
    except OSError:
        pass  # not every file system syncs a folder
