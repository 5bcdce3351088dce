"""The laptop database's key: 32 random bytes, never stored in clear, wrapped in
instance/keys.json by each local user's password and by the office's recovery code.

Each wrapping is a *slot*: scrypt turns the password (or the code) and the slot's salt into a
key-encryption key, and AES-GCM seals the database key with it; GCM's tag proves the password
on unwrapping, so a wrong one is told apart without touching the database. The file says which
usernames have a slot (a login is matched to its slot before the database can be read), and
nothing else a thief could use: no password hash, no personal number.

The app starts locked (no key in `app.extensions["database_key"]`); the first login with a
slot opens it for the process, and every later login adds or renews that user's slot.
"""

import base64
import hashlib
import json
import os
import secrets
import sqlite3
import sys
import threading
import time
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KEYS_FILE = "keys.json"
BACKUPS_FOLDER = "backups"
KEY_BYTES = 32
SCRYPT_R, SCRYPT_P = 8, 1
# Letters read aloud without doubt (no B/D/G/T/V that rhyme with others) and not taken for
# digits (no I/O/Q/S/Z): 16 letters, 24 of them, 96 bits.
RECOVERY_LETTERS = "ACEFHJKLMNPRUWXY"
RECOVERY_GROUPS, RECOVERY_GROUP_SIZE = 6, 4
RECOVERY = "recovery"


_changing = threading.Lock()


class AlreadyEncrypted(Exception):
    """The database already has a key (keys.json exists, or the central server's file is
    encrypted)."""


class ConversionFailed(Exception):
    """The encrypted copy did not match the plain database; nothing was replaced."""


def key_of(app):
    """The database key the process holds, or None."""
    from .db import key_of as key
    return key(app)


def slots_of(app):
    """The key slots of the app's instance (keys.json)."""
    return Slots(Path(app.instance_path) / KEYS_FILE)


def slots_in(instance_path):
    """The key slots of an instance folder, from outside a request (a sync's thread)."""
    return Slots(Path(instance_path) / KEYS_FILE)


def encrypted_laptop(app):
    """A laptop whose database is encrypted: its keys.json exists."""
    return not app.config.get("CENTRAL") and slots_of(app).exists()


def locked(app):
    """The laptop's database is encrypted and no login has opened it since the app started."""
    return key_of(app) is None and encrypted_laptop(app)


def new_recovery_code():
    """24 letters in 6 groups of 4, to be read aloud and kept on paper by the office."""
    letters = [secrets.choice(RECOVERY_LETTERS)
               for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_SIZE)]
    return "-".join("".join(letters[i:i + RECOVERY_GROUP_SIZE])
                    for i in range(0, len(letters), RECOVERY_GROUP_SIZE))


def normalise_recovery_code(text):
    """The code as typed (any case, spaces or dashes between the groups) as it was wrapped."""
    letters = "".join(c for c in str(text or "").upper() if c.isalpha())
    return "-".join(letters[i:i + RECOVERY_GROUP_SIZE]
                    for i in range(0, len(letters), RECOVERY_GROUP_SIZE))


def credential_digest(password_hash):
    """Which password hash a slot was made for, telling nothing of it (the hash's salt stays in
    the encrypted database): a hash changed by sync makes the slot stale."""
    return hashlib.sha256((password_hash or "").encode()).hexdigest()[:16]


def _b64(data):
    return base64.b64encode(data).decode()


def _unb64(text):
    return base64.b64decode(text.encode())


def _kek(secret, salt, n, r=SCRYPT_R, p=SCRYPT_P):
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret.encode())


def wrap(key, secret, label, n):
    """A slot: `key` sealed by a key derived from `secret`; `label` (whose slot) is bound in."""
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_kek(secret, salt, n)).encrypt(nonce, key, label.encode())
    return {"kdf": "scrypt", "salt": _b64(salt), "n": n, "r": SCRYPT_R, "p": SCRYPT_P,
            "cipher": "AES-256-GCM", "nonce": _b64(nonce), "wrapped_key": _b64(sealed)}


def unwrap(slot, secret, label):
    """The key a slot holds, or None when `secret` is not the one it was wrapped with."""
    kek = _kek(secret, _unb64(slot["salt"]), slot["n"], slot["r"], slot["p"])
    try:
        return AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped_key"]),
                                   label.encode())
    except InvalidTag:
        return None


class Slots:
    """instance/keys.json: {"recovery": slot, "users": {user id: slot + username, digest}}."""

    def __init__(self, path):
        self.path = Path(path)
        self.pending = self.path.with_name(self.path.name + ".new")

    def exists(self):
        self._finish_interrupted()
        return self.path.exists()

    def _finish_interrupted(self):
        # A conversion writes the new slots aside, replaces the database, then moves them in:
        # stopped between the two, the database is already encrypted by the key they hold.
        if self.pending.exists() and not self.path.exists():
            os.replace(self.pending, self.path)

    def read(self):
        self._finish_interrupted()
        return json.loads(self.path.read_text())

    def write(self, data, path=None):
        """Replace the file whole (a crash leaves the old one or the new one), mode 0600."""
        path = Path(path or self.path)
        partial = path.with_name(path.name + f".{os.getpid()}.partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(data, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, path)

    def create(self, key, recovery_code, n, path=None):
        self.write({"version": 1, RECOVERY: wrap(key, normalise_recovery_code(recovery_code),
                                                 RECOVERY, n), "users": {}}, path)

    def user_slot(self, username):
        """(user id, slot) of the username's slot, or None."""
        from .accounts import normalise_username
        username = normalise_username(username)
        for user_id, slot in self.read()["users"].items():
            if slot["username"] == username:
                return user_id, slot
        return None

    def open_with_password(self, username, password):
        """The database key if the username has a slot and the password opens it, else None."""
        found = self.user_slot(username)
        return unwrap(found[1], password, found[0]) if found else None

    def open_with_recovery_code(self, code):
        return unwrap(self.read()[RECOVERY], normalise_recovery_code(code), RECOVERY)

    def needs_slot(self, user):
        """The user has no slot, or one made for another password hash than theirs now."""
        slot = self.read()["users"].get(user["id"])
        return slot is None or slot["digest"] != credential_digest(user["password_hash"])

    def add(self, key, user, password, n):
        """Wrap the key by the user's password (a new slot, or one replacing theirs)."""
        slot = wrap(key, password, user["id"], n)
        slot.update(username=user["username"], digest=credential_digest(user["password_hash"]))
        # Two logins at once: each adds its slot to what the other wrote.
        with _changing:
            data = self.read()
            data["users"][user["id"]] = slot
            self.write(data)

    def remove(self, user_ids):
        with _changing:
            data = self.read()
            for user_id in user_ids:
                data["users"].pop(user_id, None)
            self.write(data)


def forget_missing(db, slots):
    """Drop the slots of users removed, disabled or whose password hash changed (by sync, or
    on the central server): their old password must no longer open this laptop. Returns the
    user ids whose slot went."""
    if not slots.exists():
        return []
    held = slots.read()["users"]
    if not held:
        return []
    marks = ",".join("?" * len(held))
    current = {row["id"]: row for row in db.query(
        f"select id, password_hash from users where id in ({marks}) and active = 1 "
        f"and deleted_at is null", list(held))}
    stale = [user_id for user_id, slot in held.items()
             if user_id not in current
             or slot["digest"] != credential_digest(current[user_id]["password_hash"])]
    if stale:
        slots.remove(stale)
    return stale


def remember_password(app, user, password):
    """After a right login on an encrypted laptop: give the user a slot, or renew a stale one."""
    slots = slots_of(app)
    key = key_of(app)
    if app.config.get("CENTRAL") or key is None or not slots.exists():
        return False
    if not slots.needs_slot(user):
        return False
    slots.add(key, user, password, app.config["KEY_SLOT_SCRYPT_N"])
    return True


def migrate(db):
    """Apply pending migrations, which a locked laptop could not apply at start."""
    from .db import migration_sets, upgrade
    if any(steps.pending(db) for steps in migration_sets()):
        upgrade(db)


def open_laptop(app, key, db):
    """Hold the key for the process (the laptop is open until it stops); stale slots go."""
    app.extensions["database_key"] = key
    forget_missing(db, slots_of(app))


def lock(app):
    """Forget the key: every page asks for a login with a slot (or the recovery code) again."""
    app.extensions.pop("database_key", None)


def should_encrypt(app):
    """An install set to be encrypted whose database is not yet: a laptop without keys.json,
    or a central server given a DATABASE_KEY whose file is still plain."""
    from .db import is_encrypted
    if app.config.get("CENTRAL"):
        path = Path(app.config["DATABASE"])
        return bool(app.config.get("DATABASE_KEY")) and path.exists() and bool(
            path.stat().st_size) and not is_encrypted(path)
    return bool(app.config.get("ENCRYPTED")) and not slots_of(app).exists()


def recovery_code_lines(code):
    """What to print once, when a laptop's database is first encrypted."""
    return ["recovery code of this laptop (shown once: write it on paper and keep it at the "
            "office; it opens the laptop when no one who has logged in on it is there):",
            f"    {code}"]


def encrypt(app):
    """Encrypt the app's database and return (recovery code or None, plain backup or None).

    A laptop gets a new random key wrapped by a new recovery code; a central server uses its
    DATABASE_KEY and gets no code. An existing plain database is first copied (0600) into
    instance/backups/, then exported into an encrypted file with sqlcipher_export, checked
    (integrity, and every table's row count), and only then put in its place."""
    from .db import is_encrypted
    central = bool(app.config.get("CENTRAL"))
    path = Path(app.config["DATABASE"])
    if central:
        key = app.config.get("DATABASE_KEY")
        if not key:
            raise ValueError("set FIELDAPP_DATABASE_KEY (64 hex digits) to encrypt the central "
                             "server's database")
        key = bytes.fromhex(str(key).strip())
        if is_encrypted(path):
            raise AlreadyEncrypted(str(path))
    else:
        if slots_of(app).exists():
            raise AlreadyEncrypted(str(path))
        key = os.urandom(KEY_BYTES)
    code = None if central else new_recovery_code()
    slots = slots_of(app)
    backup = None
    if path.exists() and path.stat().st_size:
        backup = _backup_plain(path, Path(app.instance_path) / BACKUPS_FOLDER)
        encrypted = _export_encrypted(path, key)
        if not central:
            slots.create(key, code, app.config["KEY_SLOT_SCRYPT_N"], path=slots.pending)
        for suffix in ("-wal", "-shm"):
            # The plain file's (empty after its checkpoint): never to be read as the new one's.
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(encrypted, path)
        if not central:
            os.replace(slots.pending, slots.path)
    elif not central:
        slots.create(key, code, app.config["KEY_SLOT_SCRYPT_N"])
    if not central:
        app.extensions["database_key"] = key
    return code, backup


def _backup_plain(path, folder):
    """A plain copy of the database through SQLite's online backup, 0600 in a 0700 folder."""
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"plain-before-encryption-{time.strftime('%Y%m%d-%H%M%S')}.sqlite3"
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    source, copy = sqlite3.connect(path), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def table_counts(conn):
    """{table: rows} for every table of a connection's main database."""
    names = [r[0] for r in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
        "order by name")]
    return {name: conn.execute(f'select count(*) from "{name}"').fetchone()[0]
            for name in names}


def _export_encrypted(path, key):
    """The database exported into `<path>.encrypting`, checked; ConversionFailed if not right."""
    from sqlcipher3 import dbapi2 as sqlcipher

    from .db import CIPHER_PAGE_SIZE, connect, key_pragma
    target = Path(f"{path}.encrypting")
    target.unlink(missing_ok=True)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    plain = sqlcipher.connect(str(path), isolation_level=None)
    try:
        # Writers wait until the copy is made; the write-ahead log is folded in first.
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute("BEGIN IMMEDIATE")
        expected = table_counts(plain)
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY {key_pragma(key)}", [str(target)])
        plain.execute(f"PRAGMA encrypted.cipher_page_size = {CIPHER_PAGE_SIZE}")
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("COMMIT")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    check = connect(target, key=key)
    try:
        integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
        found = table_counts(check.conn)
        # WAL, as the plain file was: stays set in the file.
        check.enable_wal()
    finally:
        check.close()
    if integrity != "ok" or found != expected:
        target.unlink(missing_ok=True)
        raise ConversionFailed(f"the encrypted copy differs (integrity: {integrity}); "
                               f"{path} was left as it was")
    Path(f"{target}-wal").unlink(missing_ok=True)
    Path(f"{target}-shm").unlink(missing_ok=True)
    return target


def unlock_from_terminal(app):
    """A command run on a locked laptop: ask for a login (or the recovery code) and open it."""
    import click

    from .accounts import Inactive, Throttled, authenticate
    from .db import connect
    slots = slots_of(app)
    if not sys.stdin.isatty() and not os.environ.get("FIELDAPP_UNLOCK_PROMPT"):
        raise click.ClickException(
            "this laptop's database is encrypted: run the command in a terminal, to log in")
    click.echo("This laptop's database is encrypted. Log in to open it "
               "(or leave the username empty to type the office's recovery code).", err=True)
    username = click.prompt("Username", default="", show_default=False, err=True)
    if not username:
        key = slots.open_with_recovery_code(click.prompt("Recovery code", err=True))
        if key is None:
            raise click.ClickException("that recovery code does not open this laptop")
    else:
        password = click.prompt("Password", hide_input=True, err=True)
        key = slots.open_with_password(username, password)
        if key is not None:
            db = connect(app.config["DATABASE"], key=key)
            try:
                if authenticate(db, username, password) is None:
                    key = None
            except (Inactive, Throttled):
                key = None
            finally:
                db.close()
        if key is None:
            raise click.ClickException("wrong username or password, or no login on this laptop "
                                       "yet: use another account, or the recovery code")
    db = connect(app.config["DATABASE"], key=key)
    try:
        migrate(db)
        open_laptop(app, key, db)
    finally:
        db.close()
    return key
